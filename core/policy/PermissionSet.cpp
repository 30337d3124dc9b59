#include "policy/PermissionSet.h"

#include <algorithm>

namespace kw {

namespace {

bool isSegmentChar(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
}

// Empty string if `p` is a well-formed concrete permission, else why not. Used on the hot path only
// through isConcrete(), which never builds the message.
template <bool WithMessage> QString checkSyntax(QStringView p, bool allowWildcard, bool* ok)
{
    *ok = false;
    if (p.isEmpty()) {
        return WithMessage ? QStringLiteral("it is empty") : QString();
    }
    qsizetype segStart = 0;
    for (qsizetype i = 0; i <= p.size(); ++i) {
        if (i < p.size() && p[i] != u'.')
            continue;
        const QStringView seg = p.mid(segStart, i - segStart);
        const bool last = i == p.size();
        if (seg.isEmpty())
            return WithMessage ? QStringLiteral("it has an empty segment (check for '..' or a leading or trailing '.')")
                               : QString();
        if (seg == u"*") {
            if (!allowWildcard || !last)
                return WithMessage ? (allowWildcard ? QStringLiteral("'*' may only be the last segment")
                                                    : QStringLiteral("a requested permission cannot contain '*'"))
                                   : QString();
        } else {
            for (QChar c : seg) {
                if (!isSegmentChar(c.unicode()))
                    return WithMessage ? QStringLiteral("'%1' is not allowed; segments use a-z, 0-9, '_' and '-', or "
                                                        "are a whole '*' at the end")
                                             .arg(c)
                                       : QString();
            }
        }
        segStart = i + 1;
    }
    *ok = true;
    return {};
}

bool isConcrete(QStringView p)
{
    bool ok = false;
    checkSyntax<false>(p, false, &ok);
    return ok;
}

bool containsSorted(const std::vector<QString>& v, QStringView key)
{
    const auto it = std::lower_bound(v.begin(), v.end(), key,
                                     [](const QString& a, QStringView b) { return QStringView(a).compare(b) < 0; });
    return it != v.end() && QStringView(*it) == key;
}

void sortUnique(std::vector<QString>& v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

Status PermissionSet::validate(QStringView permission)
{
    bool ok = false;
    const QString why = checkSyntax<true>(permission, true, &ok);
    if (ok)
        return {};
    return Error::invalid(QStringLiteral("Invalid permission '%1': %2").arg(permission, why));
}

Result<PermissionSet> PermissionSet::parse(const QStringList& permissions)
{
    PermissionSet set;
    for (const QString& raw : permissions) {
        const QStringView p = QStringView(raw).trimmed();
        if (Status s = validate(p); !s)
            return s.error();
        if (p == u"*")
            set.m_all = true;
        else if (p.endsWith(u".*"))
            set.m_stems.push_back(p.chopped(2).toString());
        else
            set.m_exact.push_back(p.toString());
    }
    sortUnique(set.m_exact);
    sortUnique(set.m_stems);
    return set;
}

bool PermissionSet::grants(QStringView requested) const
{
    if (!isConcrete(requested))
        return false;
    if (m_all)
        return true;
    if (containsSorted(m_exact, requested))
        return true;
    if (m_stems.empty())
        return false;
    // Every proper dotted prefix of the request is a stem that would grant it.
    for (qsizetype i = requested.indexOf(u'.'); i >= 0; i = requested.indexOf(u'.', i + 1)) {
        if (containsSorted(m_stems, requested.first(i)))
            return true;
    }
    return false;
}

bool PermissionSet::grantsAll(const QStringList& requested) const
{
    return std::all_of(requested.begin(), requested.end(), [this](const QString& r) { return grants(r); });
}

QStringList PermissionSet::toStringList() const
{
    QStringList out;
    if (m_all)
        out << QStringLiteral("*");
    for (const QString& s : m_stems)
        out << s + QStringLiteral(".*");
    for (const QString& e : m_exact)
        out << e;
    out.sort();
    return out;
}

} // namespace kw
