#include "views/UsageView.h"

#include "Backend.h"
#include "session/LiveFeed.h"
#include "session/Session.h"
#include "usage/ChartStyle.h"
#include "usage/HeatMapWidget.h"
#include "usage/UsageCharts.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QScatterSeries>
#include <QShortcut>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTimeZone>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace kw::ui {

namespace {

constexpr qint64 kLocalLiveIntervalMs = 10'000; // a local vault has no event stream: poll while live
constexpr qint64 kMinReloadGapMs = 2'000;       // stream ticks arrive every second; charts need less
constexpr qint64 kMinuteRetentionMs = 48 * usage::kHourMs;

QString formatMoney(qint64 micros)
{
    return QLocale().toString(double(micros) / 1e6, 'f', 2);
}

QString rangeText(UsageRange r)
{
    switch (r) {
    case UsageRange::LiveHour:
        return UsageView::tr("Live: last hour");
    case UsageRange::Day:
        return UsageView::tr("Last 24 hours");
    case UsageRange::Week:
        return UsageView::tr("Last 7 days");
    case UsageRange::Month:
        return UsageView::tr("Last 30 days");
    case UsageRange::Quarter:
        return UsageView::tr("Last 90 days");
    case UsageRange::Custom:
        return UsageView::tr("Custom…");
    }
    return {};
}

QString kindText(const QString& kind)
{
    if (kind == QLatin1String("spike"))
        return UsageView::tr("Traffic spike");
    if (kind == QLatin1String("error-burst"))
        return UsageView::tr("Error burst");
    if (kind == QLatin1String("off-hours"))
        return UsageView::tr("Use outside usual hours");
    if (kind == QLatin1String("new-ip"))
        return UsageView::tr("New client address");
    return kind;
}

QChartView* makeChartView(const QString& name, const QString& accessible)
{
    auto* chart = new QChart;
    ChartStyle::apply(chart);
    auto* view = new QChartView(chart);
    view->setObjectName(name);
    view->setAccessibleName(accessible);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

} // namespace

UsageView::UsageView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("usageView"));
    buildControls();
    m_liveTimer.setInterval(int(kLocalLiveIntervalMs));
    connect(&m_liveTimer, &QTimer::timeout, this, &UsageView::refresh);
    m_state.range = UsageRange::Day;
    m_state.target.label = tr("All keys");
}

UsageView::~UsageView() = default;

