// The vault file: creation (mode 0600, never over an existing file), unlocking (right and wrong
// passphrase, files that are not vaults, damaged headers, newer schemas), passphrase changes, schema
// migrations, the unlock delay schedule, and that no secret ever reaches the file in plaintext.

#include "storage/LocalVault.h"
#include "storage/Schema.h"
#include "storage/Vault.h"

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <sys/stat.h>

using namespace kw;

// QCOMPARE would find kw::toString (which returns a QString) by argument-dependent lookup for these enums and
// fail to compile, so states are compared by their stable spellings, which also reads well in a failure.
#define KW_COMPARE_STATE(actual, expected) QCOMPARE(kw::toString(actual), kw::toString(expected))

namespace {

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray text(const SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

int fileMode(const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

Result<std::unique_ptr<Vault>> createAt(const QString& path, const char* pass = "correct horse battery staple")
{
    return Vault::create(path, kwtest::passphrase(pass), {kwtest::fastKdf()});
}

// A plain SQLite connection to a file, for building fixtures and looking inside without KeyWarden.
class RawDb {
public:
    explicit RawDb(const QString& path) : m_name(QUuid::createUuid().toString())
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase& db() { return m_db; }
    bool exec(const QString& sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql);
    }
    QVariant scalar(const QString& sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class TestVault : public QObject {
    Q_OBJECT

private slots:
    void createsFileWithMode0600();
    void createRefusesExistingPath();
    void createRejectsShortPassphrase();
    void createRejectsBadKdfAndLeavesNoFile();
    void openWithRightPassphrase();
    void wrongPassphraseIsUnauthorizedAndChangesNothing();
    void openMissingFile();
    void openNonSqliteFile();
    void openSqliteFileThatIsNotAVault();
    void openingNonVaultLeavesItUntouched();
    void damagedHeaderGivesClearError();
    void absurdKdfHeaderIsRefusedNotAllocated();
    void changePassphraseKeepsDataKey();
    void changePassphraseNeedsCurrent();
    void newerSchemaIsRefused();
    void migrateStepByStep();
    void migrateRefusesNewerDatabase();
    void migrateToVersion5CopiesPolicyTimings();
    void sealIsBoundToContext();
    void derivedKeysArePerPurposeAndStable();
    void fileNeverContainsSecrets();
    void unlockDelaySchedule_data();
    void unlockDelaySchedule();
};

void TestVault::createsFileWithMode0600()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.kwvault"));
    const mode_t old = ::umask(0); // the mode must not depend on a permissive umask
    auto v = createAt(path);
    ::umask(old);
    QVERIFY2(v, qPrintable(v.errorMessage()));
    QCOMPARE(fileMode(path), 0600);
    // SQLite's side files carry the secrets of uncheckpointed transactions: same mode.
    for (const char* suffix : {"-wal", "-shm"}) {
        const QString side = path + QLatin1String(suffix);
        if (QFile::exists(side))
            QCOMPARE(fileMode(side), 0600);
    }
    QVERIFY(!(*v)->vaultId().isEmpty());
    QCOMPARE((*v)->path(), QFileInfo(path).absoluteFilePath());
}

void TestVault::createRefusesExistingPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.kwvault"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious data that is not a vault");
    }
    auto v = createAt(path);
    QVERIFY(!v);
    QCOMPARE(v.error().code, Error::Code::Conflict);
    QVERIFY2(v.errorMessage().contains(QLatin1String("already exists")), qPrintable(v.errorMessage()));
    QCOMPARE(readAll(path), QByteArray("precious data that is not a vault"));

    // An existing vault is not replaced either, and still opens afterwards.
    const QString vaultPath = dir.filePath(QStringLiteral("real.kwvault"));
    QVERIFY(createAt(vaultPath));
    const QByteArray before = fileDigest(vaultPath);
    auto again = createAt(vaultPath, "another passphrase");
    QVERIFY(!again);
    QCOMPARE(again.error().code, Error::Code::Conflict);
    QCOMPARE(fileDigest(vaultPath), before);
    QVERIFY(Vault::open(vaultPath, kwtest::passphrase()));
}

