#include "usage/UsageQuery.h"

#include "storage/SqlUtil.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace kw {

namespace {

// The eight counters, then the latency histogram's buckets.
const QString& sums()
{
    static const QString text = [] {
        QString s = QStringLiteral("SUM(requests), SUM(cost), SUM(amount_micros), SUM(errors), SUM(latency_sum_us), "
                                   "SUM(latency_count), MAX(latency_max_us), SUM(bytes)");
        for (int i = 0; i < usage::kLatencyBuckets; ++i)
            s += QStringLiteral(", SUM(latency_h%1)").arg(i);
        return s;
    }();
    return text;
}

const QString& columns()
{
    static const QString text = [] {
        QString s = QStringLiteral("requests, cost, amount_micros, errors, latency_sum_us, latency_count, "
                                   "latency_max_us, bytes");
        for (int i = 0; i < usage::kLatencyBuckets; ++i)
            s += QStringLiteral(", latency_h%1").arg(i);
        return s;
    }();
    return text;
}

// Adds one result row whose columns from `first` on are sums() (or the same columns unsummed).
void addRow(UsageTotals& t, const QString& code, const QSqlQuery& q, int first)
{
    const qint64 requests = q.value(first).toLongLong();
    if (code == usage::kReportedCode)
        t.reported += requests;
    else
        t.requests += requests;
    if (code == usage::kValidCode)
        t.valid += requests;
    else if (code != usage::kReportedCode)
        t.rejected[code] += requests;
    t.cost += q.value(first + 1).toLongLong();
    t.amountMicros += q.value(first + 2).toLongLong();
    t.errors += q.value(first + 3).toLongLong();
    t.latencySumUs += q.value(first + 4).toLongLong();
    t.latencyCount += q.value(first + 5).toLongLong();
    t.latencyMaxUs = std::max(t.latencyMaxUs, q.value(first + 6).toLongLong());
    t.bytes += q.value(first + 7).toLongLong();
    for (int i = 0; i < usage::kLatencyBuckets; ++i)
        t.latencyHistogram[std::size_t(i)] += q.value(first + 8 + i).toLongLong();
}

Status checkRange(qint64 fromMs, qint64 toMs)
{
    if (fromMs > toMs)
        return Error::invalid(QStringLiteral("The usage range ends before it starts"));
    return {};
}

QString scopeIdFor(UsageScope scope, const QString& scopeId)
{
    return scope == UsageScope::All ? QStringLiteral("") : (scopeId.isNull() ? QStringLiteral("") : scopeId);
}

} // namespace

QList<UsageQuery::Segment> UsageQuery::plan(qint64 fromMs, qint64 toMs)
{
    using namespace usage;
    QList<Segment> out;
    const qint64 from = bucketStart(fromMs, kMinuteMs);
    const qint64 to = bucketCeil(toMs, kMinuteMs);
    if (from >= to)
        return out;

    // Whole hours from hour rollups, the minutes around them from minute rollups.
    auto cover = [&out](qint64 a, qint64 b) {
        if (a >= b)
            return;
        const qint64 ha = bucketCeil(a, kHourMs);
        const qint64 hb = bucketStart(b, kHourMs);
        if (ha >= hb) {
            out.append({Granularity::Minute, a, b});
            return;
        }
        if (a < ha)
            out.append({Granularity::Minute, a, ha});
        out.append({Granularity::Hour, ha, hb});
        if (hb < b)
            out.append({Granularity::Minute, hb, b});
    };
    const qint64 da = bucketCeil(from, kDayMs);
    const qint64 db = bucketStart(to, kDayMs);
    if (da >= db) {
        cover(from, to);
        return out;
    }
    cover(from, da);
    out.append({Granularity::Day, da, db});
    cover(db, to);
    return out;
}