void UsageView::buildControls()
{
    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("usageRange"));
    m_range->setAccessibleName(tr("Time range"));
    for (UsageRange r : {UsageRange::LiveHour, UsageRange::Day, UsageRange::Week, UsageRange::Month,
                         UsageRange::Quarter, UsageRange::Custom})
        m_range->addItem(rangeText(r), int(r));
    m_range->setCurrentIndex(1);
    m_from = new QDateTimeEdit;
    m_from->setObjectName(QStringLiteral("usageFrom"));
    m_from->setAccessibleName(tr("From"));
    m_from->setCalendarPopup(true);
    m_to = new QDateTimeEdit;
    m_to->setObjectName(QStringLiteral("usageTo"));
    m_to->setAccessibleName(tr("To"));
    m_to->setCalendarPopup(true);
    m_from->setVisible(false);
    m_to->setVisible(false);
    connect(m_range, &QComboBox::activated, this, [this] { setRange(UsageRange(m_range->currentData().toInt())); });
    auto applyCustom = [this] {
        if (m_from->dateTime() < m_to->dateTime())
            setCustomRange(m_from->dateTime().toMSecsSinceEpoch(), m_to->dateTime().toMSecsSinceEpoch());
    };
    connect(m_from, &QDateTimeEdit::editingFinished, this, applyCustom);
    connect(m_to, &QDateTimeEdit::editingFinished, this, applyCustom);

    m_scopeKind = new QComboBox;
    m_scopeKind->setObjectName(QStringLiteral("usageScopeKind"));
    m_scopeKind->setAccessibleName(tr("Scope"));
    m_scopeKind->addItem(tr("All keys"), int(UsageTarget::Kind::All));
    m_scopeKind->addItem(tr("Team"), int(UsageTarget::Kind::Team));
    m_scopeKind->addItem(tr("Project"), int(UsageTarget::Kind::Project));
    m_scopeKind->addItem(tr("Service"), int(UsageTarget::Kind::Service));
    m_scopeKind->addItem(tr("Key"), int(UsageTarget::Kind::Key));
    m_scopeId = new QComboBox;
    m_scopeId->setObjectName(QStringLiteral("usageScopeId"));
    m_scopeId->setAccessibleName(tr("Scope name, or a key's id or display id"));
    m_scopeId->setEditable(true);
    m_scopeId->setInsertPolicy(QComboBox::NoInsert);
    m_scopeId->setMinimumContentsLength(22);
    m_scopeId->setEnabled(false);
    connect(m_scopeKind, &QComboBox::activated, this, [this] {
        updateScopeChoices();
        if (UsageTarget::Kind(m_scopeKind->currentData().toInt()) == UsageTarget::Kind::All)
            applyScopeChoice();
        else
            m_scopeId->setFocus();
    });
    connect(m_scopeId, &QComboBox::activated, this, &UsageView::applyScopeChoice);
    connect(m_scopeId->lineEdit(), &QLineEdit::returnPressed, this, &UsageView::applyScopeChoice);

    m_back = new QToolButton;
    m_back->setObjectName(QStringLiteral("usageBack"));
    m_back->setText(tr("Back"));
    m_back->setAccessibleName(tr("Back to the previous scope and range"));
    m_back->setToolTip(tr("Back (Alt+Left)"));
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_back->setEnabled(false);
    connect(m_back, &QToolButton::clicked, this, &UsageView::back);

    auto* refreshButton = new QToolButton;
    refreshButton->setObjectName(QStringLiteral("usageRefresh"));
    refreshButton->setText(tr("Refresh"));
    refreshButton->setAccessibleName(tr("Refresh the charts"));
    connect(refreshButton, &QToolButton::clicked, this, &UsageView::refresh);

    auto* exportButton = new QToolButton;
    exportButton->setObjectName(QStringLiteral("usageExport"));
    exportButton->setText(tr("Export"));
    exportButton->setAccessibleName(tr("Export the chart or its data"));
    exportButton->setToolTip(tr("Export the chart as PNG or SVG, or its data as CSV (Ctrl+Shift+E)"));
    exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportButton, &QToolButton::clicked, this, &UsageView::exportChart);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_back);
    bar->addWidget(new QLabel(tr("Range:")));
    bar->addWidget(m_range);
    bar->addWidget(m_from);
    bar->addWidget(m_to);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Scope:")));
    bar->addWidget(m_scopeKind);
    bar->addWidget(m_scopeId, 1);
    bar->addWidget(refreshButton);
    bar->addWidget(exportButton);

    m_breadcrumb = new QLabel;
    m_breadcrumb->setObjectName(QStringLiteral("usageBreadcrumb"));
    m_breadcrumb->setTextFormat(Qt::PlainText);
    QFont bf = m_breadcrumb->font();
    bf.setBold(true);
    m_breadcrumb->setFont(bf);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("usageSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_requestsView = makeChartView(QStringLiteral("usageRequestsChart"), tr("Requests over time by outcome"));
    m_qualityView = makeChartView(QStringLiteral("usageQualityChart"), tr("Error rate and latency percentiles"));
    m_rankingView = makeChartView(QStringLiteral("usageRankingChart"), tr("Busiest projects, services or keys"));
    m_costView = makeChartView(QStringLiteral("usageCostChart"), tr("Cost by project and team"));
    m_rankingKind = new QComboBox;
    m_rankingKind->setObjectName(QStringLiteral("usageRankingKind"));
    m_rankingKind->setAccessibleName(tr("Rank"));
    m_rankingKind->addItem(tr("Keys"), QStringLiteral("keys"));
    m_rankingKind->addItem(tr("Services"), QStringLiteral("services"));
    m_rankingKind->addItem(tr("Projects"), QStringLiteral("projects"));
    connect(m_rankingKind, &QComboBox::activated, this, &UsageView::updateRankingChart);
    auto* rankingPage = new QWidget;
    auto* rankingLayout = new QVBoxLayout(rankingPage);
    auto* rankingBar = new QHBoxLayout;
    rankingBar->addWidget(new QLabel(tr("Busiest:")));
    rankingBar->addWidget(m_rankingKind);
    rankingBar->addWidget(new QLabel(tr("Click a bar to narrow the scope to it.")), 1);
    rankingLayout->addLayout(rankingBar);
    rankingLayout->addWidget(m_rankingView, 1);
    m_heat = new HeatMapWidget;

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("usageTabs"));
    m_tabs->setAccessibleName(tr("Usage charts"));
    m_tabs->addTab(m_requestsView, tr("&Requests"));
    m_tabs->addTab(m_qualityView, tr("Errors and &latency"));
    m_tabs->addTab(rankingPage, tr("&Top"));
    m_tabs->addTab(m_costView, tr("C&ost"));
    m_tabs->addTab(m_heat, tr("&Pattern"));

    m_anomalies = new QTreeWidget;
    m_anomalies->setObjectName(QStringLiteral("usageAnomalies"));
    m_anomalies->setAccessibleName(tr("Anomalies"));
    m_anomalies->setHeaderLabels({tr("When"), tr("Key"), tr("What"), tr("Observed"), tr("Usual")});
    m_anomalies->setRootIsDecorated(false);
    m_anomalies->setUniformRowHeights(true);
    m_anomalies->setToolTip(tr("Activate an anomaly to show that key around that time"));
    connect(m_anomalies, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int i = m_anomalies->indexOfTopLevelItem(item);
        if (i < 0 || i >= m_snapshot.anomalies.size())
            return;
        const UsageAnomaly a = m_snapshot.anomalies[i];
        State next = m_state;
        next.target = {UsageTarget::Kind::Key, a.keyId, item->text(1)};
        next.range = UsageRange::Custom;
        next.fromMs = usage::bucketStart(a.timeMs, usage::kHourMs) - 12 * usage::kHourMs;
        next.toMs = next.fromMs + usage::kDayMs;
        applyState(next, true);
    });
    auto* anomalyPane = new QWidget;
    auto* anomalyLayout = new QVBoxLayout(anomalyPane);
    anomalyLayout->setContentsMargins(0, 0, 0, 0);
    auto* anomalyTitle = new QLabel(tr("<b>Anomalies</b>"));
    anomalyTitle->setToolTip(
        tr("Per key and hour of the week: an exponentially weighted mean and deviation of the weeks before. "
           "Spikes, error bursts, use in usually quiet hours and new client addresses are flagged."));
    anomalyLayout->addWidget(anomalyTitle);
    anomalyLayout->addWidget(m_anomalies, 1);

    auto* split = new QSplitter;
    split->setObjectName(QStringLiteral("usageSplit"));
    split->addWidget(m_tabs);
    split->addWidget(anomalyPane);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    anomalyPane->setMinimumWidth(300);
    split->setSizes({900, 420});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_breadcrumb);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
}

