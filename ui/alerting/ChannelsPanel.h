#pragma once

#include "notify/Delivery.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kw::ui {

class SecretView;
class Session;

// How notifications leave: the SMTP relay (host, port, STARTTLS/TLS, login, sender; the password is write-only),
// a test e-mail or webhook sent at once, and the webhook signing secret receivers check signatures with (shown on
// request, rotated with confirmation; both audited). Administrators only.
class ChannelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChannelsPanel(QWidget* parent = nullptr);
    void setSession(Session* session);
    void refresh();
    void saveSmtp();
    void sendTest(const QString& channel);
    void showSecret();
    void rotateSecret();

signals:
    void statusMessage(const QString& message);

private:
    void showSmtp(const SmtpSettings& smtp);
    void updateActions();

    QPointer<Session> m_session;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QComboBox* m_security;
    QLineEdit* m_user;
    QLineEdit* m_password;
    QCheckBox* m_clearPassword;
    QLineEdit* m_from;
    QLineEdit* m_fromName;
    QLineEdit* m_caFile;
    QSpinBox* m_timeout;
    QLabel* m_smtpState;
    QPushButton* m_saveSmtp;
    QLineEdit* m_testEmail;
    QPushButton* m_sendEmail;
    QLineEdit* m_testWebhook;
    QPushButton* m_sendWebhook;
    QLabel* m_testResult;
    SecretView* m_secret;
    QPushButton* m_showSecret;
    QPushButton* m_rotateSecret;
};

} // namespace kw::ui
