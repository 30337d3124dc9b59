#include "audit/AuditLog.h"

#include "crypto/Crypto.h"
#include "storage/SqlUtil.h"
#include "storage/Vault.h"

#include <QJsonDocument>
#include <QtEndian>

#include <openssl/evp.h>

namespace kw {

namespace {

const QString kHeadName = QStringLiteral("audit_head");

void putU64(QByteArray& out, quint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

void putField(QByteArray& out, QByteArrayView field)
{
    char b[4];
    qToBigEndian(quint32(field.size()), b);
    out.append(b, 4);
    out.append(field.data(), field.size());
}

struct Head {
    qint64 seq = 0;
    QByteArray hash;
    QByteArray mac;
};

QByteArray encodeHead(const Head& h)
{
    return QJsonDocument(QJsonObject{{"seq", h.seq},
                                     {"hash", QString::fromLatin1(h.hash.toHex())},
                                     {"mac", QString::fromLatin1(h.mac.toHex())}})
        .toJson(QJsonDocument::Compact);
}

Head decodeHead(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    return {o.value("seq").toInteger(), QByteArray::fromHex(o.value("hash").toString().toLatin1()),
            QByteArray::fromHex(o.value("mac").toString().toLatin1())};
}

const QByteArray kGenesis(32, '\0');

} // namespace

AuditLog::AuditLog(Vault& vault, const Clock& clock) : m_vault(vault), m_clock(clock) {}

QByteArray AuditLog::canonical(qint64 seq, qint64 time, QByteArrayView actor, QByteArrayView action,
                               QByteArrayView target, QByteArrayView reason, QByteArrayView incident,
                               QByteArrayView details)
{
    QByteArray out;
    out.reserve(16 + 6 * 4 + actor.size() + action.size() + target.size() + reason.size() + incident.size() +
                details.size());
    putU64(out, quint64(seq));
    putU64(out, quint64(time));
    for (QByteArrayView f : {actor, action, target, reason, incident, details})
        putField(out, f);
    return out;
}

QByteArray AuditLog::chainHash(QByteArrayView prevHash, QByteArrayView canonicalBytes)
{
    QByteArray out(32, Qt::Uninitialized);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    unsigned int len = 0;
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx, prevHash.data(), std::size_t(prevHash.size()));
    EVP_DigestUpdate(ctx, canonicalBytes.data(), std::size_t(canonicalBytes.size()));
    EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()), &len);
    EVP_MD_CTX_free(ctx);
    return out;
}

QByteArray AuditLog::headMac(qint64 seq, const QByteArray& hash) const
{
    QByteArray msg = QByteArrayLiteral("keywarden:audit-head:");
    putU64(msg, quint64(seq));
    msg.append(hash);
    return crypto::hmacSha256(m_vault.deriveKey("audit-head"), msg);
}

