// The usage writer on a real vault file: what lands in usage_events, that rollups add up to the raw events at
// every granularity and scope, nothing lost on stop or under concurrent recording, IP privacy, retention, key
// counters, and a locked file that is retried rather than lost.

#include "TestSupport.h"
#include "usage/UsageRecorder.h"
#include "usage/UsageReport.h"

#include <QMap>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QtTest>

#include <thread>

using kw::UsageEvent;
using kw::UsageRecorder;
using IpPrivacy = kw::UsageRecorder::Settings::IpPrivacy;

namespace {

constexpr qint64 kDay = 86'400'000;

qint64 scalar(QSqlDatabase& db, const QString& statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement) || !q.next()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

UsageEvent usageEvent(qint64 ts, const QString& keyId, const QString& code = QStringLiteral("VALID"))
{
    UsageEvent e;
    e.timeMs = ts;
    e.keyId = keyId;
    e.project = keyId.isEmpty() ? QString() : QStringLiteral("shop");
    e.service = keyId.isEmpty() ? QString() : QStringLiteral("search");
    e.clientIp = QStringLiteral("203.0.113.7");
    e.code = code;
    e.cost = code == QLatin1String("VALID") ? 1 : 0;
    return e;
}

// Per-row counters, keyed "bucket|scope_id|code", to compare rollups with raw events.
using Sums = QMap<QString, QList<qint64>>;

Sums collect(QSqlDatabase& db, const QString& statement)
{
    Sums out;
    QSqlQuery q(db);
    if (!q.exec(statement))
        qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
    while (q.next()) {
        QList<qint64> values;
        for (int i = 3; i < q.record().count(); ++i)
            values << q.value(i).toLongLong();
        out.insert(QStringLiteral("%1|%2|%3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()),
                   values);
    }
    return out;
}

} // namespace

class TestUsageRecorder : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> m_vault;
    QStringList m_keys;
    QSqlDatabase& db() { return m_vault->vault().db(); }

    UsageRecorder::Settings fast()
    {
        UsageRecorder::Settings s;
        s.flushIntervalMs = 20;
        return s;
    }

private slots:
    void init()
    {
        m_vault = std::make_unique<kwtest::TempVault>();
        QVERIFY(m_vault->ok());
        QVERIFY(m_vault->backend().createProject({QStringLiteral("shop"), {}, {}}));
        m_keys.clear();
        for (int i = 0; i < 3; ++i) {
            kw::KeySpec spec;
            spec.project = QStringLiteral("shop");
            spec.environment = QStringLiteral("live");
            spec.name = QStringLiteral("key%1").arg(i);
            auto key = m_vault->backend().createKey(spec);
            QVERIFY2(key, qPrintable(key.errorMessage()));
            m_keys << key->key.id;
        }
    }
    void cleanup() { m_vault.reset(); }

    void eventsLandAfterFlush()
    {
        UsageRecorder recorder(m_vault->path(), fast(), m_vault->clock());
        QVERIFY(recorder.start());
        const qint64 t = m_vault->clock().nowMs();
        recorder.record(usageEvent(t, m_keys[0]));
        UsageEvent report = usageEvent(t + 5, m_keys[1]);
        report.upstreamStatus = 503;
        report.latencyUs = 1500;
        report.bytes = 4096;
        report.amountMicros = 120;
        recorder.record(std::move(report));
        recorder.record(usageEvent(t + 9, QString(), QStringLiteral("MALFORMED")));
        UsageEvent unstamped = usageEvent(0, m_keys[2]);
        recorder.record(std::move(unstamped));
        QVERIFY(recorder.flush());

        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 4);
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT ts, key_id, project, service, ip, code, cost, amount_micros, "
                                      "upstream_status, latency_us, bytes FROM usage_events ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), t);
        QCOMPARE(q.value(1).toString(), m_keys[0]);
        QCOMPARE(q.value(2).toString(), QStringLiteral("shop"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("search"));
        QCOMPARE(q.value(4).toString(), QStringLiteral("203.0.113.7"));
        QCOMPARE(q.value(5).toString(), QStringLiteral("VALID"));
        QCOMPARE(q.value(6).toLongLong(), 1);
        QVERIFY(q.value(8).isNull());
        QVERIFY(q.value(9).isNull());
        QVERIFY(q.value(10).isNull());
        QVERIFY(q.next());
        QCOMPARE(q.value(7).toLongLong(), 120);
        QCOMPARE(q.value(8).toInt(), 503);
        QCOMPARE(q.value(9).toLongLong(), 1500);
        QCOMPARE(q.value(10).toLongLong(), 4096);
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QString(""));
        QCOMPARE(q.value(5).toString(), QStringLiteral("MALFORMED"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), t); // stamped with the clock's now
        q.finish();

