#include "dialogs/OrganisationTab.h"

#include "dialogs/MessageLabel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>

namespace kw::ui {

OrganisationTab::OrganisationTab(Session& session, QWidget* parent)
    : QWidget(parent), m_session(&session), m_message(new MessageLabel(this))
{
    connect(&session, &Session::organizationChanged, this, [this] { reload(); });
}

void OrganisationTab::loadProjects(QComboBox* combo)
{
    call([](Backend& b) { return b.projects(); },
         [this, combo](Result<QList<Project>> projects) {
             if (!projects) {
                 m_message->showError(tr("Could not list the projects: %1").arg(projects.errorMessage()));
                 return;
             }
             // Not blocked: the tab's lists follow the combo's currentIndexChanged.
             const QString current = combo->currentText();
             combo->clear();
             for (const Project& p : *projects)
                 combo->addItem(p.name);
             const int i = combo->findText(current);
             if (i >= 0)
                 combo->setCurrentIndex(i);
         });
}

QLineEdit* OrganisationTab::lineEdit(const char* objectName, const QString& accessibleName, const QString& placeholder)
{
    auto* e = new QLineEdit(this);
    e->setObjectName(QLatin1String(objectName));
    e->setAccessibleName(accessibleName);
    e->setPlaceholderText(placeholder);
    return e;
}

QPushButton* OrganisationTab::button(const char* objectName, const QString& text, const QString& accessibleName)
{
    auto* b = new QPushButton(text, this);
    b->setObjectName(QLatin1String(objectName));
    b->setAccessibleName(accessibleName);
    return b;
}

} // namespace kw::ui