void UsageView::setSession(Session* session)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = nullptr;
    m_session = session;
    m_history.clear();
    m_back->setEnabled(false);
    m_snapshot = {};
    m_state.target = {UsageTarget::Kind::All, {}, tr("All keys")};
    m_scopeKind->setCurrentIndex(0);
    updateScopeChoices();
    if (session) {
        if (LiveFeed* feed = session->liveFeed()) {
            m_feed = feed;
            connect(feed, &LiveFeed::usage, this, [this] {
                if (m_state.range == UsageRange::LiveHour && isVisible())
                    refresh();
            });
        }
        connect(session, &Session::organizationChanged, this, &UsageView::updateScopeChoices, Qt::UniqueConnection);
    }
    applyState(m_state, false);
}

void UsageView::setRange(UsageRange range)
{
    State next = m_state;
    next.range = range;
    if (range == UsageRange::Custom) {
        if (next.fromMs == 0 || next.toMs <= next.fromMs) {
            const auto b = usageview::rangeBounds(UsageRange::Week, QDateTime::currentMSecsSinceEpoch());
            next.fromMs = b.first;
            next.toMs = b.second;
        }
    }
    applyState(next, false);
}

void UsageView::setCustomRange(qint64 fromMs, qint64 toMs)
{
    State next = m_state;
    next.range = UsageRange::Custom;
    next.fromMs = fromMs;
    next.toMs = toMs;
    applyState(next, true);
}

