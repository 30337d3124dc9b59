#include "demo/DemoTraffic.h"

#include "demo/DemoSeeder.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace kw::demo {

namespace {

constexpr qint64 kHour = kHourMs;
constexpr qint64 kDay = kDayMs;

// `count` latencies spread log-normally around `medianUs` (sigma 0.45: most within 0.5x-2x, a thin slow tail), as
// histogram buckets that add up to exactly `count`.
std::array<qint64, usage::kLatencyBuckets> latencySpread(double medianUs, qint64 count)
{
    std::array<qint64, usage::kLatencyBuckets> out{};
    if (count <= 0 || medianUs <= 0)
        return out;
    constexpr double sigma = 0.45;
    auto cdf = [&](double us) { return 0.5 * std::erfc(-(std::log(us / medianUs)) / (sigma * std::sqrt(2.0))); };
    qint64 assigned = 0;
    double below = 0;
    std::size_t modal = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double upTo = i < usage::kLatencyBoundsUs.size() ? cdf(double(usage::kLatencyBoundsUs[i])) : 1.0;
        out[i] = qint64(std::floor((upTo - below) * double(count)));
        if (out[i] > out[modal])
            modal = i;
        assigned += out[i];
        below = upTo;
    }
    out[modal] += count - assigned; // rounding leftovers go to the most common bucket
    return out;
}

// Takes `n` latencies from `from` (lowest buckets first) into a new histogram.
std::array<qint64, usage::kLatencyBuckets> takeLatencies(std::array<qint64, usage::kLatencyBuckets>& from, qint64 n)
{
    std::array<qint64, usage::kLatencyBuckets> out{};
    for (std::size_t i = 0; i < from.size() && n > 0; ++i) {
        const qint64 t = std::min(n, from[i]);
        out[i] = t;
        from[i] -= t;
        n -= t;
    }
    return out;
}

} // namespace

void planTraffic(DemoKey& k, quint32 seed)
{
    static const QStringList batchWords{"batch",     "job",      "export",  "sync",    "archiver", "runner", "loader",
                                        "scheduler", "renewals", "trainer", "indexer", "eraser",   "checks", "purge"};
    static const QStringList interactiveWords{"web",        "app",      "ios",   "android",      "gateway", "edge",
                                              "storefront", "orders",   "relay", "sender",       "mailer",  "fanout",
                                              "collector",  "terminal", "feed",  "autocomplete", "session"};
    auto mentions = [&k](const QStringList& words) {
        return std::any_of(words.begin(), words.end(), [&k](const QString& w) { return k.name.contains(w); });
    };
    Rng r(mix(seed, 2, stableHash(k.project->name + u'/' + k.name), quint64(k.tier)));
    if (k.peakPerHour < 0) { // standby
        k.peakPerHour = 0;
        return;
    }
    const bool anomaly = k.project->name == QLatin1String(kAnomalyProject) && k.name == QLatin1String(kAnomalyKey) &&
                         k.tier == Tier::Prod;
    switch (k.tier) {
    case Tier::Prod:
        // A few production keys are stale (nobody uses them any more: what the unused-keys report finds).
        if (!anomaly && r.chance(0.06))
            return;
        if (anomaly || (!mentions(batchWords) && (mentions(interactiveWords) || r.chance(0.3)))) {
            k.profile = DemoKey::Profile::Interactive;
            k.peakPerHour = std::exp(r.uniform(std::log(80.0), std::log(2500.0)));
            k.nightFactor = r.uniform(0.12, 0.22);
            k.weekendFactor = r.uniform(0.3, 0.5);
        } else if (mentions(batchWords)) {
            k.profile = DemoKey::Profile::Batch;
            k.peakPerHour = std::exp(r.uniform(std::log(100.0), std::log(1500.0)));
            k.batchHour = r.range(0, 4);
            k.batchHours = r.range(1, 3);
        } else {
            k.peakPerHour = r.uniform(3, 40);
            k.nightFactor = 0.03;
            k.weekendFactor = 0.2;
        }
        break;
    case Tier::Staging:
        k.offHoursAnomaly = k.project->name == QLatin1String(kAnomalyProject) && k.name == QLatin1String(kAnomalyKey);
        if (!k.offHoursAnomaly && r.chance(0.35))
            return;
        k.peakPerHour = std::exp(r.uniform(std::log(2.0), std::log(60.0)));
        k.businessHoursOnly = true;
        k.weekendFactor = 0.05;
        break;
    case Tier::Dev:
        if (r.chance(0.6))
            return;
        k.peakPerHour = r.uniform(1, 25);
        k.businessHoursOnly = true;
        k.weekendFactor = 0.03;
        break;
    }
    k.anomaly = anomaly;
}

