#pragma once

#include "dialogs/OrganisationTab.h"
#include "domain/Lifecycle.h"

class QLineEdit;
class QListWidget;
class QPushButton;

namespace kw::ui {

class PolicyEditor;

// Policy templates ("prod-90d"): a name, a description and every rule, edited in fields and checked with
// KeyPolicy::validate before saving; an error names the field.
class OrganisationTemplatesTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationTemplatesTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void select(const QString& name);
    void save();

    QList<PolicyTemplate> m_templates;
    QListWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    PolicyEditor* m_rules = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace kw::ui
