#include "views/AlertsView.h"

#include "Backend.h"
#include "alerting/AlertRulesPanel.h"
#include "alerting/ChannelsPanel.h"
#include "alerting/OutboxPanel.h"
#include "session/Session.h"
#include "widgets/StatusStyle.h"
#include "widgets/Tables.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kw::ui {

QString alertKindText(AlertKind kind)
{
    switch (kind) {
    case AlertKind::ExpiryWithin:
        return AlertsView::tr("Expiry approaching");
    case AlertKind::GraceEntered:
        return AlertsView::tr("Grace period entered");
    case AlertKind::QuotaAbove:
        return AlertsView::tr("Quota almost used");
    case AlertKind::RateLimitedAbove:
        return AlertsView::tr("Rate-limit rejections");
    case AlertKind::ErrorBurst:
        return AlertsView::tr("Error burst");
    case AlertKind::Anomaly:
        return AlertsView::tr("Unusual traffic");
    case AlertKind::BadKeyRepeated:
        return AlertsView::tr("Bad keys from one address");
    case AlertKind::NewClientNetwork:
        return AlertsView::tr("New client network");
    case AlertKind::AuditChainBroken:
        return AlertsView::tr("Audit chain broken");
    }
    return {};
}

QString alertSeverityText(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return AlertsView::tr("Info");
    case AlertSeverity::Warning:
        return AlertsView::tr("Warning");
    case AlertSeverity::Critical:
        return AlertsView::tr("Critical");
    }
    return {};
}

QString alertStateText(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return AlertsView::tr("Open");
    case AlertState::Acknowledged:
        return AlertsView::tr("Acknowledged");
    case AlertState::Resolved:
        return AlertsView::tr("Resolved");
    }
    return {};
}

namespace {

enum Column { ColSeverity, ColAlert, ColKey, ColScope, ColSource, ColCount, ColFirst, ColLast, ColState, Columns };

QColor severityColor(AlertSeverity s)
{
    switch (s) {
    case AlertSeverity::Info:
        return StatusStyle::color(KeyLook::Suspended);
    case AlertSeverity::Warning:
        return StatusStyle::color(KeyLook::ExpiringSoon);
    case AlertSeverity::Critical:
        return StatusStyle::color(KeyLook::Revoked);
    }
    return {};
}

} // namespace