void UsageView::setTarget(const UsageTarget& target)
{
    State next = m_state;
    next.target = target;
    applyState(next, true);
}

bool UsageView::back()
{
    if (m_history.isEmpty())
        return false;
    const State previous = m_history.takeLast();
    applyState(previous, false);
    return true;
}

void UsageView::applyState(const State& state, bool remember)
{
    if (remember && !(state.target == m_state.target && state.range == m_state.range &&
                      state.fromMs == m_state.fromMs && state.toMs == m_state.toMs))
        m_history.append(m_state);
    m_state = state;
    m_back->setEnabled(!m_history.isEmpty());
    m_range->setCurrentIndex(m_range->findData(int(state.range)));
    const bool custom = state.range == UsageRange::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    if (custom) {
        QSignalBlocker b1(m_from), b2(m_to);
        m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(state.fromMs));
        m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(state.toMs));
    }
    QStringList crumbs = {tr("All keys")};
    for (const State& s : std::as_const(m_history))
        if (s.target.kind != UsageTarget::Kind::All && !crumbs.contains(s.target.label))
            crumbs.append(s.target.label);
    if (state.target.kind != UsageTarget::Kind::All && !crumbs.contains(state.target.label))
        crumbs.append(state.target.label);
    if (state.target.kind == UsageTarget::Kind::All)
        crumbs = {tr("All keys")};
    m_breadcrumb->setText(crumbs.join(QStringLiteral("  ›  ")));
    updateLive();
    refresh();
}

void UsageView::updateLive()
{
    const bool live = m_state.range == UsageRange::LiveHour && isVisible() && m_session;
    // A server pushes usage ticks; a local vault (written by kwctl or imports elsewhere) is polled.
    if (live && !m_feed)
        m_liveTimer.start();
    else
        m_liveTimer.stop();
}

void UsageView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    updateLive();
    if (m_state.range == UsageRange::LiveHour)
        refresh();
}

void UsageView::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    updateLive();
}

