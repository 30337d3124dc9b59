#pragma once

#include "dialogs/CreateKeyPage.h"
#include "domain/Lifecycle.h"

class QComboBox;
class QLabel;

namespace kw::ui {

class PolicyEditor;

// The key's limits: a named policy template, and/or its own rate limits, quota and maximum uses.
class CreateKeyPolicyPage : public CreateKeyPage {
    Q_OBJECT
public:
    explicit CreateKeyPolicyPage(Session& session, QWidget* parent = nullptr);

    Status contribute(KeySpec& spec) override;

private:
    void templateChanged();

    QList<PolicyTemplate> m_templates;
    QComboBox* m_template = nullptr;
    QLabel* m_templateInfo = nullptr;
    PolicyEditor* m_limits = nullptr;
};

} // namespace kw::ui
