// The console over a vault of N keys (default 1,000,000): time to first paint of the key tree, time to
// filter it (answered by the store), and the process's resident memory. Targets (DESIGN.md): first paint
// < 1 s, filter < 100 ms, < 300 MB.
//
//   bench_console [--keys N] [--vault PATH] [--repeat R]
//
// The vault is seeded once (organisation through the backend; key rows in bulk with SQL, like an import)
// and reused when PATH already exists. Unlocking (Argon2id, a deliberate cost) is reported separately.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "models/KeyTreeModel.h"
#include "session/Session.h"
#include "views/KeysView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <sqlite3.h>

#include <cstdio>

namespace {

constexpr int kProjects = 50;
const QStringList kEnvironments = {QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("prod")};
constexpr int kServices = 4;

double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

bool exec(sqlite3* db, const char* sql)
{
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

// Organisation through the product (so every table is right), then N key rows in one transaction.
bool seed(const QString& path, int keys)
{
    {
        QString error;
        auto session = kwtest::ui::openLocalSession(path, true, &error);
        if (!session) {
            std::fprintf(stderr, "create: %s\n", qPrintable(error));
            return false;
        }
        auto ok = kwtest::ui::runOn(*session, [](kw::Backend& b) -> kw::Status {
            for (int t = 0; t < 10; ++t)
                if (auto r = b.createTeam(QStringLiteral("team-%1").arg(t)); !r)
                    return r.error();
            for (int p = 0; p < kProjects; ++p) {
                kw::ProjectSpec spec{QStringLiteral("project-%1").arg(p, 2, 10, QLatin1Char('0')),
                                     QStringLiteral("team-%1").arg(p % 10),
                                     {}};
                if (auto r = b.createProject(spec); !r)
                    return r.error();
                for (const QString& env : kEnvironments) {
                    // One real key per environment creates the environment and its services.
                    kw::KeySpec k;
                    k.project = spec.name;
                    k.environment = env;
                    k.name = QStringLiteral("seed");
                    for (int s = 0; s < kServices; ++s)
                        k.services << QStringLiteral("service-%1").arg(s);
                    if (auto r = b.createKey(k); !r)
                        return r.error();
                }
            }
            return {};
        });
        if (!ok) {
            std::fprintf(stderr, "seed: %s\n", qPrintable(ok.errorMessage()));
            return false;
        }
    }
    sqlite3* db = nullptr;
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK)
        return false;
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=OFF");
    exec(db, "BEGIN");
    sqlite3_stmt* insertKey = nullptr;
    sqlite3_stmt* insertService = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO keys (id, display_id, hash, name, project_id, environment_id, owner, tags, status, "
                       "created_at, expires_at) SELECT ?1, ?2, ?3, ?4, e.project_id, e.id, ?5, ?6, ?7, ?8, ?9 "
                       "FROM environments e JOIN projects p ON p.id = e.project_id WHERE p.name = ?10 AND e.name = ?11",
                       -1, &insertKey, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO key_services (key_id, service_id) SELECT ?1, s.id FROM services s JOIN projects p "
                       "ON p.id = s.project_id WHERE p.name = ?2 AND s.name = ?3",
                       -1, &insertService, nullptr);
    QRandomGenerator rng(42);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const char* statuses[] = {"active", "active", "active",    "active", "active",
                              "active", "active", "suspended", "revoked"};
    for (int i = 0; i < keys; ++i) {
        const QByteArray id = "key_bench" + QByteArray::number(i).rightJustified(8, '0');
        const QByteArray display = "kw_bench_" + QByteArray::number(i, 36).rightJustified(8, '0');
        QByteArray hash(32, Qt::Uninitialized);
        rng.fillRange(reinterpret_cast<quint32*>(hash.data()), 8);
        const QByteArray project = "project-" + QByteArray::number(i % kProjects).rightJustified(2, '0');
        const QByteArray env = kEnvironments[(i / kProjects) % 3].toUtf8();
        const QByteArray name = "key-" + QByteArray::number(i);
        const QByteArray owner = "owner" + QByteArray::number(i % 5000) + "@example.com";
        const QByteArray tags = i % 100 == 0 ? "[\"pci\"]" : "[]";
        sqlite3_bind_text(insertKey, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 2, display.constData(), int(display.size()), SQLITE_TRANSIENT);
        sqlite3_bind_blob(insertKey, 3, hash.constData(), int(hash.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 4, name.constData(), int(name.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 5, owner.constData(), int(owner.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 6, tags.constData(), int(tags.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 7, statuses[i % 9], -1, SQLITE_STATIC);
        sqlite3_bind_int64(insertKey, 8, now - qint64(rng.bounded(365)) * 86'400'000);
        if (i % 3 == 0)
            sqlite3_bind_int64(insertKey, 9, now + qint64(rng.bounded(1, 400)) * 86'400'000);
        else
            sqlite3_bind_null(insertKey, 9);
        sqlite3_bind_text(insertKey, 10, project.constData(), int(project.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertKey, 11, env.constData(), int(env.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(insertKey) != SQLITE_DONE) {
            std::fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
            return false;
        }
        sqlite3_reset(insertKey);
        const QByteArray service = "service-" + QByteArray::number(i % kServices);
        sqlite3_bind_text(insertService, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertService, 2, project.constData(), int(project.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insertService, 3, service.constData(), int(service.size()), SQLITE_TRANSIENT);
        sqlite3_step(insertService);
        sqlite3_reset(insertService);
    }
    sqlite3_finalize(insertKey);
    sqlite3_finalize(insertService);
    exec(db, "COMMIT");
    exec(db, "ANALYZE");
    sqlite3_close(db);
    return true;
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption keysOpt(QStringLiteral("keys"), QStringLiteral("Keys in the vault."), QStringLiteral("N"),
                                     QStringLiteral("1000000"));
    const QCommandLineOption vaultOpt(QStringLiteral("vault"), QStringLiteral("Vault file (reused if present)."),
                                      QStringLiteral("path"));
    const QCommandLineOption repeatOpt(QStringLiteral("repeat"), QStringLiteral("Filter repetitions."),
                                       QStringLiteral("R"), QStringLiteral("5"));
    parser.addOptions({keysOpt, vaultOpt, repeatOpt});
    parser.process(app);
    const int keys = parser.value(keysOpt).toInt();
    QTemporaryDir scratch;
    const QString path =
        parser.isSet(vaultOpt) ? parser.value(vaultOpt) : scratch.filePath(QStringLiteral("bench.kwvault"));
    if (!QFileInfo::exists(path)) {
        QElapsedTimer t;
        t.start();
        if (!seed(path, keys))
            return 1;
        std::printf("seeded %d keys in %.1f s\n", keys, msSince(t) / 1000);
    }

    QElapsedTimer t;
    t.start();
    QString error;
    auto session = kwtest::ui::openLocalSession(path, false, &error);
    if (!session) {
        std::fprintf(stderr, "open: %s\n", qPrintable(error));
        return 1;
    }
    const double unlockMs = msSince(t);

    // First paint: from handing the session to the window until the tree's first level is in and painted.
    kw::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    kw::ui::KeyTreeModel* model = window.keysView()->model();
    QSignalSpy loaded(model, &kw::ui::KeyTreeModel::loaded);
    t.restart();
    window.adoptSession(session.release());
    window.showView(QStringLiteral("keys"));
    if (!loaded.wait(60000)) {
        std::fprintf(stderr, "the tree did not load\n");
        return 1;
    }
    window.keysView()->tree()->viewport()->grab(); // forces the paint
    const double firstPaintMs = msSince(t);
    const qint64 total = model->totalKeys();

    // Open one environment and a page of one service, as a person would.
    const QModelIndex org = model->index(0, 0);
    const QModelIndex team = model->index(0, 0, org);
    const QModelIndex project = model->index(0, 0, team);
    const QModelIndex env = model->index(0, 0, project);
    t.restart();
    model->fetchMore(env);
    if (!QTest::qWaitFor([&] { return !model->isLoading(); }, 60000))
        return 1;
    const QModelIndex service = model->index(0, 0, env);
    model->fetchMore(service);
    if (!QTest::qWaitFor([&] { return !model->isLoading(); }, 60000))
        return 1;
    const double openServiceMs = msSince(t);

    auto filterMs = [&](const kw::KeyFilter& f) {
        double best = 1e18;
        for (int r = 0; r < parser.value(repeatOpt).toInt(); ++r) {
            QSignalSpy done(model, &kw::ui::KeyTreeModel::loaded);
            QElapsedTimer ft;
            ft.start();
            model->setFilter(f);
            if (!done.wait(60000))
                std::fprintf(stderr, "a filter did not load\n");
            window.keysView()->tree()->viewport()->grab();
            best = std::min(best, msSince(ft));
        }
        return best;
    };
    kw::KeyFilter byName;
    byName.text = QStringLiteral("key-%1").arg(keys / 2);
    kw::KeyFilter byStatus;
    byStatus.status = kw::KeyStatus::Revoked;
    kw::KeyFilter byTag;
    byTag.tag = QStringLiteral("pci");
    kw::KeyFilter byExpiry;
    byExpiry.expiresBeforeMs = QDateTime::currentMSecsSinceEpoch() + 30LL * 86'400'000;
    const double nameMs = filterMs(byName);
    const qint64 nameMatches = model->totalKeys();
    const double statusMs = filterMs(byStatus);
    const double tagMs = filterMs(byTag);
    const double expiryMs = filterMs(byExpiry);
    const double clearMs = filterMs(kw::KeyFilter{});

    std::printf("keys in vault:             %lld\n", static_cast<long long>(total));
    std::printf("unlock (Argon2id + open):  %.1f ms\n", unlockMs);
    std::printf("first paint of the tree:   %.1f ms   (target < 1000 ms)\n", firstPaintMs);
    std::printf("open env + first page:     %.1f ms\n", openServiceMs);
    std::printf("filter by name/id text:    %.1f ms   (%lld match; target < 100 ms)\n", nameMs,
                static_cast<long long>(nameMatches));
    std::printf("filter by status revoked:  %.1f ms\n", statusMs);
    std::printf("filter by tag:             %.1f ms\n", tagMs);
    std::printf("filter expiring in 30 d:   %.1f ms\n", expiryMs);
    std::printf("clear the filter:          %.1f ms\n", clearMs);
    std::printf("resident memory:           %.0f MiB  (target < 300 MiB)\n", rssMiB());
    window.closeSession();
    return total == keys + kProjects * 3 ? 0 : 3;
}
