// The anomaly detector (core/usage/Anomaly) on synthetic hourly series, and the latency histogram's percentiles.
#include "usage/Anomaly.h"
#include "usage/UsageReport.h"

#include <QtTest>

#include <functional>

using namespace kw;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
// A Monday, midnight UTC: 2026-01-05.
constexpr qint64 kMonday = 1'767'571'200'000;

// `days` days of hourly samples from `start`, requests (and failures) from the given functions of the hour.
QList<anomaly::HourSample> series(qint64 start, int days, const std::function<qint64(qint64 hourMs)>& requests,
                                  const std::function<qint64(qint64 hourMs)>& failures = {})
{
    QList<anomaly::HourSample> out;
    for (qint64 h = start; h < start + days * kDay; h += kHour) {
        const qint64 n = requests(h);
        if (n > 0)
            out.append({h, n, failures ? failures(h) : 0});
    }
    return out;
}

int hourOfDay(qint64 ms)
{
    return int((ms % kDay) / kHour);
}

// Deterministic noise in [-spread, spread].
qint64 jitter(qint64 h, qint64 spread)
{
    const quint64 x = quint64(h / kHour) * 0x9E3779B97F4A7C15ULL;
    return qint64((x >> 33) % quint64(2 * spread + 1)) - spread;
}

QStringList kinds(const QList<UsageAnomaly>& list)
{
    QStringList out;
    for (const auto& a : list)
        out << a.kind;
    return out;
}

} // namespace

class TestAnomaly : public QObject {
    Q_OBJECT

private slots:
    void steadyTrafficHasNoAnomalies()
    {
        auto s = series(kMonday, 35, [](qint64 h) { return 100 + jitter(h, 10); });
        const qint64 from = kMonday + 28 * kDay;
        QCOMPARE(anomaly::detect("k", s, from, from + 7 * kDay).size(), 0);
    }

    void spikeAboveFourSigma()
    {
        const qint64 from = kMonday + 28 * kDay;
        const qint64 spikeAt = from + 2 * kDay + 13 * kHour;
        auto s = series(kMonday, 35, [&](qint64 h) { return h == spikeAt ? 400 : 100 + jitter(h, 10); });
        const auto found = anomaly::detect("k", s, from, from + 7 * kDay);
        QCOMPARE(kinds(found), QStringList{"spike"});
        const UsageAnomaly& a = found.first();
        QCOMPARE(a.timeMs, spikeAt);
        QCOMPARE(a.keyId, QStringLiteral("k"));
        QCOMPARE(a.observed, 400.0);
        QVERIFY(a.expected > 90 && a.expected < 110);
        QVERIFY(a.score > 4);
        QVERIFY2(a.detail.contains("Wednesday 13:00 UTC"), qPrintable(a.detail));
    }

    void spikeNeedsTheFloorAndTheNoiseFloors()
    {
        const qint64 from = kMonday + 28 * kDay;
        const qint64 at = from + 10 * kHour;
        // One request an hour: fifteen is many sigmas above, but under the floor of 20.
        auto small = series(kMonday, 29, [&](qint64 h) { return h == at ? 15 : 1; });
        QCOMPARE(anomaly::detect("k", small, from, from + kDay).size(), 0);
        // A perfectly flat 10,000 an hour has no variance; sigma is floored at 0.25 x mean = 2,500 (over the
        // counting noise sqrt(mean) = 100): twice the usual is not yet a spike, 2.1 times is.
        auto flat = series(kMonday, 29, [&](qint64 h) { return h == at ? 19'900 : 10'000; });
        QCOMPARE(anomaly::detect("k", flat, from, from + kDay).size(), 0);
        auto jump = series(kMonday, 29, [&](qint64 h) { return h == at ? 21'000 : 10'000; });
        QCOMPARE(kinds(anomaly::detect("k", jump, from, from + kDay)), QStringList{"spike"});
        // At 30 an hour the relative floor (7.5) is over the counting noise (sqrt 30 = 5.5): spikes need > 60.
        auto modest = series(kMonday, 29, [&](qint64 h) { return h == at ? 59 : 30; });
        QCOMPARE(anomaly::detect("k", modest, from, from + kDay).size(), 0);
        auto burst = series(kMonday, 29, [&](qint64 h) { return h == at ? 61 : 30; });
        QCOMPARE(kinds(anomaly::detect("k", burst, from, from + kDay)), QStringList{"spike"});
    }

