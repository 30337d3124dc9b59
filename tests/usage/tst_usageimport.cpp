// Bulk loads of pre-aggregated usage (LocalVault::importUsageRollups): the same traffic recorded event by event and
// imported as minute aggregates leaves the same rollups; hour aggregates answer at hour granularity; bad rows are
// refused by row and field with nothing written.

#include "TestSupport.h"
#include "usage/UsageImport.h"
#include "usage/UsageRecorder.h"

#include <QSqlQuery>
#include <QtTest>

using namespace kw;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;

// Every rollup row, with key ids replaced by key names so two vaults can be compared.
QStringList rollups(kwtest::TempVault& v)
{
    QHash<QString, QString> names;
    for (const KeyRecord& k : v.backend().keys({}).value_or({}))
        names.insert(k.id, k.name);
    QSqlQuery q(v.vault().db());
    QStringList out;
    if (!q.exec(QStringLiteral("SELECT granularity, bucket, scope, scope_id, code, requests, cost, amount_micros, "
                               "errors, latency_sum_us, latency_count, latency_max_us, bytes FROM usage_rollups")))
        return {QStringLiteral("query failed")};
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < 13; ++i)
            row << q.value(i).toString();
        if (row[2] == QLatin1String("k"))
            row[3] = names.value(row[3], QStringLiteral("?") + row[3]);
        out << row.join(u'|');
    }
    out.sort();
    return out;
}

qint64 rollupCount(kwtest::TempVault& v)
{
    QSqlQuery q(v.vault().db());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_rollups")) && q.next() ? q.value(0).toLongLong() : -1;
}

struct Org {
    QString alpha, beta, other; // key ids
};

Org makeOrg(kwtest::TempVault& v)
{
    Org o;
    if (!v.backend().createProject({"shop", {}, {}}) || !v.backend().createProject({"blog", {}, {}}))
        return o;
    KeySpec s;
    s.project = "shop";
    s.environment = "live";
    s.name = "alpha";
    o.alpha = v.backend().createKey(s)->key.id;
    s.name = "beta";
    o.beta = v.backend().createKey(s)->key.id;
    s.project = "blog";
    s.name = "other";
    o.other = v.backend().createKey(s)->key.id;
    return o;
}

UsageAggregate row(qint64 bucket, const QString& key, const QString& project, const QString& service,
                   const QString& code, qint64 requests, UsageGranularity g = UsageGranularity::Hour)
{
    UsageAggregate a;
    a.granularity = g;
    a.bucketMs = bucket;
    a.keyId = key;
    a.project = project;
    a.service = service;
    a.code = code;
    a.requests = requests;
    if (code == QLatin1String("VALID")) {
        a.cost = requests;
        a.amountMicros = requests * 250;
    }
    return a;
}

} // namespace