Result<UsageSummary> UsageQuery::summary(Scope scope, const QString& scopeId, qint64 fromMs, qint64 toMs) const
{
    if (Status s = checkRange(fromMs, toMs); !s)
        return s.error();
    UsageSummary out;
    out.scope = scope;
    out.scopeId = scopeIdFor(scope, scopeId);
    out.fromMs = usage::bucketStart(fromMs, usage::kMinuteMs);
    out.toMs = usage::bucketCeil(toMs, usage::kMinuteMs);
    // One indexed range per segment (primary key: granularity, scope, scope_id, bucket, code).
    const QString statement = QStringLiteral("SELECT code, %1 FROM usage_rollups WHERE granularity = ? AND scope = ? "
                                             "AND scope_id = ? AND bucket >= ? AND bucket < ? GROUP BY code")
                                  .arg(sums());
    for (const Segment& seg : plan(fromMs, toMs)) {
        auto q = sql::exec(m_db, statement,
                           {QString(usage::granularityCode(seg.granularity)), QString(usage::scopeCode(scope)),
                            out.scopeId, seg.fromMs, seg.toMs},
                           QStringLiteral("read the usage totals"));
        if (!q)
            return q.error();
        while (q->next())
            addRow(out.totals, q->value(0).toString(), *q, 1);
    }
    return out;
}

Result<QList<UsagePoint>> UsageQuery::series(Granularity granularity, Scope scope, const QString& scopeId,
                                             qint64 fromMs, qint64 toMs) const
{
    if (Status s = checkRange(fromMs, toMs); !s)
        return s.error();
    const qint64 step = usage::granularityMs(granularity);
    const qint64 from = usage::bucketStart(fromMs, step);
    const qint64 to = usage::bucketCeil(toMs, step);
    if ((to - from) / step > kMaxSeriesPoints)
        return Error::invalid(QStringLiteral("That range has more than %1 points at this granularity; choose a "
                                             "coarser one")
                                  .arg(kMaxSeriesPoints));
    QList<UsagePoint> points;
    points.reserve((to - from) / step);
    for (qint64 b = from; b < to; b += step)
        points.append(UsagePoint{b, {}});

    auto q = sql::exec(m_db,
                       QStringLiteral("SELECT bucket, code, %1 FROM usage_rollups WHERE granularity = ? "
                                      "AND scope = ? AND scope_id = ? AND bucket >= ? AND bucket < ?")
                           .arg(columns()),
                       {QString(usage::granularityCode(granularity)), QString(usage::scopeCode(scope)),
                        scopeIdFor(scope, scopeId), from, to},
                       QStringLiteral("read the usage series"));
    if (!q)
        return q.error();
    while (q->next()) {
        const qint64 index = (q->value(0).toLongLong() - from) / step;
        if (index >= 0 && index < points.size())
            addRow(points[index].totals, q->value(1).toString(), *q, 2);
    }
    return points;
}

Result<QList<TopEntry>> UsageQuery::top(Scope scope, qint64 fromMs, qint64 toMs, int limit) const
{
    if (scope == Scope::All)
        return Error::invalid(QStringLiteral("Rank projects, services or keys, not all usage"));
    if (limit <= 0)
        return Error::invalid(QStringLiteral("The ranking needs a positive limit"));
    if (Status s = checkRange(fromMs, toMs); !s)
        return s.error();
    QHash<QString, TopEntry> byId;
    const QString statement = QStringLiteral(
        "SELECT scope_id, SUM(CASE WHEN code <> 'REPORTED' THEN requests ELSE 0 END), SUM(CASE WHEN code = 'VALID' "
        "THEN requests ELSE 0 END), SUM(cost), "
        "SUM(amount_micros), SUM(errors) FROM usage_rollups WHERE granularity = ? AND scope = ? AND bucket >= ? "
        "AND bucket < ? GROUP BY scope_id");
    for (const Segment& seg : plan(fromMs, toMs)) {
        auto q = sql::exec(
            m_db, statement,
            {QString(usage::granularityCode(seg.granularity)), QString(usage::scopeCode(scope)), seg.fromMs, seg.toMs},
            QStringLiteral("rank usage"));
        if (!q)
            return q.error();
        while (q->next()) {
            const QString id = q->value(0).toString();
            TopEntry& e = byId[id];
            e.scopeId = id;
            e.requests += q->value(1).toLongLong();
            e.valid += q->value(2).toLongLong();
            e.cost += q->value(3).toLongLong();
            e.amountMicros += q->value(4).toLongLong();
            e.errors += q->value(5).toLongLong();
        }
    }
    QList<TopEntry> out = byId.values();
    auto busier = [](const TopEntry& a, const TopEntry& b) {
        return a.requests != b.requests ? a.requests > b.requests : a.scopeId < b.scopeId;
    };
    if (out.size() > limit) {
        std::partial_sort(out.begin(), out.begin() + limit, out.end(), busier);
        out.resize(limit);
    } else {
        std::sort(out.begin(), out.end(), busier);
    }
    return out;
}

} // namespace kw
