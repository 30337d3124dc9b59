#include "AuditFill.h"

#include "audit/AuditLog.h"
#include "usage/SqliteStatement.h"

#include <QSqlQuery>

#include <memory>

namespace kwtest {

QString fillAuditTrail(kw::LocalVault& vault, qint64 count, qint64 startMs, bool index)
{
    QSqlDatabase& db = vault.vault().db();
    sqlite3* h = kw::sqlite::handleOf(db);
    if (!h)
        return QStringLiteral("not an SQLite vault");
    qint64 seq = 0;
    QByteArray prev(32, '\0');
    {
        QSqlQuery last(db);
        if (last.exec(QStringLiteral("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")) && last.next()) {
            seq = last.value(0).toLongLong();
            prev = last.value(1).toByteArray();
        }
    }
    if (sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(h));
    auto fail = [h]() {
        const QString error = QString::fromUtf8(sqlite3_errmsg(h));
        sqlite3_exec(h, "ROLLBACK", nullptr, nullptr, nullptr);
        return error;
    };
    sqlite3_stmt* ins = nullptr;
    sqlite3_stmt* fts = nullptr;
    if (sqlite3_prepare_v2(h,
                           "INSERT INTO audit (seq, ts, actor, role, action, target, reason, incident, details, "
                           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &ins, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(h,
                           "INSERT INTO audit_fts (rowid, actor, role, action, target, reason, incident, details) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &fts, nullptr) != SQLITE_OK) {
        sqlite3_finalize(ins);
        return fail();
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> insGuard(ins, &sqlite3_finalize);
    // Entries before the fill that the lazy search index has not reached yet are indexed first.
    if (index &&
        sqlite3_exec(h,
                     "INSERT INTO audit_fts (rowid, actor, role, action, target, reason, incident, details) "
                     "SELECT seq, actor, role, action, target, reason, incident, details FROM audit WHERE "
                     "seq > COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE name = 'audit_fts_seq'), 0)",
                     nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_finalize(fts);
        insGuard.reset();
        return fail();
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> ftsGuard(fts, &sqlite3_finalize);
    auto text = [](sqlite3_stmt* st, int col, const QByteArray& v) {
        sqlite3_bind_text(st, col, v.constData(), int(v.size()), SQLITE_TRANSIENT);
    };
    static const char* actors[] = {"operator:ana", "operator:bob", "local:carol", "operator:dave"};
    static const char* roles[] = {"admin", "responder", "local", "auditor"};
    static const char* actions[] = {"key.create", "key.suspend", "key.revoke", "policy.apply", "usage.import"};
    for (qint64 i = 1; i <= count; ++i) {
        ++seq;
        const QByteArray actor(actors[i % 4]);
        const QByteArray role(roles[i % 4]);
        const QByteArray action(actions[i % 5]);
        const QByteArray target = "key_fill_" + QByteArray::number(i % 1000);
        const QByteArray reason = "reason " + QByteArray::number(i);
        const QByteArray incident = i % 100 == 0 ? "INC-" + QByteArray::number(i / 100) : QByteArray();
        const QByteArray details = "{\"n\":" + QByteArray::number(i) + '}';
        const qint64 ts = startMs + i * 1000;
        const QByteArray hash = kw::AuditLog::chainHash(
            prev, kw::AuditLog::canonical(seq, ts, actor, action, target, reason, incident, details, role));
        sqlite3_bind_int64(ins, 1, seq);
        sqlite3_bind_int64(ins, 2, ts);
        text(ins, 3, actor);
        text(ins, 4, role);
        text(ins, 5, action);
        text(ins, 6, target);
        text(ins, 7, reason);
        text(ins, 8, incident);
        text(ins, 9, details);
        sqlite3_bind_blob(ins, 10, prev.constData(), int(prev.size()), SQLITE_TRANSIENT);
        sqlite3_bind_blob(ins, 11, hash.constData(), int(hash.size()), SQLITE_TRANSIENT);
        const int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        if (rc != SQLITE_DONE)
            return fail();
        if (index) {
            sqlite3_bind_int64(fts, 1, seq);
            text(fts, 2, actor);
            text(fts, 3, role);
            text(fts, 4, action);
            text(fts, 5, target);
            text(fts, 6, reason);
            text(fts, 7, incident);
            text(fts, 8, details);
            const int frc = sqlite3_step(fts);
            sqlite3_reset(fts);
            if (frc != SQLITE_DONE)
                return fail();
        }
        prev = hash;
    }
    insGuard.reset();
    ftsGuard.reset();
    // The search index now reaches the last filled entry (AuditLog indexes later ones when a search needs them).
    if (index && sqlite3_exec(h,
                              ("INSERT OR REPLACE INTO meta (name, value) VALUES ('audit_fts_seq', '" +
                               QByteArray::number(seq) + "')")
                                  .constData(),
                              nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail();
    if (sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail();
    // The vault's head still names the entry before the fill: move it the way an attacker could not, by writing the
    // next entry through the vault only after dropping the stale head (the fill stands in for real activity).
    if (!QSqlQuery(db).exec(QStringLiteral("DELETE FROM meta WHERE name = 'audit_head'")))
        return QStringLiteral("cannot reset the audit head");
    if (auto t = vault.createTeam(QStringLiteral("audit-fill")); !t)
        return t.errorMessage();
    return {};
}

} // namespace kwtest
