// "90-day usage chart over 100,000,000 events: < 100 ms (rollups, not scans)" (DESIGN.md).
//
//   bench_usage_chart [--events N] [--keys K] [benchmark options]   # default 100,000,000 events over 1,000 keys
//   bench_usage_chart --events 1000000 --keys 20 --benchmark_min_time=0.01   # smoke test (bench_usage_chart_smoke)
//
// The vault gets 90 days of hourly usage equivalent to N verify decisions, spread over K keys in 10 projects (busy
// keys and quiet ones, a daily rhythm, a few rejections, gateway reports with latency histograms), loaded through
// LocalVault::importUsageRollups one day at a time — the same rollups recorded traffic produces (hour and day
// buckets for everything, each project, service and key), without writing 100,000,000 raw rows. Then the two charts
// the console draws are timed: the daily series of everything, and the hourly series of one busy key.

#include "TestSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
constexpr int kDays = 90;
qint64 g_events = 100'000'000;
int g_keys = 1'000;
std::unique_ptr<kwtest::TempVault> g_vault;
QStringList g_keyIds;
qint64 g_to = 0;
qint64 g_loaded = 0;

bool populate()
{
    g_vault = std::make_unique<kwtest::TempVault>();
    if (!g_vault->ok())
        return false;
    kw::LocalVault& b = g_vault->backend();
    QStringList projectOf;
    for (int p = 0; p < 10; ++p) {
        const QString project = QStringLiteral("project-%1").arg(p);
        if (!b.createProject({project, {}, {}}) || !b.createEnvironment(project, QStringLiteral("prod")))
            return false;
    }
    for (int k = 0; k < g_keys; ++k) {
        kw::KeySpec spec;
        spec.project = QStringLiteral("project-%1").arg(k % 10);
        spec.environment = QStringLiteral("prod");
        spec.name = QStringLiteral("key %1").arg(k);
        spec.services = {QStringLiteral("service-%1").arg(k % 3)};
        auto issued = b.createKey(spec);
        if (!issued) {
            std::fprintf(stderr, "createKey: %s\n", qPrintable(issued.errorMessage()));
            return false;
        }
        g_keyIds << issued->key.id;
        projectOf << spec.project;
    }
    // Weights: keys by a Zipf-like law (key 0 busiest), hours by a daily rhythm; scaled to g_events in total.
    std::vector<double> keyWeight(static_cast<std::size_t>(g_keys));
    double keySum = 0;
    for (int k = 0; k < g_keys; ++k)
        keySum += keyWeight[std::size_t(k)] = 1.0 / std::pow(double(k + 1), 0.8);
    double hourWeight[24];
    double hourSum = 0;
    for (int h = 0; h < 24; ++h)
        hourSum += hourWeight[h] = h >= 8 && h < 18 ? 1.0 : (h >= 6 && h < 22 ? 0.5 : 0.15);
    g_to = g_vault->clock().nowMs() / kDay * kDay;
    const qint64 from = g_to - kDays * kDay;
    std::mt19937_64 rng(11);
    for (int d = 0; d < kDays; ++d) {
        QList<kw::UsageAggregate> rows;
        for (int k = 0; k < g_keys; ++k) {
            for (int h = 0; h < 24; ++h) {
                const double expected =
                    double(g_events) * keyWeight[std::size_t(k)] / keySum * hourWeight[h] / hourSum / kDays;
                // Whole requests with the right expectation: floor plus a chance for the fraction.
                qint64 n = qint64(expected);
                if (std::uniform_real_distribution<double>(0, 1)(rng) < expected - double(n))
                    ++n;
                if (n <= 0)
                    continue;
                kw::UsageAggregate a;
                a.bucketMs = from + d * kDay + h * kHour;
                a.keyId = g_keyIds[k];
                a.project = projectOf[k];
                a.service = QStringLiteral("service-%1").arg(k % 3);
                const qint64 rejected = n / 50;
                a.code = QStringLiteral("VALID");
                a.requests = n - rejected;
                a.cost = a.requests;
                rows << a;
                if (rejected > 0) {
                    kw::UsageAggregate r = a;
                    r.code = QStringLiteral("RATE_LIMITED");
                    r.requests = rejected;
                    r.cost = 0;
                    rows << r;
                }
                kw::UsageAggregate g = a;
                g.code = QStringLiteral("REPORTED");
                g.cost = 0;
                g.errors = a.requests / 200;
                g.latencyCount = a.requests;
                g.latencyHistogram[3] = a.requests / 2;
                g.latencyHistogram[5] = a.requests / 3;
                g.latencyHistogram[8] = a.requests - a.requests / 2 - a.requests / 3;
                g.latencySumUs = a.requests * 3'000;
                g.latencyMaxUs = 40'000;
                rows << g;
                g_loaded += n;
            }
        }
        auto stats = b.importUsageRollups(rows);
        if (!stats) {
            std::fprintf(stderr, "import day %d: %s\n", d, qPrintable(stats.errorMessage()));
            return false;
        }
    }
    QSqlQuery q(g_vault->vault().db());
    if (!q.exec(QStringLiteral("ANALYZE")))
        return false;
    g_vault->reopen();
    return g_vault->ok();
}

