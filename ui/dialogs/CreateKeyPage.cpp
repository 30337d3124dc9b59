#include "dialogs/CreateKeyPage.h"

#include "dialogs/CreateKeyWizard.h"
#include "dialogs/MessageLabel.h"

namespace kw::ui {

CreateKeyPage::CreateKeyPage(Session& session, QWidget* parent)
    : QWizardPage(parent), m_session(&session), m_message(new MessageLabel(this))
{
}

CreateKeyWizard* CreateKeyPage::keyWizard() const
{
    return qobject_cast<CreateKeyWizard*>(wizard());
}

bool CreateKeyPage::validatePage()
{
    KeySpec scratch;
    if (auto s = contribute(scratch); !s) {
        m_message->showError(s.errorMessage());
        return false;
    }
    m_message->clearMessage();
    return true;
}

} // namespace kw::ui