void UsageView::refresh()
{
    if (!m_session) {
        m_status->setText(tr("Nothing open."));
        return;
    }
    if (m_loading) {
        m_reloadQueued = true; // one more load after this one, never a pile of them
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    UsageRequest request;
    request.target = m_state.target;
    if (m_state.range == UsageRange::Custom) {
        request.fromMs = m_state.fromMs;
        request.toMs = m_state.toMs;
    } else {
        const auto b = usageview::rangeBounds(m_state.range, now);
        request.fromMs = b.first;
        request.toMs = b.second;
    }
    request.granularity = usageview::granularityFor(request.fromMs, request.toMs);
    const quint64 token = ++m_token;
    m_loading = true;
    m_status->setText(tr("Loading…"));
    m_session->call(
        this, [request, now](Backend& b) { return usageview::load(b, request, now); },
        [this, token](UsageSnapshot snapshot) {
            m_loading = false;
            if (token == m_token)
                showSnapshot(std::move(snapshot));
            if (m_reloadQueued) {
                m_reloadQueued = false;
                QTimer::singleShot(int(kMinReloadGapMs), this, &UsageView::refresh);
            }
        });
}

void UsageView::showSnapshot(UsageSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    ++m_loads;
    const UsageTotals& t = m_snapshot.totals;
    QLocale l;
    const double rejected = t.requests > 0 ? 100.0 * double(t.rejectedTotal()) / double(t.requests) : 0;
    QString text = tr("<b>%1</b> requests verified, %2 rejected (%3 %)")
                       .arg(l.toString(t.requests), l.toString(t.rejectedTotal()), l.toString(rejected, 'f', 1));
    if (t.reported > 0)
        text += tr(" · %1 upstream errors of %2 reported (%3 %)")
                    .arg(l.toString(t.errors), l.toString(t.reported),
                         l.toString(100.0 * double(t.errors) / double(t.reported), 'f', 1));
    if (t.latencyCount > 0)
        text += tr(" · latency p50 %1 ms, p95 %2 ms, p99 %3 ms")
                    .arg(l.toString(t.latencyPercentileUs(0.50) / 1000.0, 'f', 1),
                         l.toString(t.latencyPercentileUs(0.95) / 1000.0, 'f', 1),
                         l.toString(t.latencyPercentileUs(0.99) / 1000.0, 'f', 1));
    if (t.amountMicros > 0)
        text += tr(" · cost %1").arg(formatMoney(t.amountMicros));
    text += tr(" · %n anomalie(s)", nullptr, int(m_snapshot.anomalies.size()));
    m_summary->setText(text);
    const QString when = l.toString(QDateTime::currentDateTime().time(), QLocale::ShortFormat);
    m_status->setText(
        m_snapshot.error.isEmpty()
            ? tr("Updated %1 · %n bucket(s) from rollups", nullptr, int(m_snapshot.series.size())).arg(when)
            : tr("Updated %1 with errors: %2").arg(when, m_snapshot.error));
    updateRequestsChart();
    updateQualityChart();
    updateRankingChart();
    updateCostChart();
    updatePattern();
    updateAnomalies();
}

QChart* UsageView::requestsChart() const
{
    return m_requestsView->chart();
}
QChart* UsageView::rankingChart() const
{
    return m_rankingView->chart();
}
QChart* UsageView::costChart() const
{
    return m_costView->chart();
}

void UsageView::updateRequestsChart()
{
    QChart* chart = m_requestsView->chart();
    const QList<UsagePoint>& series = m_snapshot.series;
    const qint64 bucket = usage::granularityMs(m_snapshot.request.granularity);
    // Cumulative tops per code, so the areas stack.
    QList<QList<QPointF>> uppers(m_snapshot.codes.size());
    QList<double> running(series.size(), 0.0);
    for (int c = 0; c < m_snapshot.codes.size(); ++c) {
        uppers[c].reserve(series.size() * 2);
        for (int i = 0; i < series.size(); ++i) {
            running[i] += double(usageview::countOf(series[i].totals, m_snapshot.codes[c]));
            // Steps: a bucket is flat over its width.
            uppers[c].append(QPointF(double(series[i].bucketMs), running[i]));
            uppers[c].append(QPointF(double(series[i].bucketMs + bucket - 1), running[i]));
        }
    }
    double maxY = 1;
    for (double v : std::as_const(running))
        maxY = std::max(maxY, v);

    const bool sameShape = m_chartCodes == m_snapshot.codes && !chart->series().isEmpty();
    if (sameShape) {
        // A live refresh: new points into the existing series, no rebuild, no flicker.
        int c = 0;
        for (QAbstractSeries* s : chart->series()) {
            if (auto* area = qobject_cast<QAreaSeries*>(s); area && c < uppers.size())
                area->upperSeries()->replace(uppers[c++]);
        }
    } else {
        UsageCharts::clear(chart);
        QLineSeries* lower = nullptr;
        for (int c = 0; c < m_snapshot.codes.size(); ++c) {
            auto* upper = new QLineSeries;
            upper->replace(uppers[c]);
            auto* area = new QAreaSeries(upper, lower);
            upper->setParent(area); // the area series does not own its lines; deleted with it on a rebuild
            area->setName(ChartStyle::codeText(m_snapshot.codes[c]));
            area->setColor(ChartStyle::codeColor(m_snapshot.codes[c]));
            area->setBorderColor(ChartStyle::codeColor(m_snapshot.codes[c]).darker(120));
            connect(area, &QAreaSeries::clicked, this, [this](const QPointF& p) { drillIntoBucket(qint64(p.x())); });
            chart->addSeries(area);
            lower = upper;
        }
        auto* marks = new QScatterSeries;
        marks->setName(tr("Anomaly"));
        marks->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        marks->setMarkerSize(11);
        marks->setColor(QColor(0xd3, 0x2f, 0x2f));
        chart->addSeries(marks);
        auto* x = new QDateTimeAxis;
        auto* y = new QValueAxis;
        y->setLabelFormat(QStringLiteral("%.0f"));
        y->setTitleText(tr("requests per %1")
                            .arg(m_snapshot.request.granularity == UsageGranularity::Minute ? tr("minute")
                                 : m_snapshot.request.granularity == UsageGranularity::Hour ? tr("hour")
                                                                                            : tr("day")));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (QAbstractSeries* s : chart->series()) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
        m_chartCodes = m_snapshot.codes;
    }
    // Anomaly markers on top of the stack at their bucket.
    for (QAbstractSeries* s : chart->series()) {
        auto* marks = qobject_cast<QScatterSeries*>(s);
        if (!marks)
            continue;
        QList<QPointF> points;
        for (const UsageAnomaly& a : std::as_const(m_snapshot.anomalies)) {
            const qint64 b = usage::bucketStart(a.timeMs, bucket);
            for (int i = 0; i < series.size(); ++i)
                if (series[i].bucketMs == b)
                    points.append(QPointF(double(b + bucket / 2), running[i]));
        }
        marks->replace(points);
    }
    auto axes = chart->axes();
    for (QAbstractAxis* a : axes) {
        if (auto* x = qobject_cast<QDateTimeAxis*>(a)) {
            x->setRange(QDateTime::fromMSecsSinceEpoch(m_snapshot.request.fromMs),
                        QDateTime::fromMSecsSinceEpoch(m_snapshot.request.toMs));
            x->setFormat(m_snapshot.request.toMs - m_snapshot.request.fromMs > 2 * usage::kDayMs
                             ? QStringLiteral("dd MMM")
                             : QStringLiteral("HH:mm"));
            x->setTickCount(7);
        } else if (auto* y = qobject_cast<QValueAxis*>(a)) {
            y->setRange(0, maxY * 1.1);
            y->applyNiceNumbers();
        }
    }
    chart->setTitle(tr("Requests by outcome — click a bucket to zoom in"));
}

void UsageView::updateQualityChart()
{
    UsageCharts::fillQuality(m_qualityView->chart(), m_snapshot);
}

void UsageView::updateRankingChart()
{
    const QString which = m_rankingKind->currentData().toString();
    const QList<UsageRanking>& rows = which == QLatin1String("projects")   ? m_snapshot.topProjects
                                      : which == QLatin1String("services") ? m_snapshot.topServices
                                                                           : m_snapshot.topKeys;
    UsageCharts::fillRanking(m_rankingView->chart(), rows, this,
                             [this, which](int index) { drillIntoRanking(which, index); });
}

void UsageView::updateCostChart()
{
    UsageCharts::fillCost(m_costView->chart(), m_snapshot, this,
                          [this](const QString& which, int index) { drillIntoRanking(which, index); });
}

void UsageView::updatePattern()
{
    QLocale l;
    const qint64 from = m_snapshot.patternFromMs;
    const qint64 to = std::max(m_snapshot.request.toMs, from);
    m_heat->setGrid(m_snapshot.pattern,
                    tr("%1 — requests by hour of the week, %2 to %3")
                        .arg(m_snapshot.request.target.label,
                             l.toString(QDateTime::fromMSecsSinceEpoch(from).date(), QLocale::ShortFormat),
                             l.toString(QDateTime::fromMSecsSinceEpoch(to).date(), QLocale::ShortFormat)));
    QList<QPoint> marks;
    for (const UsageAnomaly& a : std::as_const(m_snapshot.anomalies)) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(a.timeMs);
        marks.append(QPoint(t.time().hour(), t.date().dayOfWeek() - 1));
    }
    m_heat->setMarks(marks);
}

