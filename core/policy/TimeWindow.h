#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QStringView>

#include <memory>

namespace kw {

// When a key may be used: local hours on chosen weekdays in an IANA time zone (default UTC), e.g.
// --hours 09:00-17:30 --days mon-fri --tz Europe/Berlin. Start is inclusive, end exclusive; "24:00" may end.
//
// Hours that wrap midnight ("22:00-06:00") describe a night that belongs to the day it starts on, as a
// night shift does: with --days fri the window is Friday 22:00 to Saturday 06:00, not Friday 00:00-06:00.
// Local wall time is used, so across a DST change the window keeps its local hours (and is an hour shorter
// or longer in UTC that day).
//
// permits() is lock-free and allocation-free: the zone's UTC offsets are precomputed once per zone id into
// a shared, immutable table of transitions (1970-2200) and found by binary search; instants outside that
// range fall back to QTimeZone.
class TimeWindow {
public:
    TimeWindow() = default; // always open, UTC

    // Empty hours mean the whole day, empty days every day, an empty zone UTC.
    static Result<TimeWindow> parse(QStringView hours, QStringView days = {}, QStringView timeZone = {});

    bool permits(qint64 utcMs) const;

    int startMinute() const { return m_start; }
    int endMinute() const { return m_end; }
    // Bit 0 = Monday ... bit 6 = Sunday.
    quint8 dayMask() const { return m_days; }
    QByteArray timeZoneId() const;

    struct OffsetTable; // per-zone transitions; defined in the .cpp

private:
    int m_start = 0;
    int m_end = 24 * 60;
    quint8 m_days = 0x7f;
    std::shared_ptr<const OffsetTable> m_zone; // null means UTC
};

} // namespace kw