    void baselineFollowsALevelShift()
    {
        // 100 an hour, then 200 an hour for the last three weeks: EWMA (alpha 0.3) has moved on.
        const qint64 shift = kMonday + 14 * kDay;
        auto s = series(kMonday, 36, [&](qint64 h) { return h < shift ? 100 : 200; });
        const qint64 from = kMonday + 35 * kDay;
        QCOMPARE(anomaly::detect("k", s, from, from + kDay).size(), 0);
    }

    void offHoursAfterThreeQuietWeeks()
    {
        const qint64 from = kMonday + 28 * kDay;
        const qint64 night = from + 3 * kHour;
        auto office = [&](qint64 h) -> qint64 {
            if (h == night)
                return 12;
            return hourOfDay(h) >= 9 && hourOfDay(h) < 17 ? 50 : 0;
        };
        auto found = anomaly::detect("k", series(kMonday, 29, office), from, from + kDay);
        QCOMPARE(kinds(found), QStringList{"off-hours"});
        QCOMPARE(found.first().timeMs, night);
        QCOMPARE(found.first().observed, 12.0);
        QCOMPARE(found.first().expected, 0.0);

        // Two weeks of history are not enough to call 03:00 quiet.
        const qint64 early = kMonday + 14 * kDay;
        auto shortHistory = series(kMonday, 15, [&](qint64 h) -> qint64 {
            if (h == early + 3 * kHour)
                return 12;
            return hourOfDay(h) >= 9 && hourOfDay(h) < 17 ? 50 : 0;
        });
        QCOMPARE(kinds(anomaly::detect("k", shortHistory, early, early + kDay)), QStringList{});

        // Below the floor (5 requests) nothing is reported.
        auto few = series(kMonday, 29, [&](qint64 h) -> qint64 {
            if (h == night)
                return 3;
            return hourOfDay(h) >= 9 && hourOfDay(h) < 17 ? 50 : 0;
        });
        QCOMPARE(anomaly::detect("k", few, from, from + kDay).size(), 0);
    }

    void errorBurst()
    {
        const qint64 from = kMonday + 28 * kDay;
        const qint64 at = from + 11 * kHour;
        auto requests = [](qint64) -> qint64 { return 100; };
        // About 1% failing normally; 30 of 100 at one hour.
        auto failures = [&](qint64 h) -> qint64 { return h == at ? 30 : (h / kHour) % 2; };
        auto found = anomaly::detect("k", series(kMonday, 29, requests, failures), from, from + kDay);
        QCOMPARE(kinds(found), QStringList{"error-burst"});
        QCOMPARE(found.first().timeMs, at);
        QCOMPARE(found.first().observed, 30.0);
        QVERIFY(found.first().expected < 2);
        QVERIFY(found.first().score > 10);

        // 40% failing, but only 8 failures: under the floor of 10.
        auto small = [&](qint64 h) -> qint64 { return h == at ? 20 : 100; };
        auto smallFailures = [&](qint64 h) -> qint64 { return h == at ? 8 : (h / kHour) % 2; };
        QCOMPARE(anomaly::detect("k", series(kMonday, 29, small, smallFailures), from, from + kDay).size(), 0);

        // A key that always fails half of the time is not bursting at 55%.
        auto usual = [&](qint64 h) -> qint64 { return h == at ? 55 : 50; };
        QCOMPARE(anomaly::detect("k", series(kMonday, 29, requests, usual), from, from + kDay).size(), 0);
    }