void TestVault::createRejectsShortPassphrase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.kwvault"));
    auto v = createAt(path, "short");
    QVERIFY(!v);
    QCOMPARE(v.error().code, Error::Code::Invalid);
    QVERIFY(v.errorMessage().contains(QLatin1String("8")));
    QVERIFY(!QFile::exists(path));
}

void TestVault::createRejectsBadKdfAndLeavesNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.kwvault"));
    crypto::KdfParams weak = kwtest::fastKdf();
    weak.memoryKiB = 1024;
    auto v = Vault::create(path, kwtest::passphrase(), {weak});
    QVERIFY(!v);
    QVERIFY2(v.errorMessage().contains(QLatin1String("memory")), qPrintable(v.errorMessage()));
    QVERIFY(!QFile::exists(path)); // no half-created vault left behind
    QVERIFY(!QFile::exists(path + QLatin1String("-wal")));
}

void TestVault::openWithRightPassphrase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.kwvault"));
    QString id;
    QByteArray hashBefore;
    {
        auto v = createAt(path);
        QVERIFY(v);
        id = (*v)->vaultId();
        const auto d = (*v)->hashSecret("kw_live_example");
        hashBefore = QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size()));
    }
    auto v = Vault::open(path, kwtest::passphrase());
    QVERIFY2(v, qPrintable(v.errorMessage()));
    QCOMPARE((*v)->vaultId(), id);
    QCOMPARE(schema::currentVersion((*v)->db()).value(), schema::latestVersion());
    // Same pepper after reopening: hashes of secrets are stable.
    const auto d = (*v)->hashSecret("kw_live_example");
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size())), hashBefore);
    QCOMPARE((*v)->kdfParams().memoryKiB, kwtest::fastKdf().memoryKiB);
    QCOMPARE((*v)->kdfParams().salt.size(), 16);
}

void TestVault::wrongPassphraseIsUnauthorizedAndChangesNothing()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    QVERIFY(tv.backend().createProject({QStringLiteral("shop"), {}, {}}));
    auto k = tv.backend().createKey({QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k")});
    QVERIFY(k);
    tv.close();
    const QByteArray before = fileDigest(tv.path());
    QVERIFY(!before.isEmpty());

    for (const char* wrong : {"correct horse battery stapl", "Correct horse battery staple", "?wrong#1"}) {
        auto v = Vault::open(tv.path(), kwtest::passphrase(wrong));
        QVERIFY(!v);
        QCOMPARE(v.error().code, Error::Code::Unauthorized);
        QVERIFY2(v.errorMessage().contains(QLatin1String("Wrong passphrase")), qPrintable(v.errorMessage()));
        QVERIFY(v.errorMessage().contains(tv.path()));
        QVERIFY(!v.errorMessage().contains(QLatin1String(wrong)));
    }
    QCOMPARE(fileDigest(tv.path()), before);
    // And the right passphrase still opens the untouched vault with its key.
    tv.reopen();
    QVERIFY(tv.ok());
    KW_COMPARE_STATE(tv.backend().verifyKey(k->secret, {})->code, VerifyCode::Valid);
}

void TestVault::openMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope.kwvault"));
    auto v = Vault::open(path, kwtest::passphrase());
    QVERIFY(!v);
    QCOMPARE(v.error().code, Error::Code::NotFound);
    QVERIFY(v.errorMessage().contains(path));
    QVERIFY(!QFile::exists(path)); // opening never creates a file
}

