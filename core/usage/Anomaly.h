#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace kw {

// Something unusual in a key's traffic. kind: "spike", "error-burst", "off-hours", "new-ip".
struct UsageAnomaly {
    qint64 timeMs = 0; // start of the hour (or the first event, for new-ip)
    QString keyId;
    QString kind;
    double observed = 0;
    double expected = 0;
    double score = 0; // how far from the baseline, in standard deviations (spike) or a ratio (others)
    QString detail;
    QJsonObject toJson() const;
    friend bool operator==(const UsageAnomaly&, const UsageAnomaly&) = default;
};

// The baseline and the rules, kept pure so they can be tested with synthetic series.
//
// Baseline: per key and per hour-of-week slot (168 slots, hours counted in UTC), an exponentially weighted
// moving mean and variance of the hourly request count over the weeks before the examined range:
//     diff = x - mean;  incr = alpha * diff;  mean += incr;  var = (1 - alpha) * (var + diff * incr)
// with alpha = 0.3 (the last ~3 weeks carry ~2/3 of the weight). Hours without traffic count as 0, from the
// key's first hour with traffic on. The same is kept for the share of failed requests (rejections + errors).
// Rules, for every hour in the examined range with traffic:
//   spike:       requests > mean + 4 sigma and requests >= spikeFloor, sigma floored at max(1 request,
//                sqrt(mean) (counting noise), 0.25 x mean (traffic that varies a quarter week to week is normal))
//   error-burst: failures >= errorFloor and failure share > max(3 x slot share, slot share + 0.25)
//   off-hours:   requests >= offHoursFloor in a slot whose mean is < 0.5 after >= 3 weeks of history
//   new-ip:      a client address first seen in the range for a key with earlier traffic (raw events)
namespace anomaly {

inline constexpr int kSlotsPerWeek = 168;
inline constexpr double kAlpha = 0.3;

struct Settings {
    double alpha = kAlpha;
    double spikeSigmas = 4.0;
    qint64 spikeFloor = 20;   // fewer requests than this in an hour are never a spike
    qint64 errorFloor = 10;   // fewer failures than this in an hour are never a burst
    qint64 offHoursFloor = 5; // fewer requests than this in a quiet slot are not reported
    int offHoursMinWeeks = 3; // weeks of history before a slot can be called quiet
    double quietMean = 0.5;   // a slot whose mean is below this is quiet
};

// One hour of one key's traffic. Hours missing from a series had no traffic.
struct HourSample {
    qint64 hourMs = 0; // start of the UTC hour
    qint64 requests = 0;
    qint64 failures = 0; // rejected decisions + reported errors
};

// Baseline from history (hours before fromMs), then the rules over the hours in [fromMs, toMs).
// `series` is sorted by hourMs. Results are sorted by time.
QList<UsageAnomaly> detect(const QString& keyId, const QList<HourSample>& series, qint64 fromMs, qint64 toMs,
                           const Settings& settings = {});

// A client address of a key and when it was first seen (from raw usage events).
struct AddressSeen {
    QString address;
    qint64 firstSeenMs = 0;
    qint64 events = 0; // events from the address in the range
};

// new-ip: addresses first seen in [fromMs, toMs) for a key whose traffic started before fromMs.
QList<UsageAnomaly> detectNewAddresses(const QString& keyId, const QList<AddressSeen>& addresses,
                                       qint64 keyFirstTrafficMs, qint64 fromMs, qint64 toMs);

} // namespace anomaly

} // namespace kw