void BM_DailyChartOfEverything90d(benchmark::State& state)
{
    qint64 total = 0;
    for (auto _ : state) {
        auto series = g_vault->backend().usageSeries(kw::UsageGranularity::Day, kw::UsageScope::All, {},
                                                     g_to - kDays * kDay, g_to);
        total = 0;
        if (series)
            for (const auto& p : *series)
                total += p.totals.requests;
    }
    state.counters["events"] = double(total);
}

void BM_HourlyChartOfBusiestKey90d(benchmark::State& state)
{
    qint64 total = 0, points = 0;
    for (auto _ : state) {
        auto series = g_vault->backend().usageSeries(kw::UsageGranularity::Hour, kw::UsageScope::Key, g_keyIds.first(),
                                                     g_to - kDays * kDay, g_to);
        total = 0;
        points = series ? series->size() : -1;
        if (series)
            for (const auto& p : *series)
                total += p.totals.requests;
    }
    state.counters["events"] = double(total);
    state.counters["points"] = double(points);
}

void BM_SummaryWithPercentiles90d(benchmark::State& state)
{
    qint64 p99 = 0;
    for (auto _ : state) {
        auto s = g_vault->backend().usageSummary(kw::UsageScope::All, {}, g_to - kDays * kDay, g_to);
        p99 = s ? s->totals.latencyPercentileUs(0.99) : -1;
    }
    state.counters["p99_us"] = double(p99);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
            g_events = std::atoll(argv[++i]);
            continue;
        }
        if (std::strcmp(argv[i], "--keys") == 0 && i + 1 < argc) {
            g_keys = std::atoi(argv[++i]);
            continue;
        }
        rest.push_back(argv[i]);
    }
    int restCount = int(rest.size());
    benchmark::Initialize(&restCount, rest.data());
    QElapsedTimer t;
    t.start();
    if (g_events <= 0 || g_keys <= 0 || !populate()) {
        std::fprintf(stderr, "bench_usage_chart: cannot build the vault\n");
        return 1;
    }
    std::fprintf(stderr, "bench_usage_chart: %lld events over %d keys and %d days loaded as rollups in %.1f s\n",
                 static_cast<long long>(g_loaded), g_keys, kDays, double(t.elapsed()) / 1000.0);
    for (auto* b : {benchmark::RegisterBenchmark("DailyChartOfEverything90d", BM_DailyChartOfEverything90d),
                    benchmark::RegisterBenchmark("HourlyChartOfBusiestKey90d", BM_HourlyChartOfBusiestKey90d),
                    benchmark::RegisterBenchmark("SummaryWithPercentiles90d", BM_SummaryWithPercentiles90d)})
        b->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_vault.reset();
    return 0;
}
