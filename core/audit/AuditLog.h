#pragma once

#include "crypto/Ed25519.h"
#include "domain/AuditEntry.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QList>

namespace kw {

class Vault;

// The hash-chained audit trail. Entry n stores hash_n = SHA-256(hash_{n-1} || canonical(entry n)), and
// the vault header keeps the chain head (last seq and hash) authenticated with a MAC under the data
// key, so editing, deleting, reordering or truncating entries — even re-chaining them all — is found
// by verify(). append() must run inside the caller's transaction so an entry lands with its change.
//
// Old entries can be pruned: prune() first verifies the whole chain, then records a checkpoint (the last pruned
// seq and its hash, signed with the vault's Ed25519 key) and deletes the entries up to it. verify() then starts
// from the latest checkpoint, so what remains is still checked link by link up to the authenticated head.
class AuditLog {
public:
    AuditLog(Vault& vault, const Clock& clock);

    struct Draft {
        QString actor;
        QString action;
        QString target;
        QString reason;
        QString incident;
        QJsonObject details;
        QString role;
    };
    Result<AuditEntry> append(const Draft& draft);

    Result<QList<AuditEntry>> entries(const AuditQuery& query);
    // How many entries match the filters and seq bounds (limit and offset are ignored).
    Result<qint64> count(const AuditQuery& query);
    Result<AuditVerification> verify();
    // Remembers a verification's outcome for status() and the compliance rule "audit not verified".
    Status recordVerification(const AuditVerification& verification);
    Result<AuditStatus> status();

    Result<AuditSettings> settings();
    Status setSettings(const AuditSettings& settings);
    // Deletes the entries written before `beforeMs` behind a checkpoint signed with `key`; refuses when the chain
    // is not intact (pruning would hide the evidence). Runs in the caller's transaction; the caller audits it.
    Result<AuditPruneReport> prune(qint64 beforeMs, const crypto::ed25519::KeyPair& key);

    // The canonical bytes hashed for an entry: fixed-width integers and length-prefixed UTF-8 fields,
    // so no field boundary can be shifted into another. The role is appended as a seventh field when it is set
    // (entries written before roles were recorded have none, and keep their hashes).
    static QByteArray canonical(qint64 seq, qint64 time, QByteArrayView actor, QByteArrayView action,
                                QByteArrayView target, QByteArrayView reason, QByteArrayView incident,
                                QByteArrayView details, QByteArrayView role = {});
    static QByteArray chainHash(QByteArrayView prevHash, QByteArrayView canonicalBytes);
    // What a checkpoint's signature covers.
    static QByteArray checkpointMessage(const QString& vaultId, const AuditCheckpoint& checkpoint);

private:
    QByteArray headMac(qint64 seq, const QByteArray& hash) const;
    Result<qint64> indexedThrough();
    Status catchUpIndex();
    Result<AuditCheckpoint> latestCheckpoint();

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace kw
