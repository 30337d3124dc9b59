#include "policy/PermissionSet.h"

#include <algorithm>
#include <cstring>

namespace kw {

namespace {

bool isSegmentChar(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'-';
}

// Why `p` is not a well-formed permission (wildcards allowed), or a null string if it is.
QString syntaxError(QStringView p)
{
    if (p.isEmpty())
        return QStringLiteral("it is empty");
    qsizetype segStart = 0;
    for (qsizetype i = 0; i <= p.size(); ++i) {
        if (i < p.size() && p[i] != u'.')
            continue;
        const QStringView seg = p.mid(segStart, i - segStart);
        if (seg.isEmpty())
            return QStringLiteral("it has an empty segment (check for '..' or a leading or trailing '.')");
        if (seg == u"*") {
            if (i != p.size())
                return QStringLiteral("'*' may only be the last segment");
        } else {
            for (QChar c : seg) {
                if (!isSegmentChar(c.unicode()))
                    return QStringLiteral("'%1' is not allowed; segments use a-z, 0-9, '_' and '-', or are a whole "
                                          "'*' at the end")
                        .arg(c);
            }
        }
        segStart = i + 1;
    }
    return {};
}

// The request-path twin of syntaxError() for concrete permissions (no '*'): one pass, no message.
bool isConcrete(QStringView p)
{
    bool segmentEmpty = true;
    for (QChar c : p) {
        if (c == u'.') {
            if (segmentEmpty)
                return false;
            segmentEmpty = true;
        } else if (isSegmentChar(c.unicode())) {
            segmentEmpty = false;
        } else {
            return false;
        }
    }
    return !segmentEmpty;
}

// Length first, then raw code units: any strict order works for lookup, and this one rejects most
// candidates on the length alone and never goes through locale- or case-aware comparison.
bool shortlexLess(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return a.size() < b.size();
    return std::memcmp(a.utf16(), b.utf16(), size_t(a.size()) * sizeof(char16_t)) < 0;
}

bool containsSorted(const std::vector<QString>& v, QStringView key)
{
    const auto it =
        std::lower_bound(v.begin(), v.end(), key, [](const QString& a, QStringView b) { return shortlexLess(a, b); });
    return it != v.end() && !shortlexLess(key, *it);
}

void sortUnique(std::vector<QString>& v)
{
    std::sort(v.begin(), v.end(), [](const QString& a, const QString& b) { return shortlexLess(a, b); });
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

} // namespace

Status PermissionSet::validate(QStringView permission)
{
    const QString why = syntaxError(permission);
    if (why.isNull())
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
