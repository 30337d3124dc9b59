#include "dialogs/OrganisationRolesTab.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"
#include "policy/PermissionSet.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationRolesTab::OrganisationRolesTab(Session& session, QWidget* parent) : OrganisationTab(session, parent)
{
    setObjectName(QStringLiteral("rolesTab"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("rolesList"));
    m_list->setAccessibleName(tr("Roles"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Role"), tr("Permissions")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_name = lineEdit("roleNameEdit", tr("Role name"));
    m_permissions = lineEdit("rolePermissionsEdit", tr("Role permissions"), tr("e.g. billing.read, reports.*"));
    m_save = button("saveRoleButton", tr("&Save Role"), tr("Save role"));
    message()->setObjectName(QStringLiteral("rolesMessage"));
    connect(m_save, &QPushButton::clicked, this, &OrganisationRolesTab::save);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item)
            return;
        m_name->setText(item->text(0));
        m_permissions->setText(item->text(1));
    });

    auto* form = new QFormLayout;
    auto* nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto* permLabel = new QLabel(tr("&Permissions:"), this);
    permLabel->setBuddy(m_permissions);
    form->addRow(nameLabel, m_name);
    form->addRow(permLabel, m_permissions);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_save, 0, Qt::AlignRight);
    layout->addWidget(message());
    reload();
}

void OrganisationRolesTab::reload()
{
    call([](Backend& b) { return b.roles(); },
         [this](Result<QList<Role>> roles) {
             if (!roles) {
                 message()->showError(tr("Could not list the roles: %1").arg(roles.errorMessage()));
                 return;
             }
             m_list->clear();
             for (const Role& r : *roles)
                 new QTreeWidgetItem(m_list, {r.name, r.permissions.join(QStringLiteral(", "))});
         });
}

void OrganisationRolesTab::save()
{
    Role role;
    role.name = m_name->text().trimmed();
    role.permissions = PolicyEditor::splitList(m_permissions->text());
    if (role.name.isEmpty()) {
        message()->showError(tr("Name: a role needs a name"));
        m_name->setFocus();
        return;
    }
    if (role.permissions.isEmpty()) {
        message()->showError(tr("Permissions: a role grants at least one permission"));
        m_permissions->setFocus();
        return;
    }
    for (const QString& p : role.permissions) {
        if (auto s = PermissionSet::validate(p); !s) {
            message()->showError(tr("Permissions: %1").arg(s.errorMessage()));
            m_permissions->setFocus();
            return;
        }
    }
    m_save->setEnabled(false);
    call([role](Backend& b) { return b.saveRole(role); },
         [this](Result<Role> saved) {
             m_save->setEnabled(true);
             if (!saved) {
                 message()->showError(tr("The role was not saved: %1").arg(saved.errorMessage()));
                 return;
             }
             message()->showInfo(tr("Saved role %1.").arg(saved->name));
             emit changed(tr("role %1").arg(saved->name));
             reload();
         });
}

} // namespace kw::ui
