#pragma once

#include "crypto/Crypto.h"
#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace kw {

// An unlocked vault file: the SQLite connection and the key material that the passphrase unwraps.
//
// Key hierarchy: passphrase --Argon2id(salt, params)--> key-encryption key (KEK) --AES-GCM unwrap-->
// data key (DEK, random, never changes) --AES-GCM--> pepper and sensitive fields. Changing the
// passphrase re-wraps the DEK only. Key hashes are HMAC-SHA256(pepper, secret).
class Vault {
public:
    struct CreateOptions {
        crypto::KdfParams kdf; // salt is generated
    };

    // Creates a new vault file (mode 0600). Fails if the file exists.
    static Result<std::unique_ptr<Vault>> create(const QString& path, const SecureBytes& passphrase,
                                                 const CreateOptions& options = {});
    // Who else may have the file open. A key server serves its vault Exclusive: while it runs, kwctl and the
    // console (Shared) are refused with a message pointing them at the server, so nobody works on a view the
    // server does not know about. Held with flock(2) on "<vault>.lock" for the life of the object.
    enum class Access { Shared, Exclusive };

    // Opens and unlocks an existing vault, migrating its schema forward after a successful unlock.
    static Result<std::unique_ptr<Vault>> open(const QString& path, const SecureBytes& passphrase,
                                               Access access = Access::Shared);

    // Delay a front end should impose before the next unlock attempt after `failures` consecutive wrong
    // passphrases: 0, 1 s, 2 s, 4 s, ... capped at 30 s.
    static qint64 unlockDelayMs(int failures);

    ~Vault();
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;

    QString path() const { return m_path; }
    QString vaultId() const { return m_vaultId; }
    QSqlDatabase& db() { return m_db; }
    crypto::KdfParams kdfParams() const { return m_kdf; }

    // HMAC-SHA256(pepper, secret): the only form in which a key's secret is stored.
    crypto::Digest hashSecret(QByteArrayView secret) const { return m_pepper->mac(secret); }
    const crypto::HmacSha256& pepper() const { return *m_pepper; }

    Result<QByteArray> seal(QByteArrayView plaintext, QByteArrayView context) const;
    Result<SecureBytes> unseal(QByteArrayView sealed, QByteArrayView context) const;
    // A subkey of the data key for one purpose (e.g. authenticating the audit head).
    SecureBytes deriveKey(QByteArrayView purpose) const;

    Status changePassphrase(const SecureBytes& current, const SecureBytes& next,
                            const crypto::KdfParams* newParams = nullptr);

    // The vault's small key/value header (format, KDF settings, wrapped keys, audit head).
    Result<QByteArray> readMeta(const QString& name);
    Status writeMeta(const QString& name, const QByteArray& value);

private:
    Vault() = default;
    static Result<std::unique_ptr<Vault>> openConnection(const QString& path);
    Status unlock(const SecureBytes& passphrase);

    Status lock(Access access);
    Status configure(); // WAL, synchronous=NORMAL, foreign keys

    QString m_path;
    int m_lockFd = -1;
    QString m_connection;
    QSqlDatabase m_db;
    QString m_vaultId;
    crypto::KdfParams m_kdf;
    SecureBytes m_dataKey;
    std::unique_ptr<crypto::HmacSha256> m_pepper;
};

} // namespace kw
