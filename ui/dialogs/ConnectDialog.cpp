#include "dialogs/ConnectDialog.h"

#include "session/Session.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <qt6keychain/keychain.h>

namespace kw::ui {

ConnectDialog::ConnectDialog(const QString& url, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a key server"));
    setModal(true);

    m_url = new QLineEdit(url);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://keys.example.com:8443"));
    m_url->setAccessibleName(tr("Server URL"));
    m_token = new QLineEdit;
    m_token->setObjectName(QStringLiteral("operatorToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Operator token"));
    m_token->setPlaceholderText(tr("kwop_…"));
    m_caFile = new QLineEdit(QSettings().value(QStringLiteral("connect/caFile")).toString());
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setAccessibleName(tr("CA certificate file"));
    m_caFile->setPlaceholderText(tr("system certificates"));
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose a CA certificate file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen =
            QFileDialog::getOpenFileName(this, tr("CA certificates"), m_caFile->text(), tr("PEM files (*.pem *.crt)"));
        if (!chosen.isEmpty())
            m_caFile->setText(chosen);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    m_remember = new QCheckBox(tr("&Remember the token in the system keychain"));
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setStyleSheet(QStringLiteral("color: #d73a49;"));
    m_error->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Server:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(tr("&CA file:"), caRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false); // Enter never cancels
    m_connect = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::tryConnect);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_token, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_url, &QLineEdit::editingFinished, this, &ConnectDialog::loadRememberedToken);
    validate();
    if (!url.isEmpty())
        loadRememberedToken();
}

void ConnectDialog::validate()
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    QString problem;
    if (m_url->text().trimmed().isEmpty())
        problem = tr("Enter the server's address.");
    else if (!url.isValid() || (url.scheme() != QStringLiteral("https") && url.scheme() != QStringLiteral("http")))
        problem = tr("The server address must be an http:// or https:// URL.");
    else if (m_token->text().isEmpty())
        problem = tr("Enter your operator token.");
    if (!m_busy)
        m_error->setText(problem);
    m_connect->setEnabled(problem.isEmpty() && !m_busy);
}

void ConnectDialog::loadRememberedToken()
{
    const QString key = m_url->text().trimmed();
    if (key.isEmpty() || !m_token->text().isEmpty())
        return;
    auto* job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError && m_url->text().trimmed() == key && m_token->text().isEmpty()) {
            QString token = job->textData();
            m_token->setText(token);
            token.fill(QChar(0));
            m_remember->setChecked(true);
        }
    });
    job->start();
}

void ConnectDialog::tryConnect()
{
    validate();
    if (!m_connect->isEnabled())
        return;
    m_busy = true;
    m_connect->setEnabled(false);
    m_error->setText(tr("Connecting…"));
    const QString urlText = m_url->text().trimmed();
    QString typed = m_token->text();
    const bool remember = m_remember->isChecked();
    // The keychain gets its own copy before the typed text is wiped.
    QString forKeychain = remember ? typed : QString();
    m_token->clear();
    Session::RemoteSpec spec;
    spec.url = QUrl::fromUserInput(urlText);
    spec.caFile = m_caFile->text().trimmed();
    QSettings().setValue(QStringLiteral("connect/caFile"), spec.caFile);
    Session::connectRemote(
        spec, SecureBytes::fromString(typed), this,
        [this, urlText, remember, forKeychain](Result<Session*> opened) mutable {
            m_busy = false;
            if (!opened) {
                m_error->setText(opened.errorMessage());
                forKeychain.fill(QChar(0));
                validate();
                m_error->setText(opened.errorMessage());
                return;
            }
            if (remember) {
                auto* job = new QKeychain::WritePasswordJob(keychainService());
                job->setKey(urlText);
                job->setTextData(forKeychain);
                job->start(); // a keychain that is unavailable only means the token is not remembered
            } else {
                auto* job = new QKeychain::DeletePasswordJob(keychainService());
                job->setKey(urlText);
                job->start();
            }
            forKeychain.fill(QChar(0));
            emit connected(*opened);
            accept();
        });
}

} // namespace kw::ui
