#pragma once

#include "domain/KeyRecord.h"
#include "util/SecureBytes.h"

#include <QWizardPage>

class QLabel;

namespace kw::ui {

class MessageLabel;
class SecretView;

// The last page: the new key's secret, shown once. Finish waits for "I have stored this secret".
class CreateKeySecretPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CreateKeySecretPage(QWidget* parent = nullptr);

    void setIssued(const KeyRecord& key, SecureBytes secret);
    bool isComplete() const override;
    SecretView* secretView() const { return m_secret; }
    MessageLabel* message() const { return m_message; }
    void wipe();

private:
    QLabel* m_intro = nullptr;
    SecretView* m_secret = nullptr;
    MessageLabel* m_message = nullptr;
};

} // namespace kw::ui