void TestVault::openNonSqliteFile()
{
    QTemporaryDir dir;
    for (const QByteArray& content : {QByteArray("just some text\n"), QByteArray(4096, '\0'), QByteArray()}) {
        const QString path = dir.filePath(QStringLiteral("junk-%1").arg(content.size()));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        auto v = Vault::open(path, kwtest::passphrase());
        QVERIFY(!v);
        QCOMPARE(v.error().code, Error::Code::Invalid);
        QVERIFY2(v.errorMessage().contains(QLatin1String("not a KeyWarden vault")), qPrintable(v.errorMessage()));
        QCOMPARE(readAll(path), content);
    }
    auto dirAsVault = Vault::open(dir.path(), kwtest::passphrase());
    QVERIFY(!dirAsVault);
    QVERIFY(dirAsVault.errorMessage().contains(dir.path()));
}

void TestVault::openSqliteFileThatIsNotAVault()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app.sqlite"));
    {
        RawDb raw(path);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO customers (name) VALUES ('Ada')")));
    }
    auto v = Vault::open(path, kwtest::passphrase());
    QVERIFY(!v);
    QCOMPARE(v.error().code, Error::Code::Invalid);
    QVERIFY2(v.errorMessage().contains(QLatin1String("not a KeyWarden vault")), qPrintable(v.errorMessage()));
    QVERIFY(v.errorMessage().contains(path));
    // No vault tables were created in someone else's database.
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'keys'")).toInt(), 0);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT name FROM customers")).toString(), QStringLiteral("Ada"));
}

void TestVault::openingNonVaultLeavesItUntouched()
{
    // "Never a half-written state": refusing a file must not have changed it. An application's SQLite file
    // in rollback-journal mode must not be switched to WAL by a failed attempt to open it as a vault.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app.sqlite"));
    {
        RawDb raw(path);
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")));
    }
    const QByteArray before = fileDigest(path);
    QVERIFY(!Vault::open(path, kwtest::passphrase()));
    QCOMPARE(fileDigest(path), before);
    RawDb raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("delete"));
}

void TestVault::damagedHeaderGivesClearError()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    tv.close();
    // The sealed pepper no longer authenticates: a damaged file, not a wrong passphrase.
    QVERIFY(
        kwtest::execRawSql(tv.path(), QStringLiteral("UPDATE meta SET value = zeroblob(60) WHERE name = 'pepper'")));
    auto v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY(v.error().code != Error::Code::Unauthorized);
    QVERIFY2(v.errorMessage().contains(QLatin1String("damaged")), qPrintable(v.errorMessage()));

    QVERIFY(kwtest::execRawSql(tv.path(), QStringLiteral("DELETE FROM meta WHERE name = 'dek'")));
    v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY2(v.errorMessage().contains(QLatin1String("damaged")), qPrintable(v.errorMessage()));

    QVERIFY(kwtest::execRawSql(tv.path(), QStringLiteral("DELETE FROM meta WHERE name = 'format'")));
    v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY2(v.errorMessage().contains(QLatin1String("not a KeyWarden vault")), qPrintable(v.errorMessage()));
}

void TestVault::absurdKdfHeaderIsRefusedNotAllocated()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    tv.close();
    QVERIFY(kwtest::execRawSql(
        tv.path(), QStringLiteral("UPDATE meta SET value = CAST('{\"alg\":\"argon2id\",\"memoryKiB\":4294967295,"
                                  "\"iterations\":1,\"parallelism\":1,\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}' AS BLOB) "
                                  "WHERE name = 'kdf'")));
    QElapsedTimer t;
    t.start();
    auto v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY(t.elapsed() < 5000);
    QVERIFY2(v.errorMessage().contains(QLatin1String("key-derivation")), qPrintable(v.errorMessage()));

    QVERIFY(kwtest::execRawSql(tv.path(), QStringLiteral("UPDATE meta SET value = CAST('{\"alg\":\"scrypt\"}' AS BLOB) "
                                                         "WHERE name = 'kdf'")));
    v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY2(v.errorMessage().contains(QLatin1String("key-derivation")), qPrintable(v.errorMessage()));
}

