#include "alerting/OutboxPanel.h"

#include "Backend.h"
#include "session/Session.h"
#include "widgets/StatusStyle.h"
#include "widgets/Tables.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

enum Column { ColCreated, ColKind, ColChannel, ColRecipient, ColSubject, ColState, ColAttempts, ColNext, ColError };

QString stateText(const QString& state)
{
    if (state == QLatin1String("queued"))
        return OutboxPanel::tr("Queued");
    if (state == QLatin1String("sent"))
        return OutboxPanel::tr("Sent");
    if (state == QLatin1String("failed"))
        return OutboxPanel::tr("Failed");
    return state;
}

QColor stateColor(const QString& state)
{
    if (state == QLatin1String("sent"))
        return StatusStyle::color(KeyLook::Active);
    if (state == QLatin1String("failed"))
        return StatusStyle::color(KeyLook::Revoked);
    return StatusStyle::color(KeyLook::ExpiringSoon);
}

} // namespace

OutboxPanel::OutboxPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_state = new QComboBox;
    m_state->setObjectName(QStringLiteral("outboxState"));
    m_state->setAccessibleName(tr("Delivery state"));
    m_state->addItem(tr("Every message"), QString());
    m_state->addItem(tr("Queued"), QStringLiteral("queued"));
    m_state->addItem(tr("Sent"), QStringLiteral("sent"));
    m_state->addItem(tr("Failed"), QStringLiteral("failed"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    m_retry = new QPushButton(tr("Re&try"));
    m_retry->setObjectName(QStringLiteral("outboxRetry"));
    m_retry->setAccessibleName(tr("Retry the selected message now"));
    m_deliver = new QPushButton(tr("&Deliver due messages now"));
    m_deliver->setObjectName(QStringLiteral("outboxDeliverNow"));
    m_deliver->setAccessibleName(tr("Deliver the due messages now"));
    m_resolve = new QPushButton(tr("Resolve &incident…"));
    m_resolve->setObjectName(QStringLiteral("outboxResolveIncident"));
    m_resolve->setAccessibleName(tr("Resolve the selected message's incident at its receivers"));
    top->addWidget(new QLabel(tr("Show:")));
    top->addWidget(m_state);
    top->addWidget(m_summary, 1);
    top->addWidget(m_retry);
    top->addWidget(m_deliver);
    top->addWidget(m_resolve);
    layout->addLayout(top);

    auto* split = new QSplitter(Qt::Vertical);
    m_table = tables::make(QStringLiteral("outboxTable"), tr("Notification outbox"),
                           {tr("Written"), tr("Kind"), tr("Channel"), tr("Recipient"), tr("Subject"), tr("State"),
                            tr("Attempts"), tr("Next try"), tr("Last error")});
    m_table->horizontalHeader()->setSectionResizeMode(ColSubject, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    split->addWidget(m_table);
    m_deliveries =
        tables::make(QStringLiteral("outboxDeliveries"), tr("Delivery log of the selected message"),
                     {tr("Attempt"), tr("At"), tr("Outcome"), tr("Status"), tr("Reply or error"), tr("Duration")});
    split->addWidget(m_deliveries);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_state, &QComboBox::currentIndexChanged, this, &OutboxPanel::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        loadDeliveries();
        updateActions();
    });
    connect(m_retry, &QPushButton::clicked, this, &OutboxPanel::retrySelected);
    connect(m_deliver, &QPushButton::clicked, this, &OutboxPanel::deliverNow);
    connect(m_resolve, &QPushButton::clicked, this, &OutboxPanel::resolveIncident);
    updateActions();
}

void OutboxPanel::setSession(Session* session)
{
    m_session = session;
    m_notifications.clear();
    m_table->setRowCount(0);
    m_deliveries->setRowCount(0);
    updateActions();
}

void OutboxPanel::refresh()
{
    if (!m_session)
        return;
    NotificationQuery q;
    q.state = m_state->currentData().toString();
    q.limit = 1000;
    const quint64 token = ++m_token;
    m_session->call(
        this, [q](Backend& b) { return b.notifications(q); },
        [this, token](Result<QList<Notification>> list) {
            if (token != m_token)
                return;
            if (!list) {
                emit statusMessage(tr("Could not load the outbox: %1").arg(list.errorMessage()));
                return;
            }
            showNotifications(*list);
        });
}

