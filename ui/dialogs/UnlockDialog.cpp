#include "dialogs/UnlockDialog.h"

#include "session/Session.h"
#include "storage/Vault.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kw::ui {

UnlockDialog::UnlockDialog(const QString& vaultPath, QWidget* parent) : QDialog(parent), m_path(vaultPath)
{
    setObjectName(QStringLiteral("unlockDialog"));
    setWindowTitle(tr("Unlock vault"));
    setModal(true);

    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("<b>%1</b> is locked.").arg(QFileInfo(vaultPath).fileName().toHtmlEscaped()));
    auto* where = new QLabel(QFileInfo(vaultPath).absoluteFilePath());
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    where->setForegroundRole(QPalette::PlaceholderText);
    auto* prompt = new QLabel(tr("&Passphrase:"));
    m_passphrase = new QLineEdit;
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setAccessibleName(tr("Vault passphrase"));
    m_passphrase->setMinimumWidth(320);
    m_passphrase->installEventFilter(this);
    prompt->setBuddy(m_passphrase);
    m_capsLock = new QLabel(tr("Caps Lock is on."));
    m_capsLock->setObjectName(QStringLiteral("capsLockWarning"));
    m_capsLock->setStyleSheet(QStringLiteral("color: #d29922;"));
    m_capsLock->hide();
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("unlockError"));
    m_error->setStyleSheet(QStringLiteral("color: #d73a49;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_unlock = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setAccessibleName(tr("Unlock"));
    m_unlock->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &UnlockDialog::tryUnlock);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_passphrase, &QLineEdit::textChanged, this, &UnlockDialog::updateButton);

    layout->addWidget(heading);
    layout->addWidget(where);
    layout->addSpacing(8);
    layout->addWidget(prompt);
    layout->addWidget(m_passphrase);
    layout->addWidget(m_capsLock);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    m_delay.setInterval(250);
    connect(&m_delay, &QTimer::timeout, this, &UnlockDialog::tick);
    updateButton();
}

bool UnlockDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_passphrase && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        // Enter unlocks here and goes no further: disabling the field while the vault opens moves the focus,
        // and the dialog must not pass the same key press on to whichever button has it now.
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            tryUnlock();
            return true;
        }
        // Qt has no caps-lock query: infer it from a letter's case against the Shift key.
        const QString text = key->text();
        if (text.size() == 1 && text[0].isLetter() && text[0].toUpper() != text[0].toLower()) {
            const bool shift = key->modifiers().testFlag(Qt::ShiftModifier);
            m_capsLock->setVisible(text[0].isUpper() != shift);
        }
    }
    return QDialog::eventFilter(watched, event);
}

void UnlockDialog::updateButton()
{
    m_unlock->setEnabled(!m_busy && !m_delay.isActive() && !m_passphrase->text().isEmpty());
}

void UnlockDialog::tick()
{
    const qint64 left = m_waitUntil - QDateTime::currentMSecsSinceEpoch();
    if (left <= 0) {
        m_delay.stop();
        m_error->setText(tr("Wrong passphrase. Try again."));
        m_passphrase->setEnabled(true);
        m_passphrase->setFocus();
    } else {
        m_error->setText(tr("Wrong passphrase. You can try again in %n second(s).", nullptr, int((left + 999) / 1000)));
    }
    updateButton();
}

void UnlockDialog::tryUnlock()
{
    if (m_busy || m_delay.isActive() || m_passphrase->text().isEmpty())
        return;
    m_busy = true;
    m_error->hide();
    m_passphrase->setEnabled(false);
    updateButton();
    QString typed = m_passphrase->text();
    m_passphrase->clear();
    SecureBytes passphrase = SecureBytes::fromString(typed);

    Session::LocalSpec spec;
    spec.path = m_path;
    spec.fastKdf = m_fastKdf;
    Session::openLocal(spec, std::move(passphrase), this, [this](Result<Session*> opened) {
        m_busy = false;
        if (opened) {
            emit unlocked(*opened);
            accept();
            return;
        }
        m_passphrase->setEnabled(true);
        m_error->show();
        if (opened.error().code == Error::Code::Unauthorized) {
            ++m_failures;
            const qint64 delay = Vault::unlockDelayMs(m_failures);
            if (delay > 0) {
                m_waitUntil = QDateTime::currentMSecsSinceEpoch() + delay;
                m_passphrase->setEnabled(false);
                m_delay.start();
                tick();
                return;
            }
            m_error->setText(tr("Wrong passphrase. Try again."));
        } else {
            m_error->setText(opened.errorMessage());
        }
        m_passphrase->setFocus();
        updateButton();
    });
}

} // namespace kw::ui
