#include "dialogs/OrganisationServicesTab.h"

#include "dialogs/MessageLabel.h"
#include "domain/Names.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationServicesTab::OrganisationServicesTab(Session& session, QWidget* parent) : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("servicesTab"));
    m_project = new QComboBox(this);
    m_project->setObjectName(QStringLiteral("serviceProjectCombo"));
    m_project->setAccessibleName(tr("Project"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("servicesList"));
    m_list->setAccessibleName(tr("Services"));
    m_name = lineEdit("serviceNameEdit", tr("New service name"), tr("lowercase letters, digits, '.', '_', '-'"));
    m_add = button("addServiceButton", tr("&Add Service"), tr("Add service"));
    message()->setObjectName(QStringLiteral("servicesMessage"));
    connect(m_project, &QComboBox::currentIndexChanged, this, &OrganisationServicesTab::loadServices);
    connect(m_add, &QPushButton::clicked, this, &OrganisationServicesTab::add);
    connect(m_name, &QLineEdit::returnPressed, this, &OrganisationServicesTab::add);

    auto* form = new QFormLayout;
    auto* projectLabel = new QLabel(tr("&Project:"), this);
    projectLabel->setBuddy(m_project);
    form->addRow(projectLabel, m_project);
    auto* nameForm = new QFormLayout;
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    nameForm->addRow(nameLabel, m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_list, 1);
    layout->addLayout(nameForm);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationServicesTab::reload()
{
    loadProjects(m_project);
    loadServices();
}

void OrganisationServicesTab::loadServices()
{
    const QString project = m_project->currentText();
    m_add->setEnabled(!project.isEmpty());
    if (project.isEmpty()) {
        m_list->clear();
        return;
    }
    call([project](Backend& b) { return b.services(project); },
         [this, project](Result<QList<Service>> services) {
             if (project != m_project->currentText())
                 return;
             if (!services) {
                 message()->showError(tr("Could not list the services: %1").arg(services.errorMessage()));
                 return;
             }
             m_list->clear();
             for (const Service& s : *services)
                 m_list->addItem(s.name);
         });
}

void OrganisationServicesTab::add()
{
    const QString project = m_project->currentText();
    const QString name = m_name->text().trimmed();
    if (project.isEmpty())
        return;
    if (auto s = names::validateService(name); !s) {
        message()->showError(s.errorMessage());
        m_name->setFocus();
        return;
    }
    m_add->setEnabled(false);
    call([project, name](Backend& b) { return b.createService(project, name); },
         [this](Result<Service> service) {
             m_add->setEnabled(true);
             if (!service) {
                 message()->showError(tr("The service was not added: %1").arg(service.errorMessage()));
                 return;
             }
             message()->showInfo(tr("Added service %1 to %2.").arg(service->name, service->project));
             m_name->clear();
             emit changed(tr("service %1/%2").arg(service->project, service->name));
             loadServices();
         });
}

} // namespace kw::ui
