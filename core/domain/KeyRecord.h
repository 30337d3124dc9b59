#pragma once

#include "domain/KeyStatus.h"
#include "policy/KeyPolicy.h"

#include <QJsonObject>
#include <QStringList>

namespace kw {

// Everything known about a key except its secret. Safe to log, list and export.
struct KeyRecord {
    QString id;        // stable identifier, "key_" + 16 base62 characters
    QString displayId; // prefix + first characters of the random part: recognisable, not secret
    QString name;
    QString project;
    QString environment;
    QString team;
    QStringList services;
    QString owner;
    QStringList tags;
    QJsonObject metadata;
    KeyStatus status = KeyStatus::Active; // stored state
    qint64 createdAt = 0;
    qint64 expiresAt = 0; // 0: never
    QString parentId;
    QStringList dependsOn;
    bool backup = false;      // a standby key, activated when its primary is revoked
    bool recoverable = false; // the secret is kept encrypted and can be shown again
    QString statusReason;     // why it was last suspended, resumed or revoked
    QString incidentId;
    qint64 statusChangedAt = 0;
    qint64 lastUsedAt = 0;
    QString policyTemplate; // template applied to the key itself
    KeyPolicy policy;       // the key's own rules (not the inherited ones: see Backend::effectivePolicy)
    QString successorId;    // set once rotated
    QString predecessorId;
    qint64 usesConsumed = 0;
    qint64 graceMs = 0;    // effective grace period, for effectiveStatus
    qint64 childCount = 0; // keys whose parent is this key
    bool inGrace(qint64 nowMs) const { return expiresAt != 0 && nowMs >= expiresAt && nowMs < expiresAt + graceMs; }

    // Stored state combined with the clock: an active key past its expiry is expired.
    KeyStatus effectiveStatus(qint64 nowMs) const;
    QJsonObject toJson(qint64 nowMs) const;
};

} // namespace kw
