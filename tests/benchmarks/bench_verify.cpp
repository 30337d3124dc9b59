// In-process verify decisions per second on one thread: format and checksum, HMAC lookup among 100,000 keys,
// policy checks, rate limit and quota (on half of the keys), and the usage event handed to a sink.
// Target (DESIGN.md): >= 1,000,000 decisions/s including rate limiting and event queueing.
//
//   bench_verify                                 # default measuring time
//   bench_verify --benchmark_min_time=2          # the figures for the README
//   bench_verify --benchmark_min_time=0.01       # smoke test (CTest: bench_verify_smoke)
//
// Sinks: a real UsageRecorder on a vault file (its writer thread persists in the background, as in the server),
// a plain vector (the engine's own cost plus building the event), and none (the decision alone).

#include "TestSupport.h"
#include "crypto/Crypto.h"
#include "crypto/KeyFormat.h"
#include "usage/UsageRecorder.h"
#include "verify/VerificationEngine.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <random>
#include <utility>
#include <vector>

namespace {

// KW_BENCH_VERIFY_KEYS overrides the number of keys, e.g. for a short profiling run under callgrind.
const int kKeys =
    qEnvironmentVariableIsSet("KW_BENCH_VERIFY_KEYS") ? qEnvironmentVariableIntValue("KW_BENCH_VERIFY_KEYS") : 100'000;
constexpr int kSequence = 1 << 16; // pre-drawn random key order, so drawing is not measured
constexpr qint64 kFlushEvery = 1 << 20;

// One engine over 100,000 keys, built once for every benchmark.
struct Fixture {
    kw::SecureBytes pepperKey;
    std::unique_ptr<kw::crypto::HmacSha256> pepper;
    std::vector<QByteArray> secrets;   // of indexed keys
    std::vector<QByteArray> strangers; // well formed, not indexed
    std::vector<QByteArray> malformed; // bad checksums
    std::vector<int> order;            // random indices into secrets
    std::unique_ptr<kw::VerificationEngine> engine;
    QString error;