AlertsView::AlertsView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("alertTabs"));
    m_tabs->setAccessibleName(tr("Alerts, rules, outbox and channels"));
    layout->addWidget(m_tabs);

    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    auto* filters = new QHBoxLayout;
    m_state = new QComboBox;
    m_state->setObjectName(QStringLiteral("alertState"));
    m_state->setAccessibleName(tr("Alert state"));
    m_state->addItem(tr("Active (open or acknowledged)"), QStringLiteral("active"));
    m_state->addItem(tr("Open"), QStringLiteral("open"));
    m_state->addItem(tr("Acknowledged"), QStringLiteral("acknowledged"));
    m_state->addItem(tr("Resolved"), QStringLiteral("resolved"));
    m_state->addItem(tr("All"), QString());
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("alertKind"));
    m_kind->setAccessibleName(tr("Alert kind"));
    m_kind->addItem(tr("Every kind"), QString());
    for (const QString& name : alertKindNames())
        if (auto k = alertKindFromString(name))
            m_kind->addItem(alertKindText(*k), name);
    m_project = new QLineEdit;
    m_project->setObjectName(QStringLiteral("alertProject"));
    m_project->setAccessibleName(tr("Project filter"));
    m_project->setPlaceholderText(tr("Project"));
    m_project->setClearButtonEnabled(true);
    m_evaluate = new QPushButton(tr("&Evaluate rules now"));
    m_evaluate->setObjectName(QStringLiteral("alertEvaluate"));
    m_evaluate->setAccessibleName(tr("Evaluate the alert rules now"));
    m_evaluate->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("alertCount"));
    filters->addWidget(new QLabel(tr("Show:")));
    filters->addWidget(m_state);
    filters->addWidget(m_kind);
    filters->addWidget(m_project);
    filters->addWidget(m_evaluate);
    filters->addStretch();
    filters->addWidget(m_count);
    pageLayout->addLayout(filters);

    auto* split = new QSplitter(Qt::Vertical);
    m_table = tables::make(QStringLiteral("alertTable"), tr("Alerts"),
                           {tr("Severity"), tr("Alert"), tr("Key"), tr("Project / service"), tr("Source"), tr("Count"),
                            tr("First seen"), tr("Last seen"), tr("State")});
    m_table->horizontalHeader()->setSectionResizeMode(ColAlert, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    split->addWidget(m_table);

    auto* detailBox = new QWidget;
    auto* detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = new QTextBrowser;
    m_detail->setObjectName(QStringLiteral("alertDetail"));
    m_detail->setAccessibleName(tr("Alert detail"));
    m_detail->setOpenLinks(false);
    detailLayout->addWidget(m_detail);
    auto* actions = new QHBoxLayout;
    m_note = new QLineEdit;
    m_note->setObjectName(QStringLiteral("alertNote"));
    m_note->setAccessibleName(tr("Note for the acknowledgement or resolution"));
    m_note->setPlaceholderText(tr("Note (who is on it, what was done)"));
    m_ack = new QPushButton(tr("&Acknowledge"));
    m_ack->setObjectName(QStringLiteral("alertAck"));
    m_ack->setAccessibleName(tr("Acknowledge the selected alert"));
    m_ack->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_ack->setToolTip(tr("Acknowledge (Ctrl+Shift+A)"));
    m_resolve = new QPushButton(tr("&Resolve"));
    m_resolve->setObjectName(QStringLiteral("alertResolve"));
    m_resolve->setAccessibleName(tr("Resolve the selected alert"));
    m_resolve->setShortcut(QKeySequence(tr("Ctrl+Shift+D")));
    m_resolve->setToolTip(tr("Resolve (Ctrl+Shift+D)"));
    m_openKey = new QPushButton(tr("Open &key"));
    m_openKey->setObjectName(QStringLiteral("alertOpenKey"));
    m_openKey->setAccessibleName(tr("Open the alert's key"));
    actions->addWidget(m_note, 1);
    actions->addWidget(m_ack);
    actions->addWidget(m_resolve);
    actions->addWidget(m_openKey);
    detailLayout->addLayout(actions);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    pageLayout->addWidget(split, 1);
    m_tabs->addTab(page, tr("Alerts"));

    m_rules = new AlertRulesPanel;
    m_tabs->addTab(m_rules, tr("Rules"));
    m_outbox = new OutboxPanel;
    m_tabs->addTab(m_outbox, tr("Notification outbox"));
    m_channels = new ChannelsPanel;
    m_tabs->addTab(m_channels, tr("Channels"));
    connect(m_rules, &AlertRulesPanel::statusMessage, this, &AlertsView::statusMessage);
    connect(m_outbox, &OutboxPanel::statusMessage, this, &AlertsView::statusMessage);
    connect(m_channels, &ChannelsPanel::statusMessage, this, &AlertsView::statusMessage);

    connect(m_state, &QComboBox::currentIndexChanged, this, &AlertsView::loadAlerts);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AlertsView::loadAlerts);
    connect(m_project, &QLineEdit::editingFinished, this, &AlertsView::loadAlerts);
    connect(m_evaluate, &QPushButton::clicked, this, &AlertsView::evaluateNow);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AlertsView::showSelected);
    connect(m_ack, &QPushButton::clicked, this, &AlertsView::acknowledgeSelected);
    connect(m_resolve, &QPushButton::clicked, this, &AlertsView::resolveSelected);
    connect(m_note, &QLineEdit::returnPressed, this, &AlertsView::acknowledgeSelected);
    connect(m_openKey, &QPushButton::clicked, this, [this] {
        if (auto a = selected(); a && !a->keyId.isEmpty())
            emit keyActivated(a->keyId);
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] {
        if (auto a = selected(); a && !a->keyId.isEmpty())
            emit keyActivated(a->keyId);
    });
    updateActions();
}

