#include "policy/RateLimiterSet.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace kw;

namespace {

constexpr qint64 kT0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

RateLimitSpec spec(QStringView text)
{
    const Result<RateLimitSpec> s = RateLimitSpec::parse(text);
    if (!s)
        qFatal("test spec does not parse: %s", qPrintable(s.errorMessage()));
    return *s;
}

int admitAll(RateLimiter& l, qint64 now, int attempts)
{
    int admitted = 0;
    for (int i = 0; i < attempts; ++i)
        admitted += l.tryAcquire(now).allowed;
    return admitted;
}

} // namespace

class TestRateLimiter : public QObject {
    Q_OBJECT

private slots:
    void parsesSpecs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<qint64>("periodMs");
        QTest::addColumn<qint64>("burst");
        QTest::newRow("per second") << "100/s" << 100LL << 1000LL << 100LL;
        QTest::newRow("burst") << "100/s:200" << 100LL << 1000LL << 200LL;
        QTest::newRow("per minute") << "500/m" << 500LL << 60'000LL << 500LL;
        QTest::newRow("per hour") << "10000/h" << 10000LL << 3'600'000LL << 10000LL;
        QTest::newRow("per day") << "1/d" << 1LL << 86'400'000LL << 1LL;
        QTest::newRow("small burst") << " 10/s:1 " << 10LL << 1000LL << 1LL;
    }
    void parsesSpecs()
    {
        QFETCH(QString, text);
        QFETCH(qint64, count);
        QFETCH(qint64, periodMs);
        QFETCH(qint64, burst);
        const RateLimitSpec s = spec(text);
        QCOMPARE(s.count, count);
        QCOMPARE(s.periodMs, periodMs);
        QCOMPARE(s.burst, burst);
        QCOMPARE(spec(s.toString()), s);
    }

    void rejectsSpecs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "COUNT/UNIT";
        QTest::newRow("no unit") << "100"
                                 << "COUNT/UNIT";
        QTest::newRow("zero") << "0/s"
                              << "count '0'";
        QTest::newRow("negative") << "-5/s"
                                  << "count '-5'";
        QTest::newRow("too many") << "1000001/s"
                                  << "from 1 to 1000000";
        QTest::newRow("huge") << "99999999999999999999/s"
                              << "count";
        QTest::newRow("unknown unit") << "100/w"
                                      << "unknown unit 'w'";
        QTest::newRow("long unit") << "100/sec"
                                   << "unknown unit 'sec'";
        QTest::newRow("bad burst") << "100/s:x"
                                   << "burst 'x'";
        QTest::newRow("zero burst") << "100/s:0"
                                    << "burst '0'";
        QTest::newRow("empty burst") << "100/s:"
                                     << "burst ''";
    }
    void rejectsSpecs()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const Result<RateLimitSpec> s = RateLimitSpec::parse(text);
        QVERIFY(!s.ok());
        QVERIFY2(s.errorMessage().contains(mentions), qPrintable(s.errorMessage()));
        QVERIFY2(s.errorMessage().contains(u'\'' + text + u'\''), qPrintable(s.errorMessage()));
    }

    void parsesLists()
    {
        const Result<QList<RateLimitSpec>> l = RateLimitSpec::parseList({"100/s, 10000/h", "5/m:10"});
        QVERIFY2(l.ok(), qPrintable(l.errorMessage()));
        QCOMPARE(l->size(), 3);
        QCOMPARE(l->at(2), spec(u"5/m:10"));
        QVERIFY(RateLimitSpec::parseList({"100/s, 10/x"}).errorMessage().contains(u"'10/x'"));
    }

    void exactlyNPerWindow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("n");
        QTest::newRow("100/s") << "100/s" << 100;
        QTest::newRow("3/s") << "3/s" << 3;
        QTest::newRow("500/m") << "500/m" << 500;
        QTest::newRow("10000/h") << "10000/h" << 10000;
        QTest::newRow("7/d") << "7/d" << 7;
    }
    void exactlyNPerWindow()
    {
        QFETCH(QString, text);
        QFETCH(int, n);
        RateLimiter l(spec(text));
        QCOMPARE(admitAll(l, kT0, n + 5), n);
        const RateLimitState s = l.tryAcquire(kT0);
        QVERIFY(!s.allowed);
        QCOMPARE(s.remaining, 0);
        QCOMPARE(s.limit, n);
        // The next request fits exactly one emission interval later, not a millisecond sooner.
        const qint64 interval = l.spec().periodMs / n;
        QCOMPARE(s.retryAfterMs, (l.spec().periodMs + n - 1) / n);
        QCOMPARE(s.resetAfterMs, l.spec().periodMs);
        if (l.spec().periodMs % n == 0)
            QVERIFY(!l.tryAcquire(kT0 + interval - 1).allowed);
        QVERIFY(l.tryAcquire(kT0 + s.retryAfterMs).allowed);
        QVERIFY(!l.tryAcquire(kT0 + s.retryAfterMs).allowed);
        // A full period later the whole capacity is back.
        QCOMPARE(admitAll(l, kT0 + l.spec().periodMs + interval + 1, n + 5), n);
    }

    void fractionalRateIsExact()
    {
        // 3/s is an interval of 333.33 ms: over 10 s exactly 30 + the initial 3 are admitted.
        RateLimiter l(spec(u"3/s"));
        int admitted = 0;
        for (qint64 t = kT0; t <= kT0 + 10'000; ++t)
            admitted += l.tryAcquire(t).allowed;
        QCOMPARE(admitted, 33);
    }

    void refill()
    {
        RateLimiter l(spec(u"100/s"));
        QCOMPARE(admitAll(l, kT0, 100), 100);
        QVERIFY(!l.tryAcquire(kT0 + 9).allowed);
        const RateLimitState s = l.tryAcquire(kT0 + 10);
        QVERIFY(s.allowed);
        QCOMPARE(s.remaining, 0);
        QVERIFY(!l.tryAcquire(kT0 + 10).allowed);
        QCOMPARE(admitAll(l, kT0 + 505, 100), 49);
    }

    void burst()
    {
        RateLimiter l(spec(u"100/s:200"));
        QCOMPARE(admitAll(l, kT0, 300), 200);
        QCOMPARE(admitAll(l, kT0 + 1000, 300), 100); // refills at 100/s, not to the burst
        QCOMPARE(admitAll(l, kT0 + 3000, 300), 200); // two idle seconds refill the whole burst

        RateLimiter strict(spec(u"10/s:1")); // no bunching: one every 100 ms
        QCOMPARE(admitAll(strict, kT0, 5), 1);
        QCOMPARE(admitAll(strict, kT0 + 99, 5), 0);
        QCOMPARE(admitAll(strict, kT0 + 100, 5), 1);
    }

    void cost()
    {
        RateLimiter l(spec(u"10/s"));
        RateLimitState s = l.tryAcquire(kT0, 4);
        QVERIFY(s.allowed);
        QCOMPARE(s.remaining, 6);
        QVERIFY(l.tryAcquire(kT0, 6).allowed);
        s = l.tryAcquire(kT0, 3);
        QVERIFY(!s.allowed);
        QCOMPARE(s.retryAfterMs, 300);
        QVERIFY(!l.tryAcquire(kT0 + 299, 3).allowed);
        QVERIFY(l.tryAcquire(kT0 + 300, 3).allowed);

        const RateLimitState never = l.tryAcquire(kT0 + 100'000, 11);
        QVERIFY(!never.allowed);
        QCOMPARE(never.retryAfterMs, -1);
        QCOMPARE(l.tryAcquire(kT0 + 100'000, 10).allowed, true); // the oversized request consumed nothing
    }

    void rejectionConsumesNothing()
    {
        RateLimiter l(spec(u"10/s"));
        QCOMPARE(admitAll(l, kT0, 10), 10);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!l.tryAcquire(kT0 + 50).allowed);
        QVERIFY(l.tryAcquire(kT0 + 100).allowed); // retries did not push the schedule back
    }

    void peekDoesNotConsume()
    {
        RateLimiter l(spec(u"5/s"));
        RateLimitState p = l.peek(kT0);
        QVERIFY(p.allowed);
        QCOMPARE(p.remaining, 4);
        QCOMPARE(p.resetAfterMs, 200);
        l.tryAcquire(kT0, 2);
        p = l.peek(kT0 + 100);
        QCOMPARE(p.remaining, 2); // 3 left, half an interval refilled does not count, minus this one
        QCOMPARE(admitAll(l, kT0 + 100, 10), 3);
    }

    void timeGoingBackwardsGrantsNothing()
    {
        RateLimiter l(spec(u"10/s"));
        QCOMPARE(admitAll(l, kT0 + 5000, 10), 10);
        QCOMPARE(admitAll(l, kT0, 10), 0);
    }

    void reset()
    {
        RateLimiter l(spec(u"2/s"));
        QCOMPARE(admitAll(l, kT0, 3), 2);
        l.reset();
        QCOMPARE(admitAll(l, kT0, 3), 2);
    }

    void concurrentIsExact()
    {
        RateLimiter l(spec(u"100000/s:25000"));
        std::atomic<int> admitted{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] { admitted += admitAll(l, kT0, 20'000); });
        for (auto& t : threads)
            t.join();
        QCOMPARE(admitted.load(), 25'000);
    }

    void setAdmitsOnlyIfAllAdmit()
    {
        RateLimiterSet set({spec(u"10/s"), spec(u"15/m")});
        int binding = -2;
        int admitted = 0;
        for (int i = 0; i < 20; ++i)
            admitted += set.tryAcquire(kT0, 1, &binding).allowed;
        QCOMPARE(admitted, 10);
        QCOMPARE(binding, 0);
        // One second later the per-second limit has room but the minute limit only 5.
        admitted = 0;
        for (int i = 0; i < 20; ++i)
            admitted += set.tryAcquire(kT0 + 1000, 1, &binding).allowed;
        QCOMPARE(admitted, 5);
        const RateLimitState s = set.peek(kT0 + 1000, 1, &binding);
        QCOMPARE(binding, 1);
        QVERIFY(!s.allowed);
        QCOMPARE(s.retryAfterMs, 3000); // the 16th request fits once the 1st has aged out of the minute
        // The per-second limit was not charged for the requests the minute limit rejected.
        QCOMPARE(set.limiter(0).peek(kT0 + 1000).remaining, 4);
    }

    void setReportsTightestWhenAdmitted()
    {
        RateLimiterSet set({spec(u"100/s"), spec(u"3/m")});
        int binding = -2;
        const RateLimitState s = set.tryAcquire(kT0, 1, &binding);
        QVERIFY(s.allowed);
        QCOMPARE(binding, 1);
        QCOMPARE(s.remaining, 2);
        QCOMPARE(s.limit, 3);
    }

    void emptySetAdmits()
    {
        RateLimiterSet set;
        int binding = 0;
        const RateLimitState s = set.tryAcquire(kT0, 1, &binding);
        QVERIFY(s.allowed);
        QCOMPARE(s.limit, -1);
        QCOMPARE(binding, -1);
    }

    void setConcurrentIsExact()
    {
        // Which limit binds depends on the cost mix; the totals must still be exact.
        RateLimiterSet set({spec(u"1000/s:5000"), spec(u"3000/h")});
        std::atomic<qint64> units{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                const qint64 cost = t % 2 ? 1 : 2;
                for (int i = 0; i < 5'000; ++i)
                    units += set.tryAcquire(kT0, cost).allowed ? cost : 0;
            });
        }
        for (auto& t : threads)
            t.join();
        // 3000 is even and odd costs fill the last unit, so every unit of the hourly limit is used.
        QCOMPARE(units.load(), 3000);
        QVERIFY(!set.peek(kT0).allowed);
        QCOMPARE(set.limiter(0).peek(kT0).remaining, 5000 - 3000 - 1);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
