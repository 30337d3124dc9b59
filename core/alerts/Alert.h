#pragma once

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace kw {

// What an alert rule watches.
enum class AlertKind {
    ExpiryWithin,     // a key expires within one of the thresholds (days); fires once per key and threshold
    GraceEntered,     // a key is past its expiry, inside its grace period; once per key and expiry
    QuotaAbove,       // a key used at least threshold % of its quota in the current period; once per period
    RateLimitedAbove, // at least threshold RATE_LIMITED answers for a key within the window
    ErrorBurst,       // at least threshold upstream errors for a key within the window (and, with a second
                      // threshold, at least that % of its requests)
    Anomaly,          // usageAnomalies over the window (spike, error-burst, off-hours, new-ip)
    BadKeyRepeated,   // revoked/expired/unknown/malformed keys presented >= threshold times within the window
                      // from one source address (keywardend); optionally blocks the address for blockMs
    NewClientNetwork, // first use of a key from a /24 (IPv4) or /64 (IPv6) it was never used from
    AuditChainBroken, // the audit trail's hash chain failed verification
};
QString toString(AlertKind kind);
std::optional<AlertKind> alertKindFromString(QStringView text);
QStringList alertKindNames();

enum class AlertSeverity { Info, Warning, Critical };
QString toString(AlertSeverity severity);
std::optional<AlertSeverity> alertSeverityFromString(QStringView text);

enum class AlertState { Open, Acknowledged, Resolved };
QString toString(AlertState state);
std::optional<AlertState> alertStateFromString(QStringView text);

struct AlertRule {
    qint64 id = 0; // 0: saveAlertRule creates
    AlertKind kind = AlertKind::ExpiryWithin;
    bool enabled = true;
    // expiry_within: days (several); quota_above: percent; rate_limited_above, bad_key_repeated: count;
    // error_burst: count [, percent]; unused by grace_entered, anomaly, new_client_network, audit_chain_broken.
    QList<qint64> thresholds;
    qint64 windowMs = 0; // rate_limited_above, error_burst, bad_key_repeated, anomaly (look-back)
    QString project;     // "": every project
    QString service;     // "": every service (needs a project)
    AlertSeverity severity = AlertSeverity::Warning;
    bool notifyContacts = true; // the contacts of the alert's project/service
    bool notifyOwner = false;   // the key's owner, when it is an e-mail address (expiry kinds)
    qint64 blockMs = 0;         // bad_key_repeated: block the source address this long (0: never)
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    qint64 threshold(int i = 0) const { return thresholds.value(i); }
    // Checks the fields this kind needs; the error names the field.
    Status validate() const;
    QJsonObject toJson() const;
    friend bool operator==(const AlertRule&, const AlertRule&) = default;

    // The rules a new vault starts with.
    static QList<AlertRule> defaults();
};

struct Alert {
    qint64 id = 0;
    qint64 ruleId = 0;
    AlertKind kind = AlertKind::ExpiryWithin;
    QString dedupKey; // one open or acknowledged alert per key: a repeat bumps count and lastSeen
    AlertSeverity severity = AlertSeverity::Warning;
    QString title;
    QString detail; // never a secret
    QString keyId;
    QString project;
    QString service;
    QString sourceIp;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
    qint64 count = 1;
    AlertState state = AlertState::Open;
    QString acknowledgedBy;
    qint64 acknowledgedAt = 0;
    QString resolvedBy;
    qint64 resolvedAt = 0;
    QString note;

    QJsonObject toJson() const;
    friend bool operator==(const Alert&, const Alert&) = default;
};

struct AlertQuery {
    std::optional<AlertState> state; // nullopt: any
    bool activeOnly = false;         // open or acknowledged (ignored when state is set)
    std::optional<AlertKind> kind;
    QString project;
    QString keyId;
    int limit = 500; // newest (lastSeen) first
};

} // namespace kw