    Fixture()
    {
        pepperKey = kw::SecureBytes(32);
        std::mt19937_64 rng(42);
        for (std::size_t i = 0; i < pepperKey.size(); ++i)
            pepperKey.data()[i] = static_cast<unsigned char>(rng());
        pepper = std::make_unique<kw::crypto::HmacSha256>(pepperKey);

        auto rates = kw::RateLimitSpec::parseList({QStringLiteral("1000000/s")});
        auto quota = kw::Quota::parse(u"1000000000000/day");
        if (!rates || !quota) {
            error = QStringLiteral("cannot parse the limits");
            return;
        }
        QList<kw::KeyRuntimeSpec> specs;
        specs.reserve(kKeys);
        secrets.reserve(kKeys);
        for (int i = 0; i < kKeys; ++i) {
            auto secret = kw::KeyFormat::generate(u"kw_live_");
            if (!secret) {
                error = secret.errorMessage();
                return;
            }
            QByteArray s(std::as_const(*secret).data(), qsizetype(secret->size()));
            kw::KeyRuntimeSpec spec;
            spec.hash = pepper->mac(s);
            spec.id = QStringLiteral("key_%1").arg(i, 16, 10, QChar(u'0'));
            spec.displayId = kw::KeyFormat::displayIdOf(s);
            spec.owner = QStringLiteral("team-%1").arg(i % 50);
            spec.project = QStringLiteral("project-%1").arg(i % 20);
            spec.environment = QStringLiteral("live");
            spec.services = {QStringLiteral("search"), QStringLiteral("maps")};
            spec.unitPriceMicros = {{QStringLiteral("search"), 250}};
            if (i % 2 == 0) {
                spec.policy.rateLimits = *rates;
                spec.policy.quota = *quota;
            }
            specs.append(std::move(spec));
            secrets.push_back(std::move(s));
        }
        for (int i = 0; i < 4096; ++i) {
            auto s = kw::KeyFormat::generate(u"kw_live_");
            if (!s) {
                error = s.errorMessage();
                return;
            }
            strangers.emplace_back(std::as_const(*s).data(), qsizetype(s->size()));
            QByteArray bad = secrets[std::size_t(i % kKeys)];
            char& last = bad[bad.size() - 1];
            last = last == 'A' ? 'B' : 'A';
            malformed.push_back(bad);
        }
        std::uniform_int_distribution<int> pick(0, kKeys - 1);
        order.resize(kSequence);
        for (int& k : order)
            k = pick(rng);
        engine = std::make_unique<kw::VerificationEngine>(*pepper, kw::Clock::system());
        engine->replaceAll(specs);
        if (engine->size() != kKeys)
            error = QStringLiteral("the engine holds %1 keys").arg(engine->size());
    }
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

kw::VerifyContext context()
{
    kw::VerifyContext c;
    c.service = QStringLiteral("search");
    c.clientIp = QStringLiteral("203.0.113.7");
    return c;
}

// Runs decisions over `inputs` in the pre-drawn random order; every decision must have `expected`.
template <typename Between>
void decide(benchmark::State& state, const std::vector<QByteArray>& inputs, kw::VerifyCode expected, Between between)
{
    Fixture& f = fixture();
    const kw::VerifyContext ctx = context();
    const bool keys = &inputs == &f.secrets;
    const std::size_t mask = inputs.size() - 1; // the other inputs are a power of two long
    std::size_t i = 0;
    qint64 wrong = 0;
    qint64 sinceFlush = 0;
    for (auto _ : state) {
        const std::size_t slot = i++ & (kSequence - 1);
        const QByteArray& secret = keys ? inputs[std::size_t(f.order[slot])] : inputs[slot & mask];
        const kw::VerifyResult r = f.engine->verify(secret, ctx);
        wrong += r.code != expected;
        benchmark::DoNotOptimize(r);
        if (++sinceFlush == kFlushEvery) {
            sinceFlush = 0;
            state.PauseTiming();
            between();
            state.ResumeTiming();
        }
    }
    if (wrong)
        state.SkipWithError(qPrintable(QStringLiteral("%1 decisions had an unexpected code").arg(wrong)));
    state.SetItemsProcessed(state.iterations());
    state.counters["decisions/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

enum class Sink { Recorder, Vector, None };

void run(benchmark::State& state, Sink sinkKind, kw::VerifyCode expected)
{
    Fixture& f = fixture();
    if (!f.error.isEmpty()) {
        state.SkipWithError(qPrintable(f.error));
        return;
    }
    const std::vector<QByteArray>& inputs = expected == kw::VerifyCode::Valid      ? f.secrets
                                            : expected == kw::VerifyCode::NotFound ? f.strangers
                                                                                   : f.malformed;
    std::unique_ptr<kwtest::TempVault> vault;
    std::unique_ptr<kw::UsageRecorder> recorder;
    std::vector<kw::UsageEvent> events;
    std::function<void()> between = [] {};
    switch (sinkKind) {
    case Sink::Recorder: {
        vault = std::make_unique<kwtest::TempVault>();
        if (!vault->ok()) {
            state.SkipWithError("cannot create a vault");
            return;
        }
        kw::UsageRecorder::Settings settings;
        settings.rawRetentionMs = 0; // rollups only: the writer keeps up better, the verify path is the same
        recorder = std::make_unique<kw::UsageRecorder>(vault->path(), settings, kw::Clock::system());
        if (!recorder->start()) {
            state.SkipWithError("cannot start the recorder");
            return;
        }
        kw::UsageRecorder* r = recorder.get();
        f.engine->setUsageSink([r](kw::UsageEvent&& e) { r->record(std::move(e)); });
        // Keep the queue bounded between measured stretches: what the writer has not taken yet is written now.
        between = [r] { (void)r->flush(); };
        break;
    }
    case Sink::Vector:
        events.reserve(std::size_t(kFlushEvery));
        f.engine->setUsageSink([&events](kw::UsageEvent&& e) { events.push_back(std::move(e)); });
        between = [&events] { events.clear(); };
        break;
    case Sink::None:
        f.engine->setUsageSink({});
        break;
    }
    decide(state, inputs, expected, between);
    f.engine->setUsageSink({});
    if (recorder) {
        const auto stats = recorder->stats();
        state.counters["queued_at_end"] = double(stats.queueDepth);
        recorder->stop();
        state.counters["written"] = double(recorder->stats().written);
    }
}

void BM_VerifyValid_Recorder(benchmark::State& state)
{
    run(state, Sink::Recorder, kw::VerifyCode::Valid);
}
void BM_VerifyValid_VectorSink(benchmark::State& state)
{
    run(state, Sink::Vector, kw::VerifyCode::Valid);
}
void BM_VerifyValid_NoSink(benchmark::State& state)
{
    run(state, Sink::None, kw::VerifyCode::Valid);
}
void BM_VerifyNotFound_Recorder(benchmark::State& state)
{
    run(state, Sink::Recorder, kw::VerifyCode::NotFound);
}
void BM_VerifyNotFound_VectorSink(benchmark::State& state)
{
    run(state, Sink::Vector, kw::VerifyCode::NotFound);
}
void BM_VerifyMalformed_Recorder(benchmark::State& state)
{
    run(state, Sink::Recorder, kw::VerifyCode::Malformed);
}
void BM_VerifyMalformed_VectorSink(benchmark::State& state)
{
    run(state, Sink::Vector, kw::VerifyCode::Malformed);
}

// The pieces of a decision on their own, to show where the time goes.
void BM_HmacOnly(benchmark::State& state)
{
    Fixture& f = fixture();
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(f.pepper->mac(f.secrets[std::size_t(f.order[i++ & (kSequence - 1)])]));
    state.SetItemsProcessed(state.iterations());
}
void BM_FormatCheckOnly(benchmark::State& state)
{
    Fixture& f = fixture();
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(kw::KeyFormat::check(f.secrets[std::size_t(f.order[i++ & (kSequence - 1)])]).ok());
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(BM_VerifyValid_Recorder)->UseRealTime();
BENCHMARK(BM_VerifyValid_VectorSink)->UseRealTime();
BENCHMARK(BM_VerifyValid_NoSink)->UseRealTime();
BENCHMARK(BM_VerifyNotFound_Recorder)->UseRealTime();
BENCHMARK(BM_VerifyNotFound_VectorSink)->UseRealTime();
BENCHMARK(BM_VerifyMalformed_Recorder)->UseRealTime();
BENCHMARK(BM_VerifyMalformed_VectorSink)->UseRealTime();
BENCHMARK(BM_HmacOnly)->UseRealTime();
BENCHMARK(BM_FormatCheckOnly)->UseRealTime();

int main(int argc, char** argv)
{
    // Qt's SQL plugins (for the recorder's vault) are found through the application object.
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
