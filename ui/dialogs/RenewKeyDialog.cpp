#include "dialogs/RenewKeyDialog.h"

#include "dialogs/MessageLabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QString formatTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

} // namespace

RenewKeyDialog::RenewKeyDialog(const KeyRecord& key, QWidget* parent) : QDialog(parent), m_key(key)
{
    setObjectName(QStringLiteral("renewDialog"));
    setWindowTitle(tr("Renew Key %1").arg(key.displayId));
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumWidth(520);

    auto* intro = new QLabel(
        key.expiresAt == 0
            ? tr("%1 (\"%2\") does not expire yet; renewing sets an expiry from now.").arg(key.displayId, key.name)
            : tr("%1 (\"%2\") expires on %3. The extension counts from the later of now "
                 "and that date.")
                  .arg(key.displayId, key.name, formatTime(key.expiresAt)),
        this);
    intro->setObjectName(QStringLiteral("renewIntro"));
    intro->setWordWrap(true);

    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("extendDaysSpin"));
    m_days->setAccessibleName(tr("Extend by days"));
    m_days->setRange(1, 3650);
    m_days->setValue(90);
    m_days->setSuffix(tr(" days"));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("required, recorded in the audit trail"));
    auto* form = new QFormLayout;
    auto* daysLabel = new QLabel(tr("&Extend by:"), this);
    daysLabel->setBuddy(m_days);
    auto* reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(daysLabel, m_days);
    form->addRow(reasonLabel, m_reason);
    connect(m_reason, &QLineEdit::textChanged, this, &RenewKeyDialog::updateButtons);

    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("renewMessage"));

    auto* buttons = new QDialogButtonBox(this);
    m_renew = buttons->addButton(tr("&Renew"), QDialogButtonBox::ActionRole);
    m_renew->setObjectName(QStringLiteral("renewButton"));
    m_renew->setAccessibleName(tr("Renew"));
    m_renew->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setAccessibleName(tr("Close"));
    connect(m_renew, &QPushButton::clicked, this, [this] {
        if (m_renew->isEnabled())
            emit renewRequested(qint64(m_days->value()) * kDayMs, m_reason->text().trimmed());
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    updateButtons();
}

void RenewKeyDialog::updateButtons()
{
    const bool hasReason = !m_reason->text().trimmed().isEmpty();
    m_renew->setEnabled(!m_busy && !m_finished && hasReason);
    m_renew->setToolTip(hasReason ? QString() : tr("Give a reason first"));
    m_renew->setVisible(!m_finished);
    m_cancel->setVisible(!m_finished);
    m_cancel->setEnabled(!m_busy);
    m_close->setVisible(m_finished);
    m_close->setDefault(m_finished);
}

void RenewKeyDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_days->setEnabled(!busy);
    m_reason->setEnabled(!busy);
    if (busy)
        m_message->showInfo(tr("Renewing…"));
    updateButtons();
}

void RenewKeyDialog::showResult(const Result<RenewalOutcome>& outcome)
{
    setBusy(false);
    if (!outcome) {
        m_message->showError(tr("The key was not renewed: %1").arg(outcome.errorMessage()));
        return;
    }
    if (outcome->renewed) {
        m_resultText =
            outcome->key.expiresAt == 0
                ? tr("Renewed %1").arg(m_key.displayId)
                : tr("Renewed %1: it now expires on %2").arg(m_key.displayId, formatTime(outcome->key.expiresAt));
    } else if (outcome->status == QLatin1String("pending")) {
        m_resultText = tr("Renewing %1 needs a second person's approval: request #%2 was filed and waits for "
                          "an approver.")
                           .arg(m_key.displayId)
                           .arg(outcome->requestId);
    } else {
        m_resultText = tr("%1 was not renewed (request #%2: %3)")
                           .arg(m_key.displayId)
                           .arg(outcome->requestId)
                           .arg(outcome->status);
    }
    m_finished = true;
    m_message->showInfo(m_resultText);
    m_days->setEnabled(false);
    m_reason->setReadOnly(true);
    updateButtons();
    m_close->setFocus();
}

void RenewKeyDialog::done(int result)
{
    if (m_busy)
        return;
    QDialog::done(result);
}

} // namespace kw::ui
