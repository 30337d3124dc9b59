#pragma once

#include "compliance/Compliance.h"
#include "crypto/Crypto.h"
#include "domain/KeyRecord.h"

#include <QHash>

namespace kw {

// Everything the rule set looks at, gathered by the backend: the inventory with each key's effective policy
// (inheritance resolved, roles expanded), the vault's KDF settings and the audit trail's last verification.
struct ComplianceInput {
    qint64 nowMs = 0;
    QList<KeyRecord> keys;
    QHash<QString, KeyPolicy> effectivePolicies; // by key id; a key without an entry is checked on its own policy
    crypto::KdfParams kdf;
    qint64 auditLastVerifiedAt = 0; // 0: never
    bool auditLastIntact = false;
    qint64 auditFirstBadSeq = 0;
};

// Evaluates the built-in rules under a configuration. Pure: no storage, no clock of its own.
class ComplianceEngine {
public:
    static ComplianceReport evaluate(const ComplianceInput& input, const ComplianceConfig& config);
    // The trend point of a report.
    static ComplianceRunSummary summarize(const ComplianceReport& report);
};

} // namespace kw
