// RemoteBackend: alert rules and alerts over keywardend's API (docs/server-api.md, "Alerts").
#include "remote/RemoteBackend.h"

#include "remote/AlertCodec.h"
#include "remote/Codec.h"
#include "remote/Parsed.h"

namespace kw {

using codec::parsed;
using codec::parsedList;

Result<QList<AlertRule>> RemoteBackend::alertRules()
{
    return parsedList(callArray("GET", "/v1/alert-rules"), &codec::alertRuleFromJson);
}

Result<AlertRule> RemoteBackend::saveAlertRule(const AlertRule& rule)
{
    QJsonObject body = rule.toJson();
    body.remove(QStringLiteral("createdAt"));
    body.remove(QStringLiteral("updatedAt"));
    if (rule.id == 0) {
        body.remove(QStringLiteral("id"));
        return parsed(callObject("POST", "/v1/alert-rules", &body), &codec::alertRuleFromJson);
    }
    return parsed(callObject("PUT", path({"/v1/alert-rules", QString::number(rule.id)}), &body),
                  &codec::alertRuleFromJson);
}

Status RemoteBackend::removeAlertRule(qint64 id)
{
    auto r = call("DELETE", path({"/v1/alert-rules", QString::number(id)}));
    if (!r)
        return r.error();
    return {};
}

Result<QList<Alert>> RemoteBackend::alerts(const AlertQuery& query)
{
    return parsedList(callArray("GET", withQuery("/v1/alerts", codec::toQuery(query))), &codec::alertFromJson);
}

Result<Alert> RemoteBackend::alert(qint64 id)
{
    return parsed(callObject("GET", path({"/v1/alerts", QString::number(id)})), &codec::alertFromJson);
}

Result<Alert> RemoteBackend::acknowledgeAlert(qint64 id, const QString& note)
{
    const QJsonObject body{{"note", note}};
    return parsed(callObject("POST", path({"/v1/alerts", QString::number(id)}) + "/ack", &body), &codec::alertFromJson);
}

Result<Alert> RemoteBackend::resolveAlert(qint64 id, const QString& note)
{
    const QJsonObject body{{"note", note}};
    return parsed(callObject("POST", path({"/v1/alerts", QString::number(id)}) + "/resolve", &body),
                  &codec::alertFromJson);
}

Result<QList<Alert>> RemoteBackend::evaluateAlerts(qint64)
{
    const QJsonObject body;
    auto o = callObject("POST", "/v1/alerts/evaluate", &body);
    if (!o)
        return o.error();
    const QJsonValue list = o->value(QStringLiteral("alerts"));
    if (!list.isArray())
        return Error::io(QStringLiteral("The server's answer to POST /v1/alerts/evaluate has no \"alerts\" list"));
    return codec::listFromJson<Alert>(list.toArray(), &codec::alertFromJson);
}

} // namespace kw
