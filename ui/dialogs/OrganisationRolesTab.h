#pragma once

#include "dialogs/OrganisationTab.h"

class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace kw::ui {

// Roles: a name and the permissions it grants (keys carry roles in their policy).
class OrganisationRolesTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationRolesTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void save();
    QTreeWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_permissions = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace kw::ui