void UsageView::updateAnomalies()
{
    m_anomalies->clear();
    QLocale l;
    for (const UsageAnomaly& a : std::as_const(m_snapshot.anomalies)) {
        auto* item = new QTreeWidgetItem(
            m_anomalies, {l.toString(QDateTime::fromMSecsSinceEpoch(a.timeMs), QStringLiteral("d MMM HH:mm")),
                          m_snapshot.keyLabels.value(a.keyId, a.keyId), kindText(a.kind),
                          l.toString(a.observed, 'f', 0), l.toString(a.expected, 'f', 1)});
        item->setToolTip(2, a.detail);
        item->setToolTip(0, a.detail);
    }
    for (int c = 0; c < m_anomalies->columnCount(); ++c)
        m_anomalies->resizeColumnToContents(c);
}

void UsageView::updateScopeChoices()
{
    const auto kind = UsageTarget::Kind(m_scopeKind->currentData().toInt());
    m_scopeId->clear();
    m_scopeId->setEnabled(kind != UsageTarget::Kind::All);
    m_scopeId->lineEdit()->setPlaceholderText(kind == UsageTarget::Kind::Key ? tr("key id or display id") : QString());
    if (!m_session || kind == UsageTarget::Kind::All || kind == UsageTarget::Kind::Key)
        return;
    m_session->call(
        this,
        [kind](Backend& b) {
            QStringList names;
            if (kind == UsageTarget::Kind::Team) {
                for (const Team& t : b.teams().value_or({}))
                    names.append(t.name);
            } else {
                for (const Project& p : b.projects().value_or({})) {
                    if (kind == UsageTarget::Kind::Project)
                        names.append(p.name);
                    else
                        for (const Service& s : b.services(p.name).value_or({}))
                            names.append(p.name + u'/' + s.name);
                }
            }
            names.sort();
            return names;
        },
        [this, kind](QStringList names) {
            if (UsageTarget::Kind(m_scopeKind->currentData().toInt()) != kind)
                return;
            const QString typed = m_scopeId->currentText();
            m_scopeId->addItems(names);
            m_scopeId->setEditText(typed);
        });
}

