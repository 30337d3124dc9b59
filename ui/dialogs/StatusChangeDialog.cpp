#include "dialogs/StatusChangeDialog.h"

#include "dialogs/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace kw::ui {

StatusChangeDialog::StatusChangeDialog(Mode mode, const QList<KeyRecord>& keys, QWidget* parent) : QDialog(parent)
{
    const bool suspend = mode == Mode::Suspend;
    setObjectName(suspend ? QStringLiteral("suspendDialog") : QStringLiteral("resumeDialog"));
    setWindowTitle(suspend ? tr("Suspend Keys") : tr("Resume Keys"));
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumWidth(520);

    auto* intro =
        new QLabel(suspend ? tr("Suspend %n key(s): they are rejected until resumed.", nullptr, int(keys.size()))
                           : tr("Resume %n key(s): they are accepted again.", nullptr, int(keys.size())),
                   this);
    intro->setWordWrap(true);
    auto* list = new QListWidget(this);
    list->setObjectName(QStringLiteral("keysList"));
    list->setAccessibleName(suspend ? tr("Keys to suspend") : tr("Keys to resume"));
    for (const KeyRecord& k : keys)
        list->addItem(k.name.isEmpty() ? k.displayId : tr("%1 — %2").arg(k.displayId, k.name));
    list->setMaximumHeight(120);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("required, recorded in the audit trail"));
    auto* form = new QFormLayout;
    auto* reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel, m_reason);
    connect(m_reason, &QLineEdit::textChanged, this, &StatusChangeDialog::updateButtons);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("statusProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setVisible(false);
    m_message = new MessageLabel(this);
    m_message->setObjectName(QStringLiteral("statusMessage"));

    auto* buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(suspend ? tr("&Suspend") : tr("&Resume"), QDialogButtonBox::ActionRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setAccessibleName(suspend ? tr("Suspend") : tr("Resume"));
    m_confirm->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_confirm, &QPushButton::clicked, this, [this] {
        if (!m_confirm->isEnabled())
            return;
        m_busy = true;
        m_message->clearMessage();
        updateButtons();
        emit changeRequested(m_reason->text().trimmed());
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(list);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    updateButtons();
}

void StatusChangeDialog::updateButtons()
{
    const bool hasReason = !m_reason->text().trimmed().isEmpty();
    m_confirm->setEnabled(!m_busy && hasReason);
    m_confirm->setToolTip(hasReason ? QString() : tr("Give a reason first"));
    m_cancel->setEnabled(!m_busy);
    m_reason->setReadOnly(m_busy);
}

void StatusChangeDialog::setProgress(int done, int total)
{
    m_progress->setVisible(true);
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void StatusChangeDialog::showError(const QString& message)
{
    m_busy = false;
    m_message->showError(message);
    updateButtons();
}

void StatusChangeDialog::done(int result)
{
    if (m_busy && result == Rejected)
        return;
    m_busy = false;
    QDialog::done(result);
}

} // namespace kw::ui
