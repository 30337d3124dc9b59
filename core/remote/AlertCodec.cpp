#include "remote/AlertCodec.h"

#include "remote/JsonReader.h"
#include "util/Json.h"

namespace kw::codec {

Result<AlertRule> alertRuleFromJson(const QJsonObject& o)
{
    AlertRule rule;
    const QJsonValue t = o.value(QStringLiteral("thresholds"));
    if (!t.isUndefined() && !t.isNull() && !t.isArray())
        return Error::invalid(QStringLiteral("alert rule: \"thresholds\" must be an array of numbers"));
    for (const QJsonValue& v : t.toArray()) {
        if (!v.isDouble())
            return Error::invalid(QStringLiteral("alert rule: \"thresholds\" must be an array of numbers"));
        rule.thresholds.append(v.toInteger());
    }
    // Written by the server; accepted and ignored on input.
    rule.createdAt = std::max<qint64>(json::parseTime(o.value(QStringLiteral("createdAt"))), 0);
    rule.updatedAt = std::max<qint64>(json::parseTime(o.value(QStringLiteral("updatedAt"))), 0);
    QJsonObject rest = o;
    for (const char* f : {"thresholds", "createdAt", "updatedAt"})
        rest.remove(QString::fromLatin1(f));
    JsonReader r(rest, QStringLiteral("alert rule"));
    rule.id = r.integer(QStringLiteral("id"), 0);
    const QString kind = r.string(QStringLiteral("kind"), true);
    rule.enabled = r.boolean(QStringLiteral("enabled"), true);
    rule.windowMs = r.integer(QStringLiteral("windowMs"), 0);
    rule.project = r.string(QStringLiteral("project"));
    rule.service = r.string(QStringLiteral("service"));
    const QString severity = r.string(QStringLiteral("severity"));
    rule.notifyContacts = r.boolean(QStringLiteral("notifyContacts"), true);
    rule.notifyOwner = r.boolean(QStringLiteral("notifyOwner"), false);
    rule.blockMs = r.integer(QStringLiteral("blockMs"), 0);
    if (auto s = r.finish(); !s)
        return s.error();
    const auto k = alertKindFromString(kind);
    if (!k)
        return Error::invalid(QStringLiteral("alert rule: unknown kind \"%1\" (%2)")
                                  .arg(kind, alertKindNames().join(QStringLiteral(", "))));
    rule.kind = *k;
    if (!severity.isEmpty()) {
        const auto sev = alertSeverityFromString(severity);
        if (!sev)
            return Error::invalid(
                QStringLiteral("alert rule: unknown severity \"%1\" (info, warning, critical)").arg(severity));
        rule.severity = *sev;
    }
    return rule;
}

Result<Alert> alertFromJson(const QJsonObject& o)
{
    QJsonObject rest = o;
    for (const char* f : {"firstSeen", "lastSeen", "acknowledgedAt", "resolvedAt"})
        rest.remove(QString::fromLatin1(f));
    JsonReader r(rest, QStringLiteral("alert"));
    Alert a;
    a.id = r.integer(QStringLiteral("id"), 0, true);
    a.ruleId = r.integer(QStringLiteral("ruleId"), 0);
    const QString kind = r.string(QStringLiteral("kind"), true);
    a.dedupKey = r.string(QStringLiteral("dedupKey"), true);
    const QString severity = r.string(QStringLiteral("severity"), true);
    a.title = r.string(QStringLiteral("title"));
    a.detail = r.string(QStringLiteral("detail"));
    a.keyId = r.string(QStringLiteral("keyId"));
    a.project = r.string(QStringLiteral("project"));
    a.service = r.string(QStringLiteral("service"));
    a.sourceIp = r.string(QStringLiteral("sourceIp"));
    a.count = r.integer(QStringLiteral("count"), 1);
    const QString state = r.string(QStringLiteral("state"), true);
    a.acknowledgedBy = r.string(QStringLiteral("acknowledgedBy"));
    a.resolvedBy = r.string(QStringLiteral("resolvedBy"));
    a.note = r.string(QStringLiteral("note"));
    QJsonObject times;
    for (const char* f : {"firstSeen", "lastSeen", "acknowledgedAt", "resolvedAt"}) {
        const QString field = QString::fromLatin1(f);
        const qint64 t = json::parseTime(o.value(field));
        if (t < 0)
            return Error::invalid(QStringLiteral("alert: \"%1\" is not a time").arg(field));
        times.insert(field, t);
    }
    a.firstSeen = times.value(QStringLiteral("firstSeen")).toInteger();
    a.lastSeen = times.value(QStringLiteral("lastSeen")).toInteger();
    a.acknowledgedAt = times.value(QStringLiteral("acknowledgedAt")).toInteger();
    a.resolvedAt = times.value(QStringLiteral("resolvedAt")).toInteger();
    if (auto s = r.finish(); !s)
        return s.error();
    const auto k = alertKindFromString(kind);
    const auto sev = alertSeverityFromString(severity);
    const auto st = alertStateFromString(state);
    if (!k || !sev || !st)
        return Error::invalid(QStringLiteral("alert %1: unknown kind, severity or state").arg(a.id));
    a.kind = *k;
    a.severity = *sev;
    a.state = *st;
    return a;
}

QUrlQuery toQuery(const AlertQuery& query)
{
    QUrlQuery q;
    if (query.state)
        q.addQueryItem(QStringLiteral("state"), toString(*query.state));
    else if (query.activeOnly)
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("active"));
    if (query.kind)
        q.addQueryItem(QStringLiteral("kind"), toString(*query.kind));
    if (!query.project.isEmpty())
        q.addQueryItem(QStringLiteral("project"), query.project);
    if (!query.keyId.isEmpty())
        q.addQueryItem(QStringLiteral("key"), query.keyId);
    q.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    return q;
}

Result<AlertQuery> alertQueryFromQuery(const QUrlQuery& q)
{
    AlertQuery out;
    for (const auto& [name, value] : q.queryItems(QUrl::FullyDecoded)) {
        if (name == QLatin1String("state")) {
            if (value == QLatin1String("active")) {
                out.activeOnly = true;
                continue;
            }
            const auto s = alertStateFromString(value);
            if (!s)
                return Error::invalid(
                    QStringLiteral("state \"%1\" must be open, acknowledged, resolved or active").arg(value));
            out.state = s;
        } else if (name == QLatin1String("kind")) {
            const auto k = alertKindFromString(value);
            if (!k)
                return Error::invalid(QStringLiteral("kind \"%1\" is not an alert kind (%2)")
                                          .arg(value, alertKindNames().join(QStringLiteral(", "))));
            out.kind = k;
        } else if (name == QLatin1String("project")) {
            out.project = value;
        } else if (name == QLatin1String("key")) {
            out.keyId = value;
        } else if (name == QLatin1String("limit")) {
            bool ok = false;
            out.limit = value.toInt(&ok);
            if (!ok || out.limit < 0)
                return Error::invalid(QStringLiteral("limit \"%1\" is not a non-negative number").arg(value));
        } else {
            return Error::invalid(QStringLiteral("Unknown query parameter \"%1\" for alerts").arg(name));
        }
    }
    return out;
}

} // namespace kw::codec
