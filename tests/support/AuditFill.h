#pragma once

#include "storage/LocalVault.h"

namespace kwtest {

// Appends `count` audit entries to a vault in bulk (one transaction, the sqlite3 C API), hash-chained exactly as
// AuditLog writes them, then one ordinary entry ("team.create" of team "audit-fill") through the vault so the
// authenticated head follows. Entries cycle through a few actors, roles and actions ("key.create", "key.suspend",
// "key.revoke", "policy.apply", "usage.import"); every 100th carries incident "INC-<n/100>"; entry i has target
// "key_fill_<i % 1000>", reason "reason <i>" and time startMs + i seconds. With `index`, the full-text index is
// filled too (slower). Returns an empty string or what failed.
QString fillAuditTrail(kw::LocalVault& vault, qint64 count, qint64 startMs, bool index = true);

} // namespace kwtest
