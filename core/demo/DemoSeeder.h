#pragma once

#include "storage/Vault.h"
#include "util/Result.h"
#include "util/SecureBytes.h"

namespace kw {

class LocalVault;

namespace demo {

// The organisation is set up (teams, policies, keys issued, suspended, revoked) this long before the demo's present,
// so that 90 days of usage, keys created months ago and expiries already passed all fit one consistent history.
inline constexpr qint64 kSetupLeadMs = 120LL * 86'400'000;
// Usage covers the last this many days before the present.
inline constexpr int kUsageDays = 90;

} // namespace demo

// Fills an empty vault with a realistic organisation for demonstrations and manual testing: five teams, eight
// projects with dev/staging/prod environments and their services and prices, about 350 keys with owners, tags,
// metadata, parents and children, backup keys, dependencies, suspended and revoked keys (reasons, incident ids),
// rotated keys, a pending renewal, expiries over the next six months (some within a week, some in their grace
// period, some long past), policy templates (rate limits, quotas, IP and time restrictions) applied to scopes and
// keys, and roles. Then 90 days of usage loaded as rollups (LocalVault::importUsageRollups): a working-day rhythm,
// quieter weekends and nights, rejections and upstream errors, and one anomaly — a key whose night traffic in the
// last three days jumps far above its baseline.
//
// Keys are issued at the vault's clock, which must read at least kUsageDays + 1 days before nowMs (open the vault over
// a clock set to nowMs - demo::kSetupLeadMs, as `kwctl vault demo` does); usage and expiries are placed relative to
// nowMs. Everything is one transaction: on failure the vault is as it was. The same seed gives the same organisation,
// names, statuses and usage figures (key ids and secrets are random; no secret is kept).
Status seedDemoVault(LocalVault& vault, qint64 nowMs, quint32 seed);

struct DemoVaultSummary {
    qint64 keys = 0;
    qint64 requests = 0; // verified over the last demo::kUsageDays days
};

// Creates a new vault file at `path` and seeds it as above, with the set-back clock the history needs; the
// vault is closed again when this returns. On failure nothing is left behind (the file was made here).
// Used by `kwctl vault demo` and the console's --demo.
Result<DemoVaultSummary> createDemoVault(const QString& path, const SecureBytes& passphrase,
                                         const Vault::CreateOptions& options, qint64 nowMs, quint32 seed);

} // namespace kw
