#include "usage/Anomaly.h"

#include "usage/UsageReport.h"
#include "util/Json.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>

namespace kw {

QJsonObject UsageAnomaly::toJson() const
{
    return QJsonObject{{"time", json::time(timeMs)}, {"keyId", keyId}, {"kind", kind},    {"observed", observed},
                       {"expected", expected},       {"score", score}, {"detail", detail}};
}

namespace anomaly {

namespace {

constexpr qint64 kWeekMs = 7 * usage::kDayMs;
// History older than this carries under 1.4% of the weight at alpha 0.3; it is not read.
constexpr qint64 kHistoryWeeks = 12;

// 0 = Monday 00:00 UTC (1970-01-01 was a Thursday).
int slotOf(qint64 hourMs)
{
    const qint64 hours = usage::bucketStart(hourMs, usage::kHourMs) / usage::kHourMs;
    return int(((hours + 3 * 24) % kSlotsPerWeek + kSlotsPerWeek) % kSlotsPerWeek);
}

QString slotName(qint64 hourMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(hourMs, QTimeZone::utc());
    return t.toString(QStringLiteral("dddd HH:00 'UTC'"));
}

// An exponentially weighted mean and variance (West's incremental form).
struct Ewma {
    double mean = 0;
    double var = 0;
    int n = 0; // observations
    void add(double x, double alpha)
    {
        if (n == 0) {
            mean = x;
            var = 0;
        } else {
            const double diff = x - mean;
            const double incr = alpha * diff;
            mean += incr;
            var = (1 - alpha) * (var + diff * incr);
        }
        ++n;
    }
};

// Weekly traffic routinely moves by a quarter either way; a spike has to stand out from that, not only from
// counting noise (sqrt(mean)), or busy keys raise anomalies every week.
constexpr double kRelativeNoise = 0.25;

struct Slot {
    Ewma requests; // every hour from the key's first traffic on (0 for hours without)
    Ewma share;    // failure share, hours with traffic only
};

} // namespace

QList<UsageAnomaly> detect(const QString& keyId, const QList<HourSample>& series, qint64 fromMs, qint64 toMs,
                           const Settings& settings)
{
    QList<UsageAnomaly> out;
    if (series.isEmpty() || fromMs >= toMs)
        return out;
    const qint64 from = usage::bucketStart(fromMs, usage::kHourMs);
    const qint64 to = usage::bucketCeil(toMs, usage::kHourMs);
    const qint64 first =
        std::max(usage::bucketStart(series.first().hourMs, usage::kHourMs), from - kHistoryWeeks * kWeekMs);
    std::array<Slot, kSlotsPerWeek> bySlot{};
    Ewma overallShare; // for slots that never had traffic

    qsizetype next = 0;
    while (next < series.size() && series[next].hourMs < first)
        ++next;
    for (qint64 h = first; h < to; h += usage::kHourMs) {
        HourSample sample{h, 0, 0};
        // Several samples for one hour (callers may pass them unmerged) add up.
        while (next < series.size() && usage::bucketStart(series[next].hourMs, usage::kHourMs) == h) {
            sample.requests += series[next].requests;
            sample.failures += series[next].failures;
            ++next;
        }
        Slot& slot = bySlot[std::size_t(slotOf(h))];
        const double x = double(sample.requests);
        if (h >= from && sample.requests > 0) {
            const double mean = slot.requests.mean;
            const double sigma =
                std::max({std::sqrt(slot.requests.var), std::sqrt(std::max(mean, 0.0)), kRelativeNoise * mean, 1.0});
            const int weeks = slot.requests.n;
            const bool quiet = weeks >= settings.offHoursMinWeeks && mean < settings.quietMean;
            if (quiet && sample.requests >= settings.offHoursFloor) {
                out.append({h, keyId, QStringLiteral("off-hours"), x, mean, (x - mean) / sigma,
                            QStringLiteral("%1 requests on %2, when this key has had almost none for %3 weeks")
                                .arg(sample.requests)
                                .arg(slotName(h))
                                .arg(weeks)});
            } else if (weeks >= 2 && sample.requests >= settings.spikeFloor &&
                       x > mean + settings.spikeSigmas * sigma) {
                out.append({h, keyId, QStringLiteral("spike"), x, mean, (x - mean) / sigma,
                            QStringLiteral("%1 requests on %2, usually about %3 (\u00b1%4)")
                                .arg(sample.requests)
                                .arg(slotName(h))
                                .arg(qint64(std::llround(mean)))
                                .arg(qint64(std::llround(sigma)))});
            }
            const double share = double(sample.failures) / x;
            const double base = slot.share.n > 0 ? slot.share.mean : overallShare.mean;
            if (sample.failures >= settings.errorFloor && share > std::max(3 * base, base + 0.25)) {
                out.append({h, keyId, QStringLiteral("error-burst"), double(sample.failures), base * x,
                            share / std::max(base, 0.01),
                            QStringLiteral("%1 of %2 requests failed (%3%), usually %4%")
                                .arg(sample.failures)
                                .arg(sample.requests)
                                .arg(share * 100, 0, 'f', 1)
                                .arg(base * 100, 0, 'f', 1)});
            }
        }
        // The baseline learns every hour, also inside the range after the hour was judged.
        slot.requests.add(x, settings.alpha);
        if (sample.requests > 0) {
            const double share = double(sample.failures) / x;
            slot.share.add(share, settings.alpha);
            overallShare.add(share, settings.alpha);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const UsageAnomaly& a, const UsageAnomaly& b) { return a.timeMs < b.timeMs; });
    return out;
}

QList<UsageAnomaly> detectNewAddresses(const QString& keyId, const QList<AddressSeen>& addresses,
                                       qint64 keyFirstTrafficMs, qint64 fromMs, qint64 toMs)
{
    QList<UsageAnomaly> out;
    if (keyFirstTrafficMs <= 0 || keyFirstTrafficMs >= fromMs)
        return out; // no earlier history: every address is new, none is news
    for (const AddressSeen& a : addresses) {
        if (a.address.isEmpty() || a.firstSeenMs < fromMs || a.firstSeenMs >= toMs)
            continue;
        out.append({a.firstSeenMs, keyId, QStringLiteral("new-ip"), double(a.events), 0, double(a.events),
                    QStringLiteral("first request from %1 (%2 in the range)").arg(a.address).arg(a.events)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const UsageAnomaly& a, const UsageAnomaly& b) { return a.timeMs < b.timeMs; });
    return out;
}

} // namespace anomaly

} // namespace kw
