#pragma once

#include "usage/UsageReport.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace kw {

// The read side of usage tracking: totals, chart series and rankings from usage_rollups only, never from raw
// events, so a 90-day chart costs the same whatever the traffic was. Uses the caller's connection.
//
// Ranges are half-open [fromMs, toMs) and widened to whole minutes, the finest rollup. summary() and top() cover
// a range exactly with the fewest rows (see plan()): whole UTC days from day rollups, whole hours at the edges
// from hour rollups, the remaining minutes from minute rollups. Minute rollups are pruned after 48 hours
// (UsageRecorder), so for older data ranges should start and end on whole hours.
class UsageQuery {
public:
    using Scope = UsageScope;
    using Granularity = UsageGranularity;

    // One rollup granularity over [fromMs, toMs), both aligned to it.
    struct Segment {
        Granularity granularity;
        qint64 fromMs;
        qint64 toMs;
        friend bool operator==(const Segment&, const Segment&) = default;
    };

    // series() refuses to answer with more points than this (e.g. minutes over a year).
    static constexpr qint64 kMaxSeriesPoints = 200'000;

    explicit UsageQuery(QSqlDatabase& db) : m_db(db) {}

    // scopeId: project name, "project/service" or key id; ignored for Scope::All.
    Result<UsageSummary> summary(Scope scope, const QString& scopeId, qint64 fromMs, qint64 toMs) const;
    // One point per bucket from the bucket holding fromMs up to toMs, zero-filled.
    Result<QList<UsagePoint>> series(Granularity granularity, Scope scope, const QString& scopeId, qint64 fromMs,
                                     qint64 toMs) const;
    // The `limit` busiest projects, services or keys by requests (ties by id); scope All is refused.
    Result<QList<TopEntry>> top(Scope scope, qint64 fromMs, qint64 toMs, int limit) const;

    // The coarsest exact cover of [fromMs, toMs) widened to whole minutes, in time order.
    static QList<Segment> plan(qint64 fromMs, qint64 toMs);

private:
    QSqlDatabase& m_db;
};

} // namespace kw
