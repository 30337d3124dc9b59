// Audit chain verification over a long trail. The bar (DESIGN.md): at least 1,000,000 entries verified per second.
//
//   bench_audit_verify [--entries N] [benchmark options]     # default N = 1,000,000
//   bench_audit_verify --entries 20000 --benchmark_min_time=0.01   # smoke test (CTest: bench_audit_verify_smoke)
//
// The trail is written once in bulk (AuditFill: the same hash chain AuditLog writes, without the full-text index,
// which verification does not read), then verified through AuditLog::verify — what `kwctl audit verify` and the
// console's Verify button run, minus the one audit entry each run appends.

#include "AuditFill.h"
#include "TestSupport.h"

#include "audit/AuditLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

qint64 g_entries = 1'000'000;
std::unique_ptr<kwtest::TempVault> g_vault;

void BM_VerifyChain(benchmark::State& state)
{
    kw::AuditLog log(g_vault->vault(), g_vault->clock());
    qint64 checked = 0;
    for (auto _ : state) {
        auto v = log.verify();
        if (!v || !v->intact) {
            state.SkipWithError(v ? qPrintable(v->problem) : qPrintable(v.errorMessage()));
            return;
        }
        checked = v->checked;
    }
    state.SetItemsProcessed(state.iterations() * checked);
    state.counters["entries"] = double(checked);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--entries") == 0 && i + 1 < argc) {
            g_entries = std::atoll(argv[++i]);
            continue;
        }
        rest.push_back(argv[i]);
    }
    int restCount = int(rest.size());
    benchmark::Initialize(&restCount, rest.data());
    QElapsedTimer t;
    t.start();
    g_vault = std::make_unique<kwtest::TempVault>();
    const QString filled = g_vault->ok() && g_entries > 0
                               ? kwtest::fillAuditTrail(g_vault->backend(), g_entries, g_vault->clock().nowMs(), false)
                               : QStringLiteral("cannot create the vault");
    if (!filled.isEmpty()) {
        std::fprintf(stderr, "bench_audit_verify: cannot build the trail: %s\n", qPrintable(filled));
        return 1;
    }
    std::fprintf(stderr, "bench_audit_verify: %lld entries written in %.1f s\n", static_cast<long long>(g_entries),
                 double(t.elapsed()) / 1000.0);
    benchmark::RegisterBenchmark("VerifyChain", BM_VerifyChain)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_vault.reset();
    return 0;
}
