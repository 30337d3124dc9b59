#pragma once

#include "domain/AuditEntry.h"
#include "domain/Contact.h"
#include "domain/KeyRecord.h"
#include "domain/KeySpec.h"
#include "domain/Revocation.h"

#include <QHash>
#include <QStringList>

#include <memory>

namespace kw {
class Backend;
}

namespace kw::ui {

// What a revocation would hit, worked out before anything changes: the full cascade, the services and
// projects affected, each key's requests in the last hour and day, the backup keys that could take over,
// and the emergency contacts to be told.
struct Impact {
    struct Row {
        RevocationPlan::Entry entry;
        qint64 lastHour = 0;
        qint64 lastDay = 0;
    };
    RevocationPlan plan;
    QList<Row> rows;
    QStringList projects;
    QStringList services;                     // "project/service"
    QHash<QString, QList<KeyRecord>> backups; // selected key id → its backup keys
    QList<Contact> contacts;
    QString error;

    int toRevoke() const { return plan.toRevokeCount(); }
    static Impact assess(Backend& backend, const QStringList& keyIds, bool cascade, qint64 nowMs);
};

struct IncidentRequest {
    QStringList keyIds;
    bool cascade = true;
    QString reason;
    QString incident;
    bool activateBackups = true;   // for each selected key with a backup: activate it
    bool issueReplacements = true; // for each selected key without one: issue a replacement
    bool notifyContacts = true;
};

// What happened, step by step, for the result summary and the printable incident report.
struct IncidentOutcome {
    IncidentRequest request;
    qint64 startedAt = 0;
    qint64 revokedAt = 0; // when the store acknowledged the revocation: verify rejects from here on
    RevocationPlan revoked;
    QString revokeError;
    QList<KeyRecord> activatedBackups;
    QStringList replacedKeyIds;    // the revoked keys a replacement was issued for
    QList<KeyRecord> replacements; // their secrets are shown once by the view, never kept here
    QStringList failures;
    QList<Notification> notifications;
    QList<AuditEntry> trail;
    bool ok() const { return revokeError.isEmpty(); }
};

namespace incident {

QString newIncidentId(qint64 nowMs);
// The incident report as HTML (for the PDF and the HTML export). Holds no secret.
QString toHtml(const IncidentOutcome& outcome, const QString& location);
// Writes .pdf (QPdfWriter) or .html by suffix.
Status writeReport(const IncidentOutcome& outcome, const QString& location, const QString& path);

} // namespace incident

} // namespace kw::ui
