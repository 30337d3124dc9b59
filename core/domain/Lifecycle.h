#pragma once

#include "domain/KeyRecord.h"
#include "policy/KeyPolicy.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace kw {

struct PolicyTemplate {
    QString name;
    QString description;
    KeyPolicy policy;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QJsonObject toJson() const;
};

// Where a policy or template applies: the whole workspace, a project, an environment or one key.
struct PolicyTarget {
    enum class Kind { Workspace, Project, Environment, Key };
    Kind kind = Kind::Workspace;
    QString project;
    QString environment;
    QString key;
    QString describe() const;
};

struct Role {
    QString name;
    QStringList permissions;
    qint64 createdAt = 0;
    QJsonObject toJson() const;
};

struct RenewalRequest {
    qint64 id = 0;
    QString keyId;
    QString requestedBy;
    qint64 requestedAt = 0;
    qint64 extendMs = 0;
    QString status; // pending, approved, denied
    QString decidedBy;
    qint64 decidedAt = 0;
    QString reason;
    QJsonObject toJson() const;
};

struct RenewalOutcome {
    bool renewed = false; // false: a request awaits a second person's approval (or was denied)
    KeyRecord key;
    qint64 requestId = 0;
    QString status;
    QJsonObject toJson(qint64 nowMs) const;
};

// One line of a key's expiration history.
struct ExpirationEvent {
    qint64 time = 0;
    QString keyId;
    QString event; // created, renewed, rotated, grace-entered, expired, renewal-requested, renewal-denied
    qint64 oldExpiresAt = 0;
    qint64 newExpiresAt = 0;
    QString actor;
    QJsonObject details;
    QJsonObject toJson() const;
};

// What a maintenance run did: expiries and grace periods recorded, automatic rotations performed.
struct MaintenanceReport {
    QStringList expired;
    QStringList graceEntered;
    QStringList rotated;    // old key ids
    QStringList successors; // new key ids, same order
    QJsonObject toJson() const;
};

} // namespace kw