void AlertsView::setSession(Session* session)
{
    m_session = session;
    m_rules->setSession(session);
    m_outbox->setSession(session);
    m_channels->setSession(session);
    m_alerts.clear();
    m_table->setRowCount(0);
    m_detail->clear();
    if (session)
        refresh();
    updateActions();
}

void AlertsView::refresh()
{
    if (!m_session)
        return;
    loadAlerts();
    m_rules->refresh();
    m_outbox->refresh();
    m_channels->refresh();
}

void AlertsView::loadAlerts()
{
    if (!m_session)
        return;
    AlertQuery q;
    const QString state = m_state->currentData().toString();
    if (state == QLatin1String("active"))
        q.activeOnly = true;
    else if (!state.isEmpty())
        q.state = alertStateFromString(state);
    if (const QString kind = m_kind->currentData().toString(); !kind.isEmpty())
        q.kind = alertKindFromString(kind);
    q.project = m_project->text().trimmed();
    q.limit = 2000;
    const quint64 token = ++m_token;
    m_session->call(
        this, [q](Backend& b) { return b.alerts(q); },
        [this, token](Result<QList<Alert>> alerts) {
            if (token != m_token)
                return;
            if (!alerts) {
                emit statusMessage(tr("Could not load the alerts: %1").arg(alerts.errorMessage()));
                return;
            }
            showAlerts(*alerts);
        });
}

void AlertsView::evaluateNow()
{
    if (!m_session)
        return;
    m_evaluate->setEnabled(false);
    m_session->call(
        this, [](Backend& b) { return b.evaluateAlerts(0); },
        [this](Result<QList<Alert>> raised) {
            updateActions();
            if (!raised) {
                emit statusMessage(tr("Evaluating the alert rules failed: %1").arg(raised.errorMessage()));
                return;
            }
            emit statusMessage(raised->isEmpty() ? tr("Rules evaluated: nothing new.")
                                                 : tr("Rules evaluated: %n alert(s) raised or repeated.", nullptr,
                                                      int(raised->size())));
            refresh();
        });
}

void AlertsView::showAlerts(const QList<Alert>& alerts)
{
    const qint64 keep = selected() ? selected()->id : 0;
    m_alerts = alerts;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(alerts.size()));
    int open = 0;
    for (int row = 0; row < alerts.size(); ++row) {
        const Alert& a = alerts[row];
        open += a.state == AlertState::Open ? 1 : 0;
        auto* sev = tables::text(alertSeverityText(a.severity));
        sev->setData(Qt::UserRole, a.id);
        sev->setForeground(severityColor(a.severity));
        m_table->setItem(row, ColSeverity, sev);
        m_table->setItem(row, ColAlert, tables::text(a.title));
        m_table->setItem(row, ColKey, tables::text(a.keyId));
        m_table->setItem(row, ColScope, tables::text(a.service.isEmpty() ? a.project : a.project + u'/' + a.service));
        m_table->setItem(row, ColSource, tables::text(a.sourceIp));
        m_table->setItem(row, ColCount, tables::number(a.count));
        m_table->setItem(row, ColFirst, tables::text(tables::utc(a.firstSeen)));
        m_table->setItem(row, ColLast, tables::text(tables::utc(a.lastSeen)));
        m_table->setItem(row, ColState, tables::text(alertStateText(a.state)));
    }
    m_table->resizeColumnsToContents();
    m_count->setText(tr("%n alert(s), %1 open", nullptr, int(alerts.size())).arg(open));
    if (keep)
        selectAlert(keep);
    showSelected();
}

