#pragma once

#include <QDialog>

class QTabWidget;

namespace kw::ui {

class Session;

// Teams, projects (with team and key prefix), environments, services, roles and policy templates, one tab
// each. Every change is saved at once (there is no "apply"); Close ends the dialog.
class OrganisationDialog : public QDialog {
    Q_OBJECT
public:
    explicit OrganisationDialog(Session& session, QWidget* parent = nullptr);

    int changeCount() const { return m_changes; }
    QTabWidget* tabs() const { return m_tabs; }

private:
    QTabWidget* m_tabs = nullptr;
    int m_changes = 0;
};

} // namespace kw::ui
