// The hash-chained audit trail against an attacker with write access to the vault file but not its
// passphrase: edited, deleted, swapped, truncated and fully re-chained entries, a forged head record, and
// appends after a truncation must all be found by verify().

#include "audit/AuditLog.h"
#include "storage/LocalVault.h"

#include "AuditFill.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

using namespace kw;

namespace {

// A plain SQLite connection to the vault file, for rewriting rows the way an attacker would.
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

private:
    QString m_name;
    QSqlDatabase m_db;
};

struct Row {
    qint64 seq, ts;
    QString actor, action, target, reason, incident, details;
    QByteArray prevHash, hash;
    QString role;
};

QList<Row> readRows(QSqlDatabase& db)
{
    QList<Row> rows;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, hash, role "
                          "FROM audit ORDER BY seq"));
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
                     q.value(8).toByteArray(), q.value(9).toByteArray(), q.value(10).toString()});
    return rows;
}

QByteArray hashOf(const Row& r, const QByteArray& prev)
{
    return AuditLog::chainHash(prev, AuditLog::canonical(r.seq, r.ts, r.actor.toUtf8(), r.action.toUtf8(),
                                                         r.target.toUtf8(), r.reason.toUtf8(), r.incident.toUtf8(),
                                                         r.details.toUtf8(), r.role.toUtf8()));
}

} // namespace

