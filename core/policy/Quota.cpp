#include "policy/Quota.h"

#include <algorithm>

namespace kw {

namespace {

Error bad(QStringView text, const QString& why)
{
    return Error::invalid(QStringLiteral("Invalid quota '%1': %2").arg(text, why));
}

// The first instant of a local calendar date. Where midnight falls in a DST gap (e.g. America/Santiago)
// Qt moves it forward by the gap, which is the first instant that exists on that date.
qint64 startOfDate(QDate date, const QTimeZone& zone)
{
    return QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
}

QDate periodFirstDate(Quota::Period period, qint64 utcMs, const QTimeZone& zone)
{
    const QDate local = QDateTime::fromMSecsSinceEpoch(utcMs, zone).date();
    return period == Quota::Period::Day ? local : QDate(local.year(), local.month(), 1);
}

} // namespace

Result<Quota> Quota::parse(QStringView text)
{
    const QStringView t = text.trimmed();
    const qsizetype slash = t.indexOf(u'/');
    if (slash < 0)
        return bad(text, QStringLiteral("use AMOUNT/day or AMOUNT/month, e.g. 1000/day"));
    const QStringView amountText = t.first(slash).trimmed();
    const QStringView unit = t.sliced(slash + 1).trimmed();

    Quota q;
    bool ok = false;
    const bool digitsOnly = !amountText.isEmpty() && std::all_of(amountText.begin(), amountText.end(),
                                                                 [](QChar c) { return c >= u'0' && c <= u'9'; });
    q.amount = digitsOnly ? amountText.toLongLong(&ok) : 0;
    if (!ok || q.amount <= 0)
        return bad(text, QStringLiteral("the amount '%1' must be a whole number greater than zero").arg(amountText));
    if (unit == u"day")
        q.period = Period::Day;
    else if (unit == u"month")
        q.period = Period::Month;
    else
        return bad(text, QStringLiteral("unknown period '%1'; use day or month").arg(unit));
    return q;
}

QString Quota::toString() const
{
    return QString::number(amount) + (period == Period::Day ? QStringLiteral("/day") : QStringLiteral("/month"));
}

qint64 Quota::periodStart(Period period, qint64 utcMs, const QTimeZone& zone)
{
    return startOfDate(periodFirstDate(period, utcMs, zone), zone);
}

qint64 Quota::periodEnd(Period period, qint64 utcMs, const QTimeZone& zone)
{
    const QDate first = periodFirstDate(period, utcMs, zone);
    return startOfDate(period == Period::Day ? first.addDays(1) : first.addMonths(1), zone);
}

} // namespace kw
