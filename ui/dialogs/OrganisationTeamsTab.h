#pragma once

#include "dialogs/OrganisationTab.h"

class QLineEdit;
class QListWidget;
class QPushButton;

namespace kw::ui {

class OrganisationTeamsTab : public OrganisationTab {
    Q_OBJECT
public:
    explicit OrganisationTeamsTab(Session& session, QWidget* parent = nullptr);
    void reload() override;

private:
    void add();
    QListWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_add = nullptr;
};

} // namespace kw::ui
