#include "widgets/SecretView.h"

#include "widgets/ClipboardGuard.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace kw::ui {

SecretView::SecretView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("secretView"));

    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("secretField"));
    m_field->setReadOnly(true);
    m_field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Nothing typed here is worth remembering, and a secret must not reach an input method's history.
    m_field->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_field->setContextMenuPolicy(Qt::NoContextMenu);
    m_field->setAccessibleName(tr("New secret"));

    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_copy->setAccessibleName(tr("Copy the secret to the clipboard"));
    m_copy->setToolTip(tr("Copies the secret; the clipboard is cleared again after %n second(s)", nullptr,
                          ClipboardGuard::clearSeconds()));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &SecretView::copy);

    m_copyStatus = new QLabel(this);
    m_copyStatus->setObjectName(QStringLiteral("copyStatusLabel"));
    m_copyStatus->setWordWrap(true);

    m_stored = new QCheckBox(tr("I have &stored this secret"), this);
    m_stored->setObjectName(QStringLiteral("secretStoredCheck"));
    m_stored->setAccessibleName(tr("I have stored this secret"));
    m_stored->setEnabled(false);
    connect(m_stored, &QCheckBox::toggled, this, &SecretView::acknowledgedChanged);

    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("secretWarning"));
    m_warning->setWordWrap(true);
    setRecoverable(false);

    auto* row = new QHBoxLayout;
    row->addWidget(m_field, 1);
    row->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_warning);
    layout->addLayout(row);
    layout->addWidget(m_copyStatus);
    layout->addWidget(m_stored);
}

SecretView::~SecretView()
{
    wipe();
}

void SecretView::setSecret(SecureBytes secret)
{
    wipe();
    m_secret = std::move(secret);
    QString text = m_secret.toUtf8String();
    m_field->setText(text);
    secureWipe(text); // shared with the field: the field's copy stays until wipe()
    m_field->setCursorPosition(0);
    m_copy->setEnabled(!m_secret.isEmpty());
    m_stored->setEnabled(!m_secret.isEmpty());
}

void SecretView::setRecoverable(bool recoverable)
{
    m_warning->setText(recoverable ? tr("Store the secret in a safe place now. The key is recoverable: an "
                                        "administrator can show its secret again, and that is audited.")
                                   : tr("This is the only time the secret is shown. Store it in a safe place now: "
                                        "KeyWarden keeps only a hash of it."));
}

bool SecretView::isAcknowledged() const
{
    return !m_secret.isEmpty() && m_stored->isChecked();
}

void SecretView::wipe()
{
    // Overwrite the field's buffer in place (text() shares it, so a detaching write would miss it), then
    // drop it. Qt's text layout keeps a display copy we cannot reach; it is released with the text.
    QString shown = m_field->text();
    if (!shown.isEmpty()) {
        auto* chars = const_cast<QChar*>(shown.constData());
        std::fill(chars, chars + shown.size(), QChar(u'\0'));
    }
    shown = QString();
    m_field->clear();
    m_field->setText(QString());
    m_secret.wipe();
    m_copy->setEnabled(false);
    m_stored->setChecked(false); // announces acknowledgedChanged(false) when it was checked
    m_stored->setEnabled(false);
    m_copyStatus->clear();
}

void SecretView::copy()
{
    if (m_secret.isEmpty())
        return;
    auto* guard = ClipboardGuard::instance();
    guard->copySecret(m_secret);
    m_copyStatus->setText(tr("Copied. The clipboard will be cleared in %n second(s) if it still holds the secret.",
                             nullptr, ClipboardGuard::clearSeconds()));
}

} // namespace kw::ui
