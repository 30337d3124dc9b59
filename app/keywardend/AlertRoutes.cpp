// Alert rules and alerts (/v1/alert-rules..., /v1/alerts...) and the bad-key monitor of the verify path.
// See docs/server-api.md, "Alerts".
#include "HttpUtil.h"
#include "JsonLog.h"
#include "KeyServer.h"

#include "remote/AlertCodec.h"
#include "remote/JsonReader.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace kwd {

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponse::StatusCode;
using kw::Capability;

kw::Result<qint64> idOf(const QString& text, const QString& what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return kw::Error::invalid(QStringLiteral("The %1 id must be a positive number").arg(what));
    return id;
}

bool isBadKey(kw::VerifyCode code)
{
    using C = kw::VerifyCode;
    return code == C::Revoked || code == C::Expired || code == C::NotFound || code == C::Malformed;
}

} // namespace

void KeyServer::reloadBadKeyRule()
{
    kw::BadKeyMonitor::Config config;
    auto rules = m_backend->alertRules();
    if (!rules) {
        logInfo(QStringLiteral("cannot read the alert rules"), {{"error", rules.errorMessage()}});
        return;
    }
    for (const kw::AlertRule& r : *rules) {
        if (!r.enabled || r.kind != kw::AlertKind::BadKeyRepeated || r.threshold() <= 0)
            continue;
        if (config.threshold == 0 || r.threshold() < config.threshold)
            config = {r.threshold(), r.windowMs, r.blockMs, r.id};
    }
    m_badKeys.configure(config);
}

qint64 KeyServer::blockedFor(const QString& address) const
{
    return m_badKeys.blockedFor(address, QDateTime::currentMSecsSinceEpoch());
}

void KeyServer::noteBadKey(const kw::VerifyResult& result, const QString& address, const QString& service)
{
    if (!isBadKey(result.code) || address.isEmpty())
        return;
    const auto outcome = m_badKeys.recordBad(address, QDateTime::currentMSecsSinceEpoch());
    if (!outcome.crossed)
        return;
    // Rare (once per address and window): the alert is written after the response, off the request's path.
    const auto config = m_badKeys.config();
    QMetaObject::invokeMethod(
        this,
        [this, address, service, outcome, config, code = kw::toString(result.code)] {
            auto rules = m_backend->alertRules();
            kw::LocalVault::AlertDraft d;
            d.alert.ruleId = config.ruleId;
            d.alert.kind = kw::AlertKind::BadKeyRepeated;
            d.alert.severity = kw::AlertSeverity::Critical;
            if (rules)
                for (const kw::AlertRule& r : *rules)
                    if (r.id == config.ruleId) {
                        d.alert.severity = r.severity;
                        d.notifyContacts = r.notifyContacts;
                    }
            d.alert.dedupKey = QStringLiteral("bad_key_repeated:%1").arg(address);
            d.alert.title = QStringLiteral("%1 bad keys presented from %2").arg(outcome.count).arg(address);
            d.alert.detail =
                QStringLiteral("%1 revoked, expired, unknown or malformed keys were presented from %2 within %3 s "
                               "(last: %4%5) - a leaked key in use or a brute-force attempt.%6")
                    .arg(outcome.count)
                    .arg(address)
                    .arg(config.windowMs / 1000)
                    .arg(code, service.isEmpty() ? QString() : QStringLiteral(", service ") + service,
                         outcome.blockedUntil > 0
                             ? QStringLiteral(" The address is blocked for %1 s.").arg(config.blockMs / 1000)
                             : QString());
            d.alert.sourceIp = address;
            auto r = m_backend->recordAlerts({d}, 0);
            if (!r)
                logInfo(QStringLiteral("cannot record the bad-key alert"), {{"error", r.errorMessage()}});
            else
                logInfo(QStringLiteral("bad keys from one address"),
                        {{"address", address}, {"count", outcome.count}, {"blocked", outcome.blockedUntil > 0}});
        },
        Qt::QueuedConnection);
}

