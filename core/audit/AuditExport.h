#pragma once

#include "domain/AuditEntry.h"

#include <QByteArray>
#include <QJsonObject>

namespace kw {

// Something a SIEM should hear about that is not an audit entry: a rejected verification of a revoked or unknown
// key, an operator's failed authentication. Never carries a presented secret or token.
struct SecurityEvent {
    qint64 time = 0;
    QString event;      // "verify.rejected", "operator.unauthorized", "operator.forbidden", "security.suppressed"
    QJsonObject fields; // event-specific: code, keyId, clientIp, path, operator, ...
    QJsonObject toJson() const;
};

// The two wire forms of audit and security events for SIEMs: JSON lines and RFC 5424 syslog messages (facility
// 13, "log audit"; audit entries at severity notice, security events at warning; structured data under the private
// enterprise id keywarden@32473; the message is the JSON form).
namespace auditexport {

QByteArray jsonLine(const AuditEntry& entry);    // one line, '\n'-terminated
QByteArray jsonLine(const SecurityEvent& event); // one line, '\n'-terminated
QByteArray syslog(const AuditEntry& entry, const QString& hostName, const QString& appName, qint64 pid);
QByteArray syslog(const SecurityEvent& event, const QString& hostName, const QString& appName, qint64 pid);
// RFC 5424 SD-PARAM value escaping: '"', '\' and ']' get a backslash.
QString escapeParam(const QString& value);

} // namespace auditexport

} // namespace kw
