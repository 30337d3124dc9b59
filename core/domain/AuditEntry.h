#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kw {

struct AuditEntry {
    qint64 seq = 0;
    qint64 time = 0;
    QString actor;
    QString role;   // the actor's role when the entry was written: "admin", "auditor", ... or "local"
    QString action; // "key.create", "key.revoke", ...
    QString target; // key id, project name, ...
    QString reason;
    QString incident;
    QJsonObject details; // never holds a secret
    QByteArray prevHash;
    QByteArray hash;

    QJsonObject toJson() const;
};

// Which entries to read. Every filter is optional and they combine with AND.
struct AuditQuery {
    qint64 afterSeq = 0;  // entries with seq > afterSeq
    int limit = 1000;     // 0: all
    QString target;       // exactly this target
    QString action;       // exactly this action, or a prefix when it ends in '.' or '*' ("key." / "key.*")
    QString actor;        // exactly this actor
    QString incident;     // exactly this incident id
    qint64 beforeSeq = 0; // when > 0: entries with seq < beforeSeq
    qint64 fromMs = 0;    // when > 0: entries at or after this time
    qint64 toMs = 0;      // when > 0: entries before this time
    // Case-insensitive substring of actor, role, action, target, reason, incident or details (a full-text index
    // answers it for three characters and more).
    QString text;
    bool newestFirst = false;
    int offset = 0; // rows skipped after ordering (for views that jump into the middle of a long list)

    bool hasFilters() const
    {
        return !target.isEmpty() || !action.isEmpty() || !actor.isEmpty() || !incident.isEmpty() || fromMs > 0 ||
               toMs > 0 || !text.isEmpty();
    }
};

struct AuditVerification {
    bool intact = true;
    qint64 checked = 0;     // entries verified
    qint64 lastGoodSeq = 0; // intact through this entry
    qint64 firstBadSeq = 0; // 0 when intact
    QString problem;        // what is wrong with firstBadSeq, for a person
    QByteArray headHash;
    qint64 checkpointSeq = 0; // the verification started after this signed checkpoint (entries up to it pruned)

    QJsonObject toJson() const;
};

// How long audit entries are kept. Older entries are pruned behind a signed checkpoint that keeps the rest of the
// chain verifiable. Raw usage events have their own retention (UsageRecorder::Settings::rawRetentionMs).
struct AuditSettings {
    qint64 retentionMs = 0; // 0: keep every entry

    QJsonObject toJson() const;
};

// A signed record of a pruned prefix of the chain: entries up to seq were deleted; hash was the chain hash of entry
// seq. The signature (Ed25519 by the vault's signing key) covers the vault id, seq, hash, pruned and time.
struct AuditCheckpoint {
    qint64 seq = 0;
    QByteArray hash;
    qint64 pruned = 0; // entries deleted by this pruning
    qint64 time = 0;
    QByteArray signature;

    QJsonObject toJson() const;
};

struct AuditPruneReport {
    qint64 pruned = 0; // 0: nothing was old enough
    AuditCheckpoint checkpoint;

    QJsonObject toJson() const;
};

// The trail at a glance, without verifying it: its head, the last verification and the latest checkpoint.
struct AuditStatus {
    qint64 headSeq = 0;
    QByteArray headHash;
    qint64 entries = 0; // rows currently stored
    qint64 lastVerifiedAt = 0;
    bool lastVerifiedIntact = false;
    qint64 lastVerifiedChecked = 0;
    qint64 lastVerifiedFirstBadSeq = 0;
    qint64 lastVerifiedHeadSeq = 0;
    AuditCheckpoint checkpoint; // seq 0: none
    AuditSettings settings;

    QJsonObject toJson() const;
};

} // namespace kw