void OutboxPanel::showNotifications(const QList<Notification>& list)
{
    const auto keep = selected();
    m_notifications = list;
    m_table->setRowCount(int(list.size()));
    int queued = 0, failed = 0;
    for (int row = 0; row < list.size(); ++row) {
        const Notification& n = list[row];
        queued += n.state == QLatin1String("queued") ? 1 : 0;
        failed += n.state == QLatin1String("failed") ? 1 : 0;
        auto* created = tables::text(tables::utc(n.createdAt));
        created->setData(Qt::UserRole, n.id);
        m_table->setItem(row, ColCreated, created);
        m_table->setItem(row, ColKind, tables::text(n.kind));
        m_table->setItem(
            row, ColChannel,
            tables::text(n.format.isEmpty() ? n.channel : n.channel + QStringLiteral(" (%1)").arg(n.format)));
        m_table->setItem(row, ColRecipient, tables::text(n.recipient));
        m_table->setItem(row, ColSubject, tables::text(n.subject));
        auto* state = tables::text(stateText(n.state));
        state->setForeground(stateColor(n.state));
        m_table->setItem(row, ColState, state);
        m_table->setItem(row, ColAttempts, tables::number(n.attempts));
        m_table->setItem(row, ColNext,
                         tables::text(n.state == QLatin1String("queued") ? tables::utc(n.nextAttemptAt) : QString()));
        m_table->setItem(row, ColError, tables::text(n.lastError));
        if (keep && keep->id == n.id)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(tr("%n message(s): %1 queued, %2 failed", nullptr, int(list.size())).arg(queued).arg(failed));
    updateActions();
}

std::optional<Notification> OutboxPanel::selected() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const qint64 id = m_table->item(rows.first().row(), ColCreated)->data(Qt::UserRole).toLongLong();
    for (const Notification& n : m_notifications)
        if (n.id == id)
            return n;
    return std::nullopt;
}

void OutboxPanel::loadDeliveries()
{
    const auto n = selected();
    m_deliveries->setRowCount(0);
    if (!m_session || !n)
        return;
    m_session->call(
        this, [id = n->id](Backend& b) { return b.notificationDeliveries(id); },
        [this, id = n->id](Result<QList<DeliveryAttempt>> log) {
            const auto now = selected();
            if (!now || now->id != id)
                return;
            if (!log) {
                emit statusMessage(tr("Could not load the delivery log: %1").arg(log.errorMessage()));
                return;
            }
            m_deliveries->setRowCount(int(log->size()));
            for (int row = 0; row < log->size(); ++row) {
                const DeliveryAttempt& a = log->at(row);
                m_deliveries->setItem(row, 0, tables::number(a.attempt));
                m_deliveries->setItem(row, 1, tables::text(tables::utc(a.at)));
                auto* outcome = tables::text(a.outcome);
                outcome->setForeground(
                    stateColor(a.outcome == QLatin1String("retry") ? QStringLiteral("queued") : a.outcome));
                m_deliveries->setItem(row, 2, outcome);
                m_deliveries->setItem(row, 3, tables::text(a.status ? QString::number(a.status) : QString()));
                m_deliveries->setItem(row, 4, tables::text(a.error.isEmpty() ? a.reply : a.error));
                m_deliveries->setItem(row, 5, tables::text(tr("%1 ms").arg(a.durationMs)));
            }
            m_deliveries->resizeColumnsToContents();
        });
}

void OutboxPanel::retrySelected()
{
    const auto n = selected();
    if (!m_session || !n || n->state == QLatin1String("sent"))
        return;
    m_session->call(
        this, [id = n->id](Backend& b) { return b.retryNotification(id); },
        [this](Result<Notification> done) {
            emit statusMessage(done ? tr("Message %1 will be sent again with the next pass.").arg(done->id)
                                    : tr("Could not retry: %1").arg(done.errorMessage()));
            refresh();
        });
}

void OutboxPanel::deliverNow()
{
    if (!m_session)
        return;
    m_deliver->setEnabled(false);
    emit statusMessage(tr("Delivering due messages…"));
    m_session->call(
        this, [](Backend& b) { return b.deliverNotifications(); },
        [this](Result<DeliveryReport> report) {
            updateActions();
            emit statusMessage(report ? tr("Delivery pass: %1 sent, %2 to retry, %3 failed.")
                                            .arg(report->sent)
                                            .arg(report->retrying)
                                            .arg(report->failed)
                                      : tr("The delivery pass failed: %1").arg(report.errorMessage()));
            refresh();
        });
}

void OutboxPanel::resolveIncident()
{
    const auto n = selected();
    if (!m_session || !n || n->incident.isEmpty())
        return;
    bool ok = false;
    const QString note = QInputDialog::getText(this, tr("Resolve incident %1").arg(n->incident),
                                               tr("Tell the receivers of incident %1 that it is resolved (PagerDuty "
                                                  "closes it). Note:")
                                                   .arg(n->incident),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    m_session->call(
        this, [incident = n->incident, note](Backend& b) { return b.resolveIncident(incident, note); },
        [this, incident = n->incident](Result<QList<Notification>> queued) {
            emit statusMessage(
                queued ? tr("Incident %1 resolved: %n message(s) queued.", nullptr, int(queued->size())).arg(incident)
                       : tr("Could not resolve incident %1: %2").arg(incident, queued.errorMessage()));
            refresh();
        });
}

void OutboxPanel::updateActions()
{
    const auto n = selected();
    const bool respond = m_session && m_session->can(Capability::Respond);
    m_retry->setEnabled(respond && n && n->state != QLatin1String("sent"));
    m_deliver->setEnabled(respond);
    m_resolve->setEnabled(respond && n && !n->incident.isEmpty() && n->kind == QLatin1String("revocation"));
}

} // namespace kw::ui
