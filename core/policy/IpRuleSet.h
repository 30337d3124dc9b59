#pragma once

#include "policy/IpAddress.h"
#include "util/Result.h"

#include <QStringList>

#include <vector>

namespace kw {

// Where a key may be used from: an allow list and a deny list of CIDRs or bare addresses, IPv4 or IPv6.
// A denied address is refused even if allowed; an empty allow list allows every address not denied.
//
// Families do not mix: IPv4 rules match IPv4 addresses, including IPv4-mapped IPv6 ones (::ffff:1.2.3.4);
// IPv6 rules match other IPv6 addresses, so "::/0" means "every IPv6 address", not "everything".
// An IPv6 rule written inside ::ffff:0:0/96 (e.g. "::ffff:10.0.0.0/104") is an IPv4 rule ("10.0.0.0/8").
// A CIDR with host bits set ("10.1.2.3/8") is accepted and masked to its network ("10.0.0.0/8"), as the
// Linux ip tools do, because the intent is unambiguous; toStringList() shows the masked form.
class IpRuleSet {
public:
    IpRuleSet() = default; // permits everything

    static Result<IpRuleSet> parse(const QStringList& allow, const QStringList& deny = {});

    // A linear scan of masked compares: lists hold tens of entries, where this beats any index.
    bool permits(const IpAddress& address) const;

    QStringList allowList() const { return toStrings(m_allow); }
    QStringList denyList() const { return toStrings(m_deny); }

private:
    struct Rule {
        quint64 hi, lo, maskHi, maskLo;
        IpAddress::Family family;
        int prefix; // within the family: 0-32 or 0-128
        bool matches(const IpAddress& a) const
        {
            return a.family() == family && ((a.hi() ^ hi) & maskHi) == 0 && ((a.lo() ^ lo) & maskLo) == 0;
        }
    };
    static Result<Rule> parseRule(QStringView text, const QString& listName);
    static QStringList toStrings(const std::vector<Rule>& rules);

    std::vector<Rule> m_allow;
    std::vector<Rule> m_deny;
};

} // namespace kw
