#pragma once

#include <QJsonObject>
#include <QString>

namespace kw {

// One local day of the expiration calendar. Only days with something to show are returned.
struct ExpiryDay {
    qint64 dayStartMs = 0; // local midnight (UTC ms) of the day, at the requested utcOffsetSeconds
    qint64 expiring = 0;   // keys whose expiry falls in the day, not revoked
    qint64 inGrace = 0;    // of those, the ones inside their grace period now
    qint64 rotations = 0;  // scheduled automatic rotations due that day
    QJsonObject toJson() const;
    friend bool operator==(const ExpiryDay&, const ExpiryDay&) = default;
};

// An automatic rotation the maintenance run will perform: the key's effective policy has rotateEveryMs,
// the key is active and not yet rotated; due at createdAt + rotateEveryMs.
struct ScheduledRotation {
    QString keyId;
    QString displayId;
    QString name;
    QString project;
    QString environment;
    QString owner;
    qint64 dueAt = 0;
    QJsonObject toJson() const;
    friend bool operator==(const ScheduledRotation&, const ScheduledRotation&) = default;
};

} // namespace kw
