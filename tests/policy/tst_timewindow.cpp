#include "policy/TimeWindow.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace kw;

namespace {

qint64 utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC).toMSecsSinceEpoch();
}

TimeWindow window(QStringView hours, QStringView days = {}, QStringView tz = {})
{
    Result<TimeWindow> w = TimeWindow::parse(hours, days, tz);
    if (!w)
        qFatal("test window does not parse: %s", qPrintable(w.errorMessage()));
    return *w;
}

} // namespace

class TestTimeWindow : public QObject {
    Q_OBJECT

private slots:
    void permits_data()
    {
        QTest::addColumn<QString>("hours");
        QTest::addColumn<QString>("days");
        QTest::addColumn<QString>("tz");
        QTest::addColumn<qint64>("at");
        QTest::addColumn<bool>("open");
        const QString office = QStringLiteral("09:00-17:30"), weekdays = QStringLiteral("mon-fri");
        const QString berlin = QStringLiteral("Europe/Berlin"), utcZone;
        // UTC default; 2026-01-01 is a Thursday.
        QTest::newRow("utc before") << office << weekdays << utcZone << utc(2026, 1, 1, 8, 59) << false;
        QTest::newRow("utc start") << office << weekdays << utcZone << utc(2026, 1, 1, 9, 0) << true;
        QTest::newRow("utc last minute") << office << weekdays << utcZone << utc(2026, 1, 1, 17, 29) << true;
        QTest::newRow("utc end exclusive") << office << weekdays << utcZone << utc(2026, 1, 1, 17, 30) << false;
        QTest::newRow("utc saturday") << office << weekdays << utcZone << utc(2026, 1, 3, 12, 0) << false;
        QTest::newRow("all day sunday") << QString() << "sat,sun" << utcZone << utc(2026, 1, 4, 0, 0) << true;
        QTest::newRow("all day monday") << QString() << "sat,sun" << utcZone << utc(2026, 1, 5, 0, 0) << false;
        QTest::newRow("to 24:00") << "20:00-24:00" << QString() << utcZone << utc(2026, 1, 5, 23, 59) << true;
        QTest::newRow("before epoch") << office << "wed" << utcZone << utc(1969, 12, 31, 10, 0) << true;
        // Berlin winter (UTC+1), then after the DST start on Sunday 2026-03-29 (UTC+2).
        QTest::newRow("cet before") << office << weekdays << berlin << utc(2026, 3, 27, 7, 59) << false;
        QTest::newRow("cet start") << office << weekdays << berlin << utc(2026, 3, 27, 8, 0) << true;
        QTest::newRow("cet end") << office << weekdays << berlin << utc(2026, 3, 27, 16, 30) << false;
        QTest::newRow("cest start") << office << weekdays << berlin << utc(2026, 3, 30, 7, 0) << true;
        QTest::newRow("cest before") << office << weekdays << berlin << utc(2026, 3, 30, 6, 59) << false;
        QTest::newRow("cest last") << office << weekdays << berlin << utc(2026, 3, 30, 15, 29) << true;
        QTest::newRow("cest end") << office << weekdays << berlin << utc(2026, 3, 30, 15, 30) << false;
        // The skipped hour 02:00-03:00 local does not exist on 2026-03-29 but did the day before.
        QTest::newRow("gap day before") << "02:00-03:00" << QString() << berlin << utc(2026, 3, 28, 1, 30) << true;
        QTest::newRow("gap just before") << "02:00-03:00" << QString() << berlin << utc(2026, 3, 29, 0, 59) << false;
        QTest::newRow("gap skipped") << "02:00-03:00" << QString() << berlin << utc(2026, 3, 29, 1, 0) << false;
        // Local weekday decides: 23:30 UTC Sunday is already Monday 01:30 in Berlin summer time.
        QTest::newRow("local weekday") << QString() << "mon" << berlin << utc(2026, 6, 7, 23, 30) << true;
        QTest::newRow("utc weekday") << QString() << "mon" << utcZone << utc(2026, 6, 7, 23, 30) << false;
        // Half-hour zone: 09:00 in Kolkata is 03:30 UTC.
        QTest::newRow("kolkata before") << office << weekdays << "Asia/Kolkata" << utc(2026, 1, 5, 3, 29) << false;
        QTest::newRow("kolkata start") << office << weekdays << "Asia/Kolkata" << utc(2026, 1, 5, 3, 30) << true;
        // Outside the precomputed range the zone is still honoured.
        QTest::newRow("1960 berlin") << office << weekdays << berlin << utc(1960, 1, 4, 8, 0) << true;
        QTest::newRow("2300 summer") << office << QString() << berlin << utc(2300, 7, 1, 7, 0) << true;
        QTest::newRow("2300 summer early") << office << QString() << berlin << utc(2300, 7, 1, 6, 59) << false;
        // A night shift belongs to the day it starts on: "fri" is Friday 22:00 to Saturday 06:00.
        const QString night = QStringLiteral("22:00-06:00");
        QTest::newRow("night fri evening") << night << "fri" << utcZone << utc(2026, 1, 2, 22, 0) << true;
        QTest::newRow("night sat morning") << night << "fri" << utcZone << utc(2026, 1, 3, 5, 59) << true;
        QTest::newRow("night sat 06:00") << night << "fri" << utcZone << utc(2026, 1, 3, 6, 0) << false;
        QTest::newRow("night fri morning") << night << "fri" << utcZone << utc(2026, 1, 2, 5, 0) << false;
        QTest::newRow("night sat evening") << night << "fri" << utcZone << utc(2026, 1, 3, 22, 30) << false;
        QTest::newRow("night midday") << night << QString() << utcZone << utc(2026, 1, 3, 12, 0) << false;
        QTest::newRow("night sun-mon") << night << "sun" << utcZone << utc(2026, 1, 5, 1, 0) << true;
    }
    void permits()
    {
        QFETCH(QString, hours);
        QFETCH(QString, days);
        QFETCH(QString, tz);
        QFETCH(qint64, at);
        QFETCH(bool, open);
        QCOMPARE(window(hours, days, tz).permits(at), open);
    }