void UsageView::applyScopeChoice()
{
    const auto kind = UsageTarget::Kind(m_scopeKind->currentData().toInt());
    const QString id = m_scopeId->currentText().trimmed();
    if (kind == UsageTarget::Kind::All) {
        setTarget({kind, {}, tr("All keys")});
        return;
    }
    if (id.isEmpty())
        return;
    if (kind != UsageTarget::Kind::Key) {
        const QString label = kind == UsageTarget::Kind::Team      ? tr("team %1").arg(id)
                              : kind == UsageTarget::Kind::Project ? tr("project %1").arg(id)
                                                                   : tr("service %1").arg(id);
        setTarget({kind, id, label});
        return;
    }
    if (!m_session)
        return;
    m_session->call(
        this, [id](Backend& b) { return b.key(id); },
        [this](Result<KeyRecord> key) {
            if (!key) {
                m_status->setText(tr("No such key: %1").arg(key.errorMessage()));
                return;
            }
            setTarget({UsageTarget::Kind::Key, key->id, tr("key %1 (%2)").arg(key->name, key->displayId)});
        });
}

void UsageView::drillIntoBucket(qint64 bucketMs)
{
    const auto g = m_snapshot.request.granularity;
    if (g == UsageGranularity::Minute)
        return; // nothing finer
    const qint64 size = usage::granularityMs(g);
    const qint64 start = usage::bucketStart(bucketMs, size);
    // Minute rollups are kept for 48 hours: an older hour has nothing finer to show.
    if (g == UsageGranularity::Hour && start < QDateTime::currentMSecsSinceEpoch() - kMinuteRetentionMs) {
        m_status->setText(tr("Minutes are kept for 48 hours; this hour can only be shown whole."));
        return;
    }
    setCustomRange(start, start + size);
}

