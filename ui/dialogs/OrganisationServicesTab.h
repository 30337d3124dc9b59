#pragma once

#include "dialogs/OrganisationTab.h"

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace kw::ui {

class OrganisationServicesTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationServicesTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void loadServices();
    void add();
    QComboBox* m_project = nullptr;
    QListWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_add = nullptr;
};

} // namespace kw::ui
