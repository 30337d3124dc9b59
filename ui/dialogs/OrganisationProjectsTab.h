#pragma once

#include "dialogs/OrganisationTab.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace kw::ui {

class OrganisationProjectsTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationProjectsTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void add();
    QTreeWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_team = nullptr;
    QLineEdit* m_prefix = nullptr;
    QPushButton* m_add = nullptr;
};

} // namespace kw::ui
