#include "policy/Duration.h"

#include <array>

namespace kw {

namespace {

struct Unit {
    const char* name;
    qint64 ms;
};

// Order matters: parseMs() requires units in this order, and format() emits them in it.
constexpr std::array<Unit, 6> kUnits{{
    {"w", 7 * 86'400'000LL},
    {"d", 86'400'000LL},
    {"h", 3'600'000LL},
    {"m", 60'000LL},
    {"s", 1'000LL},
    {"ms", 1LL},
}};

Error bad(QStringView text, const QString& why)
{
    return Error::invalid(QStringLiteral("Invalid duration '%1': %2").arg(text, why));
}

} // namespace

Result<qint64> Duration::parseMs(QStringView text)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return bad(text, QStringLiteral("it is empty; use a number and a unit, e.g. 90d, 12h, 30m, 45s or 1d12h"));
    if (s.front() == u'-')
        return bad(text, QStringLiteral("durations cannot be negative"));

    qint64 total = 0;
    qsizetype i = 0;
    size_t nextUnit = 0; // index into kUnits: units must come largest first, each once
    while (i < s.size()) {
        qint64 n = 0;
        const qsizetype digitsStart = i;
        for (; i < s.size() && s[i].isDigit() && s[i].unicode() < 128; ++i) {
            if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, s[i].unicode() - u'0', &n))
                return bad(text, QStringLiteral("the number is too large"));
        }
        if (i == digitsStart)
            return bad(text, QStringLiteral("expected a number at '%1'").arg(s.mid(i)));
        const qsizetype unitStart = i;
        while (i < s.size() && s[i].isLetter())
            ++i;
        const QStringView unit = s.mid(unitStart, i - unitStart);
        if (unit.isEmpty() && i < s.size())
            return bad(text, QStringLiteral("unexpected '%1'; use whole numbers with units, e.g. 1d12h").arg(s[i]));
        if (unit.isEmpty())
            return bad(text, QStringLiteral("'%1' has no unit; use w, d, h, m, s or ms").arg(s.mid(digitsStart)));

        size_t u = 0;
        while (u < kUnits.size() && unit.compare(QLatin1StringView(kUnits[u].name), Qt::CaseInsensitive) != 0)
            ++u;
        if (u == kUnits.size())
            return bad(text, QStringLiteral("unknown unit '%1'; use w, d, h, m, s or ms").arg(unit));
        if (u < nextUnit)
            return bad(text, QStringLiteral("units must appear once each, largest first (e.g. 1d12h)"));
        nextUnit = u + 1;

        qint64 part = 0;
        if (__builtin_mul_overflow(n, kUnits[u].ms, &part) || __builtin_add_overflow(total, part, &total))
            return bad(text, QStringLiteral("the duration is too long"));
    }
    if (total == 0)
        return bad(text, QStringLiteral("the duration must be greater than zero"));
    return total;
}

QString Duration::format(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0s");
    QString out;
    quint64 rest = ms < 0 ? 0 - quint64(ms) : quint64(ms);
    if (ms < 0)
        out += u'-';
    for (size_t u = 1; u < kUnits.size(); ++u) { // skip weeks: "90d" reads better than "12w6d"
        const quint64 n = rest / quint64(kUnits[u].ms);
        if (n == 0)
            continue;
        rest -= n * quint64(kUnits[u].ms);
        out += QString::number(n) + QLatin1StringView(kUnits[u].name);
    }
    return out;
}

} // namespace kw
