// The read side of usage tracking: the plan that covers a range with day, hour and minute rollups, and summaries,
// series and rankings checked against totals computed directly from the events that were recorded.

#include "TestSupport.h"
#include "usage/UsageQuery.h"
#include "usage/UsageRecorder.h"
#include "util/Json.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QtTest>

using kw::TopEntry;
using kw::UsageEvent;
using kw::UsageQuery;
using kw::UsageTotals;
using Scope = kw::UsageQuery::Scope;
using Granularity = kw::UsageQuery::Granularity;
using Segment = kw::UsageQuery::Segment;

Q_DECLARE_METATYPE(Segment)

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kDay0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

bool inScope(const UsageEvent& e, Scope scope, const QString& id)
{
    switch (scope) {
    case Scope::All:
        return true;
    case Scope::Project:
        return !e.project.isEmpty() && e.project == id;
    case Scope::Service:
        return !e.service.isEmpty() && e.project + u'/' + e.service == id;
    case Scope::Key:
        return !e.keyId.isEmpty() && e.keyId == id;
    }
    return false;
}

void add(UsageTotals& t, const UsageEvent& e)
{
    ++t.requests;
    if (e.code == QLatin1String("VALID"))
        ++t.valid;
    else
        ++t.rejected[e.code];
    t.cost += e.cost;
    t.amountMicros += e.amountMicros;
    if (e.upstreamStatus >= 400)
        ++t.errors;
    if (e.latencyUs >= 0)
        t.addLatency(e.latencyUs); // sum, count, maximum and the histogram bucket
    if (e.bytes > 0)
        t.bytes += e.bytes;
}

} // namespace

class TestUsageQuery : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> m_vault;
    QStringList m_keys;
    QList<UsageEvent> m_events;

    UsageTotals expected(Scope scope, const QString& id, qint64 from, qint64 to) const
    {
        UsageTotals t;
        for (const UsageEvent& e : m_events) {
            if (e.timeMs >= from && e.timeMs < to && inScope(e, scope, id))
                add(t, e);
        }
        return t;
    }