QList<UsageAggregate> trafficRows(const QList<DemoKey*>& keys, qint64 nowMs, quint32 seed)
{
    const qint64 nowHour = nowMs - nowMs % kHour;
    const qint64 start = nowHour - qint64(demo::kUsageDays) * kDay;
    const qint64 minuteFrom = nowHour - 48 * kHour; // the recorder keeps minute rollups this long
    const qint64 anomalyFrom = nowHour - 72 * kHour;
    const qint64 offHoursFrom = nowHour - 48 * kHour;
    const qint64 outageDay = (nowMs / kDay - 12) * kDay; // an upstream outage behind the payments gateway
    QList<UsageAggregate> rows;
    rows.reserve(400'000);

    // One (key, hour, service, code) bucket; hours of the last two days are spread over a few minutes.
    auto add = [&](const DemoKey& k, qint64 hour, const QString& service, const QString& code, qint64 requests,
                   qint64 errors, bool reported, Rng& r) {
        if (requests <= 0)
            return;
        UsageAggregate a;
        a.keyId = k.id;
        a.project = k.project->name;
        a.service = service;
        a.code = code;
        a.requests = requests;
        if (code == QLatin1String("VALID")) {
            a.cost = requests * unitCost(k.project->name, service);
            a.amountMicros = a.cost * servicePrice(k.project->name, service);
        }
        if (reported) {
            const double latency = double(k.project->latencyUs) * r.uniform(0.85, 1.25);
            a.errors = std::min(errors, requests);
            a.latencyCount = requests;
            a.latencySumUs = qint64(latency * double(requests));
            a.latencyHistogram = latencySpread(latency, requests);
            a.latencyMaxUs = qint64(latency * r.uniform(3, 9));
            // The maximum lies in the slowest bucket that holds a latency.
            for (std::size_t i = a.latencyHistogram.size(); i-- > 1;) {
                if (a.latencyHistogram[i] > 0) {
                    a.latencyMaxUs = std::max(a.latencyMaxUs, usage::kLatencyBoundsUs[i - 1] + 1);
                    if (i < usage::kLatencyBoundsUs.size())
                        a.latencyMaxUs = std::min(a.latencyMaxUs, usage::kLatencyBoundsUs[i]);
                    break;
                }
            }
            a.bytes = requests * qint64(r.uniform(900, 6000));
        }
        if (hour < minuteFrom) {
            a.granularity = UsageGranularity::Hour;
            a.bucketMs = hour;
            rows.append(a);
            return;
        }
        // Up to six minutes of the hour, each counter split the same way so no part has more errors than requests.
        const qint64 parts = std::min<qint64>(requests, 6);
        const int offset = r.range(0, 9);
        auto share = [parts](qint64 total, qint64 j) { return total / parts + (j < total % parts ? 1 : 0); };
        auto latencies = a.latencyHistogram;
        for (qint64 j = 0; j < parts; ++j) {
            UsageAggregate m = a;
            m.granularity = UsageGranularity::Minute;
            m.bucketMs = hour + (offset + 10 * j) * 60'000;
            m.requests = share(a.requests, j);
            m.cost = share(a.cost, j);
            m.amountMicros = share(a.amountMicros, j);
            m.errors = share(a.errors, j);
            m.latencyCount = share(a.latencyCount, j);
            m.latencyHistogram = takeLatencies(latencies, m.latencyCount);
            m.latencySumUs = share(a.latencySumUs, j);
            m.bytes = share(a.bytes, j);
            rows.append(m);
        }
    };

    for (const DemoKey* kp : keys) {
        const DemoKey& k = *kp;
        if (k.peakPerHour <= 0 && k.attemptsPerHour <= 0)
            continue;
        Rng r(mix(seed, 3, stableHash(k.project->name + u'/' + k.name), quint64(k.tier)));
        // Traffic through the key's services: the first takes most of it.
        QList<std::pair<QString, double>> split;
        if (k.services.isEmpty())
            split = {{QString(), 1.0}};
        else if (k.services.size() == 1)
            split = {{k.services[0], 1.0}};
        else
            split = {{k.services[0], 0.7}, {k.services[1], 0.3}};
        const bool reported = k.project->gateway && k.tier != Tier::Dev;
        for (qint64 hour = start; hour < nowHour; hour += kHour) {
            const int hourOfDay = int((hour % kDay) / kHour);
            const int weekday = int(((hour / kDay) + 3) % 7); // 0 = Monday (1970-01-01 was a Thursday)
            const bool weekend = weekday >= 5;
            // Working hours in UTC (the company sits in Europe): 08-18 busy, shoulders at half, night quiet.
            double shape = hourOfDay >= 8 && hourOfDay < 18   ? 1.0
                           : hourOfDay >= 6 && hourOfDay < 22 ? 0.5
                                                              : k.nightFactor;
            if (k.businessHoursOnly && (hourOfDay < 7 || hourOfDay >= 19))
                shape = 0;
            if (weekend)
                shape *= k.weekendFactor;
            if (k.profile == DemoKey::Profile::Batch)
                shape = hourOfDay >= k.batchHour && hourOfDay < k.batchHour + k.batchHours ? 1.0 : 0.0;
            const double trend = 0.9 + 0.2 * double(hour - start) / double(nowHour - start); // slow growth
            const bool blocked = k.blockedFrom != 0 && hour >= k.blockedFrom;
            const bool expired = k.expiresAt != 0 && hour >= k.expiresAt + k.graceMs;
            if (blocked || expired) {
                // Only attempts now: a leaked secret tried from time to time, clients that still hold an expired key.
                double attempts = blocked ? k.attemptsPerHour : 0;
                if (!blocked && hour < k.expiresAt + k.graceMs + 14 * kDay)
                    attempts = k.peakPerHour * shape * 0.1 *
                               (1.0 - double(hour - k.expiresAt - k.graceMs) / double(14 * kDay));
                if (blocked && k.blockedCode == QLatin1String("SUSPENDED"))
                    attempts *= shape;
                const qint64 n = qint64(std::floor(attempts * r.uniform(0.0, 2.0)));
                add(k, hour, split[0].first, blocked ? k.blockedCode : QStringLiteral("EXPIRED"), n, 0, false, r);
                continue;
            }
            if (k.offHoursAnomaly && hour >= offHoursFrom && hourOfDay >= 1 && hourOfDay < 4) {
                // Somebody uses a staging key at night, when its owners never do.
                add(k, hour, split[0].first, QStringLiteral("VALID"), r.range(25, 60), 0, false, r);
                continue;
            }
            if (k.peakPerHour <= 0 || shape <= 0)
                continue;
            double rate = k.peakPerHour * shape * trend * r.uniform(0.85, 1.15);
            const bool spike = k.anomaly && hour >= anomalyFrom && hourOfDay < 5;
            if (spike)
                rate = rate * 40 + 3000; // someone else is using the key, at night
            if (k.profile == DemoKey::Profile::Sporadic) {
                // A handful of calls when they happen, none in many hours.
                add(k, hour, split[0].first, QStringLiteral("VALID"),
                    qint64(std::floor(k.peakPerHour * shape * r.uniform(0.0, 2.0))), 0, false, r);
                continue;
            }
            for (const auto& [service, share] : split) {
                const qint64 valid = qint64(std::llround(rate * share));
                qint64 errors = qint64(std::floor(double(valid) * r.uniform(0.0, 0.008)));
                if (reported && k.project->name == QLatin1String("payments") && hour >= outageDay + 14 * kHour &&
                    hour < outageDay + 16 * kHour)
                    errors = qint64(double(valid) * r.uniform(0.3, 0.4));
                add(k, hour, service, QStringLiteral("VALID"), valid, 0, false, r);
                if (reported)
                    add(k, hour, service, QStringLiteral("REPORTED"), qint64(double(valid) * 0.97), errors, true, r);
                if (k.rateLimited && (spike || (shape >= 1.0 && valid > 400 && r.chance(0.3))))
                    add(k, hour, service, QStringLiteral("RATE_LIMITED"),
                        qint64(double(valid) * (spike ? 0.2 : r.uniform(0.005, 0.03))), 0, false, r);
                if (k.ipRestricted && (spike || r.chance(0.02)))
                    add(k, hour, service, QStringLiteral("FORBIDDEN_IP"), spike ? r.range(200, 600) : r.range(1, 20), 0,
                        false, r);
                if (k.quotaLimited && hourOfDay >= 20 && ((hour / kDay) % 17 == 3))
                    add(k, hour, service, QStringLiteral("QUOTA_EXCEEDED"), r.range(50, 300), 0, false, r);
                if (r.chance(0.01))
                    add(k, hour, service, QStringLiteral("INSUFFICIENT_PERMISSIONS"), r.range(1, 5), 0, false, r);
                if (r.chance(0.004))
                    add(k, hour, service, QStringLiteral("WRONG_SERVICE"), r.range(1, 3), 0, false, r);
            }
            if (k.project->name == QLatin1String("internal-tools") && !weekend && r.chance(0.05))
                add(k, hour, split[0].first, QStringLiteral("OUTSIDE_TIME_WINDOW"), r.range(1, 4), 0, false, r);
        }
    }
    return rows;
}

} // namespace kw::demo
