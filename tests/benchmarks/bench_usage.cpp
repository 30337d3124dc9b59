// Usage events persisted per second, end to end: record() from the caller's thread, then flush() until every
// event is committed (raw rows, rollups and key counters) by the recorder's writer thread. Target: >= 200,000/s.
//
//   bench_usage                                  # default measuring time
//   bench_usage --benchmark_min_time=0.01        # smoke test (CTest: bench_usage_smoke)

#include "TestSupport.h"
#include "usage/UsageRecorder.h"

#include <QCoreApplication>
#include <QStringList>

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <memory>
#include <vector>

namespace {

// CPU seconds of the whole process (both the recording thread and the writer), so the figure stays meaningful
// on a machine busy with other work, where wall-clock throughput is not.
double processCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A realistic mix: a few projects and services, 64 keys, mostly VALID decisions, some rejections, a share of
// gateway reports with status/latency/bytes, a few hundred client addresses.
std::vector<kw::UsageEvent> makeEvents(const QStringList& keyIds, qint64 startMs, int count)
{
    static const QString codes[] = {QStringLiteral("VALID"), QStringLiteral("RATE_LIMITED"), QStringLiteral("EXPIRED"),
                                    QStringLiteral("IP_NOT_ALLOWED")};
    static const QString services[] = {QStringLiteral("search"), QStringLiteral("billing"), QStringLiteral("maps")};
    const QString project = QStringLiteral("bench");
    QStringList ips;
    for (int i = 0; i < 256; ++i)
        ips << QStringLiteral("198.51.%1.%2").arg(i % 7).arg(i);
    std::vector<kw::UsageEvent> events;
    events.reserve(count);
    for (int i = 0; i < count; ++i) {
        kw::UsageEvent e;
        e.timeMs = startMs + i / 200; // 200 events per millisecond: a busy gateway
        e.keyId = keyIds[i % keyIds.size()];
        e.project = project;
        e.service = services[i % 3];
        e.clientIp = ips[(i * 31) % ips.size()];
        e.code = codes[(i % 10 == 9) ? 1 + (i / 10) % 3 : 0];
        if (e.code == codes[0]) {
            e.cost = 1;
            e.amountMicros = 250;
            e.usesConsumed = i;
        }
        if (i % 4 == 0) {
            e.upstreamStatus = (i % 100 == 0) ? 502 : 200;
            e.latencyUs = 800 + i % 500;
            e.bytes = 2048;
        }
        events.push_back(std::move(e));
    }
    return events;
}

// recordOnly: time only the record() calls (the verify path's share), not the writer catching up.
void persist(benchmark::State& state, kw::UsageRecorder::Settings settings, bool recordOnly = false)
{
    kwtest::TempVault vault;
    if (!vault.ok()) {
        state.SkipWithError("cannot create a vault");
        return;
    }
    if (!vault.backend().createProject({QStringLiteral("bench"), {}, {}})) {
        state.SkipWithError("cannot create the project");
        return;
    }
    QStringList keyIds;
    for (int i = 0; i < 64; ++i) {
        kw::KeySpec spec;
        spec.project = QStringLiteral("bench");
        spec.environment = QStringLiteral("live");
        spec.name = QStringLiteral("key-%1").arg(i);
        auto key = vault.backend().createKey(spec);
        if (!key) {
            state.SkipWithError("cannot create keys");
            return;
        }
        keyIds << key->key.id;
    }
    const int count = int(state.range(0));
    const std::vector<kw::UsageEvent> events = makeEvents(keyIds, vault.clock().nowMs(), count);

    kw::UsageRecorder recorder(vault.path(), settings, vault.clock());
    if (!recorder.start()) {
        state.SkipWithError("cannot start the recorder");
        return;
    }
    const double cpuStart = processCpuSeconds();
    for (auto _ : state) {
        for (const kw::UsageEvent& e : events)
            recorder.record(e); // a copy, as the verify path hands over its own event
        if (recordOnly)
            state.PauseTiming();
        if (!recorder.flush()) {
            state.SkipWithError("flush failed");
            break;
        }
        if (recordOnly)
            state.ResumeTiming();
    }
    recorder.stop();
    state.SetItemsProcessed(state.iterations() * count);
    state.counters["batches"] = double(recorder.stats().batches);
    state.counters["cpu_us_per_event"] =
        (processCpuSeconds() - cpuStart) * 1e6 / double(std::max<qint64>(1, state.iterations() * count));
}

void BM_PersistRawAndRollups(benchmark::State& state)
{
    persist(state, {});
}

void BM_PersistRollupsOnly(benchmark::State& state)
{
    kw::UsageRecorder::Settings settings;
    settings.rawRetentionMs = 0;
    persist(state, settings);
}

void BM_PersistTruncatedIps(benchmark::State& state)
{
    kw::UsageRecorder::Settings settings;
    settings.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Truncate;
    persist(state, settings);
}

void BM_RecordCallOnly(benchmark::State& state)
{
    persist(state, {}, true);
}

} // namespace

BENCHMARK(BM_PersistRawAndRollups)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PersistRollupsOnly)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PersistTruncatedIps)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();
// Fixed iterations: the untimed flush after each round dominates, and the timed part alone would ask for hundreds.
BENCHMARK(BM_RecordCallOnly)->Arg(100'000)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv)
{
    // Qt's SQL plugins are found through the application object.
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
