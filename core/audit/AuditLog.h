#pragma once

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
    };
    Result<AuditEntry> append(const Draft& draft);

    Result<QList<AuditEntry>> entries(const AuditQuery& query);
    Result<AuditVerification> verify();

    // The canonical bytes hashed for an entry: fixed-width integers and length-prefixed UTF-8 fields,
    // so no field boundary can be shifted into another.
    static QByteArray canonical(qint64 seq, qint64 time, QByteArrayView actor, QByteArrayView action,
                                QByteArrayView target, QByteArrayView reason, QByteArrayView incident,
                                QByteArrayView details);
    static QByteArray chainHash(QByteArrayView prevHash, QByteArrayView canonicalBytes);

private:
    QByteArray headMac(qint64 seq, const QByteArray& hash) const;

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace kw
