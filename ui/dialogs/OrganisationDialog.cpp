#include "dialogs/OrganisationDialog.h"

#include "dialogs/OrganisationEnvironmentsTab.h"
#include "dialogs/OrganisationProjectsTab.h"
#include "dialogs/OrganisationRolesTab.h"
#include "dialogs/OrganisationServicesTab.h"
#include "dialogs/OrganisationTeamsTab.h"
#include "dialogs/OrganisationTemplatesTab.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace kw::ui {

OrganisationDialog::OrganisationDialog(Session& session, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("organisationDialog"));
    setWindowTitle(tr("Organisation"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(760, 620);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("organisationTabs"));
    const auto add = [&](OrganisationTab* tab, const QString& title) {
        m_tabs->addTab(tab, title);
        connect(tab, &OrganisationTab::changed, this, [this] { ++m_changes; });
    };
    add(new OrganisationTeamsTab(session, m_tabs), tr("&Teams"));
    add(new OrganisationProjectsTab(session, m_tabs), tr("&Projects"));
    add(new OrganisationEnvironmentsTab(session, m_tabs), tr("&Environments"));
    add(new OrganisationServicesTab(session, m_tabs), tr("Ser&vices"));
    add(new OrganisationRolesTab(session, m_tabs), tr("&Roles"));
    add(new OrganisationTemplatesTab(session, m_tabs), tr("Policy Te&mplates"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setAccessibleName(tr("Close"));
    close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
}

} // namespace kw::ui
