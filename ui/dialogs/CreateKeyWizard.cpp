#include "dialogs/CreateKeyWizard.h"

#include "dialogs/CreateKeyPermissionsPage.h"
#include "dialogs/CreateKeyPolicyPage.h"
#include "dialogs/CreateKeyRestrictionsPage.h"
#include "dialogs/CreateKeySecretPage.h"
#include "dialogs/CreateKeySummaryPage.h"
#include "dialogs/MessageLabel.h"
#include "widgets/SecretView.h"

#include <QAbstractButton>

namespace kw::ui {

CreateKeyWizard::CreateKeyWizard(Session& session, const CreateKeyDefaults& defaults, QWidget* parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("createKeyWizard"));
    setWindowTitle(tr("New API Key"));
    setAttribute(Qt::WA_DeleteOnClose);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::NoBackButtonOnLastPage);

    auto* location = new CreateKeyLocationPage(session, defaults, this);
    auto* policy = new CreateKeyPolicyPage(session, this);
    auto* permissions = new CreateKeyPermissionsPage(session, this);
    auto* restrictions = new CreateKeyRestrictionsPage(session, this);
    m_specPages = {location, policy, permissions, restrictions};
    m_summary = new CreateKeySummaryPage(session, this);
    m_secret = new CreateKeySecretPage(this);
    setPage(LocationPageId, location);
    setPage(PolicyPageId, policy);
    setPage(PermissionsPageId, permissions);
    setPage(RestrictionsPageId, restrictions);
    setPage(SummaryPageId, m_summary);
    setPage(SecretPageId, m_secret);
    setStartId(LocationPageId);

    const auto name = [this](WizardButton which, const char* objectName, const QString& accessible) {
        button(which)->setObjectName(QLatin1String(objectName));
        button(which)->setAccessibleName(accessible);
    };
    name(NextButton, "nextButton", tr("Next"));
    name(BackButton, "backButton", tr("Back"));
    name(CommitButton, "createButton", tr("Create key"));
    name(FinishButton, "finishButton", tr("Finish"));
    name(CancelButton, "cancelButton", tr("Cancel"));
}

CreateKeyWizard::~CreateKeyWizard()
{
    m_secret->wipe();
}

Result<KeySpec> CreateKeyWizard::buildSpec()
{
    KeySpec spec;
    for (CreateKeyPage* page : m_specPages) {
        if (auto s = page->contribute(spec); !s)
            return s.error();
    }
    return spec;
}

void CreateKeyWizard::setCreating(bool creating)
{
    m_creating = creating;
    // The key is being written: leaving now would lose its secret.
    button(CancelButton)->setEnabled(!creating);
    button(BackButton)->setEnabled(!creating);
}

void CreateKeyWizard::setIssued(IssuedKey issued)
{
    m_created = issued.key;
    m_secret->setIssued(issued.key, std::move(issued.secret));
    emit keyCreated(issued.key);
}

void CreateKeyWizard::forceClose()
{
    m_forced = true;
    close();
    if (isVisible()) // close() is refused by a QWizard that is not a window of its own
        done(Rejected);
}

void CreateKeyWizard::done(int result)
{
    if (!m_forced) {
        if (m_creating)
            return;
        // The secret exists only on this page: make sure the user has it before it is wiped.
        if (m_secret->secretView()->hasSecret() && !m_secret->secretView()->isAcknowledged()) {
            m_secret->message()->showError(
                tr("Store the secret and check \"I have stored this secret\" first: it cannot be shown again."));
            return;
        }
    }
    m_secret->wipe();
    QWizard::done(result);
}

} // namespace kw::ui
