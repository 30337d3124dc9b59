#pragma once

#include "util/Result.h"

#include <QVariant>

#include <optional>

class QSqlDatabase;

namespace kw::schema {

// The vault's schema is a list of numbered migrations; PRAGMA user_version records how far a file has
// come. Opening an older file migrates it forward inside one transaction; a newer file is refused.
int latestVersion();
Result<int> currentVersion(QSqlDatabase& db);
// Applies migrations (current, target] in one transaction. target = -1: the latest.
Status migrate(QSqlDatabase& db, int targetVersion = -1);

// The value of keys.grace_ms / keys.rotate_every_ms for a policy field: NULL when the key's own policy does not set it.
QVariant policyColumn(const std::optional<qint64>& value);

} // namespace kw::schema