class TestUsageImport : public QObject {
    Q_OBJECT
private slots:
    // The reference: the recorder's own rollups from single events.
    void sameRollupsAsRecordedEvents()
    {
        kwtest::TempVault recorded;
        kwtest::TempVault imported;
        QVERIFY(recorded.ok() && imported.ok());
        const Org r = makeOrg(recorded);
        const Org i = makeOrg(imported);
        QVERIFY(!r.alpha.isEmpty() && !i.alpha.isEmpty());
        const qint64 now = recorded.clock().nowMs();
        imported.clock().setNowMs(now);

        // Three hours of traffic before now, across keys, services, codes and gateway reports.
        QList<UsageEvent> events;
        const QString codes[] = {"VALID", "VALID", "VALID", "RATE_LIMITED", "REPORTED"};
        const QString services[] = {"billing", "search", ""};
        for (int n = 0; n < 3000; ++n) {
            UsageEvent e;
            e.timeMs = now - 3 * kHour + qint64(n) * 3 * kHour / 3000 + (n % 7) * 1000;
            const int which = n % 3;
            e.keyId = which == 0 ? r.alpha : which == 1 ? r.beta : r.other;
            e.project = which == 2 ? "blog" : "shop";
            e.service = services[(n / 3) % 3];
            e.code = codes[n % 5];
            if (e.code == QLatin1String("VALID")) {
                e.cost = 1 + n % 3;
                e.amountMicros = e.cost * 250;
            }
            if (e.code == QLatin1String("REPORTED")) {
                e.upstreamStatus = n % 50 == 0 ? 503 : 200;
                e.latencyUs = 1000 + n % 900;
                e.bytes = 100 + n;
            }
            events << e;
        }
        QVERIFY(recorded.backend().startUsageRecording().ok());
        for (const UsageEvent& e : events)
            recorded.backend().usageRecorder()->record(e);
        QVERIFY(recorded.backend().flushUsage().ok());

        // The same events as minute aggregates, with the other vault's key ids.
        QHash<QString, QString> idFor{{r.alpha, i.alpha}, {r.beta, i.beta}, {r.other, i.other}};
        QMap<QString, UsageAggregate> byBucket;
        for (const UsageEvent& e : events) {
            const qint64 minute = e.timeMs - e.timeMs % kMin;
            const QString key = QStringLiteral("%1|%2|%3|%4").arg(minute).arg(e.keyId, e.service, e.code);
            UsageAggregate& a = byBucket[key];
            a.granularity = UsageGranularity::Minute;
            a.bucketMs = minute;
            a.keyId = idFor.value(e.keyId);
            a.project = e.project;
            a.service = e.service;
            a.code = e.code;
            ++a.requests;
            a.cost += e.cost;
            a.amountMicros += e.amountMicros;
            a.errors += e.upstreamStatus >= 400;
            if (e.latencyUs >= 0) {
                a.latencySumUs += e.latencyUs;
                ++a.latencyCount;
                a.latencyMaxUs = std::max(a.latencyMaxUs, e.latencyUs);
            }
            a.bytes += std::max<qint64>(e.bytes, 0);
        }
        auto stats = imported.backend().importUsageRollups(byBucket.values());
        QVERIFY2(stats.ok(), qPrintable(stats.errorMessage()));
        QCOMPARE(stats->aggregates, byBucket.size());
        QCOMPARE(stats->requests, 3000);

        const QStringList expected = rollups(recorded);
        QVERIFY(expected.size() > 100);
        QCOMPARE(rollups(imported), expected);

        // last_used_at: the latest minute with VALID traffic (the recorder keeps the exact time instead).
        for (const QString& name : {"alpha", "beta", "other"}) {
            KeyFilter f;
            f.text = name;
            const KeyRecord rec = recorded.backend().keys(f)->first();
            const KeyRecord imp = imported.backend().keys(f)->first();
            QCOMPARE(imp.lastUsedAt, rec.lastUsedAt - rec.lastUsedAt % kMin);
        }
        AuditQuery q;
        q.action = "usage.import";
        auto audit = imported.backend().auditEntries(q);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->first().details.value("requests").toInteger(), 3000);
    }

    void hourAggregates()
    {
        kwtest::TempVault v;
        QVERIFY(v.ok());
        const Org o = makeOrg(v);
        const qint64 day = v.clock().nowMs() - v.clock().nowMs() % kDay - 10 * kDay;
        QList<UsageAggregate> rows;
        for (int h = 0; h < 48; ++h) {
            rows << row(day + h * kHour, o.alpha, "shop", "billing", "VALID", 10 + h);
            rows << row(day + h * kHour, o.beta, "shop", "", "VALID", 5);
        }
        rows << row(day + 3 * kHour, o.other, "blog", "feed", "REVOKED", 7);
        rows << row(day + 5 * kHour, QString(), QString(), QString(), "NOT_FOUND", 2); // unknown keys
        auto stats = v.backend().importUsageRollups(rows);
        QVERIFY2(stats.ok(), qPrintable(stats.errorMessage()));
        QCOMPARE(stats->fromMs, day);
        QCOMPARE(stats->toMs, day + 48 * kHour);

        Backend& b = v.backend();
        auto all = b.usageSummary(UsageScope::All, {}, day, day + 2 * kDay);
        QVERIFY(all.ok());
        qint64 alphaTotal = 0;
        for (int h = 0; h < 48; ++h)
            alphaTotal += 10 + h;
        QCOMPARE(all->totals.requests, alphaTotal + 48 * 5 + 7 + 2);
        QCOMPARE(all->totals.rejected.value("REVOKED"), 7);
        QCOMPARE(all->totals.rejected.value("NOT_FOUND"), 2);
        QCOMPARE(b.usageSummary(UsageScope::Project, "shop", day, day + 2 * kDay)->totals.requests,
                 alphaTotal + 48 * 5);
        QCOMPARE(b.usageSummary(UsageScope::Service, "shop/billing", day, day + 2 * kDay)->totals.requests, alphaTotal);
        QCOMPARE(b.usageSummary(UsageScope::Key, o.alpha, day, day + 2 * kDay)->totals.amountMicros, alphaTotal * 250);
        auto hours = b.usageSeries(UsageGranularity::Hour, UsageScope::Key, o.alpha, day, day + 2 * kDay);
        QVERIFY(hours.ok());
        QCOMPARE(hours->size(), 48);
        QCOMPARE(hours->at(5).totals.requests, 15);
        auto days = b.usageSeries(UsageGranularity::Day, UsageScope::All, {}, day, day + 2 * kDay);
        QVERIFY(days.ok());
        QCOMPARE(days->at(0).totals.requests + days->at(1).totals.requests, all->totals.requests);
        // No minute rollups from hour rows: like recorded traffic past the minute retention.
        auto minutes = b.usageSeries(UsageGranularity::Minute, UsageScope::All, {}, day, day + kHour);
        QVERIFY(minutes.ok());
        qint64 inMinutes = 0;
        for (const UsagePoint& p : *minutes)
            inMinutes += p.totals.requests;
        QCOMPARE(inMinutes, 0);
        auto top = b.usageTop(UsageScope::Key, day, day + 2 * kDay, 10);
        QVERIFY(top.ok());
        QCOMPARE(top->first().scopeId, o.alpha);
        QCOMPARE(top->first().requests, alphaTotal);

        // last_used_at follows VALID rows only, and an older import does not move it back.
        const qint64 alphaLast = b.key(o.alpha)->lastUsedAt;
        QCOMPARE(alphaLast, day + 47 * kHour);
        QCOMPARE(b.key(o.other)->lastUsedAt, 0);
        QVERIFY(v.backend().importUsageRollups({row(day - kDay, o.alpha, "shop", "billing", "VALID", 1)}).ok());
        QCOMPARE(b.key(o.alpha)->lastUsedAt, alphaLast);
        // Importing adds to what is there.
        QVERIFY(v.backend().importUsageRollups({row(day, o.alpha, "shop", "billing", "VALID", 1000)}).ok());
        QCOMPARE(b.usageSummary(UsageScope::Key, o.alpha, day, day + kHour)->totals.requests, 1010);
    }

    void badRows_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("named");
        QTest::addColumn<int>("code");
        QTest::newRow("day granularity") << 0 << "granularity" << int(Error::Code::Invalid);
        QTest::newRow("bucket not aligned") << 1 << "bucket" << int(Error::Code::Invalid);
        QTest::newRow("unknown code") << 2 << "code" << int(Error::Code::Invalid);
        QTest::newRow("negative requests") << 3 << "requests" << int(Error::Code::Invalid);
        QTest::newRow("more errors than requests") << 4 << "errors" << int(Error::Code::Invalid);
        QTest::newRow("key without project") << 5 << "project" << int(Error::Code::Invalid);
        QTest::newRow("bad service name") << 6 << "service" << int(Error::Code::Invalid);
        QTest::newRow("key of another project") << 7 << "blog" << int(Error::Code::Invalid);
        QTest::newRow("unknown key") << 8 << "key_doesnotexist" << int(Error::Code::NotFound);
        QTest::newRow("unknown project") << 9 << "nope" << int(Error::Code::NotFound);
    }
    void badRows()
    {
        QFETCH(int, kind);
        QFETCH(QString, named);
        QFETCH(int, code);
        kwtest::TempVault v;
        QVERIFY(v.ok());
        const Org o = makeOrg(v);
        const qint64 hour = v.clock().nowMs() - v.clock().nowMs() % kHour - kDay;
        QList<UsageAggregate> rows{row(hour, o.alpha, "shop", "billing", "VALID", 3),
                                   row(hour, o.beta, "shop", "billing", "VALID", 4)};
        UsageAggregate& bad = rows[1];
        switch (kind) {
        case 0:
            bad.granularity = UsageGranularity::Day;
            bad.bucketMs = hour - hour % kDay;
            break;
        case 1:
            bad.bucketMs += 1000;
            break;
        case 2:
            bad.code = "MAYBE";
            break;
        case 3:
            bad.requests = -1;
            break;
        case 4:
            bad.errors = 5;
            break;
        case 5:
            bad.project.clear();
            break;
        case 6:
            bad.service = "Not A Service";
            break;
        case 7:
            bad.project = "blog";
            break;
        case 8:
            bad.keyId = "key_doesnotexist0000";
            break;
        case 9:
            bad.keyId.clear();
            bad.project = "nope";
            break;
        }
        auto r = v.backend().importUsageRollups(rows);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(r.errorMessage().contains(named), qPrintable(r.errorMessage()));
        if (kind < 8)
            QVERIFY2(r.errorMessage().contains("row 1"), qPrintable(r.errorMessage()));
        // Nothing half-written: the good first row is not there either.
        QCOMPARE(rollupCount(v), 0);
        QCOMPARE(v.backend().key(o.alpha)->lastUsedAt, 0);
        AuditQuery q;
        q.action = "usage.import";
        QCOMPARE(v.backend().auditEntries(q)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUsageImport)
#include "tst_usageimport.moc"