    // Every 7 minutes through 2026 in two DST zones, against QTimeZone's own answer for the local time.
    void agreesWithQTimeZone_data()
    {
        QTest::addColumn<QString>("hours");
        QTest::addColumn<QString>("days");
        QTest::addColumn<QString>("tz");
        QTest::newRow("berlin office") << "09:00-17:30"
                                       << "mon-fri"
                                       << "Europe/Berlin";
        QTest::newRow("new york night") << "22:00-06:00"
                                        << "sat,sun"
                                        << "America/New_York";
        QTest::newRow("sydney early") << "00:30-02:30"
                                      << "mon,wed-fri"
                                      << "Australia/Sydney";
    }
    void agreesWithQTimeZone()
    {
        QFETCH(QString, hours);
        QFETCH(QString, days);
        QFETCH(QString, tz);
        const TimeWindow w = window(hours, days, tz);
        const QTimeZone zone(tz.toUtf8());
        const int start = w.startMinute(), end = w.endMinute();
        int opened = 0;
        for (qint64 t = utc(2026, 1, 1, 0, 0); t < utc(2027, 1, 1, 0, 0); t += 7 * 60'000) {
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(t, zone);
            const int minute = local.time().hour() * 60 + local.time().minute();
            const int today = local.date().dayOfWeek() - 1, yesterday = (today + 6) % 7;
            const auto on = [&](int d) { return (w.dayMask() >> d) & 1; };
            const bool expected = start < end ? (minute >= start && minute < end && on(today))
                                              : ((minute >= start && on(today)) || (minute < end && on(yesterday)));
            opened += expected;
            if (w.permits(t) != expected)
                QFAIL(qPrintable(QStringLiteral("mismatch at %1").arg(local.toString(Qt::ISODate))));
        }
        QVERIFY(opened > 1000);
    }

    void parsesDays_data()
    {
        QTest::addColumn<QString>("days");
        QTest::addColumn<int>("mask");
        QTest::newRow("range") << "mon-fri" << 0x1f;
        QTest::newRow("list") << "sat,sun" << 0x60;
        QTest::newRow("mixed") << "mon,wed-fri" << 0x1d;
        QTest::newRow("wrapping range") << "fri-mon" << 0x71;
        QTest::newRow("case and spaces") << " Sat , SUN " << 0x60;
        QTest::newRow("single") << "wed" << 0x04;
        QTest::newRow("empty means all") << "" << 0x7f;
    }
    void parsesDays()
    {
        QFETCH(QString, days);
        QFETCH(int, mask);
        QCOMPARE(int(window(u"", days).dayMask()), mask);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("hours");
        QTest::addColumn<QString>("days");
        QTest::addColumn<QString>("tz");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no dash") << "09:00"
                                 << ""
                                 << ""
                                 << "HH:MM-HH:MM";
        QTest::newRow("no minutes") << "9-17"
                                    << ""
                                    << ""
                                    << "'9' is not a start time";
        QTest::newRow("hour 25") << "09:00-25:00"
                                 << ""
                                 << ""
                                 << "'25:00' is not an end time";
        QTest::newRow("minute 60") << "09:60-10:00"
                                   << ""
                                   << ""
                                   << "'09:60' is not a start time";
        QTest::newRow("start 24:00") << "24:00-06:00"
                                     << ""
                                     << ""
                                     << "'24:00' is not a start time";
        QTest::newRow("24:30") << "09:00-24:30"
                               << ""
                               << ""
                               << "'24:30' is not an end time";
        QTest::newRow("same") << "09:00-09:00"
                              << ""
                              << ""
                              << "start and end are the same";
        QTest::newRow("unknown day") << ""
                                     << "mon,mun"
                                     << ""
                                     << "'mun' is not a day";
        QTest::newRow("open range") << ""
                                    << "mon-"
                                    << ""
                                    << "'' is not a day";
        QTest::newRow("empty item") << ""
                                    << "mon,,fri"
                                    << ""
                                    << "'' is not a day";
        QTest::newRow("bad zone") << ""
                                  << ""
                                  << "Europe/Berln"
                                  << "Unknown time zone 'Europe/Berln'";
    }
    void rejects()
    {
        QFETCH(QString, hours);
        QFETCH(QString, days);
        QFETCH(QString, tz);
        QFETCH(QString, mentions);
        const Result<TimeWindow> w = TimeWindow::parse(hours, days, tz);
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, Error::Code::Invalid);
        QVERIFY2(w.errorMessage().contains(mentions), qPrintable(w.errorMessage()));
    }

    void defaults()
    {
        const TimeWindow w = window(u"00:00-24:00");
        QCOMPARE(w.timeZoneId(), QByteArray("UTC"));
        QVERIFY(w.permits(utc(2026, 5, 5, 0, 0)) && w.permits(utc(2026, 5, 5, 23, 59)));
        QVERIFY(TimeWindow().permits(0));
        QCOMPARE(window(u"1:05-2:00", {}, u"Asia/Kolkata").timeZoneId(), QByteArray("Asia/Kolkata"));
        QCOMPARE(window(u"1:05-2:00").startMinute(), 65);
    }
};

QTEST_GUILESS_MAIN(TestTimeWindow)
#include "tst_timewindow.moc"