class TestAudit : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }
    qint64 entryCount() { return qint64(b().auditEntries({0, 0, {}, {}})->size()); }

    // Twelve entries of mixed kinds.
    void populate()
    {
        QVERIFY(b().createProject({QStringLiteral("shop"), QStringLiteral("platform"), {}}));
        QStringList keys;
        for (int i = 0; i < 4; ++i) {
            tv->clock().advanceSecs(60);
            auto k = b().createKey({QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k%1").arg(i)});
            QVERIFY(k);
            keys << k->key.id;
        }
        QVERIFY(b().suspendKey(keys[0], QStringLiteral("check")));
        QVERIFY(b().resumeKey(keys[0], QStringLiteral("ok")));
        QVERIFY(b().revokeKeys({{keys[1], keys[2]}, false, QStringLiteral("leak"), QStringLiteral("INC-1")}));
        QVERIFY(b().createTeam(QStringLiteral("security")));
        // 1 team, 2 project, 3 environment, 4-7 keys, 8 suspend, 9 resume, 10-11 revoke, 12 team
        QCOMPARE(entryCount(), qint64(12));
    }
    // Runs SQL on the closed vault file and opens it again, as an attacker editing the file offline would.
    void tamper(const QStringList& statements)
    {
        tv->close();
        for (const QString& s : statements)
            QVERIFY2(kwtest::execRawSql(tv->path(), s), qPrintable(s));
        tv->reopen();
        QVERIFY(tv->ok());
    }
    AuditVerification verify()
    {
        auto v = b().verifyAudit();
        if (!v)
            qFatal("verifyAudit failed: %s", qPrintable(v.errorMessage()));
        return *v;
    }

private slots:
    void init();
    void cleanup();

    void intactAfterManyOperations();
    void intactAcrossReopen();
    void verifyIsItselfAudited();
    void editedEntry();
    void editedEntryEveryField_data();
    void editedEntryEveryField();
    void deletedMiddleEntry();
    void swappedEntries();
    void deletedTailEntries();
    void fullyRechainedEdit();
    void deletedLastEntry();
    void tamperedHead();
    void deletedHead();
    void appendAfterTruncationKeepsGapVisible();
    void canonicalFormSeparatesFields();
    void entriesQuery();

    // Roles, filters, full-text search and paging.
    void rolesRecorded();
    void queryFilters();
    void textSearch();
    void pagingNewestFirst();
    void largeTrailSearchAndCount();

    // Retention: pruning behind a signed checkpoint.
    void pruneKeepsChainVerifiable();
    void editAfterPruneIsFound();
    void forgedCheckpoint();
    void deletedCheckpoint();
    void pruneRefusedOnBrokenChain();
    void pruneByRetention();
    void retentionSettings();
    void statusAfterVerification();
};

void TestAudit::init()
{
    tv = std::make_unique<kwtest::TempVault>();
    QVERIFY(tv->ok());
}

void TestAudit::cleanup()
{
    tv.reset();
}

void TestAudit::intactAfterManyOperations()
{
    // An empty trail is intact.
    auto empty = b().verifyAudit();
    QVERIFY(empty);
    QVERIFY(empty->intact);
    QCOMPARE(empty->checked, qint64(0));

    QVERIFY(b().createProject({QStringLiteral("shop"), {}, {}}));
    for (int i = 0; i < 150; ++i) {
        tv->clock().advanceMs(1234);
        auto k = b().createKey({QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("key %1").arg(i)});
        QVERIFY(k);
        if (i % 3 == 0)
            QVERIFY(b().suspendKey(k->key.id, QStringLiteral("rotation ünïcödé \"quoted\"")));
        if (i % 5 == 0)
            QVERIFY(b().revokeKeys({{k->key.id}, false, QStringLiteral("cleanup"), QStringLiteral("INC-%1").arg(i)}));
    }
    const qint64 total = entryCount();
    QVERIFY(total > 200);
    const AuditVerification v = verify();
    QVERIFY2(v.intact, qPrintable(v.problem));
    QCOMPARE(v.checked, total); // including the verification of the empty trail above
    QCOMPARE(v.lastGoodSeq, total);
    QCOMPARE(v.firstBadSeq, qint64(0));
    QVERIFY(v.problem.isEmpty());
    QCOMPARE(v.headHash.size(), 32);
}

void TestAudit::intactAcrossReopen()
{
    populate();
    tv->reopen();
    QVERIFY(tv->ok());
    QVERIFY(verify().intact);
    // The chain continues where it stopped.
    QVERIFY(b().createKey({QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("after reopen")}));
    const auto v = verify();
    QVERIFY2(v.intact, qPrintable(v.problem));
    QCOMPARE(v.checked, qint64(14)); // 12 + the first verification + key.create
}

void TestAudit::verifyIsItselfAudited()
{
    populate();
    const qint64 before = entryCount();
    const AuditVerification v = verify();
    QVERIFY(v.intact);
    QCOMPARE(v.checked, before);
    const auto entries = b().auditEntries({0, 0, {}, {}}).value();
    QCOMPARE(qint64(entries.size()), before + 1);
    const AuditEntry& last = entries.last();
    QCOMPARE(last.action, QStringLiteral("audit.verify"));
    QCOMPARE(last.actor, QStringLiteral("test:admin"));
    QCOMPARE(last.details.value("intact").toBool(), true);
    QCOMPARE(last.details.value("checked").toInteger(), before);
    // ... and the verification entry itself is part of the chain.
    QVERIFY(verify().intact);

    // A failed verification is recorded too, with where it failed.
    tamper({QStringLiteral("UPDATE audit SET reason = 'x' WHERE seq = 3")});
    const AuditVerification broken = verify();
    QVERIFY(!broken.intact);
    const AuditEntry recorded = b().auditEntries({0, 0, {}, {}})->last();
    QCOMPARE(recorded.action, QStringLiteral("audit.verify"));
    QCOMPARE(recorded.details.value("intact").toBool(), false);
    QCOMPARE(recorded.details.value("firstBadSeq").toInteger(), qint64(3));
}

void TestAudit::editedEntry()
{
    populate();
    tamper({QStringLiteral("UPDATE audit SET reason = 'x' WHERE seq = 3")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(3));
    QCOMPARE(v.lastGoodSeq, qint64(2));
    QVERIFY2(v.problem.contains(QLatin1String("3")), qPrintable(v.problem));
    QVERIFY2(v.problem.contains(QLatin1String("modified")), qPrintable(v.problem));
}

void TestAudit::editedEntryEveryField_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("ts") << "ts = ts + 1";
    QTest::newRow("actor") << "actor = 'someone:else'";
    QTest::newRow("action") << "action = 'key.resume'";
    QTest::newRow("target") << "target = 'key_other'";
    QTest::newRow("reason") << "reason = reason || ' '";
    QTest::newRow("incident") << "incident = 'INC-2'";
    QTest::newRow("details") << "details = '{}'";
    QTest::newRow("hash") << "hash = zeroblob(32)";
    QTest::newRow("prev_hash") << "prev_hash = zeroblob(32)";
    QTest::newRow("role") << "role = 'admin'";
    QTest::newRow("role removed") << "role = ''";
}

void TestAudit::editedEntryEveryField()
{
    QFETCH(QString, assignment);
    populate();
    tamper({QStringLiteral("UPDATE audit SET %1 WHERE seq = 11").arg(assignment)});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(11));
    QCOMPARE(v.lastGoodSeq, qint64(10));
}

