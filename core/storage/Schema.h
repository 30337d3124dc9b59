#pragma once

#include "util/Result.h"

class QSqlDatabase;

namespace kw::schema {

// The vault's schema is a list of numbered migrations; PRAGMA user_version records how far a file has
// come. Opening an older file migrates it forward inside one transaction; a newer file is refused.
int latestVersion();
Result<int> currentVersion(QSqlDatabase& db);
// Applies migrations (current, target] in one transaction. target = -1: the latest.
Status migrate(QSqlDatabase& db, int targetVersion = -1);

} // namespace kw::schema