private slots:
    // One vault for the whole suite: three days of random traffic around two midnights, written by the recorder.
    void initTestCase()
    {
        m_vault = std::make_unique<kwtest::TempVault>();
        QVERIFY(m_vault->ok());
        QVERIFY(m_vault->backend().createProject({QStringLiteral("shop"), {}, {}}));
        QVERIFY(m_vault->backend().createProject({QStringLiteral("maps"), {}, {}}));
        for (int i = 0; i < 4; ++i) {
            kw::KeySpec spec;
            spec.project = i < 3 ? QStringLiteral("shop") : QStringLiteral("maps");
            spec.environment = QStringLiteral("live");
            spec.name = QStringLiteral("key%1").arg(i);
            auto key = m_vault->backend().createKey(spec);
            QVERIFY2(key, qPrintable(key.errorMessage()));
            m_keys << key->key.id;
        }
        const QStringList codes = {QStringLiteral("VALID"), QStringLiteral("VALID"), QStringLiteral("RATE_LIMITED"),
                                   QStringLiteral("REVOKED")};
        QRandomGenerator rng(7);
        for (int i = 0; i < 30'000; ++i) {
            UsageEvent e;
            e.timeMs = kDay0 + rng.bounded(3 * 24 * 60 * 60) * 1000LL + rng.bounded(1000);
            const int k = rng.bounded(5);
            if (k < 4) {
                // Skewed so that the ranking is well defined: key0 busiest, key3 least.
                e.keyId = m_keys[std::min(k, int(rng.bounded(4)))];
                e.project = e.keyId == m_keys[3] ? QStringLiteral("maps") : QStringLiteral("shop");
                e.service = rng.bounded(2) ? QStringLiteral("search") : QStringLiteral("geo");
                e.code = codes[rng.bounded(4)];
            } else {
                e.code = QStringLiteral("MALFORMED");
            }
            e.cost = e.code == QLatin1String("VALID") ? 1 + rng.bounded(3) : 0;
            e.amountMicros = e.cost * 150;
            if (rng.bounded(4) == 0) {
                e.upstreamStatus = 200 + 100 * rng.bounded(4);
                e.latencyUs = rng.bounded(50'000);
                e.bytes = rng.bounded(5'000);
            }
            m_events << e;
        }
        kw::TestClock clock(kDay0); // nothing is old enough to prune
        kw::UsageRecorder recorder(m_vault->path(), kw::UsageRecorder::Settings{}, clock);
        QVERIFY(recorder.start());
        for (const UsageEvent& e : m_events)
            recorder.record(e);
        QVERIFY(recorder.flush());
    }
    void cleanupTestCase() { m_vault.reset(); }

    void plan_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QList<Segment>>("segments");
        const auto M = Granularity::Minute;
        const auto H = Granularity::Hour;
        const auto D = Granularity::Day;
        QTest::newRow("empty") << kDay0 << kDay0 << QList<Segment>{};
        QTest::newRow("whole days") << kDay0 << kDay0 + 3 * kDay << QList<Segment>{{D, kDay0, kDay0 + 3 * kDay}};
        QTest::newRow("inside an hour") << kDay0 + 5 * kMin << kDay0 + 20 * kMin
                                        << QList<Segment>{{M, kDay0 + 5 * kMin, kDay0 + 20 * kMin}};
        QTest::newRow("widened to minutes") << kDay0 + 5 * kMin + 1 << kDay0 + 20 * kMin - 1
                                            << QList<Segment>{{M, kDay0 + 5 * kMin, kDay0 + 20 * kMin}};
        QTest::newRow("hours inside a day") << kDay0 + 90 * kMin << kDay0 + 5 * kHour + 15 * kMin
                                            << QList<Segment>{{M, kDay0 + 90 * kMin, kDay0 + 2 * kHour},
                                                              {H, kDay0 + 2 * kHour, kDay0 + 5 * kHour},
                                                              {M, kDay0 + 5 * kHour, kDay0 + 5 * kHour + 15 * kMin}};
        QTest::newRow("across midnight, no whole day")
            << kDay0 + 22 * kHour + 30 * kMin << kDay0 + kDay + 2 * kHour
            << QList<Segment>{{M, kDay0 + 22 * kHour + 30 * kMin, kDay0 + 23 * kHour},
                              {H, kDay0 + 23 * kHour, kDay0 + kDay + 2 * kHour}};
        QTest::newRow("days with ragged edges") << kDay0 + 90 * kMin << kDay0 + 2 * kDay + 30 * kMin
                                                << QList<Segment>{{M, kDay0 + 90 * kMin, kDay0 + 2 * kHour},
                                                                  {H, kDay0 + 2 * kHour, kDay0 + kDay},
                                                                  {D, kDay0 + kDay, kDay0 + 2 * kDay},
                                                                  {M, kDay0 + 2 * kDay, kDay0 + 2 * kDay + 30 * kMin}};
    }
    void plan()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QList<Segment>, segments);
        QCOMPARE(UsageQuery::plan(from, to), segments);
    }

    void summaryMatchesEvents()
    {
        UsageQuery query(m_vault->vault().db());
        const QList<std::pair<Scope, QString>> scopes = {{Scope::All, QString()},
                                                         {Scope::Project, QStringLiteral("shop")},
                                                         {Scope::Project, QStringLiteral("maps")},
                                                         {Scope::Service, QStringLiteral("shop/search")},
                                                         {Scope::Key, m_keys[0]},
                                                         {Scope::Key, m_keys[3]}};
        // Fixed ranges around both midnights plus random ones; ends in arbitrary milliseconds are widened.
        QList<std::pair<qint64, qint64>> ranges = {{kDay0, kDay0 + 3 * kDay},
                                                   {kDay0 + 23 * kHour + 59 * kMin, kDay0 + kDay + kMin},
                                                   {kDay0 + 13 * kHour, kDay0 + 2 * kDay + 7 * kHour + 3 * kMin},
                                                   {kDay0 - kDay, kDay0 + 10 * kDay}};
        QRandomGenerator rng(11);
        for (int i = 0; i < 20; ++i) {
            const qint64 a = kDay0 + qint64(rng.bounded(3 * 24 * 60)) * kMin;
            const qint64 b = kDay0 + qint64(rng.bounded(3 * 24 * 60)) * kMin;
            ranges << std::pair{std::min(a, b), std::max(a, b) + kMin};
        }
        ranges << std::pair{kDay0 + 10 * kMin + 123, kDay0 + kDay + 5 * kMin + 1};
        for (const auto& [from, to] : ranges) {
            const qint64 wFrom = kw::usage::bucketStart(from, kMin);
            const qint64 wTo = kw::usage::bucketCeil(to, kMin);
            for (const auto& [scope, id] : scopes) {
                auto s = query.summary(scope, id, from, to);
                QVERIFY2(s, qPrintable(s.errorMessage()));
                const UsageTotals want = expected(scope, id, wFrom, wTo);
                QVERIFY2(s->totals == want, qPrintable(QStringLiteral("%1..%2 scope %3 %4: got %5 want %6")
                                                           .arg(from)
                                                           .arg(to)
                                                           .arg(int(scope))
                                                           .arg(id)
                                                           .arg(s->totals.requests)
                                                           .arg(want.requests)));
                QCOMPARE(s->fromMs, wFrom);
                QCOMPARE(s->toMs, wTo);
            }
        }
        auto all = query.summary(Scope::All, QString(), kDay0, kDay0 + 3 * kDay);
        QVERIFY(all);
        QCOMPARE(all->totals.requests, m_events.size());
        QVERIFY(all->totals.rejected.contains(QStringLiteral("MALFORMED")));
        QVERIFY(!all->totals.rejected.contains(QStringLiteral("VALID")));
        QVERIFY(all->totals.errors > 0);
        QVERIFY(all->totals.averageLatencyUs() > 0);
    }

    void seriesMatchesEvents_data()
    {
        QTest::addColumn<int>("granularity");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::newRow("hours over two midnights")
            << int(Granularity::Hour) << kDay0 + 20 * kHour + 17 * kMin << kDay0 + 2 * kDay + 3 * kHour;
        QTest::newRow("days") << int(Granularity::Day) << kDay0 - kDay << kDay0 + 4 * kDay;
        QTest::newRow("minutes at midnight")
            << int(Granularity::Minute) << kDay0 + kDay - 30 * kMin << kDay0 + kDay + 30 * kMin;
    }
    void seriesMatchesEvents()
    {
        QFETCH(int, granularity);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        const auto g = Granularity(granularity);
        const qint64 step = kw::usage::granularityMs(g);
        UsageQuery query(m_vault->vault().db());
        for (const auto& [scope, id] :
             QList<std::pair<Scope, QString>>{{Scope::All, QString()}, {Scope::Key, m_keys[1]}}) {
            auto points = query.series(g, scope, id, from, to);
            QVERIFY2(points, qPrintable(points.errorMessage()));
            const qint64 first = kw::usage::bucketStart(from, step);
            QCOMPARE(points->size(), (kw::usage::bucketCeil(to, step) - first) / step);
            for (int i = 0; i < points->size(); ++i) {
                const kw::UsagePoint& p = points->at(i);
                QCOMPARE(p.bucketMs, first + i * step);
                QVERIFY2(p.totals == expected(scope, id, p.bucketMs, p.bucketMs + step),
                         qPrintable(QString::number(p.bucketMs)));
            }
        }
    }

    void topByRequests()
    {
        UsageQuery query(m_vault->vault().db());
        const qint64 from = kDay0 + 6 * kHour + 5 * kMin;
        const qint64 to = kDay0 + 2 * kDay + 20 * kHour;
        auto keys = query.top(Scope::Key, from, to, 3);
        QVERIFY2(keys, qPrintable(keys.errorMessage()));
        QCOMPARE(keys->size(), 3);
        for (int i = 0; i < 3; ++i) {
            const UsageTotals want = expected(Scope::Key, keys->at(i).scopeId, from, to);
            QCOMPARE(keys->at(i).requests, want.requests);
            QCOMPARE(keys->at(i).valid, want.valid);
            QCOMPARE(keys->at(i).cost, want.cost);
            QCOMPARE(keys->at(i).amountMicros, want.amountMicros);
            QCOMPARE(keys->at(i).errors, want.errors);
        }
        QCOMPARE(keys->at(0).scopeId, m_keys[0]);
        QVERIFY(keys->at(0).requests >= keys->at(1).requests);
        QVERIFY(keys->at(1).requests >= keys->at(2).requests);
        QVERIFY(keys->at(2).requests >= expected(Scope::Key, m_keys[3], from, to).requests);

        auto projects = query.top(Scope::Project, from, to, 10);
        QVERIFY(projects);
        QCOMPARE(projects->size(), 2);
        QCOMPARE(projects->at(0).scopeId, QStringLiteral("shop"));
        QCOMPARE(projects->at(1).requests, expected(Scope::Project, QStringLiteral("maps"), from, to).requests);

        auto services = query.top(Scope::Service, from, to, 10);
        QVERIFY(services);
        QCOMPARE(services->size(), 4); // shop/search, shop/geo, maps/search, maps/geo
        QJsonArray rows;
        for (const TopEntry& e : *services)
            rows << e.toJson();
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[0].toObject().contains(QStringLiteral("requests")));
    }

    void rejectsBadRequests()
    {
        UsageQuery query(m_vault->vault().db());
        QVERIFY(!query.top(Scope::All, kDay0, kDay0 + kDay, 5));
        QVERIFY(!query.top(Scope::Key, kDay0, kDay0 + kDay, 0));
        QVERIFY(!query.summary(Scope::All, QString(), kDay0 + kDay, kDay0));
        QVERIFY(!query.series(Granularity::Minute, Scope::All, QString(), kDay0, kDay0 + 365 * kDay));
        auto empty = query.summary(Scope::Key, QStringLiteral("key_doesnotexist"), kDay0, kDay0 + kDay);
        QVERIFY(empty);
        QCOMPARE(empty->totals.requests, 0);
    }

    void json()
    {
        UsageQuery query(m_vault->vault().db());
        auto s = query.summary(Scope::Project, QStringLiteral("shop"), kDay0, kDay0 + kDay);
        QVERIFY(s);
        const QJsonObject o = s->toJson();
        QCOMPARE(o.value(QStringLiteral("scope")).toString(), QStringLiteral("project"));
        QCOMPARE(o.value(QStringLiteral("scopeId")).toString(), QStringLiteral("shop"));
        QCOMPARE(o.value(QStringLiteral("from")), kw::json::time(kDay0));
        QCOMPARE(o.value(QStringLiteral("requests")).toInteger(), s->totals.requests);
        QCOMPARE(o.value(QStringLiteral("valid")).toInteger() + o.value(QStringLiteral("rejected")).toInteger(),
                 s->totals.requests);
        QCOMPARE(o.value(QStringLiteral("rejectedByCode")).toObject().value(QStringLiteral("REVOKED")).toInteger(),
                 s->totals.rejected.value(QStringLiteral("REVOKED")));
        auto points = query.series(Granularity::Hour, Scope::All, QString(), kDay0, kDay0 + 2 * kHour);
        QVERIFY(points);
        QCOMPARE(points->size(), 2);
        QCOMPARE(points->at(1).toJson().value(QStringLiteral("bucket")), kw::json::time(kDay0 + kHour));
    }
};

QTEST_GUILESS_MAIN(TestUsageQuery)
#include "tst_usagequery.moc"