void UsageView::drillIntoRanking(const QString& which, int index)
{
    if (which == QLatin1String("projects") || which == QLatin1String("cost-projects")) {
        const auto& rows = which == QLatin1String("projects") ? m_snapshot.topProjects : m_snapshot.costByProject;
        if (index >= 0 && index < rows.size())
            setTarget({UsageTarget::Kind::Project, rows[index].id, tr("project %1").arg(rows[index].label)});
    } else if (which == QLatin1String("services")) {
        if (index >= 0 && index < m_snapshot.topServices.size())
            setTarget({UsageTarget::Kind::Service, m_snapshot.topServices[index].id,
                       tr("service %1").arg(m_snapshot.topServices[index].label)});
    } else if (which == QLatin1String("keys")) {
        if (index >= 0 && index < m_snapshot.topKeys.size())
            setTarget({UsageTarget::Kind::Key, m_snapshot.topKeys[index].id,
                       tr("key %1").arg(m_snapshot.topKeys[index].label)});
    } else if (which == QLatin1String("teams")) {
        if (index >= 0 && index < m_snapshot.costByTeam.size() && !m_snapshot.costByTeam[index].id.isEmpty())
            setTarget({UsageTarget::Kind::Team, m_snapshot.costByTeam[index].id,
                       tr("team %1").arg(m_snapshot.costByTeam[index].label)});
    }
}

bool UsageView::exportTo(const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QWidget* source = m_tabs->currentWidget();
    if (source && !qobject_cast<QChartView*>(source) && source != m_heat)
        source = m_rankingView; // the Top page holds its chart below a selector
    if (suffix == QLatin1String("csv")) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(usageview::toCsv(m_snapshot)) < 0 || !f.commit()) {
            if (error)
                *error = f.errorString();
            return false;
        }
        return true;
    }
    if (suffix == QLatin1String("png")) {
        const QImage image = source->grab().toImage();
        if (!image.save(path, "PNG")) {
            if (error)
                *error = tr("Could not write %1").arg(path);
            return false;
        }
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(source->size());
        svg.setViewBox(QRect(QPoint(0, 0), source->size()));
        svg.setTitle(m_breadcrumb->text());
        svg.setDescription(tr("KeyWarden usage chart"));
        QPainter painter;
        if (!painter.begin(&svg)) {
            if (error)
                *error = tr("Could not write %1").arg(path);
            return false;
        }
        source->render(&painter);
        painter.end();
        return QFileInfo::exists(path);
    }
    if (error)
        *error = tr("Unknown export format \"%1\": use .png, .svg or .csv").arg(suffix);
    return false;
}

void UsageView::exportChart()
{
    const QString suggested = QStringLiteral("keywarden-usage-%1.png")
                                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export usage"), suggested, tr("PNG image (*.png);;SVG drawing (*.svg);;CSV data (*.csv)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        m_status->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace kw::ui