void AlertsView::selectAlert(qint64 id)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, ColSeverity)->data(Qt::UserRole).toLongLong() == id) {
            m_table->selectRow(row);
            return;
        }
}

std::optional<Alert> AlertsView::selected() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const qint64 id = m_table->item(rows.first().row(), ColSeverity)->data(Qt::UserRole).toLongLong();
    for (const Alert& a : m_alerts)
        if (a.id == id)
            return a;
    return std::nullopt;
}

void AlertsView::showSelected()
{
    const auto a = selected();
    if (!a) {
        m_detail->setPlainText(m_alerts.isEmpty() ? tr("No alert matches. Rules are evaluated every minute.")
                                                  : tr("Select an alert to see its detail."));
        updateActions();
        return;
    }
    QString html =
        QStringLiteral("<h3>%1</h3><p>%2</p><table>").arg(a->title.toHtmlEscaped(), a->detail.toHtmlEscaped());
    auto row = [&html](const QString& label, const QString& value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label, value.toHtmlEscaped());
    };
    row(tr("Kind"), alertKindText(a->kind));
    row(tr("Severity"), alertSeverityText(a->severity));
    row(tr("State"), alertStateText(a->state));
    row(tr("Key"), a->keyId);
    row(tr("Project"), a->project);
    row(tr("Service"), a->service);
    row(tr("Source address"), a->sourceIp);
    row(tr("Seen"), tr("%n time(s), first %1, last %2", nullptr, int(a->count))
                        .arg(tables::utc(a->firstSeen), tables::utc(a->lastSeen)));
    if (a->acknowledgedAt > 0)
        row(tr("Acknowledged"), tr("%1 by %2").arg(tables::utc(a->acknowledgedAt), a->acknowledgedBy));
    if (a->resolvedAt > 0)
        row(tr("Resolved"), tr("%1 by %2").arg(tables::utc(a->resolvedAt), a->resolvedBy));
    row(tr("Note"), a->note);
    html += QStringLiteral("</table>");
    m_detail->setHtml(html);
    updateActions();
}

void AlertsView::acknowledgeSelected()
{
    changeState(false);
}

void AlertsView::resolveSelected()
{
    changeState(true);
}

void AlertsView::changeState(bool resolve)
{
    const auto a = selected();
    if (!m_session || !a)
        return;
    if ((resolve && a->state == AlertState::Resolved) || (!resolve && a->state != AlertState::Open))
        return;
    const qint64 id = a->id;
    const QString note = m_note->text().trimmed();
    m_session->call(
        this,
        [id, note, resolve](Backend& b) { return resolve ? b.resolveAlert(id, note) : b.acknowledgeAlert(id, note); },
        [this, resolve](Result<Alert> done) {
            if (!done) {
                emit statusMessage(tr("Could not change the alert: %1").arg(done.errorMessage()));
                return;
            }
            m_note->clear();
            emit statusMessage(resolve ? tr("Alert resolved: %1").arg(done->title)
                                       : tr("Alert acknowledged: %1").arg(done->title));
            loadAlerts();
            if (resolve)
                m_outbox->refresh(); // resolving queues the receivers' resolve messages
        });
}

void AlertsView::updateActions()
{
    const auto a = selected();
    const bool respond = m_session && m_session->can(Capability::Respond);
    m_evaluate->setEnabled(respond);
    m_ack->setEnabled(respond && a && a->state == AlertState::Open);
    m_resolve->setEnabled(respond && a && a->state != AlertState::Resolved);
    m_openKey->setEnabled(a && !a->keyId.isEmpty());
    if (m_session && !respond) {
        const QString why = m_session->deniedReason(Capability::Respond);
        m_ack->setToolTip(why);
        m_resolve->setToolTip(why);
        m_evaluate->setToolTip(why);
    }
}

} // namespace kw::ui
