// The expiration calendar and the rotation schedule over a large vault, as the console's calendar view asks for them.
// Both are counted in SQL (GROUP BY over keys_by_expiry / keys_by_creation), never by listing keys.
//
//   bench_calendar [--keys N] [benchmark options]    # default N = 1,000,000
//   bench_calendar --keys 20000 --benchmark_min_time=0.01    # smoke test (CTest: bench_calendar_smoke)
//
// The vault is filled once with bulk SQL: 20 projects with 3 environments each; expiries spread over 400 days around
// now, creation times over the past year; every tenth key rotates on its own schedule (30 or 90 days), production
// environments inherit "rotate every 90 days", and the workspace gives a 3-day grace period.

#include "TestSupport.h"
#include "usage/SqliteStatement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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
qint64 g_now = 0;

bool exec(QSqlDatabase& db, const QString& statement)
{
    QSqlQuery q(db);
    return q.exec(statement);
}

bool populate()
{
    g_vault = std::make_unique<kwtest::TempVault>();
    if (!g_vault->ok())
        return false;
    kw::LocalVault& b = g_vault->backend();
    g_now = g_vault->clock().nowMs();
    kw::KeyPolicy grace;
    grace.graceMs = 3 * kDay;
    if (!b.applyPolicy(kw::PolicyTarget{}, std::nullopt, grace))
        return false;
    kw::KeyPolicy quarterly;
    quarterly.rotateEveryMs = 90 * kDay;
    for (int p = 0; p < 20; ++p) {
        const QString project = QStringLiteral("project-%1").arg(p);
        if (!b.createProject({project, {}, {}}))
            return false;
        for (const char* env : {"dev", "staging", "prod"})
            if (!b.createEnvironment(project, QString::fromLatin1(env)))
                return false;
        if (!b.applyPolicy(kw::PolicyTarget{kw::PolicyTarget::Kind::Environment, project, QStringLiteral("prod"), {}},
                           std::nullopt, quarterly))
            return false;
    }
    QSqlDatabase& db = g_vault->vault().db();
    sqlite3* h = kw::sqlite::handleOf(db);
    if (!h || !exec(db, QStringLiteral("BEGIN")))
        return false;
    kw::sqlite::Statement key;
    if (!key.prepare(h, "INSERT INTO keys (id, display_id, hash, name, project_id, environment_id, owner, status, "
                        "created_at, expires_at, status_changed_at, rotate_every_ms) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        std::fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(h));
        return false;
    }
    std::mt19937_64 rng(7);
    const QString statuses[] = {QStringLiteral("active"), QStringLiteral("suspended"), QStringLiteral("revoked")};
    for (int i = 0; i < g_keys; ++i) {
        const quint64 r = rng();
        const int project = int(r % 20);
        const int env = int((r >> 8) % 3);
        const int st = (r >> 16) % 100 < 85 ? 0 : (r >> 16) % 100 < 93 ? 1 : 2;
        const qint64 created = g_now - qint64((r >> 24) % 365) * kDay - qint64((r >> 33) % 86'400) * 1000;
        const qint64 expires =
            (r >> 50) % 5 == 0 ? -1 : g_now + qint64((r >> 40) % 400) * kDay - 100 * kDay + qint64(r % 86'400) * 1000;
        const QString id = QStringLiteral("key_cal%1").arg(i, 13, 10, QLatin1Char('0'));
        const QString display = QStringLiteral("kw_c_%1").arg(i, 8, 16, QLatin1Char('0'));
        unsigned char hash[32];
        for (int j = 0; j < 32; j += 8) {
            const quint64 v = rng();
            std::memcpy(hash + j, &v, 8);
        }
        key.bind(1, id);
        key.bind(2, display);
        key.bindBlob(3, hash, sizeof hash);
        key.bind(4, QStringLiteral("key %1").arg(i));
        key.bind(5, qint64(project + 1));
        key.bind(6, qint64(3 * project + env + 1));
        key.bind(7, QStringLiteral("owner%1@example.com").arg(i % 500));
        key.bind(8, statuses[st]);
        key.bind(9, created);
        key.bindOptional(10, expires);
        key.bind(11, created);
        if (i % 10 == 3)
            key.bind(12, (i / 10) % 2 ? 30 * kDay : 90 * kDay);
        else
            key.bindNull(12);
        if (!key.run()) {
            std::fprintf(stderr, "insert key: %s\n", sqlite3_errmsg(h));
            return false;
        }
    }
    if (!exec(db, QStringLiteral("COMMIT")) || !exec(db, QStringLiteral("ANALYZE")))
        return false;
    g_vault->reopen();
    return g_vault->ok();
}

qint64 monthStart()
{
    return g_now / kDay * kDay;
}

void BM_CalendarMonth(benchmark::State& state)
{
    qint64 expiring = 0, rotations = 0;
    for (auto _ : state) {
        auto days = g_vault->backend().expiryCalendar({}, monthStart(), monthStart() + 31 * kDay, 3600);
        expiring = rotations = 0;
        if (days)
            for (const auto& d : *days) {
                expiring += d.expiring;
                rotations += d.rotations;
            }
    }
    state.counters["expiring"] = double(expiring);
    state.counters["rotations"] = double(rotations);
}

void BM_CalendarMonthOfProject(benchmark::State& state)
{
    kw::KeyFilter f;
    f.project = QStringLiteral("project-3");
    qint64 expiring = 0;
    for (auto _ : state) {
        auto days = g_vault->backend().expiryCalendar(f, monthStart(), monthStart() + 31 * kDay, 0);
        expiring = 0;
        if (days)
            for (const auto& d : *days)
                expiring += d.expiring;
    }
    state.counters["expiring"] = double(expiring);
}

void BM_CalendarYear(benchmark::State& state)
{
    qint64 n = 0;
    for (auto _ : state) {
        auto days = g_vault->backend().expiryCalendar({}, monthStart(), monthStart() + 366 * kDay, 0);
        n = days ? days->size() : -1;
    }
    state.counters["days"] = double(n);
}

void BM_RotationsDueThisWeek(benchmark::State& state)
{
    kw::KeyFilter f;
    f.limit = 200;
    qint64 n = 0;
    for (auto _ : state) {
        auto due = g_vault->backend().scheduledRotations(f, monthStart(), monthStart() + 7 * kDay);
        n = due ? due->size() : -1;
    }
    state.counters["listed"] = double(n);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
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
        std::fprintf(stderr, "bench_calendar: cannot build the vault\n");
        return 1;
    }
    std::fprintf(stderr, "bench_calendar: %d keys written in %.1f s\n", g_keys, double(t.elapsed()) / 1000.0);
    // KW_BENCH_KEEP=FILE keeps a copy of the vault, to look at query plans with the sqlite3 shell.
    if (const QString keep = qEnvironmentVariable("KW_BENCH_KEEP"); !keep.isEmpty())
        exec(g_vault->vault().db(),
             QStringLiteral("VACUUM INTO '%1'").arg(QString(keep).replace(QStringLiteral("'"), QStringLiteral("''"))));
    for (auto* b : {benchmark::RegisterBenchmark("CalendarMonth", BM_CalendarMonth),
                    benchmark::RegisterBenchmark("CalendarMonthOfProject", BM_CalendarMonthOfProject),
                    benchmark::RegisterBenchmark("CalendarYear", BM_CalendarYear),
                    benchmark::RegisterBenchmark("RotationsDueThisWeek", BM_RotationsDueThisWeek)})
        b->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_vault.reset();
    return 0;
}
