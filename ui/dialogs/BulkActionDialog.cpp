#include "dialogs/BulkActionDialog.h"

#include "widgets/ClipboardGuard.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kw::ui {

BulkActionDialog::BulkActionDialog(const QString& title, const QString& explanation, const QList<KeyRecord>& keys,
                                   bool askDays, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("bulkActionDialog"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    auto* intro = new QLabel(explanation);
    intro->setWordWrap(true);

    m_keys = new QTreeWidget;
    m_keys->setObjectName(QStringLiteral("bulkKeys"));
    m_keys->setAccessibleName(tr("Keys this action applies to"));
    m_keys->setHeaderLabels({tr("Key"), tr("Project"), tr("Owner"), tr("Expires"), tr("Result")});
    m_keys->setRootIsDecorated(false);
    QLocale l;
    for (const KeyRecord& k : keys)
        new QTreeWidgetItem(
            m_keys,
            {QStringLiteral("%1 (%2)").arg(k.name, k.displayId), k.project + u'/' + k.environment, k.owner,
             k.expiresAt ? l.toString(QDateTime::fromMSecsSinceEpoch(k.expiresAt), QLocale::ShortFormat) : tr("never"),
             QString()});
    m_keys->resizeColumnToContents(0);

    auto* form = new QFormLayout;
    if (askDays) {
        m_days = new QSpinBox;
        m_days->setObjectName(QStringLiteral("bulkDays"));
        m_days->setAccessibleName(tr("Extend by days"));
        m_days->setRange(1, 3650);
        m_days->setValue(90);
        m_days->setSuffix(tr(" days"));
        form->addRow(tr("&Extend by:"), m_days);
    }
    m_reason = new QLineEdit;
    m_reason->setObjectName(QStringLiteral("bulkReason"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why — recorded in the audit trail for every key"));
    form->addRow(tr("&Reason:"), m_reason);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setVisible(false);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("bulkStatus"));
    m_status->setWordWrap(true);
    m_secrets = new QPlainTextEdit;
    m_secrets->setObjectName(QStringLiteral("bulkSecrets"));
    m_secrets->setAccessibleName(tr("New secrets, shown once"));
    m_secrets->setReadOnly(true);
    m_secrets->setVisible(false);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_secrets->setFont(mono);

    auto* buttons = new QDialogButtonBox;
    m_run = buttons->addButton(title, QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("bulkRun"));
    m_run->setEnabled(false);
    m_copy = buttons->addButton(tr("&Copy secrets"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("bulkCopy"));
    m_copy->setVisible(false);
    m_close = buttons->addButton(QDialogButtonBox::Cancel);
    m_close->setObjectName(QStringLiteral("bulkClose"));
    connect(m_reason, &QLineEdit::textChanged, this,
            [this](const QString& t) { m_run->setEnabled(!m_running && !t.trimmed().isEmpty()); });
    connect(m_run, &QPushButton::clicked, this, [this] {
        emit runRequested(m_days ? qint64(m_days->value()) * 86'400'000 : 0, m_reason->text().trimmed());
    });
    connect(m_close, &QPushButton::clicked, this, &BulkActionDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QByteArray all;
        for (std::size_t i = 0; i < m_secretValues.size(); ++i)
            all += m_secretIds[i].toUtf8() + ' ' + m_secretValues[i].view() + '\n';
        ClipboardGuard::instance()->copySecret(SecureBytes::adopt(all));
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_keys, 1);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_secrets);
    layout->addWidget(buttons);
    resize(720, 480);
}

BulkActionDialog::~BulkActionDialog()
{
    wipeSecrets();
}

void BulkActionDialog::wipeSecrets()
{
    QString shown = m_secrets->toPlainText();
    secureWipe(shown);
    m_secrets->clear();
    m_secretValues.clear(); // SecureBytes wipe themselves
    m_secretIds.clear();
}

void BulkActionDialog::setRunning(int total)
{
    m_running = true;
    m_run->setEnabled(false);
    m_reason->setEnabled(false);
    if (m_days)
        m_days->setEnabled(false);
    m_progress->setVisible(true);
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_close->setText(tr("&Stop"));
    m_close->setToolTip(tr("Stop after the key in hand; keys already processed stay changed"));
}

void BulkActionDialog::setProgress(int done, int total, const QString& current)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_status->setText(current.isEmpty() ? QString() : tr("%1 of %2: %3").arg(done + 1).arg(total).arg(current));
}

void BulkActionDialog::setKeyResult(int index, bool ok, const QString& message)
{
    if (QTreeWidgetItem* item = m_keys->topLevelItem(index)) {
        item->setText(4, message);
        item->setForeground(4, ok ? palette().color(QPalette::WindowText) : QColor(0xd7, 0x3a, 0x49));
    }
}

void BulkActionDialog::addSecret(const QString& displayId, SecureBytes secret)
{
    m_secrets->setVisible(true);
    m_copy->setVisible(true);
    m_secrets->appendPlainText(displayId + QStringLiteral("  ") + secret.toUtf8String());
    m_secretIds.push_back(displayId);
    m_secretValues.push_back(std::move(secret));
}

void BulkActionDialog::setFinished(const QString& summary)
{
    m_running = false;
    m_status->setText(summary);
    m_close->setText(tr("&Close"));
    m_close->setToolTip(m_secretValues.empty() ? QString() : tr("Closing wipes the secrets shown"));
    m_close->setDefault(true);
}

void BulkActionDialog::reject()
{
    if (m_running) {
        emit cancelRequested();
        m_status->setText(tr("Stopping after the key in hand…"));
        return;
    }
    wipeSecrets();
    QDialog::reject();
}

} // namespace kw::ui
