#pragma once

#include "policy/Quota.h"
#include "policy/RateLimitSpec.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace kw {

// Every rule that governs a key, each one optional. An unset field is inherited, in this order (later
// wins): workspace defaults → project template → project → environment → key template → key.
// The same structure serves as a named template ("prod-90d") and as the defaults of a scope.
struct KeyPolicy {
    std::optional<qint64> ttlMs;   // expiry of new keys, relative to creation
    std::optional<qint64> graceMs; // still valid this long after expiry, flagged inGrace
    std::optional<qint64> maxUses; // usage-based expiration: lifetime uses (when there is no refill)
    std::optional<Quota> refill;   // "1000/day": this many uses per period, restored at each period start
    std::optional<QList<RateLimitSpec>> rateLimits;
    std::optional<Quota> quota; // units (cost) per day/month
    std::optional<QStringList> permissions;
    std::optional<QStringList> roles;
    std::optional<QStringList> allowIps;
    std::optional<QStringList> denyIps;
    std::optional<QString> hours;            // "09:00-17:30"
    std::optional<QString> days;             // "mon-fri"
    std::optional<QString> timeZone;         // IANA id; governs the time window and quota/refill periods
    std::optional<qint64> rotateEveryMs;     // automatic rotation schedule
    std::optional<qint64> rotationOverlapMs; // how long the old key stays valid beside its successor
    std::optional<bool> renewalRequiresApproval;

    bool isEmpty() const { return toJson().isEmpty(); }

    // `this` over `base`: every field set here wins.
    KeyPolicy overlaidOn(const KeyPolicy& base) const;

    // Checks that every rule parses (CIDRs, windows, zone, permissions); the error names the field.
    Status validate() const;

    QJsonObject toJson() const;
    // Strict: unknown fields and wrong types are errors naming the field.
    static Result<KeyPolicy> fromJson(const QJsonObject& object);
    static Result<KeyPolicy> fromJsonText(const QString& text);
    QString toJsonText() const;
};

} // namespace kw
