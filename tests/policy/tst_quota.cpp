#include "policy/Quota.h"

#include <QTest>

using namespace kw;

namespace {

qint64 at(const char* iso)
{
    const QDateTime dt = QDateTime::fromString(QLatin1StringView(iso), Qt::ISODateWithMs);
    if (!dt.isValid())
        qFatal("bad test time %s", iso);
    return dt.toMSecsSinceEpoch();
}

QString iso(qint64 ms, const QTimeZone& zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(Qt::ISODate);
}

} // namespace

class TestQuota : public QObject {
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<bool>("monthly");
        QTest::newRow("day") << "1000/day" << 1000LL << false;
        QTest::newRow("month") << "50000/month" << 50000LL << true;
        QTest::newRow("spaces") << " 1 / day " << 1LL << false;
        QTest::newRow("large") << "9000000000000/month" << 9'000'000'000'000LL << true;
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(qint64, amount);
        QFETCH(bool, monthly);
        const Result<Quota> q = Quota::parse(text);
        QVERIFY2(q.ok(), qPrintable(q.errorMessage()));
        QCOMPARE(q->amount, amount);
        QCOMPARE(q->period, monthly ? Quota::Period::Month : Quota::Period::Day);
        QCOMPARE(*Quota::parse(q->toString()), *q);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "AMOUNT/day";
        QTest::newRow("no period") << "1000"
                                   << "AMOUNT/day";
        QTest::newRow("zero") << "0/day"
                              << "amount '0'";
        QTest::newRow("negative") << "-1/day"
                                  << "amount '-1'";
        QTest::newRow("fraction") << "1.5/day"
                                  << "amount '1.5'";
        QTest::newRow("overflow") << "99999999999999999999/day"
                                  << "amount";
        QTest::newRow("unknown period") << "100/week"
                                        << "unknown period 'week'";
        QTest::newRow("abbreviation") << "100/d"
                                      << "unknown period 'd'";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const Result<Quota> q = Quota::parse(text);
        QVERIFY(!q.ok());
        QCOMPARE(q.error().code, Error::Code::Invalid);
        QVERIFY2(q.errorMessage().contains(mentions), qPrintable(q.errorMessage()));
        QVERIFY2(q.errorMessage().contains(u'\'' + text + u'\''), qPrintable(q.errorMessage()));
    }

    void periods_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("monthly");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        const QByteArray utc("UTC"), ny("America/New_York"), kolkata("Asia/Kolkata"), berlin("Europe/Berlin");
        QTest::newRow("utc day") << utc << false << at("2026-05-17T13:45:00Z") << at("2026-05-17T00:00:00Z")
                                 << at("2026-05-18T00:00:00Z");
        QTest::newRow("utc midnight is start")
            << utc << false << at("2026-05-17T00:00:00Z") << at("2026-05-17T00:00:00Z") << at("2026-05-18T00:00:00Z");
        QTest::newRow("utc last ms") << utc << false << at("2026-05-17T23:59:59.999Z") << at("2026-05-17T00:00:00Z")
                                     << at("2026-05-18T00:00:00Z");
        QTest::newRow("utc year end") << utc << false << at("2026-12-31T23:00:00Z") << at("2026-12-31T00:00:00Z")
                                      << at("2027-01-01T00:00:00Z");
        QTest::newRow("utc month") << utc << true << at("2026-05-17T13:45:00Z") << at("2026-05-01T00:00:00Z")
                                   << at("2026-06-01T00:00:00Z");
        QTest::newRow("utc december") << utc << true << at("2026-12-31T23:59:59Z") << at("2026-12-01T00:00:00Z")
                                      << at("2027-01-01T00:00:00Z");
        QTest::newRow("feb") << utc << true << at("2026-02-15T00:00:00Z") << at("2026-02-01T00:00:00Z")
                             << at("2026-03-01T00:00:00Z");
        QTest::newRow("leap feb 29") << utc << false << at("2028-02-29T12:00:00Z") << at("2028-02-29T00:00:00Z")
                                     << at("2028-03-01T00:00:00Z");
        QTest::newRow("leap month") << utc << true << at("2028-02-29T12:00:00Z") << at("2028-02-01T00:00:00Z")
                                    << at("2028-03-01T00:00:00Z");
        // New York: local midnight is 05:00Z in winter, 04:00Z in summer.
        QTest::newRow("ny day") << ny << false << at("2026-01-10T03:00:00Z") << at("2026-01-09T05:00:00Z")
                                << at("2026-01-10T05:00:00Z");
        QTest::newRow("ny month straddles utc")
            << ny << true << at("2026-02-01T02:00:00Z") << at("2026-01-01T05:00:00Z") << at("2026-02-01T05:00:00Z");
        QTest::newRow("ny dst day is 23h")
            << ny << false << at("2026-03-08T12:00:00Z") << at("2026-03-08T05:00:00Z") << at("2026-03-09T04:00:00Z");
        QTest::newRow("ny fall day is 25h")
            << ny << false << at("2026-11-01T12:00:00Z") << at("2026-11-01T04:00:00Z") << at("2026-11-02T05:00:00Z");
        QTest::newRow("ny dst month") << ny << true << at("2026-03-20T00:00:00Z") << at("2026-03-01T05:00:00Z")
                                      << at("2026-04-01T04:00:00Z");
        // Kolkata is UTC+5:30 with no DST.
        QTest::newRow("kolkata day") << kolkata << false << at("2026-05-17T18:29:59Z") << at("2026-05-16T18:30:00Z")
                                     << at("2026-05-17T18:30:00Z");
        QTest::newRow("kolkata next day") << kolkata << false << at("2026-05-17T18:30:00Z")
                                          << at("2026-05-17T18:30:00Z") << at("2026-05-18T18:30:00Z");
        QTest::newRow("kolkata month") << kolkata << true << at("2026-02-28T19:00:00Z") << at("2026-02-28T18:30:00Z")
                                       << at("2026-03-31T18:30:00Z");
        QTest::newRow("kolkata leap") << kolkata << true << at("2028-02-28T19:00:00Z") << at("2028-01-31T18:30:00Z")
                                      << at("2028-02-29T18:30:00Z");
        QTest::newRow("berlin dst day") << berlin << false << at("2026-03-29T10:00:00Z") << at("2026-03-28T23:00:00Z")
                                        << at("2026-03-29T22:00:00Z");
    }
    void periods()
    {
        QFETCH(QByteArray, zone);
        QFETCH(bool, monthly);
        QFETCH(qint64, now);
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        const QTimeZone tz(zone);
        QVERIFY(tz.isValid());
        const Quota::Period p = monthly ? Quota::Period::Month : Quota::Period::Day;
        QCOMPARE(iso(Quota::periodStart(p, now, tz), tz), iso(start, tz));
        QCOMPARE(iso(Quota::periodEnd(p, now, tz), tz), iso(end, tz));
        QCOMPARE(Quota::periodStart(p, now, tz), start);
        QCOMPARE(Quota::periodEnd(p, now, tz), end);
        // The end is the next period's start, so periods tile time with no gap or overlap.
        QCOMPARE(Quota::periodStart(p, end, tz), end);
        QCOMPARE(Quota::periodEnd(p, end - 1, tz), end);
    }

    void defaultsToUtc()
    {
        QCOMPARE(Quota::periodStart(Quota::Period::Day, at("2026-05-17T13:45:00Z")), at("2026-05-17T00:00:00Z"));
    }
};

QTEST_GUILESS_MAIN(TestQuota)
#include "tst_quota.moc"
