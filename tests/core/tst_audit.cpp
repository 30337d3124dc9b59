// The hash-chained audit trail against an attacker with write access to the vault file but not its
// passphrase: edited, deleted, swapped, truncated and fully re-chained entries, a forged head record, and
// appends after a truncation must all be found by verify().

#include "audit/AuditLog.h"
#include "storage/LocalVault.h"

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
};

QList<Row> readRows(QSqlDatabase& db)
{
    QList<Row> rows;
    QSqlQuery q(db);
    q.exec(QStringLiteral(
        "SELECT seq, ts, actor, action, target, reason, incident, details, prev_hash, hash FROM audit ORDER BY seq"));
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
                     q.value(8).toByteArray(), q.value(9).toByteArray()});
    return rows;
}

QByteArray hashOf(const Row& r, const QByteArray& prev)
{
    return AuditLog::chainHash(prev,
                               AuditLog::canonical(r.seq, r.ts, r.actor.toUtf8(), r.action.toUtf8(), r.target.toUtf8(),
                                                   r.reason.toUtf8(), r.incident.toUtf8(), r.details.toUtf8()));
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

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