void TestVault::changePassphraseKeepsDataKey()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    QVERIFY(tv.backend().createProject({QStringLiteral("shop"), {}, {}}));
    KeySpec spec{QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("checkout")};
    spec.recoverable = true;
    auto k = tv.backend().createKey(spec);
    QVERIFY(k);
    const QByteArray secret = text(k->secret);

    const SecureBytes next = kwtest::passphrase("a brand new passphrase");
    const QByteArray saltBefore = tv.vault().kdfParams().salt;
    QVERIFY(tv.vault().changePassphrase(kwtest::passphrase(), next));
    QVERIFY(tv.vault().kdfParams().salt != saltBefore); // a fresh salt for the new KEK
    tv.close();

    auto old = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!old);
    QCOMPARE(old.error().code, Error::Code::Unauthorized);

    auto v = Vault::open(tv.path(), next);
    QVERIFY2(v, qPrintable(v.errorMessage()));
    TestClock clock;
    LocalVault lv(std::move(*v), QStringLiteral("test"), clock);
    auto r = lv.verifyKey(SecureBytes(secret.constData(), std::size_t(secret.size())), {});
    QVERIFY(r);
    KW_COMPARE_STATE(r->code, VerifyCode::Valid); // same pepper: hashes made before still match
    auto revealed = lv.revealSecret(k->key.id);
    QVERIFY2(revealed, qPrintable(revealed.errorMessage())); // same data key: sealed secrets still open
    QCOMPARE(text(*revealed), secret);
}

void TestVault::changePassphraseNeedsCurrent()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    auto s = tv.vault().changePassphrase(kwtest::passphrase("not the passphrase"), kwtest::passphrase("new one!"));
    QVERIFY(!s);
    QCOMPARE(s.error().code, Error::Code::Unauthorized);
    auto tooShort = tv.vault().changePassphrase(kwtest::passphrase(), kwtest::passphrase("short"));
    QVERIFY(!tooShort);
    QCOMPARE(tooShort.error().code, Error::Code::Invalid);
    tv.reopen(); // the original passphrase still works
    QVERIFY(tv.ok());
}

void TestVault::newerSchemaIsRefused()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    tv.close();
    const int newer = schema::latestVersion() + 1;
    QVERIFY(kwtest::execRawSql(tv.path(), QStringLiteral("PRAGMA user_version = %1").arg(newer)));
    const QByteArray before = fileDigest(tv.path());
    auto v = Vault::open(tv.path(), kwtest::passphrase());
    QVERIFY(!v);
    QVERIFY2(v.errorMessage().contains(QLatin1String("Upgrade"), Qt::CaseInsensitive), qPrintable(v.errorMessage()));
    QVERIFY(v.errorMessage().contains(QString::number(newer)));
    QCOMPARE(fileDigest(tv.path()), before);
    RawDb raw(tv.path());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), newer); // not "downgraded"
}

void TestVault::migrateStepByStep()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("m.sqlite")));
    QCOMPARE(schema::currentVersion(raw.db()).value(), 0);

    QVERIFY(schema::migrate(raw.db(), 1));
    QCOMPARE(schema::currentVersion(raw.db()).value(), 1);
    for (const char* table : {"meta", "teams", "projects", "environments", "services", "keys", "key_services",
                              "key_dependencies", "audit"}) {
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                .arg(QLatin1String(table)))
                     .toInt(),
                 1);
    }
    // Data written at version 1 ...
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO teams (name, created_at) VALUES ('core', 1)")));
    QVERIFY(raw.exec(
        QStringLiteral("INSERT INTO projects (name, team_id, key_prefix, created_at) VALUES ('p', 1, 'kw', 1)")));
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO meta (name, value) VALUES ('format', 'x')")));

    // ... survives the migration to the latest version, and migrating again changes nothing.
    QVERIFY(schema::migrate(raw.db()));
    QCOMPARE(schema::currentVersion(raw.db()).value(), schema::latestVersion());
    QVERIFY(schema::migrate(raw.db()));
    QVERIFY(schema::migrate(raw.db(), 1)); // an older target is a no-op, not a downgrade
    QCOMPARE(schema::currentVersion(raw.db()).value(), schema::latestVersion());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT t.name FROM projects p JOIN teams t ON t.id = p.team_id")).toString(),
             QStringLiteral("core"));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM meta")).toInt(), 1);
}

