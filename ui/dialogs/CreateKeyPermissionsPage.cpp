#include "dialogs/CreateKeyPermissionsPage.h"

#include "dialogs/MessageLabel.h"
#include "dialogs/PolicyEditor.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace kw::ui {

CreateKeyPermissionsPage::CreateKeyPermissionsPage(Session& session, QWidget* parent) : CreateKeyPage(session, parent)
{
    setObjectName(QStringLiteral("permissionsPage"));
    setTitle(tr("Permissions"));
    setSubTitle(tr("The roles and permissions the key carries. None: whatever its scope grants."));

    m_roles = new QListWidget(this);
    m_roles->setObjectName(QStringLiteral("rolesList"));
    m_roles->setAccessibleName(tr("Roles"));
    auto* rolesLabel = new QLabel(tr("&Roles:"), this);
    rolesLabel->setBuddy(m_roles);
    m_permissions = new PolicyEditor(PolicyEditor::Group::Permissions, this);

    message()->setObjectName(QStringLiteral("permissionsMessage"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(rolesLabel);
    layout->addWidget(m_roles, 1);
    layout->addWidget(m_permissions);
    layout->addWidget(message());

    call([](Backend& b) { return b.roles(); },
         [this](Result<QList<Role>> roles) {
             if (!roles) {
                 message()->showError(tr("Could not list the roles: %1").arg(roles.errorMessage()));
                 return;
             }
             for (const Role& r : *roles) {
                 auto* item = new QListWidgetItem(r.name, m_roles);
                 item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                 item->setCheckState(Qt::Unchecked);
                 item->setToolTip(r.permissions.join(QStringLiteral(", ")));
             }
             if (roles->isEmpty())
                 m_roles->setEnabled(false);
         });
}

Status CreateKeyPermissionsPage::contribute(KeySpec& spec)
{
    QStringList roles;
    for (int i = 0; i < m_roles->count(); ++i)
        if (m_roles->item(i)->checkState() == Qt::Checked)
            roles << m_roles->item(i)->text();
    auto policy = m_permissions->policy(spec.policy);
    if (!policy)
        return policy.error();
    spec.policy = *policy;
    if (roles.isEmpty())
        spec.policy.roles.reset();
    else
        spec.policy.roles = roles;
    return {};
}

} // namespace kw::ui
