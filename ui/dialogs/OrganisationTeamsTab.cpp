#include "dialogs/OrganisationTeamsTab.h"

#include "dialogs/MessageLabel.h"
#include "domain/Names.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationTeamsTab::OrganisationTeamsTab(Session& session, QWidget* parent) : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("teamsTab"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("teamsList"));
    m_list->setAccessibleName(tr("Teams"));
    m_name = lineEdit("teamNameEdit", tr("New team name"), tr("letters, digits, '.', '_', '-'"));
    m_add = button("addTeamButton", tr("&Add Team"), tr("Add team"));
    message()->setObjectName(QStringLiteral("teamsMessage"));
    connect(m_add, &QPushButton::clicked, this, &OrganisationTeamsTab::add);
    connect(m_name, &QLineEdit::returnPressed, this, &OrganisationTeamsTab::add);

    auto* form = new QFormLayout;
    auto* label = new QLabel(tr("&Name:"), this);
    label->setBuddy(m_name);
    form->addRow(label, m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationTeamsTab::reload()
{
    call([](Backend& b) { return b.teams(); },
         [this](Result<QList<Team>> teams) {
             if (!teams) {
                 message()->showError(tr("Could not list the teams: %1").arg(teams.errorMessage()));
                 return;
             }
             m_list->clear();
             for (const Team& t : *teams)
                 m_list->addItem(t.name);
         });
}

void OrganisationTeamsTab::add()
{
    const QString name = m_name->text().trimmed();
    if (auto s = names::validateTeamOrProject(tr("Team"), name); !s) {
        message()->showError(s.errorMessage());
        m_name->setFocus();
        return;
    }
    m_add->setEnabled(false);
    call([name](Backend& b) { return b.createTeam(name); },
         [this](Result<Team> team) {
             m_add->setEnabled(true);
             if (!team) {
                 message()->showError(tr("The team was not added: %1").arg(team.errorMessage()));
                 return;
             }
             message()->showInfo(tr("Added team %1.").arg(team->name));
             m_name->clear();
             emit changed(tr("team %1").arg(team->name));
             reload();
         });
}

} // namespace kw::ui
