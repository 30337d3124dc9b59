// Key counts and filtered lists on a large vault, as the console's tree and key list ask for them. The bar
// (DESIGN.md): a console over 1,000,000 keys filters in < 100 ms.
//
//   bench_key_counts [--keys N] [benchmark options]    # default N = 1,000,000
//   bench_key_counts --keys 20000 --benchmark_min_time=0.01    # smoke test (CTest: bench_key_counts_smoke)
//
// The vault is filled once with bulk SQL (20 projects in 5 teams, 3 environments and 4 services each, a mix of
// statuses, expiries, tags, parents and service bindings), then queried through LocalVault.

#include "TestSupport.h"
#include "usage/SqliteStatement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <random>

namespace {

constexpr qint64 kDay = 86'400'000;
int g_keys = 1'000'000;
std::unique_ptr<kwtest::TempVault> g_vault;

bool exec(QSqlDatabase& db, const QString& statement)
{
    QSqlQuery q(db);
    return q.exec(statement);
}

// Fills the vault with g_keys keys; returns false (with a message on stderr) if anything fails.
bool populate()
{
    g_vault = std::make_unique<kwtest::TempVault>();
    if (!g_vault->ok())
        return false;
    kw::LocalVault& b = g_vault->backend();
    const qint64 now = g_vault->clock().nowMs();
    for (int p = 0; p < 20; ++p) {
        const QString project = QStringLiteral("project-%1").arg(p);
        if (!b.createProject({project, QStringLiteral("team-%1").arg(p % 5), {}}))
            return false;
        for (const char* env : {"dev", "staging", "prod"})
            if (!b.createEnvironment(project, QString::fromLatin1(env)))
                return false;
        for (int s = 0; s < 4; ++s)
            if (!b.createService(project, QStringLiteral("service-%1").arg(s)))
                return false;
    }
    QSqlDatabase& db = g_vault->vault().db();
    sqlite3* h = kw::sqlite::handleOf(db);
    if (!h || !exec(db, QStringLiteral("BEGIN")))
        return false;
    kw::sqlite::Statement key, bind;
    if (!key.prepare(h, "INSERT INTO keys (id, display_id, hash, name, project_id, environment_id, owner, tags, "
                        "metadata, status, created_at, expires_at, parent_id, status_changed_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)") ||
        !bind.prepare(h, "INSERT INTO key_services (key_id, service_id) VALUES (?, ?)")) {
        std::fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(h));
        return false;
    }
    // Project p has id p+1, environments 3p+1..3p+3, services 4p+1..4p+4 (created in that order above).
    std::mt19937_64 rng(42);
    const QStringList tagSets[] = {{}, {"pci"}, {"pci", "eu"}, {"internal"}, {"partner", "eu"}, {"ci"}};
    QStringList tagJson;
    for (const auto& t : tagSets)
        tagJson << QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(t)).toJson(QJsonDocument::Compact));
    const QString statuses[] = {QStringLiteral("active"), QStringLiteral("suspended"), QStringLiteral("revoked"),
                                QStringLiteral("rotating")};
    QString lastRoot;
    for (int i = 0; i < g_keys; ++i) {
        const quint64 r = rng();
        const int project = int(r % 20);
        const int env = int((r >> 8) % 3);
        const int st = (r >> 16) % 100 < 80 ? 0 : (r >> 16) % 100 < 88 ? 1 : (r >> 16) % 100 < 98 ? 2 : 3;
        const qint64 expiresAt = (r >> 24) % 4 == 0 ? 0 : now + qint64((r >> 32) % 400) * kDay - 40 * kDay;
        const QString id = QStringLiteral("key_bench%1").arg(i, 12, 10, QLatin1Char('0'));
        const QString display = QStringLiteral("kw_b_%1").arg(i, 8, 16, QLatin1Char('0'));
        unsigned char hash[32];
        for (int j = 0; j < 32; j += 8) {
            const quint64 v = rng();
            std::memcpy(hash + j, &v, 8);
        }
        const QString name = QStringLiteral("key %1").arg(i);
        const QString owner = QStringLiteral("owner%1@example.com").arg(i % 500);
        key.bind(1, id);
        key.bind(2, display);
        key.bindBlob(3, hash, sizeof hash);
        key.bind(4, name);
        key.bind(5, qint64(project + 1));
        key.bind(6, qint64(3 * project + env + 1));
        key.bind(7, owner);
        key.bind(8, tagJson[int((r >> 40) % 6)]);
        key.bind(9, statuses[st]);
        key.bind(10, now - 100 * kDay);
        key.bindOptional(11, expiresAt == 0 ? -1 : expiresAt);
        const bool child = i % 10 == 9 && !lastRoot.isEmpty();
        if (child)
            key.bind(12, lastRoot);
        else
            key.bindNull(12);
        key.bind(13, now - 100 * kDay);
        if (!key.run()) {
            std::fprintf(stderr, "insert key: %s\n", sqlite3_errmsg(h));
            return false;
        }
        if (i % 10 == 0)
            lastRoot = id;
        const int bound = int((r >> 48) % 10); // 0-1: none, 2-8: one, 9: two
        for (int s = 0; s < (bound < 2 ? 0 : bound < 9 ? 1 : 2); ++s) {
            bind.bind(1, id);
            bind.bind(2, qint64(4 * project + (bound + s) % 4 + 1));
            if (!bind.run()) {
                std::fprintf(stderr, "insert binding: %s\n", sqlite3_errmsg(h));
                return false;
            }
        }
    }
    if (!exec(db, QStringLiteral("COMMIT")) || !exec(db, QStringLiteral("ANALYZE")))
        return false;
    // Measured as the console sees the vault: freshly opened, not on the connection that wrote a million rows.
    g_vault->reopen();
    return g_vault->ok();
}

