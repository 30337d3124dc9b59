#pragma once

#include "dialogs/CreateKeyPage.h"

class QListWidget;

namespace kw::ui {

class PolicyEditor;

// What the key may do: roles of the workspace (checkable) and permissions of its own.
class CreateKeyPermissionsPage : public CreateKeyPage {
    Q_OBJECT
public:
    explicit CreateKeyPermissionsPage(Session& session, QWidget* parent = nullptr);

    Status contribute(KeySpec& spec) override;

private:
    QListWidget* m_roles = nullptr;
    PolicyEditor* m_permissions = nullptr;
};

} // namespace kw::ui