void KeyServer::registerAlertRoutes()
{
    m_http.route("/v1/alert-rules", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->alertRules(), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/alert-rules", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto rule = kw::codec::alertRuleFromJson(body);
            if (!rule)
                return errorResponse(rule.error());
            rule->id = 0;
            auto saved = as(op, [&](kw::LocalVault& b) { return b.saveAlertRule(*rule); });
            reloadBadKeyRule();
            return resultResponse(
                saved, [](const kw::AlertRule& r) { return r.toJson(); }, StatusCode::Created);
        });
    });
    m_http.route("/v1/alert-rules/<arg>", Method::Put, [this](const QString& id, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, id](const kw::Operator& op, const QJsonObject& body) {
            auto ruleId = idOf(id, QStringLiteral("alert rule"));
            if (!ruleId)
                return errorResponse(ruleId.error());
            auto rule = kw::codec::alertRuleFromJson(body);
            if (!rule)
                return errorResponse(rule.error());
            rule->id = *ruleId;
            auto saved = as(op, [&](kw::LocalVault& b) { return b.saveAlertRule(*rule); });
            reloadBadKeyRule();
            return resultResponse(saved, [](const kw::AlertRule& r) { return r.toJson(); });
        });
    });
    m_http.route("/v1/alert-rules/<arg>", Method::Delete, [this](const QString& id, const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this, id](const kw::Operator& op, const QJsonObject&) {
            auto ruleId = idOf(id, QStringLiteral("alert rule"));
            if (!ruleId)
                return errorResponse(ruleId.error());
            auto s = as(op, [&](kw::LocalVault& b) { return b.removeAlertRule(*ruleId); });
            reloadBadKeyRule();
            return s ? jsonResponse(QJsonObject{}) : errorResponse(s.error());
        });
    });
    m_http.route("/v1/alerts", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            auto query = kw::codec::alertQueryFromQuery(req.query());
            if (!query)
                return errorResponse(query.error());
            return resultResponse(m_backend->alerts(*query), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/alerts/evaluate", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this](const kw::Operator& op, const QJsonObject& body) {
            if (!body.isEmpty())
                return errorResponse(kw::Error::invalid(QStringLiteral("POST /v1/alerts/evaluate takes no fields")));
            auto r = as(op, [](kw::LocalVault& b) { return b.evaluateAlerts(0); });
            return resultResponse(r, [](const QList<kw::Alert>& v) { return QJsonObject{{"alerts", toJsonArray(v)}}; });
        });
    });
    m_http.route("/v1/alerts/<arg>", Method::Get, [this](const QString& id, const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, id](const kw::Operator&, const QJsonObject&) {
            auto alertId = idOf(id, QStringLiteral("alert"));
            if (!alertId)
                return errorResponse(alertId.error());
            return resultResponse(m_backend->alert(*alertId), [](const kw::Alert& a) { return a.toJson(); });
        });
    });
    for (const bool ack : {true, false}) {
        const QString route = ack ? QStringLiteral("/v1/alerts/<arg>/ack") : QStringLiteral("/v1/alerts/<arg>/resolve");
        m_http.route(route, Method::Post, [this, ack](const QString& id, const QHttpServerRequest& req) {
            return handle(req, Capability::Respond, [this, id, ack](const kw::Operator& op, const QJsonObject& body) {
                auto alertId = idOf(id, QStringLiteral("alert"));
                if (!alertId)
                    return errorResponse(alertId.error());
                kw::JsonReader r(body);
                const QString note = r.string(QStringLiteral("note"));
                if (auto s = r.finish(); !s)
                    return errorResponse(s.error());
                auto a = as(op, [&](kw::LocalVault& b) {
                    return ack ? b.acknowledgeAlert(*alertId, note) : b.resolveAlert(*alertId, note);
                });
                return resultResponse(a, [](const kw::Alert& v) { return v.toJson(); });
            });
        });
    }
}

} // namespace kwd
