#include "dialogs/OrganisationProjectsTab.h"

#include "dialogs/MessageLabel.h"
#include "domain/Names.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationProjectsTab::OrganisationProjectsTab(Session& session, QWidget* parent) : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("projectsTab"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("projectsList"));
    m_list->setAccessibleName(tr("Projects"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Project"), tr("Team"), tr("Key prefix")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_name = lineEdit("projectNameEdit", tr("New project name"), tr("letters, digits, '.', '_', '-'"));
    m_team = new QComboBox(this);
    m_team->setObjectName(QStringLiteral("projectTeamCombo"));
    m_team->setAccessibleName(tr("Team of the new project"));
    m_team->setEditable(true);
    m_team->setToolTip(tr("An existing team, a new one (created with the project), or empty for none"));
    m_prefix = lineEdit("projectPrefixEdit", tr("Key prefix"), tr("kw (keys then start kw_<environment>_)"));
    m_add = button("addProjectButton", tr("&Add Project"), tr("Add project"));
    message()->setObjectName(QStringLiteral("projectsMessage"));
    connect(m_add, &QPushButton::clicked, this, &OrganisationProjectsTab::add);

    auto* form = new QFormLayout;
    const auto row = [&](const QString& text, QWidget* field) {
        auto* l = new QLabel(text, this);
        l->setBuddy(field);
        form->addRow(l, field);
    };
    row(tr("&Name:"), m_name);
    row(tr("&Team:"), m_team);
    row(tr("Key &prefix:"), m_prefix);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationProjectsTab::reload()
{
    call([](Backend& b) { return b.projects(); },
         [this](Result<QList<Project>> projects) {
             if (!projects) {
                 message()->showError(tr("Could not list the projects: %1").arg(projects.errorMessage()));
                 return;
             }
             m_list->clear();
             for (const Project& p : *projects)
                 new QTreeWidgetItem(m_list, {p.name, p.team, p.keyPrefix});
         });
    call([](Backend& b) { return b.teams(); },
         [this](Result<QList<Team>> teams) {
             if (!teams)
                 return; // the teams tab says why
             const QString typed = m_team->currentText();
             m_team->clear();
             m_team->addItem(QString());
             for (const Team& t : *teams)
                 m_team->addItem(t.name);
             m_team->setCurrentText(typed);
         });
}

void OrganisationProjectsTab::add()
{
    ProjectSpec spec;
    spec.name = m_name->text().trimmed();
    spec.team = m_team->currentText().trimmed();
    spec.keyPrefix = m_prefix->text().trimmed();
    if (auto s = names::validateTeamOrProject(tr("Project"), spec.name); !s) {
        message()->showError(s.errorMessage());
        m_name->setFocus();
        return;
    }
    if (!spec.team.isEmpty())
        if (auto s = names::validateTeamOrProject(tr("Team"), spec.team); !s) {
            message()->showError(s.errorMessage());
            m_team->setFocus();
            return;
        }
    m_add->setEnabled(false);
    call([spec](Backend& b) { return b.createProject(spec); },
         [this](Result<Project> project) {
             m_add->setEnabled(true);
             if (!project) {
                 // The backend names the field (name, team or key prefix) in its message.
                 message()->showError(tr("The project was not added: %1").arg(project.errorMessage()));
                 return;
             }
             message()->showInfo(tr("Added project %1 (key prefix %2).").arg(project->name, project->keyPrefix));
             m_name->clear();
             m_prefix->clear();
             emit changed(tr("project %1").arg(project->name));
             reload();
         });
}

} // namespace kw::ui