void TestAudit::deletedMiddleEntry()
{
    populate();
    tamper({QStringLiteral("DELETE FROM audit WHERE seq = 5")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(5));
    QCOMPARE(v.lastGoodSeq, qint64(4));
    QVERIFY2(v.problem.contains(QLatin1String("5")), qPrintable(v.problem));

    // Renumbering the rest to close the gap does not help: the links no longer match.
    init();
    populate();
    tamper({QStringLiteral("DELETE FROM audit WHERE seq = 5"),
            QStringLiteral("UPDATE audit SET seq = -(seq - 1) WHERE seq > 5"),
            QStringLiteral("UPDATE audit SET seq = -seq WHERE seq < 0")});
    const AuditVerification renumbered = verify();
    QVERIFY(!renumbered.intact);
    QCOMPARE(renumbered.firstBadSeq, qint64(5));
}

void TestAudit::swappedEntries()
{
    populate();
    // Swap everything but seq between entries 6 and 7 (both key.create, so even the action matches).
    const QString cols = QStringLiteral("ts, actor, action, target, reason, incident, details, prev_hash, hash");
    tamper({QStringLiteral("CREATE TABLE audit_copy AS SELECT * FROM audit WHERE seq IN (6, 7)"),
            QStringLiteral("UPDATE audit SET (%1) = (SELECT %1 FROM audit_copy c WHERE c.seq = 13 - audit.seq) "
                           "WHERE seq IN (6, 7)")
                .arg(cols),
            QStringLiteral("DROP TABLE audit_copy")});
    {
        RawDb raw(tv->path());
        const auto rows = readRows(raw.db());
        QCOMPARE(rows.size(), 12);
        QVERIFY(rows[5].prevHash != rows[4].hash); // the swap really happened
    }
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(6));
}

