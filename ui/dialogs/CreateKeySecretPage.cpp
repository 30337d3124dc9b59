#include "dialogs/CreateKeySecretPage.h"

#include "dialogs/MessageLabel.h"
#include "widgets/SecretView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kw::ui {

CreateKeySecretPage::CreateKeySecretPage(QWidget* parent) : QWizardPage(parent)
{
    setObjectName(QStringLiteral("secretPage"));
    setTitle(tr("The new key's secret"));
    setSubTitle(tr("Copy the secret to where it will be used, then confirm that you have stored it."));
    setFinalPage(true);
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("createdLabel"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_secret = new SecretView(this);
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("secretMessage"));
    connect(m_secret, &SecretView::acknowledgedChanged, this, [this](bool acknowledged) {
        if (acknowledged)
            m_message->clearMessage();
        emit completeChanged();
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_secret);
    layout->addStretch(1);
    layout->addWidget(m_message);
}

void CreateKeySecretPage::setIssued(const KeyRecord& key, SecureBytes secret)
{
    m_intro->setText(
        tr("Key %1 (\"%2\") was created in %3 / %4.").arg(key.displayId, key.name, key.project, key.environment));
    m_secret->setRecoverable(key.recoverable);
    m_secret->setSecret(std::move(secret));
}

bool CreateKeySecretPage::isComplete() const
{
    return m_secret->isAcknowledged();
}

void CreateKeySecretPage::wipe()
{
    m_secret->wipe();
}

} // namespace kw::ui
