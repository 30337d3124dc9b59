#pragma once

#include "util/Result.h"

#include <QStringList>
#include <QStringView>

#include <vector>

namespace kw {

// The permissions a key carries: dotted names ("billing.read"), subtree wildcards ("billing.*") and "*".
// Segments are [a-z0-9_-]+; "*" may only be a whole, final segment. "billing.*" grants everything below
// billing ("billing.read", "billing.invoices.write") but not "billing" itself.
//
// Compiled once into two sorted arrays (exact names, wildcard stems) so grants() is a few binary searches
// over the requested name's own characters: no allocation, no regex.
class PermissionSet {
public:
    PermissionSet() = default; // grants nothing

    static Result<PermissionSet> parse(const QStringList& permissions);
    // Checks one permission's syntax; wildcards allowed.
    static Status validate(QStringView permission);

    // A request names one concrete permission; a malformed request or one containing '*' is never granted.
    bool grants(QStringView requested) const;
    bool grantsAll(const QStringList& requested) const;

    bool isEmpty() const { return !m_all && m_exact.empty() && m_stems.empty(); }
    // Normalised (sorted, deduplicated) permissions as written.
    QStringList toStringList() const;

private:
    bool m_all = false;
    std::vector<QString> m_exact; // "billing.read"
    std::vector<QString> m_stems; // "billing" for "billing.*"
};

} // namespace kw