Result<AuditEntry> AuditLog::append(const Draft& draft)
{
    QSqlDatabase& db = m_vault.db();
    auto last = sql::exec(db, QStringLiteral("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"), {},
                          QStringLiteral("read the audit trail"));
    if (!last)
        return last.error();
    AuditEntry e;
    e.prevHash = kGenesis;
    e.seq = 1;
    if (last->next()) {
        e.seq = last->value(0).toLongLong() + 1;
        e.prevHash = last->value(1).toByteArray();
    }
    // The authenticated head, not the last row, is what the chain continues from: if entries were cut
    // off the end, the next entry leaves a visible gap instead of quietly sealing the truncation.
    if (auto raw = m_vault.readMeta(kHeadName)) {
        const Head head = decodeHead(*raw);
        e.seq = std::max(e.seq, head.seq + 1);
        e.prevHash = head.hash;
    }
    e.time = m_clock.nowMs();
    e.actor = draft.actor;
    e.action = draft.action;
    e.target = draft.target;
    e.reason = draft.reason;
    e.incident = draft.incident;
    e.details = draft.details;
    const QByteArray detailsText = QJsonDocument(draft.details).toJson(QJsonDocument::Compact);
    e.hash = chainHash(e.prevHash, canonical(e.seq, e.time, e.actor.toUtf8(), e.action.toUtf8(), e.target.toUtf8(),
                                             e.reason.toUtf8(), e.incident.toUtf8(), detailsText));
    auto ins = sql::exec(db,
                         QStringLiteral("INSERT INTO audit (seq, ts, actor, action, target, reason, incident, details, "
                                        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {e.seq, e.time, e.actor, e.action, e.target, e.reason, e.incident,
                          QString::fromUtf8(detailsText), e.prevHash, e.hash},
                         QStringLiteral("append to the audit trail"));
    if (!ins)
        return ins.error();
    Head head{e.seq, e.hash, headMac(e.seq, e.hash)};
    if (auto s = m_vault.writeMeta(kHeadName, encodeHead(head)); !s)
        return s.error();
    return e;
}

Result<QList<AuditEntry>> AuditLog::entries(const AuditQuery& query)
{
    QString sqlText = QStringLiteral("SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, "
                                     "hash FROM audit WHERE seq > ?");
    QVariantList binds{query.afterSeq};
    if (!query.target.isEmpty()) {
        sqlText += QStringLiteral(" AND target = ?");
        binds << query.target;
    }
    if (!query.action.isEmpty()) {
        sqlText += QStringLiteral(" AND action = ?");
        binds << query.action;
    }
    sqlText += QStringLiteral(" ORDER BY seq LIMIT ?");
    binds << (query.limit > 0 ? query.limit : -1);
    auto q = sql::exec(m_vault.db(), sqlText, binds, QStringLiteral("read the audit trail"));
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q->next()) {
        AuditEntry e;
        e.seq = q->value(0).toLongLong();
        e.time = q->value(1).toLongLong();
        e.actor = q->value(2).toString();
        e.action = q->value(3).toString();
        e.target = q->value(4).toString();
        e.reason = q->value(5).toString();
        e.incident = q->value(6).toString();
        e.details = QJsonDocument::fromJson(q->value(7).toString().toUtf8()).object();
        e.prevHash = q->value(8).toByteArray();
        e.hash = q->value(9).toByteArray();
        out.append(std::move(e));
    }
    return out;
}

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification v;
    auto q = sql::exec(m_vault.db(),
                       QStringLiteral("SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, "
                                      "hash FROM audit ORDER BY seq"),
                       {}, QStringLiteral("read the audit trail"));
    if (!q)
        return q.error();
    QByteArray prev = kGenesis;
    qint64 expected = 1;
    auto fail = [&](qint64 seq, QString problem) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.problem = std::move(problem);
    };
    while (q->next()) {
        const qint64 seq = q->value(0).toLongLong();
        const QByteArray prevHash = q->value(8).toByteArray();
        const QByteArray hash = q->value(9).toByteArray();
        if (seq != expected) {
            fail(expected, seq > expected ? QStringLiteral("Audit entry %1 is missing (deleted)").arg(expected)
                                          : QStringLiteral("Audit entry %1 is out of order").arg(seq));
            return v;
        }
        if (prevHash != prev) {
            fail(seq, QStringLiteral("Audit entry %1 does not follow entry %2 (entries were reordered, replaced or "
                                     "deleted)")
                          .arg(seq)
                          .arg(seq - 1));
            return v;
        }
        const QByteArray recomputed =
            chainHash(prev, canonical(seq, q->value(1).toLongLong(), q->value(2).toString().toUtf8(),
                                      q->value(3).toString().toUtf8(), q->value(4).toString().toUtf8(),
                                      q->value(5).toString().toUtf8(), q->value(6).toString().toUtf8(),
                                      q->value(7).toString().toUtf8()));
        if (recomputed != hash) {
            fail(seq, QStringLiteral("Audit entry %1 was modified after it was written").arg(seq));
            return v;
        }
        prev = hash;
        v.lastGoodSeq = seq;
        ++v.checked;
        ++expected;
    }
    v.headHash = prev;

    // The authenticated head catches what the chain alone cannot: dropped tail entries and a chain
    // rebuilt from an edited entry onwards.
    Head head;
    if (auto raw = m_vault.readMeta(kHeadName)) {
        head = decodeHead(*raw);
        if (!constantTimeEquals(head.mac, headMac(head.seq, head.hash))) {
            fail(v.lastGoodSeq + 1, QStringLiteral("The audit trail's head record was tampered with"));
            return v;
        }
    } else if (v.checked > 0) {
        fail(1, QStringLiteral("The audit trail's head record is missing"));
        return v;
    }
    if (head.seq > v.lastGoodSeq) {
        fail(v.lastGoodSeq + 1,
             QStringLiteral("Audit entries %1 to %2 were deleted").arg(v.lastGoodSeq + 1).arg(head.seq));
        return v;
    }
    if (head.seq < v.lastGoodSeq || (head.seq > 0 && head.hash != prev)) {
        fail(head.seq + 1 <= v.lastGoodSeq ? head.seq + 1 : v.lastGoodSeq,
             QStringLiteral("The audit trail does not end at its recorded head (entry %1): entries were rewritten "
                            "or added outside KeyWarden")
                 .arg(head.seq));
        return v;
    }
    return v;
}

} // namespace kw