// Version 5 copies each key's own grace period and rotation interval out of its policy JSON into columns (the calendar
// counts with them in SQL); keys without them keep NULL (inherited).
void TestVault::migrateToVersion5CopiesPolicyTimings()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("m.sqlite")));
    QVERIFY(schema::migrate(raw.db(), 4));
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO projects (name, key_prefix, created_at) VALUES ('p', 'kw', 1)")));
    QVERIFY(raw.exec(
        QStringLiteral("INSERT INTO environments (project_id, name, key_prefix) VALUES (1, 'live', 'kw_live_')")));
    const QString insert = QStringLiteral(
        "INSERT INTO keys (id, display_id, hash, name, project_id, environment_id, status, created_at, policy) "
        "VALUES ('%1', 'd%1', X'%2', 'k', 1, 1, 'active', 1, '%3')");
    QVERIFY(raw.exec(insert.arg("key_a", "01", R"({"grace":"3d","rotateEvery":"30d"})")));
    QVERIFY(raw.exec(insert.arg("key_b", "02", R"({"maxUses":5})")));
    QVERIFY(raw.exec(insert.arg("key_c", "03", R"({"rotateEvery":"1w"})")));
    QVERIFY(schema::migrate(raw.db()));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT grace_ms FROM keys WHERE id = 'key_a'")).toLongLong(), 3 * 86'400'000LL);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT rotate_every_ms FROM keys WHERE id = 'key_a'")).toLongLong(),
             30 * 86'400'000LL);
    QVERIFY(raw.scalar(QStringLiteral("SELECT grace_ms FROM keys WHERE id = 'key_b'")).isNull());
    QVERIFY(raw.scalar(QStringLiteral("SELECT rotate_every_ms FROM keys WHERE id = 'key_b'")).isNull());
    QVERIFY(raw.scalar(QStringLiteral("SELECT grace_ms FROM keys WHERE id = 'key_c'")).isNull());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT rotate_every_ms FROM keys WHERE id = 'key_c'")).toLongLong(),
             7 * 86'400'000LL);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM pragma_table_info('usage_rollups') WHERE name LIKE "
                                       "'latency_h%'"))
                 .toInt(),
             16);
}

void TestVault::migrateRefusesNewerDatabase()
{
    QTemporaryDir dir;
    RawDb raw(dir.filePath(QStringLiteral("m.sqlite")));
    QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(schema::latestVersion() + 5)));
    auto s = schema::migrate(raw.db());
    QVERIFY(!s);
    QVERIFY2(s.errorMessage().contains(QLatin1String("newer")), qPrintable(s.errorMessage()));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt(), 0);
}

void TestVault::sealIsBoundToContext()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    auto sealed = tv.vault().seal("webhook secret", "keywarden:webhook:1");
    QVERIFY(sealed);
    QVERIFY(!sealed->contains("webhook secret"));
    auto ok = tv.vault().unseal(*sealed, "keywarden:webhook:1");
    QVERIFY(ok);
    QCOMPARE(text(*ok), QByteArray("webhook secret"));
    QVERIFY(!tv.vault().unseal(*sealed, "keywarden:webhook:2")); // moved to another row: refused
    // Another vault's data key cannot open it.
    kwtest::TempVault other;
    QVERIFY(other.ok());
    QVERIFY(!other.vault().unseal(*sealed, "keywarden:webhook:1"));
}

