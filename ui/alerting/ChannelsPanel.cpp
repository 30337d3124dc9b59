#include "alerting/ChannelsPanel.h"

#include "Backend.h"
#include "session/Session.h"
#include "widgets/SecretView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kw::ui {

ChannelsPanel::ChannelsPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto line = [](const QString& name, const QString& accessible, const QString& placeholder = {}) {
        auto* e = new QLineEdit;
        e->setObjectName(name);
        e->setAccessibleName(accessible);
        e->setPlaceholderText(placeholder);
        return e;
    };

    auto* smtpBox = new QGroupBox(tr("E-mail (SMTP relay)"));
    auto* smtp = new QFormLayout(smtpBox);
    m_host = line(QStringLiteral("smtpHost"), tr("SMTP host"), tr("smtp.example.com (empty: no e-mail)"));
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("smtpPort"));
    m_port->setAccessibleName(tr("SMTP port"));
    m_port->setRange(1, 65535);
    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("port")));
    hostRow->addWidget(m_port);
    smtp->addRow(tr("Host:"), hostRow);
    m_security = new QComboBox;
    m_security->setObjectName(QStringLiteral("smtpSecurity"));
    m_security->setAccessibleName(tr("SMTP connection security"));
    m_security->addItem(tr("STARTTLS, required"), QStringLiteral("starttls"));
    m_security->addItem(tr("STARTTLS when offered"), QStringLiteral("opportunistic"));
    m_security->addItem(tr("TLS from the start (SMTPS)"), QStringLiteral("tls"));
    m_security->addItem(tr("None (loopback relays only)"), QStringLiteral("off"));
    smtp->addRow(tr("S&ecurity:"), m_security);
    m_user = line(QStringLiteral("smtpUser"), tr("SMTP user name"), tr("empty: no login"));
    m_password = line(QStringLiteral("smtpPassword"), tr("SMTP password"), tr("unchanged"));
    m_password->setEchoMode(QLineEdit::Password);
    m_clearPassword = new QCheckBox(tr("Forget the stored password"));
    m_clearPassword->setObjectName(QStringLiteral("smtpClearPassword"));
    m_clearPassword->setAccessibleName(tr("Forget the stored SMTP password"));
    auto* login = new QHBoxLayout;
    login->addWidget(m_user);
    login->addWidget(m_password);
    login->addWidget(m_clearPassword);
    smtp->addRow(tr("Login:"), login);
    m_from = line(QStringLiteral("smtpFrom"), tr("Sender address"), tr("keywarden@example.com"));
    m_fromName = line(QStringLiteral("smtpFromName"), tr("Sender name"));
    auto* from = new QHBoxLayout;
    from->addWidget(m_fromName);
    from->addWidget(m_from, 1);
    smtp->addRow(tr("From:"), from);
    m_caFile = line(QStringLiteral("smtpCaFile"), tr("CA bundle file"), tr("system certificates"));
    m_timeout = new QSpinBox;
    m_timeout->setObjectName(QStringLiteral("smtpTimeout"));
    m_timeout->setAccessibleName(tr("SMTP timeout in seconds"));
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    auto* tls = new QHBoxLayout;
    tls->addWidget(m_caFile, 1);
    tls->addWidget(new QLabel(tr("timeout")));
    tls->addWidget(m_timeout);
    smtp->addRow(tr("Trust:"), tls);
    m_smtpState = new QLabel;
    m_smtpState->setObjectName(QStringLiteral("smtpState"));
    m_smtpState->setWordWrap(true);
    m_saveSmtp = new QPushButton(tr("&Save e-mail settings"));
    m_saveSmtp->setObjectName(QStringLiteral("smtpSave"));
    m_saveSmtp->setAccessibleName(tr("Save the e-mail settings"));
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_smtpState, 1);
    saveRow->addWidget(m_saveSmtp);
    smtp->addRow(saveRow);
    layout->addWidget(smtpBox);

    auto* testBox = new QGroupBox(tr("Test messages (sent at once, not queued)"));
    auto* test = new QFormLayout(testBox);
    m_testEmail = line(QStringLiteral("testEmail"), tr("Test e-mail address"), tr("you@example.com"));
    m_sendEmail = new QPushButton(tr("Send test &e-mail"));
    m_sendEmail->setObjectName(QStringLiteral("testEmailSend"));
    m_sendEmail->setAccessibleName(tr("Send a test e-mail"));
    auto* emailRow = new QHBoxLayout;
    emailRow->addWidget(m_testEmail, 1);
    emailRow->addWidget(m_sendEmail);
    test->addRow(tr("E-mail:"), emailRow);
    m_testWebhook = line(QStringLiteral("testWebhook"), tr("Test webhook URL"), tr("https://hooks.example.com/…"));
    m_sendWebhook = new QPushButton(tr("Send test &webhook"));
    m_sendWebhook->setObjectName(QStringLiteral("testWebhookSend"));
    m_sendWebhook->setAccessibleName(tr("Send a test webhook"));
    auto* hookRow = new QHBoxLayout;
    hookRow->addWidget(m_testWebhook, 1);
    hookRow->addWidget(m_sendWebhook);
    test->addRow(tr("Webhook:"), hookRow);
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    test->addRow(m_testResult);
    layout->addWidget(testBox);

    auto* secretBox = new QGroupBox(tr("Webhook signing secret"));
    auto* secret = new QVBoxLayout(secretBox);
    auto* explain =
        new QLabel(tr("Every webhook carries X-KeyWarden-Timestamp and X-KeyWarden-Signature: v1=HMAC-SHA256 "
                      "of \"timestamp.body\" under this secret. Receivers recompute it and refuse old "
                      "timestamps, so a captured request cannot be replayed."));
    explain->setWordWrap(true);
    secret->addWidget(explain);
    m_secret = new SecretView;
    m_secret->setObjectName(QStringLiteral("webhookSecret"));
    m_secret->setRecoverable(true);
    m_secret->hide();
    secret->addWidget(m_secret);
    auto* secretRow = new QHBoxLayout;
    m_showSecret = new QPushButton(tr("S&how secret"));
    m_showSecret->setObjectName(QStringLiteral("webhookSecretShow"));
    m_showSecret->setAccessibleName(tr("Show the webhook signing secret"));
    m_rotateSecret = new QPushButton(tr("R&otate secret…"));
    m_rotateSecret->setObjectName(QStringLiteral("webhookSecretRotate"));
    m_rotateSecret->setAccessibleName(tr("Rotate the webhook signing secret"));
    secretRow->addStretch();
    secretRow->addWidget(m_showSecret);
    secretRow->addWidget(m_rotateSecret);
    secret->addLayout(secretRow);
    layout->addWidget(secretBox);
    layout->addStretch();

    connect(m_saveSmtp, &QPushButton::clicked, this, &ChannelsPanel::saveSmtp);
    connect(m_sendEmail, &QPushButton::clicked, this, [this] { sendTest(QStringLiteral("email")); });
    connect(m_sendWebhook, &QPushButton::clicked, this, [this] { sendTest(QStringLiteral("webhook")); });
    connect(m_showSecret, &QPushButton::clicked, this, &ChannelsPanel::showSecret);
    connect(m_rotateSecret, &QPushButton::clicked, this, &ChannelsPanel::rotateSecret);
    showSmtp({});
    updateActions();
}

