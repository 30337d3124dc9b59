#include "usage/UsageCharts.h"

#include "usage/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QValueAxis>

namespace kw::ui {

void UsageCharts::clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis), delete axis;
}

void UsageCharts::fillQuality(QChart* chart, const UsageSnapshot& snapshot)
{
    clear(chart);
    const QList<UsagePoint>& series = snapshot.series;
    const qint64 bucket = usage::granularityMs(snapshot.request.granularity);
    auto* rejectedRate = new QLineSeries;
    rejectedRate->setName(tr("Rejected %"));
    rejectedRate->setColor(ChartStyle::codeColor(QStringLiteral("REVOKED")));
    auto* errorRate = new QLineSeries;
    errorRate->setName(tr("Upstream errors %"));
    errorRate->setColor(ChartStyle::seriesColor(1));
    QLineSeries* p[3] = {new QLineSeries, new QLineSeries, new QLineSeries};
    const double quantiles[3] = {0.50, 0.95, 0.99};
    const QString names[3] = {tr("p50 latency (ms)"), tr("p95 latency (ms)"), tr("p99 latency (ms)")};
    double maxLatency = 1;
    bool anyLatency = false;
    for (const UsagePoint& pt : series) {
        const double x = double(pt.bucketMs + bucket / 2);
        const qint64 decisions = pt.totals.requests;
        const qint64 rejected = pt.totals.rejectedTotal();
        rejectedRate->append(x, decisions > 0 ? 100.0 * double(rejected) / double(decisions) : 0.0);
        errorRate->append(x,
                          pt.totals.reported > 0 ? 100.0 * double(pt.totals.errors) / double(pt.totals.reported) : 0.0);
        if (pt.totals.latencyCount > 0) {
            anyLatency = true;
            for (int i = 0; i < 3; ++i) {
                const double ms = double(pt.totals.latencyPercentileUs(quantiles[i])) / 1000.0;
                p[i]->append(x, ms);
                maxLatency = std::max(maxLatency, ms);
            }
        }
    }
    auto* x = new QDateTimeAxis;
    x->setRange(QDateTime::fromMSecsSinceEpoch(snapshot.request.fromMs),
                QDateTime::fromMSecsSinceEpoch(snapshot.request.toMs));
    x->setFormat(snapshot.request.toMs - snapshot.request.fromMs > 2 * usage::kDayMs ? QStringLiteral("dd MMM")
                                                                                     : QStringLiteral("HH:mm"));
    auto* rate = new QValueAxis;
    rate->setRange(0, 100);
    rate->setTitleText(tr("%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(rate, Qt::AlignLeft);
    for (QLineSeries* s : {rejectedRate, errorRate}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(rate);
    }
    if (anyLatency) {
        auto* ms = new QValueAxis;
        ms->setRange(0, maxLatency * 1.1);
        ms->applyNiceNumbers();
        ms->setTitleText(tr("ms"));
        chart->addAxis(ms, Qt::AlignRight);
        for (int i = 0; i < 3; ++i) {
            p[i]->setName(names[i]);
            p[i]->setColor(ChartStyle::seriesColor(2 + i));
            chart->addSeries(p[i]);
            p[i]->attachAxis(x);
            p[i]->attachAxis(ms);
        }
    } else {
        for (QLineSeries* s : p)
            delete s;
    }
    chart->setTitle(anyLatency ? tr("Error rate and latency percentiles (from gateway reports)")
                               : tr("Error rate (no gateway has reported latency in this range)"));
}

void UsageCharts::fillRanking(QChart* chart, const QList<UsageRanking>& rows, QObject* context,
                              const std::function<void(int)>& onBar)
{
    clear(chart);
    auto* accepted = new QBarSet(tr("Accepted"));
    accepted->setColor(ChartStyle::codeColor(QStringLiteral("VALID")));
    auto* rejected = new QBarSet(tr("Rejected"));
    rejected->setColor(ChartStyle::codeColor(QStringLiteral("REVOKED")));
    QStringList categories;
    double most = 1;
    // Largest at the top: horizontal bars grow upwards from the first category.
    for (int i = int(rows.size()) - 1; i >= 0; --i) {
        categories.append(rows[i].label);
        *accepted << double(rows[i].requests - rows[i].rejected);
        *rejected << double(rows[i].rejected);
        most = std::max(most, double(rows[i].requests));
    }
    auto* series = new QHorizontalStackedBarSeries;
    series->append(accepted);
    series->append(rejected);
    const int n = int(rows.size());
    auto onClick = [onBar, n](int index) { onBar(n - 1 - index); };
    QObject::connect(accepted, &QBarSet::clicked, context, onClick);
    QObject::connect(rejected, &QBarSet::clicked, context, onClick);
    chart->addSeries(series);
    auto* cats = new QBarCategoryAxis;
    cats->append(categories);
    auto* values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(cats, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(cats);
    series->attachAxis(values);
    values->setRange(0, most);
    values->applyNiceNumbers();
    chart->setTitle(rows.isEmpty() ? tr("No traffic in this range") : tr("Requests in the range"));
}

void UsageCharts::fillCost(QChart* chart, const UsageSnapshot& snapshot, QObject* context,
                           const std::function<void(const QString&, int)>& onBar)
{
    clear(chart);
    QStringList categories;
    auto* projects = new QBarSet(tr("Projects"));
    projects->setColor(ChartStyle::seriesColor(0));
    auto* teams = new QBarSet(tr("Teams"));
    teams->setColor(ChartStyle::seriesColor(1));
    // Teams first (below), then projects; each category holds one non-zero bar.
    const QList<UsageRanking>& t = snapshot.costByTeam;
    const QList<UsageRanking>& p = snapshot.costByProject;
    for (int i = int(p.size()) - 1; i >= 0; --i) {
        categories.append(tr("project %1").arg(p[i].label));
        *projects << double(p[i].amountMicros) / 1e6;
        *teams << 0.0;
    }
    for (int i = int(t.size()) - 1; i >= 0; --i) {
        categories.append(tr("team %1").arg(t[i].label));
        *projects << 0.0;
        *teams << double(t[i].amountMicros) / 1e6;
    }
    auto* series = new QHorizontalStackedBarSeries;
    series->append(projects);
    series->append(teams);
    double most = 0.01;
    for (const UsageRanking& r : p)
        most = std::max(most, double(r.amountMicros) / 1e6);
    for (const UsageRanking& r : t)
        most = std::max(most, double(r.amountMicros) / 1e6);
    const int np = int(p.size()), nt = int(t.size());
    QObject::connect(projects, &QBarSet::clicked, context,
                     [onBar, np](int index) { onBar(QStringLiteral("cost-projects"), np - 1 - index); });
    QObject::connect(teams, &QBarSet::clicked, context,
                     [onBar, np, nt](int index) { onBar(QStringLiteral("teams"), nt - 1 - (index - np)); });
    chart->addSeries(series);
    auto* cats = new QBarCategoryAxis;
    cats->append(categories);
    auto* values = new QValueAxis;
    values->setTitleText(tr("amount"));
    chart->addAxis(cats, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(cats);
    series->attachAxis(values);
    values->setRange(0, most);
    values->applyNiceNumbers();
    chart->setTitle(categories.isEmpty() ? tr("Cost allocation applies to all keys or a team")
                                         : tr("Cost allocation — priced requests in the range"));
}

} // namespace kw::ui
