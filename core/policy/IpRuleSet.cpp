#include "policy/IpRuleSet.h"

#include <algorithm>

namespace kw {

namespace {

constexpr quint64 kAll = ~quint64(0);

// The mask of the first `bits` bits (0-64) of a 64-bit half.
quint64 headMask(int bits)
{
    return bits <= 0 ? 0 : bits >= 64 ? kAll : kAll << (64 - bits);
}

} // namespace

Result<IpRuleSet::Rule> IpRuleSet::parseRule(QStringView text, const QString& listName)
{
    const auto bad = [&](const QString& why) {
        return Error::invalid(QStringLiteral("Invalid IP rule '%1' in the %2 list: %3").arg(text, listName, why));
    };
    const QStringView entry = text.trimmed();
    if (entry.isEmpty())
        return bad(QStringLiteral("it is empty"));
    const qsizetype slash = entry.indexOf(u'/');
    const QStringView addrText = slash < 0 ? entry : entry.first(slash);
    const std::optional<IpAddress> addr = IpAddress::parse(addrText);
    if (!addr)
        return bad(QStringLiteral("'%1' is not an IPv4 or IPv6 address").arg(addrText));

    const bool writtenV6 = addrText.contains(u':');
    const int maxPrefix = writtenV6 ? 128 : 32;
    int prefix = maxPrefix;
    if (slash >= 0) {
        const QStringView p = entry.sliced(slash + 1);
        const bool digits = !p.isEmpty() && p.size() <= 3 &&
                            std::all_of(p.begin(), p.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
        prefix = digits ? p.toInt() : -1;
        if (prefix < 0 || prefix > maxPrefix)
            return bad(QStringLiteral("the prefix length after '/' must be a number from 0 to %1 for %2")
                           .arg(maxPrefix)
                           .arg(writtenV6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4")));
    }

    // Work in 128-bit space, where an IPv4 /p is an IPv4-mapped /(96+p).
    const int bits = writtenV6 ? prefix : 96 + prefix;
    Rule r;
    r.maskHi = headMask(bits);
    r.maskLo = headMask(bits - 64);
    r.hi = addr->hi() & r.maskHi;
    r.lo = addr->lo() & r.maskLo;
    const bool mappedRange = bits >= 96 && r.hi == 0 && (r.lo >> 32) == 0xffff;
    r.family = mappedRange ? IpAddress::Family::V4 : IpAddress::Family::V6;
    r.prefix = mappedRange ? bits - 96 : bits;
    return r;
}

Result<IpRuleSet> IpRuleSet::parse(const QStringList& allow, const QStringList& deny)
{
    IpRuleSet set;
    const QString allowName = QStringLiteral("allow"), denyName = QStringLiteral("deny");
    for (const QString& e : allow) {
        Result<Rule> r = parseRule(e, allowName);
        if (!r)
            return r.error();
        set.m_allow.push_back(*r);
    }
    for (const QString& e : deny) {
        Result<Rule> r = parseRule(e, denyName);
        if (!r)
            return r.error();
        set.m_deny.push_back(*r);
    }
    return set;
}

bool IpRuleSet::permits(const IpAddress& address) const
{
    for (const Rule& r : m_deny) {
        if (r.matches(address))
            return false;
    }
    if (m_allow.empty())
        return true;
    for (const Rule& r : m_allow) {
        if (r.matches(address))
            return true;
    }
    return false;
}

QStringList IpRuleSet::toStrings(const std::vector<Rule>& rules)
{
    QStringList out;
    for (const Rule& r : rules) {
        const IpAddress net = IpAddress::fromV6(r.hi, r.lo);
        out << net.toString() + u'/' + QString::number(r.prefix);
    }
    return out;
}

} // namespace kw
