#include "audit/AuditExport.h"

#include "util/Json.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

namespace kw {

namespace {

constexpr int kFacilityLogAudit = 13;
constexpr int kSeverityWarning = 4;
constexpr int kSeverityNotice = 5;
const char* const kSdId = "keywarden@32473";

QString rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"));
}

// HOSTNAME, APP-NAME and PROCID are printable US-ASCII without spaces; "-" when empty.
QByteArray headerField(const QString& value, int maxLength)
{
    QByteArray out;
    for (QChar c : value) {
        if (out.size() >= maxLength)
            break;
        if (c.unicode() > 32 && c.unicode() < 127)
            out += char(c.unicode());
    }
    return out.isEmpty() ? QByteArrayLiteral("-") : out;
}

QByteArray message(int severity, qint64 time, const QString& host, const QString& app, qint64 pid, const char* msgId,
                   const QList<std::pair<const char*, QString>>& params, const QJsonObject& body)
{
    QByteArray out = '<' + QByteArray::number(kFacilityLogAudit * 8 + severity) + ">1 ";
    out += rfc3339(time).toLatin1() + ' ';
    out += headerField(host, 255) + ' ' + headerField(app, 48) + ' ' +
           (pid > 0 ? QByteArray::number(pid) : QByteArrayLiteral("-")) + ' ' + msgId + ' ';
    out += '[';
    out += kSdId;
    for (const auto& [name, value] : params)
        out += ' ' + QByteArray(name) + "=\"" + auditexport::escapeParam(value).toUtf8() + '"';
    out += "] ";
    // MSG in UTF-8 starts with a byte order mark (RFC 5424, 6.4).
    out += "\xEF\xBB\xBF";
    out += QJsonDocument(body).toJson(QJsonDocument::Compact);
    return out;
}

} // namespace

QJsonObject SecurityEvent::toJson() const
{
    QJsonObject o = fields;
    o.insert("type", "security");
    o.insert("event", event);
    o.insert("time", json::time(time));
    return o;
}

namespace auditexport {

QString escapeParam(const QString& value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c == u'"' || c == u'\\' || c == u']')
            out += u'\\';
        out += c;
    }
    return out;
}

QByteArray jsonLine(const AuditEntry& entry)
{
    QJsonObject o = entry.toJson();
    o.insert("type", "audit");
    o.remove("prevHash");
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray jsonLine(const SecurityEvent& event)
{
    return QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray syslog(const AuditEntry& e, const QString& hostName, const QString& appName, qint64 pid)
{
    QJsonObject body = e.toJson();
    body.insert("type", "audit");
    body.remove("prevHash");
    return message(kSeverityNotice, e.time, hostName, appName, pid, "audit",
                   {{"seq", QString::number(e.seq)},
                    {"action", e.action},
                    {"actor", e.actor},
                    {"role", e.role},
                    {"target", e.target},
                    {"incident", e.incident}},
                   body);
}

QByteArray syslog(const SecurityEvent& event, const QString& hostName, const QString& appName, qint64 pid)
{
    QList<std::pair<const char*, QString>> params{{"event", event.event}};
    if (event.fields.contains(QLatin1String("code")))
        params.append({"code", event.fields.value(QLatin1String("code")).toString()});
    return message(kSeverityWarning, event.time, hostName, appName, pid, "security", params, event.toJson());
}

} // namespace auditexport

} // namespace kw
