#pragma once

#include "util/Result.h"

#include <QString>
#include <QTimeZone>

namespace kw {

// A usage quota or refill: "1000/day", "50000/month". Periods are calendar days and months in a time zone
// (UTC unless the policy names one), so a day across a DST change is 23 or 25 hours long.
//
// periodStart()/periodEnd() consult QTimeZone and are not meant for every request: callers keep the current
// period's end and recompute only once now >= end.
struct Quota {
    enum class Period { Day, Month };

    qint64 amount = 0;
    Period period = Period::Day;

    static Result<Quota> parse(QStringView text);
    QString toString() const;

    // The first instant (UTC ms) of the period containing utcMs, in the zone's local calendar.
    static qint64 periodStart(Period period, qint64 utcMs, const QTimeZone& zone = QTimeZone::utc());
    // The first instant of the next period: when the quota resets.
    static qint64 periodEnd(Period period, qint64 utcMs, const QTimeZone& zone = QTimeZone::utc());

    friend bool operator==(const Quota&, const Quota&) = default;
};

} // namespace kw
