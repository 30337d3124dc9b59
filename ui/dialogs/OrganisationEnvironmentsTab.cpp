#include "dialogs/OrganisationEnvironmentsTab.h"

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

OrganisationEnvironmentsTab::OrganisationEnvironmentsTab(Session& session, QWidget* parent)
    : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("environmentsTab"));
    m_project = new QComboBox(this);
    m_project->setObjectName(QStringLiteral("environmentProjectCombo"));
    m_project->setAccessibleName(tr("Project"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("environmentsList"));
    m_list->setAccessibleName(tr("Environments"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Environment"), tr("Key prefix")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_name = lineEdit("environmentNameEdit", tr("New environment name"), tr("lowercase letters, digits, '-'"));
    m_prefix = lineEdit("environmentPrefixEdit", tr("Key prefix"), tr("empty: <project prefix>_<environment>_"));
    m_add = button("addEnvironmentButton", tr("&Add Environment"), tr("Add environment"));
    message()->setObjectName(QStringLiteral("environmentsMessage"));
    connect(m_project, &QComboBox::currentIndexChanged, this, &OrganisationEnvironmentsTab::loadEnvironments);
    connect(m_add, &QPushButton::clicked, this, &OrganisationEnvironmentsTab::add);

    auto* top = new QFormLayout;
    auto* projectLabel = new QLabel(tr("&Project:"), this);
    projectLabel->setBuddy(m_project);
    top->addRow(projectLabel, m_project);
    auto* form = new QFormLayout;
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto* prefixLabel = new QLabel(tr("Key p&refix:"), this);
    prefixLabel->setBuddy(m_prefix);
    form->addRow(nameLabel, m_name);
    form->addRow(prefixLabel, m_prefix);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationEnvironmentsTab::reload()
{
    loadProjects(m_project);
    loadEnvironments();
}

void OrganisationEnvironmentsTab::loadEnvironments()
{
    const QString project = m_project->currentText();
    m_add->setEnabled(!project.isEmpty());
    if (project.isEmpty()) {
        m_list->clear();
        return;
    }
    call([project](Backend& b) { return b.environments(project); },
         [this, project](Result<QList<Environment>> envs) {
             if (project != m_project->currentText())
                 return;
             if (!envs) {
                 message()->showError(tr("Could not list the environments: %1").arg(envs.errorMessage()));
                 return;
             }
             m_list->clear();
             for (const Environment& e : *envs)
                 new QTreeWidgetItem(m_list, {e.name, e.keyPrefix});
         });
}

void OrganisationEnvironmentsTab::add()
{
    const QString project = m_project->currentText();
    const QString name = m_name->text().trimmed();
    const QString prefix = m_prefix->text().trimmed();
    if (auto s = names::validateEnvironment(name); !s) {
        message()->showError(s.errorMessage());
        m_name->setFocus();
        return;
    }
    m_add->setEnabled(false);
    call([project, name, prefix](Backend& b) { return b.createEnvironment(project, name, prefix); },
         [this](Result<Environment> env) {
             m_add->setEnabled(true);
             if (!env) {
                 message()->showError(tr("The environment was not added: %1").arg(env.errorMessage()));
                 return;
             }
             message()->showInfo(
                 tr("Added environment %1 to %2 (key prefix %3).").arg(env->name, env->project, env->keyPrefix));
             m_name->clear();
             m_prefix->clear();
             emit changed(tr("environment %1/%2").arg(env->project, env->name));
             loadEnvironments();
         });
}

} // namespace kw::ui