    void samplesOfOneHourAddUp()
    {
        const qint64 from = kMonday + 28 * kDay;
        auto s = series(kMonday, 28, [](qint64) { return 100; });
        // The spike arrives as two rows of the same hour (e.g. two services).
        s.append({from + 5 * kHour, 250, 0});
        s.append({from + 5 * kHour + 60'000, 250, 0});
        auto found = anomaly::detect("k", s, from, from + kDay);
        QCOMPARE(kinds(found), QStringList{"spike"});
        QCOMPARE(found.first().observed, 500.0);
        QCOMPARE(anomaly::detect("k", {}, from, from + kDay).size(), 0);
        QCOMPARE(anomaly::detect("k", s, from, from).size(), 0);
    }

    void newAddresses()
    {
        const qint64 from = kMonday + 7 * kDay;
        const qint64 to = from + kDay;
        const QList<anomaly::AddressSeen> seen{
            {"192.0.2.1", kMonday, 10},            // old friend
            {"198.51.100.9", from + 2 * kHour, 4}, // new in the range
            {"", from + kHour, 3},                 // address not recorded
            {"203.0.113.5", to + kHour, 1},        // after the range
        };
        auto found = anomaly::detectNewAddresses("k", seen, kMonday, from, to);
        QCOMPARE(kinds(found), QStringList{"new-ip"});
        QCOMPARE(found.first().timeMs, from + 2 * kHour);
        QCOMPARE(found.first().observed, 4.0);
        QVERIFY(found.first().detail.contains("198.51.100.9"));
        // A key whose traffic starts in the range has no "usual" addresses yet.
        QCOMPARE(anomaly::detectNewAddresses("k", seen, from + kHour, from, to).size(), 0);
        QCOMPARE(anomaly::detectNewAddresses("k", seen, 0, from, to).size(), 0);
    }

    void latencyBuckets()
    {
        QCOMPARE(usage::latencyBucket(0), 0);
        QCOMPARE(usage::latencyBucket(100), 0);
        QCOMPARE(usage::latencyBucket(101), 1);
        QCOMPARE(usage::latencyBucket(1'000), 3);
        QCOMPARE(usage::latencyBucket(5'000'000), 14);
        QCOMPARE(usage::latencyBucket(5'000'001), 15);
        QCOMPARE(usage::latencyBucket(std::numeric_limits<qint64>::max()), 15);
    }

    void percentiles()
    {
        UsageTotals t;
        QCOMPARE(t.latencyPercentileUs(0.5), 0);
        for (int i = 0; i < 90; ++i)
            t.addLatency(800); // <= 1 ms
        for (int i = 0; i < 9; ++i)
            t.addLatency(20'000); // <= 25 ms
        t.addLatency(9'000'000);  // the open bucket
        QCOMPARE(t.latencyCount, 100);
        QCOMPARE(t.latencyMaxUs, 9'000'000);
        QCOMPARE(t.latencyPercentileUs(0.0), 1'000);
        QCOMPARE(t.latencyPercentileUs(0.50), 1'000);
        QCOMPARE(t.latencyPercentileUs(0.90), 1'000);
        QCOMPARE(t.latencyPercentileUs(0.91), 25'000);
        QCOMPARE(t.latencyPercentileUs(0.99), 25'000);
        QCOMPARE(t.latencyPercentileUs(1.0), 9'000'000); // the open bucket answers with the maximum
        QCOMPARE(t.latencyPercentileUs(7.0), 9'000'000); // clamped
        const QJsonObject o = t.toJson();
        QCOMPARE(o.value("latencyP50Us").toInteger(), 1'000);
        QCOMPARE(o.value("latencyHistogram").toArray().size(), usage::kLatencyBuckets);
    }
};

QTEST_GUILESS_MAIN(TestAnomaly)
#include "tst_anomaly.moc"
