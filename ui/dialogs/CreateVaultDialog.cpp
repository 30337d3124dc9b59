#include "dialogs/CreateVaultDialog.h"

#include "session/Session.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace kw::ui {

CreateVaultDialog::CreateVaultDialog(const QString& suggestedPath, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("createVaultDialog"));
    setWindowTitle(tr("Create vault"));
    setModal(true);

    m_path = new QLineEdit(suggestedPath);
    m_path->setObjectName(QStringLiteral("vaultPath"));
    m_path->setAccessibleName(tr("Vault file"));
    auto* browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose the vault file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen =
            QFileDialog::getSaveFileName(this, tr("Create vault"), m_path->text(), tr("KeyWarden vaults (*.kwvault)"));
        if (!chosen.isEmpty())
            m_path->setText(chosen.endsWith(QStringLiteral(".kwvault")) ? chosen : chosen + QStringLiteral(".kwvault"));
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);

    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("newPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("New passphrase"));
    m_confirm = new QLineEdit;
    m_confirm->setObjectName(QStringLiteral("confirmPassphrase"));
    m_confirm->setEchoMode(QLineEdit::Password);
    m_confirm->setAccessibleName(tr("Repeat the passphrase"));
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("createVaultError"));
    m_error->setStyleSheet(QStringLiteral("color: #d73a49;"));
    m_error->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), pathRow);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    form->addRow(tr("&Repeat:"), m_confirm);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false); // Enter never cancels
    m_create = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createVaultButton"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateVaultDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("The vault is one encrypted file. The passphrase cannot be recovered: "
                                    "keep it in your password manager.")));
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    for (QLineEdit* e : {m_path, m_passphrase, m_confirm})
        connect(e, &QLineEdit::textChanged, this, &CreateVaultDialog::validate);
    validate();
}

void CreateVaultDialog::validate()
{
    const QString p = m_passphrase->text();
    QString problem;
    if (m_path->text().trimmed().isEmpty())
        problem = tr("Choose where to create the vault.");
    else if (QFileInfo::exists(m_path->text()))
        problem = tr("%1 already exists; choose another file.").arg(m_path->text());
    else if (p.size() < kMinimumLength)
        problem = tr("The passphrase needs at least %1 characters.").arg(kMinimumLength);
    else if (p != m_confirm->text())
        problem = tr("The two passphrases differ.");
    m_hint->setText(
        p.size() >= kMinimumLength && p.size() < kRecommendedLength
            ? tr("Tip: %1 or more characters (a few random words) resist guessing far better.").arg(kRecommendedLength)
            : QString());
    m_error->setText(problem);
    m_create->setEnabled(problem.isEmpty() && !m_busy);
}

void CreateVaultDialog::create()
{
    validate();
    if (!m_create->isEnabled())
        return;
    m_busy = true;
    m_create->setEnabled(false);
    m_error->setText(tr("Creating…"));
    QString typed = m_passphrase->text();
    m_passphrase->clear();
    m_confirm->clear();
    Session::LocalSpec spec;
    spec.path = m_path->text();
    spec.create = true;
    spec.fastKdf = m_fastKdf;
    Session::openLocal(spec, SecureBytes::fromString(typed), this, [this](Result<Session*> opened) {
        m_busy = false;
        if (opened) {
            emit created(*opened);
            accept();
            return;
        }
        m_error->setText(opened.errorMessage());
        validate();
        m_error->setText(opened.errorMessage());
    });
}

} // namespace kw::ui
