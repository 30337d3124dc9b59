#pragma once

#include "domain/KeyRecord.h"
#include "util/SecureBytes.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace kw {
class Backend;
}

namespace kw::ui {

// Key-looking strings in pasted text (a leaked secret, a log excerpt, a diff), checksum-validated offline;
// only the ones whose checksum holds are looked up, by hash. Secrets stay in SecureBytes and are never
// shown again: a finding names its line and display id.
struct LeakFinding {
    int line = 0;      // 1-based line of the pasted text
    QString displayId; // from the string itself (prefix + first characters): not secret
    bool checksumValid = false;
    std::optional<KeyRecord> key; // the vault's key with that secret, when there is one
};

struct LeakScan {
    std::vector<SecureBytes> secrets; // checksum-valid candidates, in order (deduplicated)
    QList<LeakFinding> findings;      // every candidate, valid or not
    int candidates() const { return int(findings.size()); }
    int valid() const;
    int matched() const;

    // Scans `text` (wiped by the caller afterwards). Runs on any thread, no store access.
    static LeakScan scan(const QByteArray& text);
    // Looks the valid candidates up (on the backend's thread) and fills findings[].key; the secrets are
    // wiped afterwards.
    Status lookUp(Backend& backend);
};

} // namespace kw::ui
