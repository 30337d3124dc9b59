#include "storage/Vault.h"

#include "crypto/RandomSource.h"
#include "storage/Schema.h"
#include "storage/SqlUtil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kw {

namespace {

const QByteArray kFormat = QByteArrayLiteral("keywarden-vault-1");

QByteArray dekContext(const QString& vaultId)
{
    return QByteArrayLiteral("keywarden:dek:") + vaultId.toLatin1();
}

const QByteArray kPepperContext = QByteArrayLiteral("keywarden:pepper");

Result<QByteArray> randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    if (auto s = RandomSource::system().fill(reinterpret_cast<unsigned char*>(b.data()), std::size_t(n)); !s)
        return s.error();
    return b;
}

QByteArray kdfToJson(const crypto::KdfParams& p)
{
    return QJsonDocument(QJsonObject{{"alg", "argon2id"},
                                     {"memoryKiB", qint64(p.memoryKiB)},
                                     {"iterations", qint64(p.iterations)},
                                     {"parallelism", qint64(p.parallelism)},
                                     {"salt", QString::fromLatin1(p.salt.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

Result<crypto::KdfParams> kdfFromJson(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.value("alg").toString() != QLatin1String("argon2id"))
        return Error::storage(QStringLiteral("The vault's key-derivation settings are damaged or unsupported"));
    crypto::KdfParams p;
    p.memoryKiB = quint32(o.value("memoryKiB").toInteger());
    p.iterations = quint32(o.value("iterations").toInteger());
    p.parallelism = quint32(o.value("parallelism").toInteger());
    p.salt = QByteArray::fromBase64(o.value("salt").toString().toLatin1());
    return p;
}

bool looksLikeSqlite(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace

qint64 Vault::unlockDelayMs(int failures)
{
    if (failures <= 0)
        return 0;
    const qint64 d = 1000ll << std::min(failures - 1, 5);
    return std::min<qint64>(d, 30'000);
}

Result<std::unique_ptr<Vault>> Vault::openConnection(const QString& path)
{
    std::unique_ptr<Vault> v(new Vault);
    v->m_path = QFileInfo(path).absoluteFilePath();
    v->m_connection = QStringLiteral("kw-vault-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    v->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), v->m_connection);
    if (!v->m_db.isValid())
        return Error::storage(QStringLiteral("The Qt SQLite driver (QSQLITE) is not available"));
    v->m_db.setDatabaseName(v->m_path);
    v->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!v->m_db.open())
        return sql::error(v->m_db, QStringLiteral("open the vault file %1").arg(path));
    return v;
}

Status Vault::configure()
{
    QSqlQuery q(m_db);
    // Up to 64 MiB of page cache (SQLite's default is 2 MiB; pages are only taken as they are read): at 1,000,000 keys
    // the console's counts by service and its key pages re-read their index pages from the OS otherwise, at two to
    // three times the cost (bench_key_counts).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA cache_size=-65536"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return sql::error(q, QStringLiteral("configure the vault database (%1)").arg(QString::fromLatin1(pragma)));
    }
    return {};
}

Result<std::unique_ptr<Vault>> Vault::create(const QString& path, const SecureBytes& passphrase,
                                             const CreateOptions& options)
{
    if (passphrase.size() < 8)
        return Error::invalid(QStringLiteral("The passphrase must be at least 8 characters long"));
    // O_EXCL: never overwrite an existing vault; 0600 from the first byte, not chmod afterwards.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return Error::conflict(QStringLiteral("%1 already exists; choose another path or open it").arg(path));
        return Error::io(QStringLiteral("Cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
    }
    ::close(fd);

    auto cleanup = [&](Error e) -> Result<std::unique_ptr<Vault>> {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return e;
    };

    crypto::KdfParams kdf = options.kdf;
    auto salt = randomBytes(16);
    auto dek = randomBytes(int(crypto::kAeadKeySize));
    auto pepper = randomBytes(32);
    if (!salt || !dek || !pepper)
        return cleanup(Error::crypto(QStringLiteral("The system random generator failed")));
    kdf.salt = *salt;
    auto kek = crypto::argon2id(passphrase, kdf);
    if (!kek)
        return cleanup(kek.error());

    std::unique_ptr<Vault> v;
    {
        auto opened = openConnection(path);
        if (!opened)
            return cleanup(opened.error());
        v = std::move(opened.value());
    }
    if (auto s = v->configure(); !s) {
        v.reset();
        return cleanup(s.error());
    }
    v->m_vaultId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    v->m_kdf = kdf;
    v->m_dataKey = SecureBytes::adopt(*dek);
    SecureBytes pepperKey = SecureBytes::adopt(*pepper);

    auto wrapped = crypto::aeadEncrypt(*kek, v->m_dataKey.view(), dekContext(v->m_vaultId));
    auto pepperSealed = crypto::aeadEncrypt(v->m_dataKey, pepperKey.view(), kPepperContext);
    if (!wrapped || !pepperSealed) {
        v.reset();
        return cleanup(Error::crypto(QStringLiteral("Cannot encrypt the vault's keys")));
    }

    if (auto s = schema::migrate(v->m_db); !s) {
        v.reset();
        return cleanup(s.error());
    }
    {
        sql::Transaction tx(v->m_db);
        Status s = v->writeMeta(QStringLiteral("format"), kFormat);
        if (s)
            s = v->writeMeta(QStringLiteral("vault_id"), v->m_vaultId.toLatin1());
        if (s)
            s = v->writeMeta(QStringLiteral("kdf"), kdfToJson(kdf));
        if (s)
            s = v->writeMeta(QStringLiteral("dek"), *wrapped);
        if (s)
            s = v->writeMeta(QStringLiteral("pepper"), *pepperSealed);
        if (s)
            s = tx.commit();
        if (!s) {
            v.reset();
            return cleanup(s.error());
        }
    }
    v->m_pepper = std::make_unique<crypto::HmacSha256>(pepperKey);
    return v;
}

Status Vault::lock(Access access)
{
    const QByteArray lockPath = QFile::encodeName(m_path + QStringLiteral(".lock"));
    m_lockFd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_lockFd < 0)
        return Error::io(QStringLiteral("Cannot create the lock file %1.lock: %2")
                             .arg(m_path, QString::fromLocal8Bit(strerror(errno))));
    if (::flock(m_lockFd, (access == Access::Exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0)
        return {};
    ::close(m_lockFd);
    m_lockFd = -1;
    if (access == Access::Exclusive)
        return Error::conflict(QStringLiteral("The vault %1 is open elsewhere (kwctl, the console or another server); "
                                              "close it there before serving it")
                                   .arg(m_path));
    return Error::conflict(QStringLiteral("The vault %1 is being served by keywardend; manage it through the server "
                                          "(--server URL --token TOKEN) instead of opening the file")
                               .arg(m_path));
}

Result<std::unique_ptr<Vault>> Vault::open(const QString& path, const SecureBytes& passphrase, Access access)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::notFound(
            QStringLiteral("No vault at %1 (create one with: kwctl --vault %1 vault init)").arg(path));
    if (!info.isFile() || !info.isReadable())
        return Error::io(QStringLiteral("%1 is not a readable file").arg(path));
    if (!looksLikeSqlite(path))
        return Error::invalid(QStringLiteral("%1 is not a KeyWarden vault (not an SQLite database)").arg(path));

    auto opened = openConnection(path);
    if (!opened)
        return opened.error();
    std::unique_ptr<Vault> v = std::move(opened.value());
    if (auto s = v->lock(access); !s)
        return s.error();

    auto version = schema::currentVersion(v->m_db);
    if (!version)
        return Error::invalid(QStringLiteral("%1 is not a KeyWarden vault: %2").arg(path, version.errorMessage()));
    if (*version > schema::latestVersion())
        return schema::migrate(v->m_db).error(); // explains "newer than this KeyWarden"
    auto format = v->readMeta(QStringLiteral("format"));
    if (!format || *format != kFormat)
        return Error::invalid(QStringLiteral("%1 is not a KeyWarden vault (no vault header)").arg(path));
    // Only now, with the file known to be a vault, may the connection change its journal mode.
    if (auto s = v->configure(); !s)
        return s.error();

    if (auto s = v->unlock(passphrase); !s)
        return s.error();
    // Only an unlocked vault is migrated: a wrong passphrase never changes the file.
    if (auto s = schema::migrate(v->m_db); !s)
        return s.error();
    return v;
}

Status Vault::unlock(const SecureBytes& passphrase)
{
    auto id = readMeta(QStringLiteral("vault_id"));
    auto kdfJson = readMeta(QStringLiteral("kdf"));
    auto wrapped = readMeta(QStringLiteral("dek"));
    auto pepperSealed = readMeta(QStringLiteral("pepper"));
    if (!id || !kdfJson || !wrapped || !pepperSealed)
        return Error::storage(QStringLiteral("The vault header of %1 is incomplete or damaged").arg(m_path));
    m_vaultId = QString::fromLatin1(*id);
    auto kdf = kdfFromJson(*kdfJson);
    if (!kdf)
        return kdf.error();
    auto kek = crypto::argon2id(passphrase, *kdf);
    if (!kek)
        return Error::storage(
            QStringLiteral("The vault's key-derivation settings are invalid: %1").arg(kek.errorMessage()));
    auto dek = crypto::aeadDecrypt(*kek, *wrapped, dekContext(m_vaultId));
    if (!dek)
        return Error::unauthorized(QStringLiteral("Wrong passphrase for the vault %1").arg(m_path));
    auto pepper = crypto::aeadDecrypt(*dek, *pepperSealed, kPepperContext);
    if (!pepper)
        return Error::crypto(QStringLiteral("The vault's pepper failed authentication: the file is damaged"));
    m_kdf = *kdf;
    m_dataKey = std::move(*dek);
    m_pepper = std::make_unique<crypto::HmacSha256>(*pepper);
    return {};
}

Vault::~Vault()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd); // releases the flock
    m_pepper.reset();
    m_dataKey.wipe();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Result<QByteArray> Vault::seal(QByteArrayView plaintext, QByteArrayView context) const
{
    return crypto::aeadEncrypt(m_dataKey, plaintext, context);
}

Result<SecureBytes> Vault::unseal(QByteArrayView sealed, QByteArrayView context) const
{
    return crypto::aeadDecrypt(m_dataKey, sealed, context);
}

SecureBytes Vault::deriveKey(QByteArrayView purpose) const
{
    QByteArray k = crypto::hmacSha256(m_dataKey, purpose);
    return SecureBytes::adopt(k);
}

Status Vault::changePassphrase(const SecureBytes& current, const SecureBytes& next, const crypto::KdfParams* newParams)
{
    if (next.size() < 8)
        return Error::invalid(QStringLiteral("The new passphrase must be at least 8 characters long"));
    auto wrapped = readMeta(QStringLiteral("dek"));
    if (!wrapped)
        return wrapped.error();
    auto oldKek = crypto::argon2id(current, m_kdf);
    if (!oldKek)
        return oldKek.error();
    if (!crypto::aeadDecrypt(*oldKek, *wrapped, dekContext(m_vaultId)))
        return Error::unauthorized(QStringLiteral("The current passphrase is wrong"));

    crypto::KdfParams kdf = newParams ? *newParams : m_kdf;
    auto salt = randomBytes(16);
    if (!salt)
        return salt.error();
    kdf.salt = *salt;
    auto kek = crypto::argon2id(next, kdf);
    if (!kek)
        return kek.error();
    auto rewrapped = crypto::aeadEncrypt(*kek, m_dataKey.view(), dekContext(m_vaultId));
    if (!rewrapped)
        return rewrapped.error();
    sql::Transaction tx(m_db);
    if (auto s = writeMeta(QStringLiteral("kdf"), kdfToJson(kdf)); !s)
        return s;
    if (auto s = writeMeta(QStringLiteral("dek"), *rewrapped); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    m_kdf = kdf;
    return {};
}

Result<QByteArray> Vault::readMeta(const QString& name)
{
    auto q = sql::exec(m_db, QStringLiteral("SELECT value FROM meta WHERE name = ?"), {name},
                       QStringLiteral("read the vault header"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("The vault header has no '%1' entry").arg(name));
    return q->value(0).toByteArray();
}

Status Vault::writeMeta(const QString& name, const QByteArray& value)
{
    auto q = sql::exec(m_db,
                       QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?) "
                                      "ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
                       {name, value}, QStringLiteral("write the vault header"));
    if (!q)
        return q.error();
    return {};
}

} // namespace kw
