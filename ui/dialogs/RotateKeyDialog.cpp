#include "dialogs/RotateKeyDialog.h"

#include "dialogs/MessageLabel.h"
#include "widgets/SecretView.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;

} // namespace

RotateKeyDialog::RotateKeyDialog(const KeyRecord& key, QWidget* parent) : QDialog(parent), m_key(key)
{
    setObjectName(QStringLiteral("rotateDialog"));
    setWindowTitle(tr("Rotate Key %1").arg(key.displayId));
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumWidth(560);

    // Page 1: the overlap.
    auto* ask = new QWidget(this);
    auto* intro = new QLabel(tr("Issue a successor to %1 (\"%2\") with the same rules. The old key stays valid "
                                "for the overlap, so clients can switch without an outage.")
                                 .arg(key.displayId, key.name),
                             ask);
    intro->setWordWrap(true);
    m_overlap = new QSpinBox(ask);
    m_overlap->setObjectName(QStringLiteral("overlapHoursSpin"));
    m_overlap->setAccessibleName(tr("Overlap in hours"));
    m_overlap->setRange(0, 24 * 365);
    m_overlap->setValue(24);
    m_overlap->setSuffix(tr(" h"));
    m_overlapSource = new QLabel(tr("default: 24 hours"), ask);
    m_overlapSource->setObjectName(QStringLiteral("overlapSource"));
    auto* form = new QFormLayout;
    auto* overlapLabel = new QLabel(tr("&Overlap:"), ask);
    overlapLabel->setBuddy(m_overlap);
    form->addRow(overlapLabel, m_overlap);
    form->addRow(QString(), m_overlapSource);
    auto* askLayout = new QVBoxLayout(ask);
    askLayout->addWidget(intro);
    askLayout->addLayout(form);
    askLayout->addStretch(1);

    // Page 2: the successor's secret.
    auto* shown = new QWidget(this);
    m_successor = new QLabel(shown);
    m_successor->setObjectName(QStringLiteral("successorLabel"));
    m_successor->setWordWrap(true);
    m_secret = new SecretView(shown);
    auto* shownLayout = new QVBoxLayout(shown);
    shownLayout->addWidget(m_successor);
    shownLayout->addWidget(m_secret);
    shownLayout->addStretch(1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(ask);
    m_pages->addWidget(shown);

    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("rotateMessage"));

    auto* buttons = new QDialogButtonBox(this);
    m_rotate = buttons->addButton(tr("&Rotate"), QDialogButtonBox::ActionRole);
    m_rotate->setObjectName(QStringLiteral("rotateButton"));
    m_rotate->setAccessibleName(tr("Rotate"));
    m_rotate->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setAccessibleName(tr("Close"));
    m_close->setVisible(false);
    connect(m_rotate, &QPushButton::clicked, this,
            [this] { emit rotateRequested(qint64(m_overlap->value()) * kHourMs); });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_secret, &SecretView::acknowledgedChanged, m_close, &QWidget::setEnabled);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

RotateKeyDialog::~RotateKeyDialog()
{
    m_secret->wipe();
}

void RotateKeyDialog::setDefaultOverlap(qint64 overlapMs, const QString& source)
{
    m_overlap->setValue(int(std::min<qint64>(overlapMs / kHourMs, m_overlap->maximum())));
    m_overlapSource->setText(source);
}

void RotateKeyDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_rotate->setEnabled(!busy);
    m_cancel->setEnabled(!busy);
    m_overlap->setEnabled(!busy);
    if (busy)
        m_message->showInfo(tr("Rotating…"));
}

void RotateKeyDialog::showError(const QString& message)
{
    setBusy(false);
    m_message->showError(message);
}

void RotateKeyDialog::showSecret(const KeyRecord& successor, SecureBytes secret)
{
    setBusy(false);
    m_message->clearMessage();
    m_successor->setText(tr("%1 was rotated. Its successor is %2; the old key stays valid until its overlap ends.")
                             .arg(m_key.displayId, successor.displayId));
    m_secret->setRecoverable(successor.recoverable);
    m_secret->setSecret(std::move(secret));
    m_pages->setCurrentIndex(1);
    m_rotate->setVisible(false);
    m_cancel->setVisible(false);
    m_close->setVisible(true);
    m_close->setEnabled(false);
    m_close->setDefault(true);
    m_secret->storedCheck()->setFocus();
}

void RotateKeyDialog::forceClose()
{
    m_forced = true;
    m_busy = false;
    done(Rejected);
}

void RotateKeyDialog::done(int result)
{
    if (!m_forced) {
        if (m_busy)
            return;
        if (m_secret->hasSecret() && !m_secret->isAcknowledged()) {
            m_message->showError(
                tr("Store the secret and check \"I have stored this secret\" first: it cannot be shown again."));
            return;
        }
    }
    m_secret->wipe();
    QDialog::done(result);
}

} // namespace kw::ui
