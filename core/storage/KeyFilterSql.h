#pragma once

#include "Backend.h"

#include <QStringList>
#include <QVariantList>

namespace kw::sql {

// A KeyFilter as a WHERE condition over "keys k" in portable SQL with positional bindings. It reads only columns of
// keys and looks names up in subqueries, so listing, counting and grouping share one condition and an aggregate
// needs no join to read it. The parent must already be resolved to a key id ("" for keys without a parent).
struct Condition {
    QString where; // empty: every key
    QVariantList binds;
};
Result<Condition> keyFilterCondition(const KeyFilter& filter, qint64 nowMs, const std::optional<QString>& parentId);

// Keys that count as expired at nowMs among those of a condition (one binding: nowMs): stored as active or rotating
// with an expiry at or before now — the same rule as the "expired" status filter.
QString expiredCondition();

} // namespace kw::sql