void TestAudit::deletedTailEntries()
{
    populate();
    tamper({QStringLiteral("DELETE FROM audit WHERE seq > 10")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.lastGoodSeq, qint64(10));
    QCOMPARE(v.firstBadSeq, qint64(11));
    QVERIFY2(v.problem.contains(QLatin1String("deleted")), qPrintable(v.problem));

    // Deleting everything is found too.
    init();
    populate();
    tamper({QStringLiteral("DELETE FROM audit")});
    const AuditVerification all = verify();
    QVERIFY(!all.intact);
    QCOMPARE(all.firstBadSeq, qint64(1));
}

void TestAudit::fullyRechainedEdit()
{
    // The attacker knows the hash construction and rebuilds the chain from the edited entry onwards: every
    // link holds, only the authenticated head (a MAC under the vault's data key) can tell.
    populate();
    tv->close();
    {
        RawDb raw(tv->path());
        QList<Row> rows = readRows(raw.db());
        QCOMPARE(rows.size(), 12);
        rows[2].reason = QStringLiteral("nothing to see here");
        QByteArray prev = rows[1].hash;
        for (qsizetype i = 2; i < rows.size(); ++i) {
            rows[i].prevHash = prev;
            rows[i].hash = hashOf(rows[i], prev);
            prev = rows[i].hash;
            QSqlQuery q(raw.db());
            q.prepare(QStringLiteral("UPDATE audit SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?"));
            q.addBindValue(rows[i].reason);
            q.addBindValue(rows[i].prevHash);
            q.addBindValue(rows[i].hash);
            q.addBindValue(rows[i].seq);
            QVERIFY(q.exec());
        }
        // Sanity: the rebuilt chain is internally consistent, as the attacker intended.
        const QList<Row> check = readRows(raw.db());
        QByteArray p(32, '\0');
        for (const Row& r : check) {
            QCOMPARE(r.prevHash, p);
            QCOMPARE(r.hash, hashOf(r, p));
            p = r.hash;
        }
    }
    tv->reopen();
    QVERIFY(tv->ok());
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QVERIFY(v.firstBadSeq > 0);
    QVERIFY2(v.problem.contains(QLatin1String("head")), qPrintable(v.problem));
}

void TestAudit::deletedLastEntry()
{
    // Cutting the last entry leaves a perfectly valid chain: only the head can tell it is missing.
    populate();
    tamper({QStringLiteral("DELETE FROM audit WHERE seq = 12")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(12));
}

void TestAudit::tamperedHead()
{
    populate();
    // Move the head back to entry 10 after deleting 11 and 12, with the right hash but a forged MAC.
    QByteArray hash10;
    tv->close();
    {
        RawDb raw(tv->path());
        hash10 = readRows(raw.db()).at(9).hash;
    }
    const QByteArray forged =
        QJsonDocument(
            QJsonObject{{"seq", 10}, {"hash", QString::fromLatin1(hash10.toHex())}, {"mac", QString(64, u'0')}})
            .toJson(QJsonDocument::Compact);
    QVERIFY(kwtest::execRawSql(tv->path(), QStringLiteral("DELETE FROM audit WHERE seq > 10")));
    QVERIFY(kwtest::execRawSql(tv->path(), QStringLiteral("UPDATE meta SET value = CAST('%1' AS BLOB) WHERE name = "
                                                          "'audit_head'")
                                               .arg(QString::fromLatin1(forged))));
    tv->reopen();
    QVERIFY(tv->ok());
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QVERIFY2(v.problem.contains(QLatin1String("head")), qPrintable(v.problem));

    // An unreadable head is no head.
    init();
    populate();
    tamper({QStringLiteral("UPDATE meta SET value = CAST('garbage' AS BLOB) WHERE name = 'audit_head'")});
    QVERIFY(!verify().intact);
}

void TestAudit::deletedHead()
{
    populate();
    tamper({QStringLiteral("DELETE FROM meta WHERE name = 'audit_head'")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QVERIFY2(v.problem.contains(QLatin1String("head")), qPrintable(v.problem));
}

void TestAudit::appendAfterTruncationKeepsGapVisible()
{
    populate();
    tamper({QStringLiteral("DELETE FROM audit WHERE seq > 10")});
    // New activity after the truncation continues from the authenticated head, not from the last row.
    auto k = b().createKey({QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("after the cut")});
    QVERIFY(k);
    const auto entries = b().auditEntries({0, 0, {}, {}}).value();
    QCOMPARE(entries.last().seq, qint64(13));
    QCOMPARE(entries.at(entries.size() - 2).seq, qint64(10));

    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(11));
    QCOMPARE(v.lastGoodSeq, qint64(10));
    QVERIFY2(v.problem.contains(QLatin1String("11")), qPrintable(v.problem));
    // And it stays visible after more activity and a reopen.
    QVERIFY(b().suspendKey(k->key.id, QStringLiteral("x")));
    tv->reopen();
    QCOMPARE(verify().firstBadSeq, qint64(11));
}

void TestAudit::canonicalFormSeparatesFields()
{
    // Moving a character across a field boundary must change the hash.
    const QByteArray a = AuditLog::canonical(1, 2, "ab", "c", "t", "", "", "{}");
    const QByteArray b = AuditLog::canonical(1, 2, "a", "bc", "t", "", "", "{}");
    QVERIFY(a != b);
    QVERIFY(AuditLog::chainHash(QByteArray(32, '\0'), a) != AuditLog::chainHash(QByteArray(32, '\0'), b));
    QVERIFY(AuditLog::canonical(1, 2, "", "", "", "", "", "") != AuditLog::canonical(2, 1, "", "", "", "", "", ""));
    // chainHash depends on the previous hash.
    QVERIFY(AuditLog::chainHash(QByteArray(32, '\0'), a) != AuditLog::chainHash(QByteArray(32, '\1'), a));
    QCOMPARE(AuditLog::chainHash(QByteArray(32, '\0'), a).size(), 32);
}

void TestAudit::entriesQuery()
{
    populate();
    const auto all = b().auditEntries({0, 0, {}, {}}).value();
    QCOMPARE(all.size(), 12);
    const auto after = b().auditEntries({8, 0, {}, {}}).value();
    QCOMPARE(after.size(), 4);
    QCOMPARE(after.first().seq, qint64(9));
    const auto limited = b().auditEntries({0, 3, {}, {}}).value();
    QCOMPARE(limited.size(), 3);
    const auto revokes = b().auditEntries({0, 0, {}, QStringLiteral("key.revoke")}).value();
    QCOMPARE(revokes.size(), 2);
    for (const auto& e : revokes) {
        QCOMPARE(e.incident, QStringLiteral("INC-1"));
        const auto forTarget = b().auditEntries({0, 0, e.target, {}}).value();
        QCOMPARE(forTarget.size(), 2); // key.create + key.revoke
    }
}

void TestAudit::rolesRecorded()
{
    populate();
    const auto entries = b().auditEntries({0, 0, {}, {}}).value();
    for (const AuditEntry& e : entries)
        QCOMPARE(e.role, QStringLiteral("local"));
    b().setActorRole(QStringLiteral("auditor"));
    QVERIFY(b().createTeam(QStringLiteral("audited")));
    const AuditEntry last = b().auditEntries({0, 0, {}, {}})->last();
    QCOMPARE(last.role, QStringLiteral("auditor"));
    QCOMPARE(last.actor, QStringLiteral("test:admin"));
    QVERIFY(verify().intact);
    // The role is part of what is hashed: changing it is found.
    tamper({QStringLiteral("UPDATE audit SET role = 'admin' WHERE seq = %1").arg(last.seq)});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, last.seq);
}

void TestAudit::queryFilters()
{
    populate(); // 1 team, 2 project, 3 environment, 4-7 keys, 8 suspend, 9 resume, 10-11 revoke, 12 team
    b().setActorRole(QStringLiteral("responder"));
    b().setActor(QStringLiteral("operator:rita"));
    QVERIFY(b().createTeam(QStringLiteral("night-shift"))); // 13
    auto run = [&](const AuditQuery& q) {
        auto r = b().auditEntries(q);
        if (!r)
            qFatal("auditEntries: %s", qPrintable(r.errorMessage()));
        QList<qint64> seqs;
        for (const auto& e : *r)
            seqs << e.seq;
        auto n = b().countAuditEntries(q);
        if (!n || (q.limit == 0 && q.offset == 0 && q.afterSeq == 0 && q.beforeSeq == 0 && *n != seqs.size()))
            qFatal("countAuditEntries disagrees with the list");
        return seqs;
    };
    AuditQuery q;
    q.limit = 0;
    q.action = QStringLiteral("key.");
    QCOMPARE(run(q), (QList<qint64>{4, 5, 6, 7, 8, 9, 10, 11}));
    q.action = QStringLiteral("key.*");
    QCOMPARE(run(q).size(), 8);
    q.action = QStringLiteral("key");
    QVERIFY(run(q).isEmpty()); // exact match: no action is just "key"
    q.action = QStringLiteral("team.create");
    QCOMPARE(run(q), (QList<qint64>{1, 12, 13}));
    q.actor = QStringLiteral("operator:rita");
    QCOMPARE(run(q), (QList<qint64>{13}));
    q = {};
    q.limit = 0;
    q.incident = QStringLiteral("INC-1");
    QCOMPARE(run(q), (QList<qint64>{10, 11}));
    // Time range: the keys were created a minute apart; from is inclusive, to exclusive.
    const auto all = b().auditEntries({0, 0, {}, {}}).value();
    q = {};
    q.limit = 0;
    q.fromMs = all[4].time; // entry 5
    q.toMs = all[6].time;   // entry 7
    QCOMPARE(run(q), (QList<qint64>{5, 6}));
    q.target = all[4].target;
    QCOMPARE(run(q), (QList<qint64>{5}));
    // Filters combine: revocations in INC-1 for one key.
    q = {};
    q.limit = 0;
    q.action = QStringLiteral("key.revoke");
    q.incident = QStringLiteral("INC-1");
    q.target = all[9].target;
    QCOMPARE(run(q), (QList<qint64>{10}));
}

void TestAudit::textSearch()
{
    populate();
    QVERIFY(b().suspendKey(b().auditEntries({6, 1, {}, {}})->first().target,
                           QStringLiteral("50% off_sale \"quoted\" ünïcödé")));
    auto search = [&](const QString& text) {
        AuditQuery q;
        q.limit = 0;
        q.text = text;
        QList<qint64> seqs;
        const auto entries = b().auditEntries(q).value();
        for (const auto& e : entries)
            seqs << e.seq;
        if (b().countAuditEntries(q).value_or(-1) != seqs.size())
            qFatal("count disagrees for \"%s\"", qPrintable(text));
        return seqs;
    };
    // Three characters or more: the trigram index, case-insensitive, any field.
    QCOMPARE(search(QStringLiteral("leak")), (QList<qint64>{10, 11}));
    QCOMPARE(search(QStringLiteral("LEAK")), (QList<qint64>{10, 11}));
    QCOMPARE(search(QStringLiteral("INC-1")), (QList<qint64>{10, 11}));
    QCOMPARE(search(QStringLiteral("security")), (QList<qint64>{12}));
    QCOMPARE(search(QStringLiteral("test:adm")).size(), 13);              // actor
    QCOMPARE(search(QStringLiteral("keyPrefix")), (QList<qint64>{2, 3})); // details JSON
    QCOMPARE(search(QStringLiteral("\"quoted\"")), (QList<qint64>{13}));
    QCOMPARE(search(QStringLiteral("ünïcödé")), (QList<qint64>{13}));
    QCOMPARE(search(QStringLiteral("50% off_")), (QList<qint64>{13}));
    QVERIFY(search(QStringLiteral("no such thing")).isEmpty());
    // Shorter text: a scan, with LIKE's wildcards taken literally.
    // (Two characters that cannot occur in the random key and display ids, which every key entry carries.)
    QCOMPARE(search(QStringLiteral("0%")), (QList<qint64>{13}));
    QCOMPARE(search(QStringLiteral("%")), (QList<qint64>{13}));
    QCOMPARE(search(QStringLiteral("f_")), (QList<qint64>{13}));
    QVERIFY(search(QStringLiteral("~~")).isEmpty());
}

void TestAudit::pagingNewestFirst()
{
    populate();
    AuditQuery q;
    q.newestFirst = true;
    q.limit = 5;
    auto page1 = b().auditEntries(q).value();
    QCOMPARE(page1.size(), 5);
    QCOMPARE(page1.first().seq, qint64(12));
    QCOMPARE(page1.last().seq, qint64(8));
    q.beforeSeq = page1.last().seq;
    auto page2 = b().auditEntries(q).value();
    QCOMPARE(page2.first().seq, qint64(7));
    QCOMPARE(page2.last().seq, qint64(3));
    q.beforeSeq = 0;
    q.offset = 10;
    auto page3 = b().auditEntries(q).value();
    QCOMPARE(page3.size(), 2);
    QCOMPARE(page3.first().seq, qint64(2));
    QCOMPARE(page3.last().seq, qint64(1));
    // Paging bounds with a text search go through the index's own order.
    q = {};
    q.text = QStringLiteral("key_");
    q.newestFirst = true;
    q.limit = 2;
    auto hits = b().auditEntries(q).value();
    QCOMPARE(hits.size(), 2);
    QVERIFY(hits[0].seq > hits[1].seq);
    q.beforeSeq = hits[1].seq;
    auto more = b().auditEntries(q).value();
    QVERIFY(!more.isEmpty());
    QVERIFY(more.first().seq < hits[1].seq);
}

void TestAudit::largeTrailSearchAndCount()
{
    const QString filled = kwtest::fillAuditTrail(b(), 20'000, tv->clock().nowMs());
    QVERIFY2(filled.isEmpty(), qPrintable(filled));
    const AuditVerification v = verify();
    QVERIFY2(v.intact, qPrintable(v.problem));
    QCOMPARE(v.checked, qint64(20'001));
    AuditQuery q;
    QCOMPARE(b().countAuditEntries(q).value(), qint64(20'002)); // + the verification
    q.incident = QStringLiteral("INC-7");
    QCOMPARE(b().countAuditEntries(q).value(), qint64(1));
    q = {};
    q.text = QStringLiteral("reason 1999");
    QCOMPARE(b().countAuditEntries(q).value(), qint64(11)); // 1999, 19990..19999
    q.action = QStringLiteral("key.revoke");
    QCOMPARE(b().countAuditEntries(q).value(), qint64(2)); // 19992, 19997
    q = {};
    q.actor = QStringLiteral("operator:bob");
    QCOMPARE(b().countAuditEntries(q).value(), qint64(5000));
    q.newestFirst = true;
    q.limit = 3;
    q.offset = 100;
    const auto page = b().auditEntries(q).value();
    QCOMPARE(page.size(), 3);
    QVERIFY(page[0].seq > page[1].seq);
}

void TestAudit::pruneKeepsChainVerifiable()
{
    populate();
    const auto before = b().auditEntries({0, 0, {}, {}}).value();
    tv->clock().advanceDays(40);
    QVERIFY(b().createTeam(QStringLiteral("later"))); // 13
    const qint64 cut = tv->clock().nowMs() - 10LL * 86'400'000;
    auto pruned = b().pruneAudit(cut);
    QVERIFY2(pruned, qPrintable(pruned.errorMessage()));
    QCOMPARE(pruned->pruned, qint64(12));
    QCOMPARE(pruned->checkpoint.seq, qint64(12));
    QCOMPARE(pruned->checkpoint.hash, before.last().hash);
    QCOMPARE(pruned->checkpoint.signature.size(), 64);

    const auto after = b().auditEntries({0, 0, {}, {}}).value();
    QCOMPARE(after.first().seq, qint64(13));
    QCOMPARE(after.last().action, QStringLiteral("audit.prune"));
    QCOMPARE(after.last().details.value("pruned").toInteger(), qint64(12));
    // The signing key was created for the checkpoint, and that was recorded too.
    QVERIFY(std::any_of(after.cbegin(), after.cend(),
                        [](const AuditEntry& e) { return e.action == QLatin1String("signing-key.create"); }));
    // Pruned entries are gone from the search index as well.
    AuditQuery q;
    q.text = QStringLiteral("leak");
    QCOMPARE(b().countAuditEntries(q).value(), qint64(0));

    const AuditVerification v = verify();
    QVERIFY2(v.intact, qPrintable(v.problem));
    QCOMPARE(v.checkpointSeq, qint64(12));
    QCOMPARE(v.checked, qint64(after.size()));
    QCOMPARE(v.lastGoodSeq, after.last().seq);
    // ... also after a reopen, and with new entries after it.
    tv->reopen();
    QVERIFY(b().createTeam(QStringLiteral("after-reopen")));
    QVERIFY(verify().intact);
    const AuditStatus status = b().auditStatus().value();
    QCOMPARE(status.checkpoint.seq, qint64(12));
    QCOMPARE(status.checkpoint.pruned, qint64(12));
    // Nothing old enough: a no-op that records nothing.
    const qint64 count = b().countAuditEntries({}).value();
    auto again = b().pruneAudit(cut);
    QVERIFY(again);
    QCOMPARE(again->pruned, qint64(0));
    QCOMPARE(b().countAuditEntries({}).value(), count);
}

void TestAudit::editAfterPruneIsFound()
{
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x"))); // 13
    QVERIFY(b().createTeam(QStringLiteral("y"))); // 14
    QVERIFY(b().pruneAudit(tv->clock().nowMs() - 86'400'000));
    tamper({QStringLiteral("UPDATE audit SET target = 'z' WHERE seq = 14")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(14));
    QCOMPARE(v.lastGoodSeq, qint64(13));
    QCOMPARE(v.checkpointSeq, qint64(12));

    // Deleting the first entry after the checkpoint leaves a gap.
    init();
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x")));
    QVERIFY(b().createTeam(QStringLiteral("y")));
    QVERIFY(b().pruneAudit(tv->clock().nowMs() - 86'400'000));
    tamper({QStringLiteral("DELETE FROM audit WHERE seq = 13")});
    const AuditVerification gap = verify();
    QVERIFY(!gap.intact);
    QCOMPARE(gap.firstBadSeq, qint64(13));
}

void TestAudit::forgedCheckpoint()
{
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x")));
    QVERIFY(b().pruneAudit(tv->clock().nowMs() - 86'400'000));
    QVERIFY(verify().intact);
    // Moving the checkpoint forward (to hide entries after it) breaks its signature.
    tamper({QStringLiteral("UPDATE audit_checkpoints SET seq = 13")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QVERIFY2(v.problem.contains(QLatin1String("checkpoint")), qPrintable(v.problem));
    // So does replacing its hash with one the attacker computed.
    init();
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x")));
    QVERIFY(b().pruneAudit(tv->clock().nowMs() - 86'400'000));
    tamper({QStringLiteral("UPDATE audit_checkpoints SET hash = zeroblob(32)")});
    QVERIFY(!verify().intact);
}

void TestAudit::deletedCheckpoint()
{
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x")));
    QVERIFY(b().pruneAudit(tv->clock().nowMs() - 86'400'000));
    tamper({QStringLiteral("DELETE FROM audit_checkpoints")});
    const AuditVerification v = verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, qint64(1));
    QVERIFY2(v.problem.contains(QLatin1String("missing")), qPrintable(v.problem));
}

void TestAudit::pruneRefusedOnBrokenChain()
{
    populate();
    tv->clock().advanceDays(2);
    QVERIFY(b().createTeam(QStringLiteral("x")));
    tamper({QStringLiteral("UPDATE audit SET reason = 'x' WHERE seq = 3")});
    auto pruned = b().pruneAudit(tv->clock().nowMs() - 86'400'000);
    QVERIFY(!pruned);
    QCOMPARE(pruned.error().code, Error::Code::Conflict);
    QVERIFY2(pruned.errorMessage().contains(QLatin1String("entry 3")), qPrintable(pruned.errorMessage()));
    // Nothing was deleted.
    RawDb raw(tv->path());
    QCOMPARE(readRows(raw.db()).first().seq, qint64(1));
}

void TestAudit::pruneByRetention()
{
    populate();
    // No retention set: pruning needs an explicit cut-off.
    auto none = b().pruneAudit(0);
    QVERIFY(!none);
    QCOMPARE(none.error().code, Error::Code::Invalid);
    QVERIFY(b().setAuditSettings({2LL * 86'400'000}));
    tv->clock().advanceDays(1);
    QCOMPARE(b().pruneAudit(0)->pruned, qint64(0)); // nothing two days old yet
    tv->clock().advanceDays(2);
    auto pruned = b().pruneAudit(0);
    QVERIFY2(pruned, qPrintable(pruned.errorMessage()));
    QVERIFY(pruned->pruned >= 12);
    QVERIFY(verify().intact);
    // A cut-off in the future is refused.
    auto future = b().pruneAudit(tv->clock().nowMs() + 1000);
    QVERIFY(!future);
}

void TestAudit::retentionSettings()
{
    QCOMPARE(b().auditSettings()->retentionMs, qint64(0));
    QVERIFY(b().setAuditSettings({365LL * 86'400'000}));
    QCOMPARE(b().auditSettings()->retentionMs, 365LL * 86'400'000);
    QCOMPARE(b().auditEntries({0, 0, {}, QStringLiteral("audit.settings")})->size(), 1);
    QVERIFY(!b().setAuditSettings({-1}));
    QVERIFY(!b().setAuditSettings({3'600'000})); // under a day
    QVERIFY(b().setAuditSettings({0}));
    QCOMPARE(b().auditSettings()->retentionMs, qint64(0));
    tv->reopen();
    QCOMPARE(b().auditSettings()->retentionMs, qint64(0));
}

void TestAudit::statusAfterVerification()
{
    populate();
    AuditStatus s = b().auditStatus().value();
    QCOMPARE(s.headSeq, qint64(12));
    QCOMPARE(s.entries, qint64(12));
    QCOMPARE(s.lastVerifiedAt, qint64(0));
    tv->clock().advanceSecs(5);
    QVERIFY(verify().intact);
    s = b().auditStatus().value();
    QCOMPARE(s.lastVerifiedAt, tv->clock().nowMs());
    QVERIFY(s.lastVerifiedIntact);
    QCOMPARE(s.lastVerifiedHeadSeq, qint64(12));
    QCOMPARE(s.headSeq, qint64(13)); // the verification's own entry
    const AuditEntry recorded = b().auditEntries({0, 0, {}, {}})->last();
    QCOMPARE(recorded.details.value("headSeq").toInteger(), qint64(12));
    QCOMPARE(recorded.details.value("head").toString().size(), 64);
    tamper({QStringLiteral("UPDATE audit SET reason = 'x' WHERE seq = 4")});
    QVERIFY(!verify().intact);
    s = b().auditStatus().value();
    QVERIFY(!s.lastVerifiedIntact);
    QCOMPARE(s.lastVerifiedFirstBadSeq, qint64(4));
}

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
