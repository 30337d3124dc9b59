#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace kw {

struct RevocationRequest {
    QStringList keys; // ids or display ids
    bool cascade = false;
    QString reason;
    QString incidentId;
};

// Who is hit by a revocation, and why: computed before anything changes, so a responder sees the blast
// radius first (and --dry-run shows only this).
struct RevocationPlan {
    struct Entry {
        QString keyId;
        QString displayId;
        QString name;
        QString project;
        QString environment;
        QString relation; // "selected", "child of <id>", "depends on <id>"
        bool alreadyRevoked = false;
        QStringList services; // the key's services, so service-level contacts can be told
    };
    QList<Entry> entries;
    bool executed = false;

    QStringList keyIds() const;
    int toRevokeCount() const;
    QJsonObject toJson() const;
};

} // namespace kw