void TestVault::derivedKeysArePerPurposeAndStable()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    const SecureBytes a = tv.vault().deriveKey("audit-head");
    const SecureBytes b = tv.vault().deriveKey("something-else");
    QCOMPARE(a.size(), std::size_t(32));
    QVERIFY(!(a == b));
    const QByteArray aCopy(a.data(), qsizetype(a.size()));
    tv.reopen();
    QVERIFY(tv.ok());
    const SecureBytes again = tv.vault().deriveKey("audit-head");
    QCOMPARE(text(again), aCopy);
}

void TestVault::fileNeverContainsSecrets()
{
    kwtest::TempVault tv;
    QVERIFY(tv.ok());
    QVERIFY(tv.backend().createProject({QStringLiteral("shop"), QStringLiteral("payments"), {}}));
    QList<QByteArray> secrets;
    for (int i = 0; i < 6; ++i) {
        KeySpec spec{QStringLiteral("shop"), i % 2 ? QStringLiteral("live") : QStringLiteral("test"),
                     QStringLiteral("key %1").arg(i)};
        spec.recoverable = (i == 3);
        spec.services = {QStringLiteral("billing")};
        auto k = tv.backend().createKey(spec);
        QVERIFY2(k, qPrintable(k.errorMessage()));
        secrets << text(k->secret);
    }
    // Exercise every path that touches a key: verify, suspend, reveal, revoke.
    for (const QByteArray& s : secrets)
        QVERIFY(tv.backend().verifyKey(SecureBytes(s.constData(), std::size_t(s.size())), {}));
    const auto list = tv.backend().keys({});
    QVERIFY(list);
    QVERIFY(tv.backend().suspendKey(list->at(0).id, QStringLiteral("check")));
    for (const auto& k : *list) {
        if (k.recoverable)
            QVERIFY(tv.backend().revealSecret(k.id));
    }
    QVERIFY(tv.backend().revokeKeys({{list->at(1).id}, false, QStringLiteral("rotation"), QStringLiteral("INC-1")}));

    auto assertClean = [&](const QString& when) {
        int filesChecked = 0;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            const QByteArray content = readAll(tv.path() + QLatin1String(suffix));
            if (content.isEmpty())
                continue;
            ++filesChecked;
            for (const QByteArray& s : secrets) {
                const QByteArray body = s.mid(s.size() - 6 - 43, 43);
                QVERIFY2(!content.contains(s), qPrintable(when + QLatin1String(suffix) + QLatin1String(": secret")));
                QVERIFY2(!content.contains(body), qPrintable(when + QLatin1String(suffix) + QLatin1String(": body")));
                // Nor as UTF-16, as a QString would be stored by a careless binding.
                const QByteArray utf16(reinterpret_cast<const char*>(QString::fromLatin1(body).utf16()),
                                       body.size() * 2);
                QVERIFY2(!content.contains(utf16), qPrintable(when + QLatin1String(suffix) + QLatin1String(": utf16")));
            }
        }
        QVERIFY(filesChecked >= 1);
    };
    assertClean(QStringLiteral("open"));
    if (QTest::currentTestFailed())
        return;
    tv.close();
    assertClean(QStringLiteral("closed"));
}

void TestVault::unlockDelaySchedule_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("delay");
    QTest::newRow("-1") << -1 << qint64(0);
    QTest::newRow("0") << 0 << qint64(0);
    QTest::newRow("1") << 1 << qint64(1000);
    QTest::newRow("2") << 2 << qint64(2000);
    QTest::newRow("3") << 3 << qint64(4000);
    QTest::newRow("4") << 4 << qint64(8000);
    QTest::newRow("5") << 5 << qint64(16000);
    QTest::newRow("6") << 6 << qint64(30000);
    QTest::newRow("7") << 7 << qint64(30000);
    QTest::newRow("1000") << 1000 << qint64(30000);
    QTest::newRow("INT_MAX") << std::numeric_limits<int>::max() << qint64(30000);
}

void TestVault::unlockDelaySchedule()
{
    QFETCH(int, failures);
    QFETCH(qint64, delay);
    QCOMPARE(Vault::unlockDelayMs(failures), delay);
}

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
