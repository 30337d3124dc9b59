#include "policy/RateLimitSpec.h"

namespace kw {

namespace {

Error bad(QStringView text, const QString& why)
{
    return Error::invalid(QStringLiteral("Invalid rate limit '%1': %2").arg(text, why));
}

// A positive decimal no larger than `max`, or -1.
qint64 parseCount(QStringView t, qint64 max)
{
    if (t.isEmpty() || t.size() > 10)
        return -1;
    qint64 v = 0;
    for (QChar c : t) {
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v >= 1 && v <= max ? v : -1;
}

qint64 periodOf(QStringView unit)
{
    if (unit == u"s")
        return 1'000;
    if (unit == u"m")
        return 60'000;
    if (unit == u"h")
        return 3'600'000;
    if (unit == u"d")
        return 86'400'000;
    return -1;
}

} // namespace

Result<RateLimitSpec> RateLimitSpec::parse(QStringView text)
{
    const QStringView t = text.trimmed();
    const qsizetype slash = t.indexOf(u'/');
    if (slash < 0)
        return bad(text, QStringLiteral("use COUNT/UNIT[:BURST] with unit s, m, h or d, e.g. 100/s or 100/s:200"));
    const qsizetype colon = t.indexOf(u':', slash);
    const QStringView countText = t.first(slash).trimmed();
    const QStringView unit = (colon < 0 ? t.sliced(slash + 1) : t.sliced(slash + 1, colon - slash - 1)).trimmed();

    RateLimitSpec spec;
    spec.count = parseCount(countText, kMaxCount);
    if (spec.count < 0)
        return bad(text,
                   QStringLiteral("the count '%1' must be a whole number from 1 to %2").arg(countText).arg(kMaxCount));
    spec.periodMs = periodOf(unit);
    if (spec.periodMs < 0)
        return bad(text, QStringLiteral("unknown unit '%1'; use s, m, h or d").arg(unit));
    spec.burst = spec.count;
    if (colon >= 0) {
        const QStringView burstText = t.sliced(colon + 1).trimmed();
        spec.burst = parseCount(burstText, kMaxBurst);
        if (spec.burst < 0)
            return bad(
                text,
                QStringLiteral("the burst '%1' must be a whole number from 1 to %2").arg(burstText).arg(kMaxBurst));
    }
    return spec;
}

Result<QList<RateLimitSpec>> RateLimitSpec::parseList(const QStringList& texts)
{
    QList<RateLimitSpec> out;
    for (const QString& entry : texts) {
        for (QStringView item : QStringView(entry).split(u',', Qt::SkipEmptyParts)) {
            Result<RateLimitSpec> spec = parse(item.trimmed());
            if (!spec)
                return spec.error();
            out << *spec;
        }
    }
    return out;
}

QString RateLimitSpec::toString() const
{
    const char* unit = periodMs == 1'000 ? "s" : periodMs == 60'000 ? "m" : periodMs == 3'600'000 ? "h" : "d";
    QString s = QString::number(count) + u'/' + QLatin1StringView(unit);
    if (burst != count)
        s += u':' + QString::number(burst);
    return s;
}

} // namespace kw
