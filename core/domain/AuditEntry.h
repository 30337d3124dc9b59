#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kw {

struct AuditEntry {
    qint64 seq = 0;
    qint64 time = 0;
    QString actor;
    QString action; // "key.create", "key.revoke", ...
    QString target; // key id, project name, ...
    QString reason;
    QString incident;
    QJsonObject details; // never holds a secret
    QByteArray prevHash;
    QByteArray hash;

    QJsonObject toJson() const;
};

struct AuditQuery {
    qint64 afterSeq = 0;
    int limit = 1000;
    QString target;
    QString action;
};

struct AuditVerification {
    bool intact = true;
    qint64 checked = 0;     // entries verified
    qint64 lastGoodSeq = 0; // intact through this entry
    qint64 firstBadSeq = 0; // 0 when intact
    QString problem;        // what is wrong with firstBadSeq, for a person
    QByteArray headHash;

    QJsonObject toJson() const;
};

} // namespace kw