        // The gateway report's 503 is an error; latency and bytes only from the event that reported them.
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(errors) FROM usage_rollups WHERE granularity = 'd' AND "
                                             "scope = 'a'")),
                 1);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(latency_count) FROM usage_rollups WHERE granularity = 'd' "
                                             "AND scope = 'a'")),
                 1);
        // The malformed attempt counts in 'a' only.
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'm' AND "
                                             "scope = 'p'")),
                 3);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_rollups WHERE scope_id = 'shop/search' AND "
                                             "scope = 's' AND granularity = 'h'")),
                 1);

        const auto stats = recorder.stats();
        QCOMPARE(stats.recorded, 4);
        QCOMPARE(stats.written, 4);
        QCOMPARE(stats.queueDepth, 0);
        QVERIFY(stats.batches >= 1);
        QVERIFY(stats.lastError.isEmpty());
    }

    void rollupsEqualRawCounts()
    {
        // The recorder's clock sits at the start of the traffic so retention prunes nothing while we compare.
        const qint64 start = m_vault->clock().nowMs() - kDay / 3;
        kw::TestClock clock(start);
        UsageRecorder::Settings settings = fast();
        settings.maxBatch = 997; // many transactions, so rows are upserted across batches
        UsageRecorder recorder(m_vault->path(), settings, clock);
        QVERIFY(recorder.start());

        QRandomGenerator rng(42);
        const QStringList codes = {QStringLiteral("VALID"), QStringLiteral("RATE_LIMITED"), QStringLiteral("EXPIRED")};
        const QStringList services = {QString(), QStringLiteral("search"), QStringLiteral("maps")};
        for (int i = 0; i < 20'000; ++i) {
            UsageEvent e;
            e.timeMs = start + qint64(rng.bounded(4 * 24 * 60)) * 60'000 + rng.bounded(60'000);
            const int k = rng.bounded(4);
            e.keyId = k < 3 ? m_keys[k] : QString();
            e.project = k < 3 ? QStringLiteral("shop") : QString();
            e.service = k < 3 ? services[rng.bounded(3)] : QString();
            e.code = k < 3 ? codes[rng.bounded(3)] : QStringLiteral("UNKNOWN_KEY");
            e.cost = rng.bounded(5);
            e.amountMicros = e.cost * 7;
            if (rng.bounded(3) == 0) {
                e.upstreamStatus = rng.bounded(2) ? 200 : (rng.bounded(2) ? 404 : 500);
                e.latencyUs = rng.bounded(100'000);
                e.bytes = rng.bounded(10'000);
            }
            recorder.record(std::move(e));
        }
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 20'000);

        const QString rawSums = QStringLiteral(
            "COUNT(*), SUM(cost), SUM(amount_micros), SUM(CASE WHEN upstream_status >= 400 THEN 1 ELSE 0 END), "
            "COALESCE(SUM(latency_us), 0), COUNT(latency_us), COALESCE(MAX(latency_us), 0), COALESCE(SUM(bytes), 0)");
        const QString rollupSums = QStringLiteral(
            "requests, cost, amount_micros, errors, latency_sum_us, latency_count, latency_max_us, bytes");
        const QList<std::pair<QString, qint64>> grans = {
            {QStringLiteral("m"), 60'000}, {QStringLiteral("h"), 3'600'000}, {QStringLiteral("d"), kDay}};
        // scope letter, the raw expression for scope_id, the raw filter for events that belong to the scope
        const QList<std::tuple<QString, QString, QString>> scopes = {
            {QStringLiteral("a"), QStringLiteral("''"), QStringLiteral("1 = 1")},
            {QStringLiteral("p"), QStringLiteral("project"), QStringLiteral("project <> ''")},
            {QStringLiteral("s"), QStringLiteral("project || '/' || service"), QStringLiteral("service <> ''")},
            {QStringLiteral("k"), QStringLiteral("key_id"), QStringLiteral("key_id <> ''")},
        };
        for (const auto& [g, size] : grans) {
            for (const auto& [scope, idExpr, filter] : scopes) {
                const Sums raw = collect(db(), QStringLiteral("SELECT (ts / %1) * %1 AS b, %2 AS sid, code, %3 FROM "
                                                              "usage_events WHERE %4 GROUP BY b, sid, code")
                                                   .arg(size)
                                                   .arg(idExpr, rawSums, filter));
                const Sums rolled = collect(db(), QStringLiteral("SELECT bucket, scope_id, code, %1 FROM usage_rollups "
                                                                 "WHERE granularity = '%2' AND scope = '%3'")
                                                      .arg(rollupSums, g, scope));
                QVERIFY2(!raw.isEmpty(), qPrintable(g + scope));
                QVERIFY2(raw == rolled, qPrintable(QStringLiteral("granularity %1, scope %2").arg(g, scope)));
            }
        }
    }

    void nothingLostOnStop()
    {
        constexpr int n = 200'000;
        {
            UsageRecorder recorder(m_vault->path(), UsageRecorder::Settings{}, m_vault->clock());
            QVERIFY(recorder.start());
            const qint64 t = m_vault->clock().nowMs();
            for (int i = 0; i < n; ++i)
                recorder.record(usageEvent(t + i, m_keys[i % 3]));
            recorder.stop();
            QCOMPARE(recorder.stats().written, n);
            QCOMPARE(recorder.stats().queueDepth, 0);
        }
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), n);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'h' AND "
                                             "scope = 'a'")),
                 n);

        // The destructor stops too, and events recorded before start() wait for the writer.
        {
            UsageRecorder recorder(m_vault->path(), UsageRecorder::Settings{}, m_vault->clock());
            for (int i = 0; i < 1000; ++i)
                recorder.record(usageEvent(m_vault->clock().nowMs(), m_keys[0]));
            QVERIFY(!recorder.flush()); // not running: cannot promise anything
            QVERIFY(recorder.start());
        }
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), n + 1000);
    }

    void concurrentRecord()
    {
        constexpr int perThread = 50'000;
        UsageRecorder recorder(m_vault->path(), fast(), m_vault->clock());
        QVERIFY(recorder.start());
        const qint64 t = m_vault->clock().nowMs();
        std::vector<std::thread> threads;
        for (int k = 0; k < 4; ++k) {
            threads.emplace_back([&recorder, t, k, this] {
                const QString key = k < 3 ? m_keys[k] : QString();
                for (int i = 0; i < perThread; ++i)
                    recorder.record(usageEvent(t + i, key));
            });
        }
        for (auto& th : threads)
            th.join();
        QVERIFY(recorder.flush());
        QCOMPARE(recorder.stats().recorded, 4 * perThread);
        QCOMPARE(recorder.stats().written, 4 * perThread);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 4 * perThread);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'd' AND "
                                             "scope = 'a'")),
                 4 * perThread);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'm' AND "
                                             "scope = 'k'")),
                 3 * perThread);
    }

    void ipPrivacy_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("stored");
        const int full = int(IpPrivacy::Full), trunc = int(IpPrivacy::Truncate), drop = int(IpPrivacy::Drop);
        QTest::newRow("full v4") << full << "203.0.113.77"
                                 << "203.0.113.77";
        QTest::newRow("full v6") << full << "2001:db8:abcd:1234::5"
                                 << "2001:db8:abcd:1234::5";
        QTest::newRow("truncate v4") << trunc << "203.0.113.77"
                                     << "203.0.113.0";
        QTest::newRow("truncate v6") << trunc << "2001:db8:abcd:1234::5"
                                     << "2001:db8:abcd::";
        QTest::newRow("truncate mapped v4") << trunc << "::ffff:198.51.100.9"
                                            << "198.51.100.0";
        QTest::newRow("truncate garbage") << trunc << "not-an-ip"
                                          << "";
        QTest::newRow("truncate empty") << trunc << ""
                                        << "";
        QTest::newRow("drop v4") << drop << "203.0.113.77"
                                 << "";
        QTest::newRow("drop v6") << drop << "2001:db8::1"
                                 << "";
    }
    void ipPrivacy()
    {
        QFETCH(int, mode);
        QFETCH(QString, ip);
        QFETCH(QString, stored);
        UsageRecorder::Settings settings = fast();
        settings.ipPrivacy = IpPrivacy(mode);
        UsageRecorder recorder(m_vault->path(), settings, m_vault->clock());
        QVERIFY(recorder.start());
        UsageEvent e = usageEvent(m_vault->clock().nowMs(), m_keys[0]);
        e.clientIp = ip;
        recorder.record(std::move(e));
        recorder.record(usageEvent(m_vault->clock().nowMs(), m_keys[0])); // the same address twice: the cache path
        QVERIFY(recorder.flush());
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT ip FROM usage_events ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), stored);
    }

    void retentionZeroKeepsRollupsOnly()
    {
        UsageRecorder::Settings settings = fast();
        settings.rawRetentionMs = 0;
        UsageRecorder recorder(m_vault->path(), settings, m_vault->clock());
        QVERIFY(recorder.start());
        for (int i = 0; i < 500; ++i)
            recorder.record(usageEvent(m_vault->clock().nowMs() + i * 1000, m_keys[i % 3]));
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 0);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'm' AND "
                                             "scope = 'a'")),
                 500);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'd' AND "
                                             "scope = 'k'")),
                 500);
    }

    void retentionPrunes()
    {
        kw::TestClock& clock = m_vault->clock();
        const qint64 t0 = clock.nowMs();
        UsageRecorder::Settings settings = fast();
        settings.rawRetentionMs = 30 * kDay;
        UsageRecorder recorder(m_vault->path(), settings, clock);
        QVERIFY(recorder.start());
        for (int i = 0; i < 3; ++i)
            recorder.record(usageEvent(t0 + i, m_keys[0]));
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 3);

        // 31 days later: the raw events and the minute rollups go, hours and days stay.
        clock.advanceDays(31);
        recorder.record(usageEvent(clock.nowMs(), m_keys[1]));
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 1);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_rollups WHERE granularity = 'm' AND "
                                             "bucket < %1")
                                  .arg(t0 + kDay)),
                 0);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'h' AND "
                                             "scope = 'a' AND bucket < %1")
                                  .arg(t0 + kDay)),
                 3);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'd' AND "
                                             "scope = 'k'")),
                 4);

        // At most once a minute: an expired event written 30 s after the last pruning stays until the next one.
        clock.advanceSecs(30);
        recorder.record(usageEvent(t0, m_keys[2]));
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 2);
        clock.advanceSecs(31);
        recorder.record(usageEvent(clock.nowMs(), m_keys[2]));
        QVERIFY(recorder.flush());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 2);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events WHERE ts < %1").arg(t0 + kDay)), 0);
    }

    void keyCountersPersisted()
    {
        const qint64 t = m_vault->clock().nowMs();
        {
            UsageRecorder recorder(m_vault->path(), fast(), m_vault->clock());
            QVERIFY(recorder.start());
            for (int i = 1; i <= 3; ++i) {
                UsageEvent e = usageEvent(t + i * 1000, m_keys[0]);
                e.usesConsumed = i;
                e.usesPeriodStart = t;
                e.quotaUsed = i * 10;
                e.quotaPeriodStart = t - 5;
                if (i == 3)
                    e.quotaUsed = -1; // unchanged: the previous value in the batch stays
                recorder.record(std::move(e));
            }
            recorder.record(usageEvent(t + 9000, m_keys[0], QStringLiteral("RATE_LIMITED"))); // not a use
            recorder.record(usageEvent(t + 500, m_keys[1]));
            QVERIFY(recorder.flush());
            // A later batch with an older VALID event does not move last_used_at back.
            recorder.record(usageEvent(t + 100, m_keys[0]));
            QVERIFY(recorder.flush());
        }
        QSqlQuery q(db());
        QVERIFY(q.exec(QStringLiteral("SELECT uses_consumed, uses_period_start, quota_used, quota_period_start, "
                                      "last_used_at FROM keys WHERE id = '%1'")
                           .arg(m_keys[0])));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 3);
        QCOMPARE(q.value(1).toLongLong(), t);
        QCOMPARE(q.value(2).toLongLong(), 20);
        QCOMPARE(q.value(3).toLongLong(), t - 5);
        QCOMPARE(q.value(4).toLongLong(), t + 3000);
        q.finish();
        QVERIFY(q.exec(QStringLiteral("SELECT uses_consumed, last_used_at FROM keys WHERE id = '%1'").arg(m_keys[1])));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 0);
        QCOMPARE(q.value(1).toLongLong(), t + 500);
        q.finish();
        QVERIFY(q.exec(QStringLiteral("SELECT last_used_at FROM keys WHERE id = '%1'").arg(m_keys[2])));
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull());
    }

    void lockedFileIsRetried()
    {
        UsageRecorder::Settings settings = fast();
        settings.busyTimeoutMs = 50;
        UsageRecorder recorder(m_vault->path(), settings, m_vault->clock());
        QVERIFY(recorder.start());

        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            locker.setDatabaseName(m_vault->path());
            QVERIFY(locker.open());
            QSqlQuery lock(locker);
            QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(lock.exec(QStringLiteral("UPDATE meta SET value = value WHERE name = 'format'")));

            for (int i = 0; i < 10; ++i)
                recorder.record(usageEvent(m_vault->clock().nowMs(), m_keys[0]));
            const kw::Status blocked = recorder.flush();
            QVERIFY(!blocked);
            QVERIFY2(blocked.errorMessage().contains(QStringLiteral("lock"), Qt::CaseInsensitive),
                     qPrintable(blocked.errorMessage()));
            QCOMPARE(recorder.stats().queueDepth, 10);
            QVERIFY(!recorder.stats().lastError.isEmpty());

            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            lock.finish();
            locker.close();
        }
        QSqlDatabase::removeDatabase(name);

        // The kept events go out with the next write, in order, exactly once.
        recorder.record(usageEvent(m_vault->clock().nowMs(), m_keys[1]));
        QVERIFY(recorder.flush());
        QCOMPARE(recorder.stats().queueDepth, 0);
        QVERIFY(recorder.stats().lastError.isEmpty());
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events")), 11);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(requests) FROM usage_rollups WHERE granularity = 'd' AND "
                                             "scope = 'a'")),
                 11);
    }

    void startFailsWithoutVault()
    {
        const QString missing = m_vault->dir() + QStringLiteral("/missing.kwvault");
        UsageRecorder recorder(missing, fast(), m_vault->clock());
        const kw::Status s = recorder.start();
        QVERIFY(!s);
        QVERIFY2(s.errorMessage().contains(QStringLiteral("missing.kwvault")), qPrintable(s.errorMessage()));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!recorder.isRunning());

        // A file that is not a vault: the statements cannot be prepared.
        const QString other = m_vault->dir() + QStringLiteral("/other.sqlite");
        QVERIFY(kwtest::execRawSql(other, QStringLiteral("CREATE TABLE t (x)")));
        UsageRecorder wrong(other, fast(), m_vault->clock());
        QVERIFY(!wrong.start());
    }
};

QTEST_GUILESS_MAIN(TestUsageRecorder)
#include "tst_usagerecorder.moc"
