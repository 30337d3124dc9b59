#pragma once

#include "dialogs/CreateKeyPage.h"

namespace kw::ui {

class PolicyEditor;

// Where and when the key may be used: allowed and denied addresses, hours, days and their time zone.
class CreateKeyRestrictionsPage : public CreateKeyPage {
    Q_OBJECT
public:
    explicit CreateKeyRestrictionsPage(Session& session, QWidget* parent = nullptr);

    Status contribute(KeySpec& spec) override;

private:
    PolicyEditor* m_restrictions = nullptr;
};

} // namespace kw::ui