void ChannelsPanel::setSession(Session* session)
{
    m_session = session;
    m_secret->wipe();
    m_secret->hide();
    m_testResult->clear();
    showSmtp({});
    updateActions();
}

void ChannelsPanel::refresh()
{
    if (!m_session || !m_session->can(Capability::Administer))
        return;
    m_session->call(
        this, [](Backend& b) { return b.smtpSettings(); },
        [this](Result<SmtpSettings> smtp) {
            if (!smtp) {
                m_smtpState->setText(tr("Could not read the e-mail settings: %1").arg(smtp.errorMessage()));
                return;
            }
            showSmtp(*smtp);
        });
}

void ChannelsPanel::showSmtp(const SmtpSettings& s)
{
    m_host->setText(s.host);
    m_port->setValue(s.port);
    m_security->setCurrentIndex(std::max(0, m_security->findData(s.security)));
    m_user->setText(s.username);
    m_password->clear();
    m_password->setPlaceholderText(s.hasPassword ? tr("stored (unchanged)") : tr("none"));
    m_clearPassword->setChecked(false);
    m_from->setText(s.from);
    m_fromName->setText(s.fromName);
    m_caFile->setText(s.caFile);
    m_timeout->setValue(s.timeoutSeconds);
    m_smtpState->setText(s.host.isEmpty() ? tr("E-mail is not configured: e-mail notifications wait in the outbox.")
                                          : tr("E-mail goes through %1:%2.").arg(s.host).arg(s.port));
}

