#pragma once

#include "usage/UsageReport.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace kw {

// Usage counted elsewhere, already aggregated: what one key (or unknown keys, keyId "") did through one service with
// one verify code during one minute or hour. The unit of a bulk load — demo data, or history carried over from
// another system — where replaying single events through the recorder would be pointless.
struct UsageAggregate {
    UsageGranularity granularity = UsageGranularity::Hour; // Minute or Hour: the finest bucket the counts are known for
    qint64 bucketMs = 0;                                   // start of the minute or hour (UTC, epoch-aligned)
    QString keyId;                                         // "": malformed or unknown keys
    QString project;                                       // the key's project; "" only without a key
    QString service;                                       // "": no service named
    QString code;                                          // a verify code such as "VALID", or "REPORTED"
    qint64 requests = 0;
    qint64 cost = 0;
    qint64 amountMicros = 0;
    qint64 errors = 0; // REPORTED requests whose upstream answered >= 400
    qint64 latencySumUs = 0;
    qint64 latencyCount = 0;
    qint64 latencyMaxUs = 0;
    qint64 bytes = 0;
    // Latencies per bucket of usage::kLatencyBoundsUs. Optional: all zero when the source only knows sum, count and
    // maximum (percentiles then cover the other rows only); otherwise the buckets add up to latencyCount.
    std::array<qint64, usage::kLatencyBuckets> latencyHistogram{};
};

// What a load added.
struct UsageImportStats {
    qint64 aggregates = 0;                  // rows given
    qint64 rollupRows = 0;                  // usage_rollups rows written or added to
    qint64 requests = 0;                    // requests, including REPORTED ones
    qint64 fromMs = 0;                      // first bucket
    qint64 toMs = 0;                        // end of the last bucket
    QHash<QString, qint64> lastValidBucket; // key id -> start of its latest bucket with VALID requests
};

// Turns aggregates into every rollup the usage queries read — minute (for minute rows), hour and day buckets, each
// for all usage, the project, the project's service and the key — and adds them to usage_rollups, so summaries,
// series and rankings agree with each other exactly as they do for recorded events. Hour rows produce no minute
// rollups: like recorded traffic older than the minute retention, they answer at hour granularity.
class UsageImport {
public:
    // Every row checked before anything is written; the error names the row and the field.
    static Status validate(const QList<UsageAggregate>& rows);
    // Adds the rollups through `db` (a vault connection), inside the caller's transaction. Works one UTC day at a
    // time, so memory stays small whatever the number of rows.
    static Result<UsageImportStats> write(QSqlDatabase& db, const QList<UsageAggregate>& rows);
};

} // namespace kw
