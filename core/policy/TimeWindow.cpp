#include "policy/TimeWindow.h"

#include <QHash>
#include <QMutex>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <vector>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr std::array<const char*, 7> kDayNames{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

Error badHours(QStringView text, const QString& why)
{
    return Error::invalid(QStringLiteral("Invalid hours '%1': %2").arg(text, why));
}

// "HH:MM" as minutes since midnight, or -1. 24:00 is accepted; the caller decides where it is allowed.
int parseClock(QStringView t)
{
    const qsizetype colon = t.indexOf(u':');
    if (colon < 1 || colon > 2 || t.size() != colon + 3)
        return -1;
    int v[2] = {0, 0};
    const QStringView parts[2] = {t.first(colon), t.sliced(colon + 1)};
    for (int k = 0; k < 2; ++k) {
        for (QChar c : parts[k]) {
            if (c < u'0' || c > u'9')
                return -1;
            v[k] = v[k] * 10 + (c.unicode() - u'0');
        }
    }
    if (v[1] > 59 || v[0] > 24 || (v[0] == 24 && v[1] != 0))
        return -1;
    return v[0] * 60 + v[1];
}

int dayIndex(QStringView name)
{
    for (size_t d = 0; d < kDayNames.size(); ++d) {
        if (name.compare(QLatin1StringView(kDayNames[d]), Qt::CaseInsensitive) == 0)
            return int(d);
    }
    return -1;
}

} // namespace

struct TimeWindow::OffsetTable {
    QTimeZone zone;
    qint64 fromMs = 0;
    qint64 untilMs = 0;
    qint64 initialOffsetMs = 0;
    std::vector<qint64> transitionAt; // UTC ms, ascending
    std::vector<qint64> offsetAfter;  // offset in ms from transitionAt[i] on

    qint64 offsetMs(qint64 utcMs) const
    {
        if (utcMs < fromMs || utcMs >= untilMs)
            return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC))) * 1000;
        const auto it = std::upper_bound(transitionAt.begin(), transitionAt.end(), utcMs);
        return it == transitionAt.begin() ? initialOffsetMs : offsetAfter[size_t(it - transitionAt.begin() - 1)];
    }

    static std::shared_ptr<const OffsetTable> build(const QTimeZone& zone)
    {
        auto t = std::make_shared<OffsetTable>();
        t->zone = zone;
        const QDateTime from(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
        const QDateTime until(QDate(2200, 1, 1), QTime(0, 0), Qt::UTC);
        t->fromMs = from.toMSecsSinceEpoch();
        t->untilMs = until.toMSecsSinceEpoch();
        t->initialOffsetMs = qint64(zone.offsetFromUtc(from)) * 1000;
        if (zone.hasTransitions()) {
            for (const QTimeZone::OffsetData& d : zone.transitions(from, until)) {
                t->transitionAt.push_back(d.atUtc.toMSecsSinceEpoch());
                t->offsetAfter.push_back(qint64(d.offsetFromUtc) * 1000);
            }
        }
        return t;
    }

    // Tables are shared by zone id: a million keys in Europe/Berlin need one table, not a million.
    static std::shared_ptr<const OffsetTable> forZone(const QTimeZone& zone)
    {
        static QMutex mutex;
        static QHash<QByteArray, std::shared_ptr<const OffsetTable>> cache;
        const QMutexLocker lock(&mutex);
        auto& slot = cache[zone.id()];
        if (!slot)
            slot = build(zone);
        return slot;
    }
};

Result<TimeWindow> TimeWindow::parse(QStringView hours, QStringView days, QStringView timeZone)
{
    TimeWindow w;

    const QStringView h = hours.trimmed();
    if (!h.isEmpty()) {
        const qsizetype dash = h.indexOf(u'-');
        if (dash < 0)
            return badHours(hours, QStringLiteral("use HH:MM-HH:MM, e.g. 09:00-17:30 or 22:00-06:00"));
        const QStringView a = h.first(dash).trimmed(), b = h.sliced(dash + 1).trimmed();
        w.m_start = parseClock(a);
        w.m_end = parseClock(b);
        if (w.m_start < 0 || w.m_start == 24 * 60)
            return badHours(hours, QStringLiteral("'%1' is not a start time from 00:00 to 23:59").arg(a));
        if (w.m_end < 0)
            return badHours(hours, QStringLiteral("'%1' is not an end time from 00:00 to 24:00").arg(b));
        if (w.m_end == w.m_start)
            return badHours(hours, QStringLiteral("start and end are the same; leave hours empty for all day"));
    }

    const QStringView d = days.trimmed();
    if (!d.isEmpty()) {
        w.m_days = 0;
        for (QStringView item : d.split(u',')) {
            item = item.trimmed();
            const qsizetype dash = item.indexOf(u'-');
            const QStringView first = dash < 0 ? item : item.first(dash).trimmed();
            const QStringView last = dash < 0 ? item : item.sliced(dash + 1).trimmed();
            const int from = dayIndex(first), to = dayIndex(last);
            const QStringView unknown = from < 0 ? first : last;
            if (from < 0 || to < 0)
                return Error::invalid(
                    QStringLiteral("Invalid days '%1': '%2' is not a day; use mon, tue, wed, thu, fri, sat, sun, "
                                   "ranges like mon-fri and lists like sat,sun")
                        .arg(days, unknown));
            for (int k = from;; k = (k + 1) % 7) { // a range may wrap the week: fri-mon
                w.m_days |= quint8(1u << k);
                if (k == to)
                    break;
            }
        }
    }

    const QStringView tz = timeZone.trimmed();
    if (!tz.isEmpty() && tz != u"UTC") {
        const QTimeZone zone(tz.toUtf8());
        if (!zone.isValid())
            return Error::invalid(
                QStringLiteral("Unknown time zone '%1': use an IANA id such as Europe/Berlin or America/New_York")
                    .arg(tz));
        w.m_zone = OffsetTable::forZone(zone);
    }
    return w;
}

bool TimeWindow::permits(qint64 utcMs) const
{
    const qint64 local = utcMs + (m_zone ? m_zone->offsetMs(utcMs) : 0);
    const qint64 day = floorDiv(local, kDayMs);
    const int minute = int((local - day * kDayMs) / 60'000);
    const int weekday = int(((day % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday; Monday = 0
    const auto open = [this](int wd) { return (m_days >> wd) & 1; };
    if (m_start < m_end)
        return minute >= m_start && minute < m_end && open(weekday);
    // Wrapping window: the evening part belongs to today, the early-morning part to yesterday's night.
    if (minute >= m_start)
        return open(weekday);
    if (minute < m_end)
        return open((weekday + 6) % 7);
    return false;
}

QByteArray TimeWindow::timeZoneId() const
{
    return m_zone ? m_zone->zone.id() : QByteArrayLiteral("UTC");
}

} // namespace kw
