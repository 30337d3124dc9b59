#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <array>

namespace kw {

// What a rollup row counts over. Stored as one letter in usage_rollups.scope: 'a' (everything, scope_id ''),
// 'p' (project name), 's' ("project/service"), 'k' (key id).
enum class UsageScope { All, Project, Service, Key };

// Rollup bucket sizes. Buckets start at the UTC minute / hour / day (epoch-aligned, so days are UTC days).
enum class UsageGranularity { Minute, Hour, Day };

namespace usage {

inline constexpr qint64 kMinuteMs = 60'000;
inline constexpr qint64 kHourMs = 3'600'000;
inline constexpr qint64 kDayMs = 86'400'000;

// The code a verify decision carries when the key passed; everything else counts as a rejection.
inline constexpr QStringView kValidCode = u"VALID";
// Gateway reports of completed requests carry status, latency and bytes; they are not verify decisions.
inline constexpr QStringView kReportedCode = u"REPORTED";

QChar scopeCode(UsageScope scope);
QChar granularityCode(UsageGranularity granularity);
qint64 granularityMs(UsageGranularity granularity);
// Start of the bucket holding `ms` (floor, also for times before the epoch).
qint64 bucketStart(qint64 ms, qint64 bucketMs);
// Start of the first bucket at or after `ms`.
qint64 bucketCeil(qint64 ms, qint64 bucketMs);

// Latency histogram: fixed log-scale buckets. Bucket i counts latencies <= kLatencyBoundsUs[i] (and above the
// previous bound); the last bucket (index kLatencyBuckets - 1) counts everything above 5 s.
// Bounds: 100us 250us 500us 1ms 2.5ms 5ms 10ms 25ms 50ms 100ms 250ms 500ms 1s 2.5s 5s +inf.
inline constexpr int kLatencyBuckets = 16;
inline constexpr std::array<qint64, kLatencyBuckets - 1> kLatencyBoundsUs{
    100,    250,     500,     1'000,   2'500,     5'000,     10'000,   25'000,
    50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000};
// The bucket a latency falls in.
int latencyBucket(qint64 latencyUs);

} // namespace usage

// Counters over a set of rollup rows. "errors" are requests whose upstream answered with HTTP status >= 400, as
// reported by a gateway; verify decisions carry no upstream status and are never errors (rejections are
// counted per code instead). Latency and bytes only cover events that reported them.
struct UsageTotals {
    qint64 requests = 0;
    qint64 valid = 0;
    QMap<QString, qint64> rejected; // per verify code other than VALID
    qint64 reported = 0;            // requests reported by gateways (code REPORTED): not decisions
    qint64 cost = 0;
    qint64 amountMicros = 0;
    qint64 errors = 0;
    qint64 latencySumUs = 0;
    qint64 latencyCount = 0;
    qint64 latencyMaxUs = 0;
    qint64 bytes = 0;
    // Counts per latency bucket (usage::kLatencyBoundsUs), over the events that reported a latency.
    std::array<qint64, usage::kLatencyBuckets> latencyHistogram{};

    qint64 rejectedTotal() const { return requests - valid; }
    // 0 when no event reported a latency.
    double averageLatencyUs() const { return latencyCount > 0 ? double(latencySumUs) / double(latencyCount) : 0.0; }
    // The upper bound of the histogram bucket that holds the p-quantile (p in [0, 1]), e.g. 0.99 for p99;
    // for the open last bucket, latencyMaxUs. 0 when the histogram is empty.
    qint64 latencyPercentileUs(double p) const;
    // Adds one latency to the histogram (and to the sum, count and maximum).
    void addLatency(qint64 latencyUs);
    QJsonObject toJson() const;
    friend bool operator==(const UsageTotals&, const UsageTotals&) = default;
};

// Totals over [fromMs, toMs) after widening the range to whole minutes.
struct UsageSummary {
    UsageScope scope = UsageScope::All;
    QString scopeId;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    UsageTotals totals;
    QJsonObject toJson() const;
};

// One bucket of a series; buckets without traffic are present with zero totals so charts need no gap filling.
struct UsagePoint {
    qint64 bucketMs = 0;
    UsageTotals totals;
    QJsonObject toJson() const;
};

// One row of a "top consumers" ranking.
struct TopEntry {
    QString scopeId;
    qint64 requests = 0;
    qint64 valid = 0;
    qint64 cost = 0;
    qint64 amountMicros = 0;
    qint64 errors = 0;
    QJsonObject toJson() const;
};

} // namespace kw