void ChannelsPanel::saveSmtp()
{
    if (!m_session)
        return;
    SmtpSettings s;
    s.host = m_host->text().trimmed();
    s.port = m_port->value();
    s.security = m_security->currentData().toString();
    s.username = m_user->text().trimmed();
    s.from = m_from->text().trimmed();
    s.fromName = m_fromName->text().trimmed();
    s.caFile = m_caFile->text().trimmed();
    s.timeoutSeconds = m_timeout->value();
    std::optional<SecureBytes> password;
    if (m_clearPassword->isChecked()) {
        password = SecureBytes();
    } else if (!m_password->text().isEmpty()) {
        QByteArray typed = m_password->text().toUtf8();
        password = SecureBytes(typed.constData(), typed.size());
        secureWipe(typed);
    }
    m_password->clear();
    auto shared = std::make_shared<std::optional<SecureBytes>>(std::move(password));
    m_session->call(
        this, [s, shared](Backend& b) { return b.setSmtpSettings(s, *shared); },
        [this](Result<SmtpSettings> saved) {
            if (!saved) {
                m_smtpState->setText(saved.errorMessage());
                emit statusMessage(tr("The e-mail settings were not saved: %1").arg(saved.errorMessage()));
                return;
            }
            showSmtp(*saved);
            emit statusMessage(tr("E-mail settings saved."));
        });
}

void ChannelsPanel::sendTest(const QString& channel)
{
    if (!m_session)
        return;
    const QString recipient = (channel == QLatin1String("email") ? m_testEmail : m_testWebhook)->text().trimmed();
    if (recipient.isEmpty()) {
        m_testResult->setText(channel == QLatin1String("email") ? tr("Type the address to send the test to.")
                                                                : tr("Type the webhook URL to send the test to."));
        return;
    }
    m_testResult->setText(tr("Sending…"));
    m_sendEmail->setEnabled(false);
    m_sendWebhook->setEnabled(false);
    m_session->call(
        this, [channel, recipient](Backend& b) { return b.sendTestNotification(channel, recipient); },
        [this](Result<DeliveryAttempt> attempt) {
            updateActions();
            if (!attempt) {
                m_testResult->setText(tr("Not sent: %1").arg(attempt.errorMessage()));
                return;
            }
            m_testResult->setText(
                attempt->outcome == QLatin1String("sent")
                    ? tr("Sent in %1 ms (%2 %3).").arg(attempt->durationMs).arg(attempt->status).arg(attempt->reply)
                    : tr("Not sent: %1").arg(attempt->error));
        });
}

void ChannelsPanel::showSecret()
{
    if (!m_session)
        return;
    m_session->call(
        this, [](Backend& b) { return b.webhookSigningSecret(); },
        [this](Result<SecureBytes> secret) {
            if (!secret) {
                emit statusMessage(tr("Could not read the signing secret: %1").arg(secret.errorMessage()));
                return;
            }
            m_secret->setSecret(std::move(*secret));
            m_secret->show();
        });
}

void ChannelsPanel::rotateSecret()
{
    if (!m_session)
        return;
    bool ok = false;
    const QString typed = QInputDialog::getText(
        this, tr("Rotate the webhook signing secret"),
        tr("Receivers that check signatures refuse every webhook until they have the new secret.\n"
           "Type ROTATE to confirm."),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || typed.trimmed() != QLatin1String("ROTATE"))
        return;
    m_session->call(
        this, [](Backend& b) { return b.rotateWebhookSigningSecret(); },
        [this](Result<SecureBytes> secret) {
            if (!secret) {
                emit statusMessage(tr("The secret was not rotated: %1").arg(secret.errorMessage()));
                return;
            }
            m_secret->setSecret(std::move(*secret));
            m_secret->show();
            emit statusMessage(tr("Webhook signing secret rotated: give the new one to the receivers."));
        });
}

void ChannelsPanel::updateActions()
{
    const bool admin = m_session && m_session->can(Capability::Administer);
    for (QWidget* w : std::initializer_list<QWidget*>{m_saveSmtp, m_sendEmail, m_sendWebhook, m_showSecret,
                                                      m_rotateSecret, m_host, m_password})
        w->setEnabled(admin);
    if (m_session && !admin)
        m_saveSmtp->setToolTip(m_session->deniedReason(Capability::Administer));
}

} // namespace kw::ui
