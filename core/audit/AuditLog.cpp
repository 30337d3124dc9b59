#include "audit/AuditLog.h"

#include "crypto/Crypto.h"
#include "crypto/Sha256.h"
#include "storage/SigningKeyStore.h"
#include "storage/SqlUtil.h"
#include "storage/Vault.h"
#include "usage/SqliteStatement.h"

#include <QJsonDocument>
#include <QtEndian>

#include <openssl/evp.h>

#include <cstring>

namespace kw {

namespace {

const QString kHeadName = QStringLiteral("audit_head");
const QString kLastVerifiedName = QStringLiteral("audit_last_verified");
const QString kSettingsName = QStringLiteral("audit_settings");
const QString kIndexedName = QStringLiteral("audit_fts_seq"); // the search index holds entries up to this seq

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

const QString kColumns =
    QStringLiteral("a.seq, a.ts, a.actor, a.action, a.target, a.reason, a.incident, a.details, a.prev_hash, a.hash, "
                   "a.role");

AuditEntry entryFromRow(const QSqlQuery& q)
{
    AuditEntry e;
    e.seq = q.value(0).toLongLong();
    e.time = q.value(1).toLongLong();
    e.actor = q.value(2).toString();
    e.action = q.value(3).toString();
    e.target = q.value(4).toString();
    e.reason = q.value(5).toString();
    e.incident = q.value(6).toString();
    e.details = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
    e.prevHash = q.value(8).toByteArray();
    e.hash = q.value(9).toByteArray();
    e.role = q.value(10).toString();
    return e;
}

// "key." or "key.*": every action starting with "key."; as a half-open range so the (action, seq) index serves it.
std::optional<std::pair<QString, QString>> actionPrefix(const QString& action)
{
    QString prefix = action;
    if (prefix.endsWith(u'*'))
        prefix.chop(1);
    else if (!prefix.endsWith(u'.'))
        return std::nullopt;
    if (prefix.isEmpty())
        return std::pair<QString, QString>{QString(), QString()};
    QString upper = prefix;
    upper[upper.size() - 1] = QChar(upper.at(upper.size() - 1).unicode() + 1);
    return std::pair<QString, QString>{prefix, upper};
}

QString likeEscaped(const QString& text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'%';
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'%';
    return out;
}

// The FROM and WHERE of a query, shared by entries() and count(). `key` is the column that orders and pages.
struct Selection {
    QString from;
    QString where;
    QString key;
    QVariantList binds;
};

Selection select(const AuditQuery& q, bool paging)
{
    Selection s;
    QStringList conditions;
    // Three characters or more go to the trigram index; shorter text is a scan with LIKE (bounded by the limit).
    const bool fts = !q.text.isEmpty() && q.text.toUcs4().size() >= 3;
    if (fts) {
        s.from = QStringLiteral("audit_fts f JOIN audit a ON a.seq = f.rowid");
        s.key = QStringLiteral("f.rowid");
        conditions << QStringLiteral("audit_fts MATCH ?");
        s.binds << QStringLiteral("\"%1\"").arg(QString(q.text).replace(u'"', QStringLiteral("\"\"")));
    } else {
        s.from = QStringLiteral("audit a");
        s.key = QStringLiteral("a.seq");
        if (!q.text.isEmpty()) {
            QStringList any;
            for (const char* c : {"actor", "role", "action", "target", "reason", "incident", "details"}) {
                any << QStringLiteral("a.%1 LIKE ? ESCAPE '\\'").arg(QLatin1String(c));
                s.binds << likeEscaped(q.text);
            }
            conditions << u'(' + any.join(QStringLiteral(" OR ")) + u')';
        }
    }
    if (paging && q.afterSeq > 0) {
        conditions << s.key + QStringLiteral(" > ?");
        s.binds << q.afterSeq;
    }
    if (paging && q.beforeSeq > 0) {
        conditions << s.key + QStringLiteral(" < ?");
        s.binds << q.beforeSeq;
    }
    if (!q.target.isEmpty()) {
        conditions << QStringLiteral("a.target = ?");
        s.binds << q.target;
    }
    if (!q.action.isEmpty()) {
        if (auto range = actionPrefix(q.action)) {
            if (!range->first.isEmpty()) {
                conditions << QStringLiteral("a.action >= ? AND a.action < ?");
                s.binds << range->first << range->second;
            }
        } else {
            conditions << QStringLiteral("a.action = ?");
            s.binds << q.action;
        }
    }
    if (!q.actor.isEmpty()) {
        conditions << QStringLiteral("a.actor = ?");
        s.binds << q.actor;
    }
    if (!q.incident.isEmpty()) {
        conditions << QStringLiteral("a.incident = ?");
        s.binds << q.incident;
    }
    if (q.fromMs > 0) {
        conditions << QStringLiteral("a.ts >= ?");
        s.binds << q.fromMs;
    }
    if (q.toMs > 0) {
        conditions << QStringLiteral("a.ts < ?");
        s.binds << q.toMs;
    }
    if (!conditions.isEmpty())
        s.where = QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    return s;
}

} // namespace

AuditLog::AuditLog(Vault& vault, const Clock& clock) : m_vault(vault), m_clock(clock) {}

QByteArray AuditLog::canonical(qint64 seq, qint64 time, QByteArrayView actor, QByteArrayView action,
                               QByteArrayView target, QByteArrayView reason, QByteArrayView incident,
                               QByteArrayView details, QByteArrayView role)
{
    QByteArray out;
    out.reserve(16 + 7 * 4 + actor.size() + action.size() + target.size() + reason.size() + incident.size() +
                details.size() + role.size());
    putU64(out, quint64(seq));
    putU64(out, quint64(time));
    for (QByteArrayView f : {actor, action, target, reason, incident, details})
        putField(out, f);
    if (!role.isEmpty())
        putField(out, role);
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

QByteArray AuditLog::checkpointMessage(const QString& vaultId, const AuditCheckpoint& checkpoint)
{
    QByteArray msg = QByteArrayLiteral("keywarden:audit-checkpoint:v1");
    putField(msg, vaultId.toUtf8());
    putU64(msg, quint64(checkpoint.seq));
    putField(msg, checkpoint.hash);
    putU64(msg, quint64(checkpoint.pruned));
    putU64(msg, quint64(checkpoint.time));
    return msg;
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
    e.role = draft.role;
    e.action = draft.action;
    e.target = draft.target;
    e.reason = draft.reason;
    e.incident = draft.incident;
    e.details = draft.details;
    const QByteArray detailsText = QJsonDocument(draft.details).toJson(QJsonDocument::Compact);
    e.hash = chainHash(e.prevHash, canonical(e.seq, e.time, e.actor.toUtf8(), e.action.toUtf8(), e.target.toUtf8(),
                                             e.reason.toUtf8(), e.incident.toUtf8(), detailsText, e.role.toUtf8()));
    const QString details = QString::fromUtf8(detailsText);
    auto ins = sql::exec(
        db,
        QStringLiteral("INSERT INTO audit (seq, ts, actor, role, action, target, reason, incident, "
                       "details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {e.seq, e.time, e.actor, e.role, e.action, e.target, e.reason, e.incident, details, e.prevHash, e.hash},
        QStringLiteral("append to the audit trail"));
    if (!ins)
        return ins.error();
    Head head{e.seq, e.hash, headMac(e.seq, e.hash)};
    if (auto s = m_vault.writeMeta(kHeadName, encodeHead(head)); !s)
        return s.error();
    return e;
}

// The full-text index follows the trail lazily: appending an entry (on the path of every change, a cascading
// revocation of 100,000 keys included) never pays for tokenising it; the first text search after new entries indexes
// them, in one pass. The position is kept in the vault header.
Result<qint64> AuditLog::indexedThrough()
{
    auto raw = m_vault.readMeta(kIndexedName);
    if (!raw)
        return raw.error().code == Error::Code::NotFound ? Result<qint64>(0) : Result<qint64>(raw.error());
    return raw->trimmed().toLongLong();
}

Status AuditLog::catchUpIndex()
{
    sql::Transaction tx(m_vault.db());
    auto position = indexedThrough();
    if (!position)
        return position.error();
    auto last = sql::exec(m_vault.db(), QStringLiteral("SELECT MAX(seq) FROM audit"), {},
                          QStringLiteral("read the audit trail"));
    if (!last)
        return last.error();
    const qint64 head = last->next() ? last->value(0).toLongLong() : 0;
    if (head <= *position)
        return {};
    if (auto s =
            sql::exec(m_vault.db(),
                      QStringLiteral("INSERT INTO audit_fts (rowid, actor, role, action, target, reason, incident, "
                                     "details) SELECT seq, actor, role, action, target, reason, incident, details "
                                     "FROM audit WHERE seq > ? ORDER BY seq"),
                      {*position}, QStringLiteral("index the audit trail for search"));
        !s)
        return s.error();
    if (auto s = m_vault.writeMeta(kIndexedName, QByteArray::number(head)); !s)
        return s;
    return tx.commit();
}

Result<QList<AuditEntry>> AuditLog::entries(const AuditQuery& query)
{
    if (!query.text.isEmpty())
        if (auto s = catchUpIndex(); !s)
            return s.error();
    const Selection s = select(query, true);
    QString text =
        QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 %5 LIMIT ? OFFSET ?")
            .arg(kColumns, s.from, s.where, s.key, query.newestFirst ? QStringLiteral("DESC") : QStringLiteral("ASC"));
    QVariantList binds = s.binds;
    binds << (query.limit > 0 ? query.limit : -1) << std::max(0, query.offset);
    auto q = sql::exec(m_vault.db(), text, binds, QStringLiteral("read the audit trail"));
    if (!q)
        return q.error();
    q->setForwardOnly(true);
    QList<AuditEntry> out;
    while (q->next())
        out.append(entryFromRow(*q));
    return out;
}

Result<qint64> AuditLog::count(const AuditQuery& query)
{
    if (!query.text.isEmpty())
        if (auto s = catchUpIndex(); !s)
            return s.error();
    const Selection s = select(query, true);
    auto q = sql::exec(m_vault.db(), QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(s.from, s.where), s.binds,
                       QStringLiteral("count audit entries"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<AuditCheckpoint> AuditLog::latestCheckpoint()
{
    auto q = sql::exec(m_vault.db(),
                       QStringLiteral("SELECT seq, hash, pruned, created_at, signature FROM audit_checkpoints "
                                      "ORDER BY seq DESC LIMIT 1"),
                       {}, QStringLiteral("read the audit checkpoints"));
    if (!q)
        return q.error();
    AuditCheckpoint c;
    if (q->next()) {
        c.seq = q->value(0).toLongLong();
        c.hash = q->value(1).toByteArray();
        c.pruned = q->value(2).toLongLong();
        c.time = q->value(3).toLongLong();
        c.signature = q->value(4).toByteArray();
    }
    return c;
}

namespace {

// One pass over the chain after `fromSeq` (a checkpoint, or 0), starting from `startHash`. The hot loop reads columns
// as raw bytes through the sqlite3 C API and hashes them in place: no QVariant, no QString, no allocation per entry.
//
// In storage order (rowid) the table is read straight through; seq is a separate index, so reading in seq order
// costs an index lookup per row. Entries are only ever appended with growing seq, so the two orders agree on an
// intact trail — and when a pass in storage order sees exactly fromSeq+1, fromSeq+2, ... with every link holding,
// that was the seq order too. Anything else is checked again in seq order, which gives the precise verdict.
struct ChainScan {
    bool intact = true;
    qint64 firstBadSeq = 0;
    QString problem;
    qint64 lastGoodSeq = 0;
    qint64 checked = 0;
    QByteArray headHash;
};

Result<ChainScan> scanChain(sqlite3* db, bool storageOrder, qint64 fromSeq, const QByteArray& startHash)
{
    ChainScan v;
    v.lastGoodSeq = fromSeq;
    auto fail = [&](qint64 seq, QString problem) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.problem = std::move(problem);
    };
    const char* sql = storageOrder ? "SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, "
                                     "hash, role FROM audit ORDER BY rowid"
                                   : "SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, "
                                     "hash, role FROM audit WHERE seq > ? ORDER BY seq";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        return Error::storage(
            QStringLiteral("Cannot read the audit trail: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
    if (!storageOrder)
        sqlite3_bind_int64(raw, 1, fromSeq);

    crypto::Sha256 sha;
    unsigned char prevBuf[32];
    std::memcpy(prevBuf, startHash.constData(), 32);
    unsigned char digest[32];
    // The canonical form (see canonical()) fed to the hash piece by piece, straight from SQLite's buffers.
    auto putU64Raw = [&sha](quint64 x) {
        char b[8];
        qToBigEndian(x, b);
        sha.update(b, 8);
    };
    auto putFieldRaw = [&sha](const void* data, int n) {
        char b[4];
        qToBigEndian(quint32(n), b);
        sha.update(b, 4);
        if (n > 0)
            sha.update(data, std::size_t(n));
    };

    qint64 expected = fromSeq + 1;
    int rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        const qint64 seq = sqlite3_column_int64(raw, 0);
        if (storageOrder && seq <= fromSeq)
            continue; // covered by the checkpoint
        if (seq != expected) {
            fail(expected, seq > expected
                               ? (expected > 1 ? QStringLiteral("Audit entry %1 is missing (deleted)").arg(expected)
                                               : QStringLiteral("Audit entry %1 is missing (deleted; no signed "
                                                                "checkpoint covers it)")
                                                     .arg(expected))
                               : QStringLiteral("Audit entry %1 is out of order").arg(seq));
            return v;
        }
        const void* prevHash = sqlite3_column_blob(raw, 8);
        const int prevLen = sqlite3_column_bytes(raw, 8);
        if (prevLen != 32 || std::memcmp(prevHash, prevBuf, 32) != 0) {
            fail(seq, QStringLiteral("Audit entry %1 does not follow entry %2 (entries were reordered, replaced or "
                                     "deleted)")
                          .arg(seq)
                          .arg(seq - 1));
            return v;
        }
        sha.reset();
        sha.update(prevBuf, 32);
        putU64Raw(quint64(seq));
        putU64Raw(quint64(sqlite3_column_int64(raw, 1)));
        for (int col = 2; col <= 7; ++col) {
            const unsigned char* text = sqlite3_column_text(raw, col);
            putFieldRaw(text, sqlite3_column_bytes(raw, col));
        }
        if (const unsigned char* role = sqlite3_column_text(raw, 10); role && *role)
            putFieldRaw(role, sqlite3_column_bytes(raw, 10));
        sha.finish(digest);
        const void* stored = sqlite3_column_blob(raw, 9);
        if (sqlite3_column_bytes(raw, 9) != 32 || std::memcmp(stored, digest, 32) != 0) {
            fail(seq, QStringLiteral("Audit entry %1 was modified after it was written").arg(seq));
            return v;
        }
        std::memcpy(prevBuf, digest, 32);
        v.lastGoodSeq = seq;
        ++v.checked;
        ++expected;
    }
    if (rc != SQLITE_DONE)
        return Error::storage(
            QStringLiteral("Cannot read the audit trail: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
    v.headHash = QByteArray(reinterpret_cast<const char*>(prevBuf), 32);
    return v;
}

} // namespace

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification v;
    auto fail = [&](qint64 seq, QString problem) {
        v.intact = false;
        v.firstBadSeq = seq;
        v.problem = std::move(problem);
    };

    auto checkpoint = latestCheckpoint();
    if (!checkpoint)
        return checkpoint.error();
    QByteArray start = kGenesis;
    if (checkpoint->seq > 0) {
        auto key = SigningKeyStore(m_vault).publicKey();
        if (!key ||
            !crypto::ed25519::verify(*key, checkpointMessage(m_vault.vaultId(), *checkpoint), checkpoint->signature)) {
            fail(checkpoint->seq + 1, QStringLiteral("The audit checkpoint at entry %1 (where older entries were "
                                                     "pruned) is not signed by this vault's key")
                                          .arg(checkpoint->seq));
            v.lastGoodSeq = checkpoint->seq;
            return v;
        }
        start = checkpoint->hash;
        v.checkpointSeq = checkpoint->seq;
    }
    if (start.size() != 32) {
        fail(checkpoint->seq + 1, QStringLiteral("The audit checkpoint at entry %1 is malformed").arg(checkpoint->seq));
        return v;
    }

    sqlite3* db = sqlite::handleOf(m_vault.db());
    if (!db)
        return Error::storage(QStringLiteral("Cannot read the audit trail: the vault connection is not SQLite"));
    auto scan = scanChain(db, true, checkpoint->seq, start);
    if (scan && !scan->intact)
        scan = scanChain(db, false, checkpoint->seq, start);
    if (!scan)
        return scan.error();
    v.checked = scan->checked;
    v.lastGoodSeq = scan->lastGoodSeq;
    if (!scan->intact) {
        fail(scan->firstBadSeq, scan->problem);
        return v;
    }
    const QByteArray prev = scan->headHash;
    v.headHash = prev;

    // The authenticated head catches what the chain alone cannot: dropped tail entries and a chain
    // rebuilt from an edited entry onwards.
    Head head;
    if (auto rawHead = m_vault.readMeta(kHeadName)) {
        head = decodeHead(*rawHead);
        if (!constantTimeEquals(head.mac, headMac(head.seq, head.hash))) {
            fail(v.lastGoodSeq + 1, QStringLiteral("The audit trail's head record was tampered with"));
            return v;
        }
    } else if (v.lastGoodSeq > 0) {
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

Status AuditLog::recordVerification(const AuditVerification& v)
{
    const QJsonObject o{{"time", m_clock.nowMs()},
                        {"intact", v.intact},
                        {"checked", v.checked},
                        {"headSeq", v.lastGoodSeq},
                        {"firstBadSeq", v.firstBadSeq}};
    return m_vault.writeMeta(kLastVerifiedName, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<AuditSettings> AuditLog::settings()
{
    AuditSettings s;
    if (auto raw = m_vault.readMeta(kSettingsName)) {
        const QJsonObject o = QJsonDocument::fromJson(*raw).object();
        s.retentionMs = std::max<qint64>(0, o.value(QLatin1String("retentionMs")).toInteger());
    }
    return s;
}

Status AuditLog::setSettings(const AuditSettings& settings)
{
    if (settings.retentionMs < 0)
        return Error::invalid(QStringLiteral("The audit retention cannot be negative"));
    if (settings.retentionMs > 0 && settings.retentionMs < 86'400'000)
        return Error::invalid(QStringLiteral("The audit retention must be at least one day (or 0 to keep every "
                                             "entry)"));
    return m_vault.writeMeta(
        kSettingsName,
        QJsonDocument(QJsonObject{{"retentionMs", settings.retentionMs}}).toJson(QJsonDocument::Compact));
}

Result<AuditStatus> AuditLog::status()
{
    AuditStatus st;
    if (auto raw = m_vault.readMeta(kHeadName)) {
        const Head head = decodeHead(*raw);
        st.headSeq = head.seq;
        st.headHash = head.hash;
    }
    if (auto raw = m_vault.readMeta(kLastVerifiedName)) {
        const QJsonObject o = QJsonDocument::fromJson(*raw).object();
        st.lastVerifiedAt = o.value(QLatin1String("time")).toInteger();
        st.lastVerifiedIntact = o.value(QLatin1String("intact")).toBool();
        st.lastVerifiedChecked = o.value(QLatin1String("checked")).toInteger();
        st.lastVerifiedHeadSeq = o.value(QLatin1String("headSeq")).toInteger();
        st.lastVerifiedFirstBadSeq = o.value(QLatin1String("firstBadSeq")).toInteger();
    }
    auto n = sql::exec(m_vault.db(), QStringLiteral("SELECT COUNT(*) FROM audit"), {},
                       QStringLiteral("count audit entries"));
    if (!n)
        return n.error();
    st.entries = n->next() ? n->value(0).toLongLong() : 0;
    auto cp = latestCheckpoint();
    if (!cp)
        return cp.error();
    st.checkpoint = *cp;
    auto s = settings();
    if (!s)
        return s.error();
    st.settings = *s;
    return st;
}

Result<AuditPruneReport> AuditLog::prune(qint64 beforeMs, const crypto::ed25519::KeyPair& key)
{
    AuditPruneReport report;
    auto last = sql::exec(m_vault.db(), QStringLiteral("SELECT MAX(seq), COUNT(*) FROM audit WHERE ts < ?"), {beforeMs},
                          QStringLiteral("find old audit entries"));
    if (!last)
        return last.error();
    if (!last->next() || last->value(0).isNull())
        return report; // nothing old enough
    const qint64 upTo = last->value(0).toLongLong();

    auto v = verify();
    if (!v)
        return v.error();
    if (!v->intact)
        return Error::conflict(QStringLiteral("The audit trail is broken at entry %1 (%2); pruning would hide the "
                                              "evidence. Export the trail and investigate first.")
                                   .arg(v->firstBadSeq)
                                   .arg(v->problem));
    auto hashRow = sql::exec(m_vault.db(), QStringLiteral("SELECT hash FROM audit WHERE seq = ?"), {upTo},
                             QStringLiteral("read the audit trail"));
    if (!hashRow)
        return hashRow.error();
    if (!hashRow->next())
        return Error::storage(QStringLiteral("Audit entry %1 vanished while pruning").arg(upTo));
    auto counted = sql::exec(m_vault.db(), QStringLiteral("SELECT COUNT(*) FROM audit WHERE seq <= ?"), {upTo},
                             QStringLiteral("count audit entries"));
    if (!counted || !counted->next())
        return counted ? Error::storage(QStringLiteral("Cannot count audit entries")) : counted.error();

    AuditCheckpoint& cp = report.checkpoint;
    cp.seq = upTo;
    cp.hash = hashRow->value(0).toByteArray();
    cp.pruned = counted->value(0).toLongLong();
    cp.time = m_clock.nowMs();
    auto sig = crypto::ed25519::sign(key.privateKey, checkpointMessage(m_vault.vaultId(), cp));
    if (!sig)
        return sig.error();
    cp.signature = *sig;
    report.pruned = cp.pruned;

    QSqlDatabase& db = m_vault.db();
    if (auto s = sql::exec(db,
                           QStringLiteral("INSERT INTO audit_checkpoints (seq, hash, pruned, created_at, signature) "
                                          "VALUES (?, ?, ?, ?, ?)"),
                           {cp.seq, cp.hash, cp.pruned, cp.time, cp.signature},
                           QStringLiteral("record the audit checkpoint"));
        !s)
        return s.error();
    // An external-content index forgets rows only when told their indexed values, and only rows it holds.
    auto indexed = indexedThrough();
    if (!indexed)
        return indexed.error();
    if (auto s = sql::exec(db,
                           QStringLiteral("INSERT INTO audit_fts (audit_fts, rowid, actor, role, action, target, "
                                          "reason, incident, details) SELECT 'delete', seq, actor, role, action, "
                                          "target, reason, incident, details FROM audit WHERE seq <= ?"),
                           {std::min(cp.seq, *indexed)}, QStringLiteral("remove pruned entries from the search index"));
        !s)
        return s.error();
    if (*indexed < cp.seq)
        if (auto s = m_vault.writeMeta(kIndexedName, QByteArray::number(cp.seq)); !s)
            return s.error();
    if (auto s = sql::exec(db, QStringLiteral("DELETE FROM audit WHERE seq <= ?"), {cp.seq},
                           QStringLiteral("delete pruned audit entries"));
        !s)
        return s.error();
    return report;
}

} // namespace kw
