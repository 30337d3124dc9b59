#include "policy/Duration.h"

#include <QTest>

using namespace kw;

class TestDuration : public QObject {
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("days") << "90d" << 90 * 86'400'000LL;
        QTest::newRow("hours") << "12h" << 12 * 3'600'000LL;
        QTest::newRow("minutes") << "30m" << 30 * 60'000LL;
        QTest::newRow("seconds") << "45s" << 45'000LL;
        QTest::newRow("weeks") << "2w" << 14 * 86'400'000LL;
        QTest::newRow("millis") << "250ms" << 250LL;
        QTest::newRow("combo") << "1d12h" << 36 * 3'600'000LL;
        QTest::newRow("full combo") << "1w2d3h4m5s6ms" << (9 * 86'400LL + 3 * 3'600 + 4 * 60 + 5) * 1000 + 6;
        QTest::newRow("zero part") << "1d0h" << 86'400'000LL;
        QTest::newRow("upper case") << "3H" << 3 * 3'600'000LL;
        QTest::newRow("whitespace") << " 5m " << 300'000LL;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const Result<qint64> r = Duration::parseMs(text);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(*r, ms);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("blank") << "   "
                               << "empty";
        QTest::newRow("negative") << "-5d"
                                  << "negative";
        QTest::newRow("zero") << "0d"
                              << "greater than zero";
        QTest::newRow("zero combo") << "0h0m"
                                    << "greater than zero";
        QTest::newRow("no unit") << "90"
                                 << "no unit";
        QTest::newRow("unknown unit") << "5y"
                                      << "unknown unit 'y'";
        QTest::newRow("trailing junk") << "5d!"
                                       << "expected a number at '!'";
        QTest::newRow("unit only") << "d"
                                   << "expected a number";
        QTest::newRow("order") << "12h1d"
                               << "largest first";
        QTest::newRow("repeat") << "1d1d"
                                << "largest first";
        QTest::newRow("number overflow") << "99999999999999999999s"
                                         << "too large";
        QTest::newRow("total overflow") << "15250284453w"
                                        << "too long";
        QTest::newRow("sum overflow") << "15250284452w4d"
                                      << "too long";
        QTest::newRow("fraction") << "1.5h"
                                  << "unexpected '.'";
        QTest::newRow("separator") << "1d 12h"
                                   << "expected a number at ' 12h'";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const Result<qint64> r = Duration::parseMs(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY2(r.errorMessage().contains(mentions), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(u'\'' + text + u'\''), qPrintable(r.errorMessage()));
    }

    void format_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("days") << 90 * 86'400'000LL << "90d";
        QTest::newRow("combo") << 36 * 3'600'000LL << "1d12h";
        QTest::newRow("no weeks") << 14 * 86'400'000LL << "14d";
        QTest::newRow("seconds") << 45'000LL << "45s";
        QTest::newRow("mixed") << 90'061'001LL << "1d1h1m1s1ms";
        QTest::newRow("zero") << 0LL << "0s";
        QTest::newRow("negative") << -3'600'000LL << "-1h";
    }
    void format()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(Duration::format(ms), text);
        if (ms > 0)
            QCOMPARE(*Duration::parseMs(text), ms);
    }

    void formatsExtremes()
    {
        const qint64 max = std::numeric_limits<qint64>::max();
        QCOMPARE(*Duration::parseMs(Duration::format(max)), max);
        QVERIFY(Duration::format(std::numeric_limits<qint64>::min()).startsWith(u'-'));
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
