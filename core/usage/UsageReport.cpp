#include "usage/UsageReport.h"

#include "util/Json.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace kw {

namespace usage {

QChar scopeCode(UsageScope scope)
{
    switch (scope) {
    case UsageScope::All:
        return u'a';
    case UsageScope::Project:
        return u'p';
    case UsageScope::Service:
        return u's';
    case UsageScope::Key:
        return u'k';
    }
    return u'a';
}

QChar granularityCode(UsageGranularity granularity)
{
    switch (granularity) {
    case UsageGranularity::Minute:
        return u'm';
    case UsageGranularity::Hour:
        return u'h';
    case UsageGranularity::Day:
        return u'd';
    }
    return u'm';
}

qint64 granularityMs(UsageGranularity granularity)
{
    switch (granularity) {
    case UsageGranularity::Minute:
        return kMinuteMs;
    case UsageGranularity::Hour:
        return kHourMs;
    case UsageGranularity::Day:
        return kDayMs;
    }
    return kMinuteMs;
}

qint64 bucketStart(qint64 ms, qint64 bucketMs)
{
    qint64 q = ms / bucketMs;
    if (ms % bucketMs != 0 && ms < 0)
        --q;
    return q * bucketMs;
}

qint64 bucketCeil(qint64 ms, qint64 bucketMs)
{
    const qint64 start = bucketStart(ms, bucketMs);
    return start == ms ? ms : start + bucketMs;
}

int latencyBucket(qint64 latencyUs)
{
    const auto it = std::lower_bound(kLatencyBoundsUs.cbegin(), kLatencyBoundsUs.cend(), latencyUs);
    return int(it - kLatencyBoundsUs.cbegin());
}

} // namespace usage

namespace {

QString scopeName(UsageScope scope)
{
    switch (scope) {
    case UsageScope::All:
        return QStringLiteral("all");
    case UsageScope::Project:
        return QStringLiteral("project");
    case UsageScope::Service:
        return QStringLiteral("service");
    case UsageScope::Key:
        return QStringLiteral("key");
    }
    return QStringLiteral("all");
}

} // namespace

qint64 UsageTotals::latencyPercentileUs(double p) const
{
    qint64 total = 0;
    for (qint64 n : latencyHistogram)
        total += n;
    if (total <= 0)
        return 0;
    p = std::clamp(p, 0.0, 1.0);
    // The rank of the p-quantile among `total` samples, 1-based: the smallest r with r >= p * total.
    // (less a hair, so that 0.95 * 28000 does not round up to rank 26601).
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p * double(total) - 1e-9)), 1, total);
    qint64 seen = 0;
    for (int i = 0; i < usage::kLatencyBuckets; ++i) {
        seen += latencyHistogram[std::size_t(i)];
        if (seen >= rank)
            return i < usage::kLatencyBuckets - 1 ? usage::kLatencyBoundsUs[std::size_t(i)]
                                                  : std::max(latencyMaxUs, usage::kLatencyBoundsUs.back());
    }
    return std::max(latencyMaxUs, usage::kLatencyBoundsUs.back());
}

void UsageTotals::addLatency(qint64 latencyUs)
{
    latencySumUs += latencyUs;
    ++latencyCount;
    latencyMaxUs = std::max(latencyMaxUs, latencyUs);
    ++latencyHistogram[std::size_t(usage::latencyBucket(latencyUs))];
}

QJsonObject UsageTotals::toJson() const
{
    QJsonObject byCode;
    for (auto it = rejected.cbegin(); it != rejected.cend(); ++it)
        byCode.insert(it.key(), it.value());
    QJsonArray histogram;
    for (qint64 n : latencyHistogram)
        histogram.append(n);
    return QJsonObject{
        {QStringLiteral("latencyHistogram"), histogram},
        {QStringLiteral("latencyP50Us"), latencyPercentileUs(0.50)},
        {QStringLiteral("latencyP95Us"), latencyPercentileUs(0.95)},
        {QStringLiteral("latencyP99Us"), latencyPercentileUs(0.99)},
        {QStringLiteral("requests"), requests},
        {QStringLiteral("valid"), valid},
        {QStringLiteral("rejected"), rejectedTotal()},
        {QStringLiteral("reported"), reported},
        {QStringLiteral("rejectedByCode"), byCode},
        {QStringLiteral("cost"), cost},
        {QStringLiteral("amountMicros"), amountMicros},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("latencyAvgUs"), averageLatencyUs()},
        {QStringLiteral("latencyMaxUs"), latencyMaxUs},
        {QStringLiteral("latencySamples"), latencyCount},
        {QStringLiteral("bytes"), bytes},
    };
}

QJsonObject UsageSummary::toJson() const
{
    QJsonObject o = totals.toJson();
    o.insert(QStringLiteral("scope"), scopeName(scope));
    o.insert(QStringLiteral("scopeId"), scopeId);
    o.insert(QStringLiteral("from"), json::time(fromMs));
    o.insert(QStringLiteral("to"), json::time(toMs));
    return o;
}

QJsonObject UsagePoint::toJson() const
{
    QJsonObject o = totals.toJson();
    o.insert(QStringLiteral("bucket"), json::time(bucketMs));
    return o;
}

QJsonObject TopEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), scopeId},    {QStringLiteral("requests"), requests},
        {QStringLiteral("valid"), valid},   {QStringLiteral("rejected"), requests - valid},
        {QStringLiteral("cost"), cost},     {QStringLiteral("amountMicros"), amountMicros},
        {QStringLiteral("errors"), errors},
    };
}

} // namespace kw