void reportTotal(benchmark::State& state, qint64 n)
{
    state.counters["matched"] = double(n);
}

void BM_CountAll(benchmark::State& state)
{
    qint64 n = 0;
    for (auto _ : state)
        n = g_vault->backend().countKeys({}).value_or(-1);
    reportTotal(state, n);
}

void BM_CountExpired(benchmark::State& state)
{
    kw::KeyFilter f;
    f.status = kw::KeyStatus::Expired;
    qint64 n = 0;
    for (auto _ : state)
        n = g_vault->backend().countKeys(f).value_or(-1);
    reportTotal(state, n);
}

void BM_CountsByEnvironment(benchmark::State& state)
{
    qint64 n = 0;
    for (auto _ : state) {
        auto c = g_vault->backend().keyCounts({}, kw::KeyGrouping::Environment);
        n = c ? c->size() : -1;
    }
    state.counters["groups"] = double(n);
}

void BM_CountsByEnvironmentSuspended(benchmark::State& state)
{
    kw::KeyFilter f;
    f.status = kw::KeyStatus::Suspended;
    qint64 n = 0;
    for (auto _ : state) {
        auto c = g_vault->backend().keyCounts(f, kw::KeyGrouping::Environment);
        n = c ? c->size() : -1;
    }
    state.counters["groups"] = double(n);
}

void BM_CountsByServiceOfProject(benchmark::State& state)
{
    kw::KeyFilter f;
    f.project = QStringLiteral("project-3");
    qint64 n = 0;
    for (auto _ : state) {
        auto c = g_vault->backend().keyCounts(f, kw::KeyGrouping::Service);
        n = c ? c->size() : -1;
    }
    state.counters["groups"] = double(n);
}

void BM_CountsByServiceAll(benchmark::State& state)
{
    qint64 n = 0;
    for (auto _ : state) {
        auto c = g_vault->backend().keyCounts({}, kw::KeyGrouping::Service);
        n = c ? c->size() : -1;
    }
    state.counters["groups"] = double(n);
}

void BM_CountService(benchmark::State& state)
{
    kw::KeyFilter f;
    f.project = QStringLiteral("project-3");
    f.service = QStringLiteral("service-1");
    qint64 n = 0;
    for (auto _ : state)
        n = g_vault->backend().countKeys(f).value_or(-1);
    reportTotal(state, n);
}

void BM_CountTag(benchmark::State& state)
{
    kw::KeyFilter f;
    f.tag = QStringLiteral("eu");
    qint64 n = 0;
    for (auto _ : state)
        n = g_vault->backend().countKeys(f).value_or(-1);
    reportTotal(state, n);
}

void BM_ListFirstPageOfEnvironment(benchmark::State& state)
{
    kw::KeyFilter f;
    f.project = QStringLiteral("project-3");
    f.environment = QStringLiteral("prod");
    f.limit = 100;
    qint64 n = 0;
    for (auto _ : state) {
        auto keys = g_vault->backend().keys(f);
        n = keys ? keys->size() : -1;
    }
    reportTotal(state, n);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Our own option first; Google Benchmark rejects what it does not know.
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
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
    if (g_keys <= 0 || !populate()) {
        std::fprintf(stderr, "bench_key_counts: cannot build the vault\n");
        return 1;
    }
    std::fprintf(stderr, "bench_key_counts: %d keys written in %.1f s\n", g_keys, double(t.elapsed()) / 1000.0);
    // KW_BENCH_PRAGMAS="PRAGMA a; PRAGMA b" tries connection settings.
    for (const QString& pragma : qEnvironmentVariable("KW_BENCH_PRAGMAS").split(u';', Qt::SkipEmptyParts))
        exec(g_vault->vault().db(), pragma.trimmed());
    // KW_BENCH_KEEP=FILE keeps a copy of the vault, to look at query plans with the sqlite3 shell.
    if (const QString keep = qEnvironmentVariable("KW_BENCH_KEEP"); !keep.isEmpty())
        exec(g_vault->vault().db(),
             QStringLiteral("VACUUM INTO '%1'").arg(QString(keep).replace(QStringLiteral("'"), QStringLiteral("''"))));
    for (auto* b : {benchmark::RegisterBenchmark("CountAll", BM_CountAll),
                    benchmark::RegisterBenchmark("CountExpired", BM_CountExpired),
                    benchmark::RegisterBenchmark("CountService", BM_CountService),
                    benchmark::RegisterBenchmark("CountTag", BM_CountTag),
                    benchmark::RegisterBenchmark("CountsByEnvironment", BM_CountsByEnvironment),
                    benchmark::RegisterBenchmark("CountsByEnvironmentSuspended", BM_CountsByEnvironmentSuspended),
                    benchmark::RegisterBenchmark("CountsByServiceOfProject", BM_CountsByServiceOfProject),
                    benchmark::RegisterBenchmark("CountsByServiceAll", BM_CountsByServiceAll),
                    benchmark::RegisterBenchmark("ListFirstPageOfEnvironment", BM_ListFirstPageOfEnvironment)})
        b->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_vault.reset();
    return 0;
}
