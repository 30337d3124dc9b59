#pragma once

#include "dialogs/OrganisationTab.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace kw::ui {

class OrganisationEnvironmentsTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationEnvironmentsTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void loadEnvironments();
    void add();
    QComboBox* m_project = nullptr;
    QTreeWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_prefix = nullptr;
    QPushButton* m_add = nullptr;
};

} // namespace kw::ui
