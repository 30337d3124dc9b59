// The audit, compliance and report routes of the management API (/v1/audit..., /v1/compliance..., /v1/reports...).
// See docs/server-api.md.
#include "HttpUtil.h"
#include "KeyServer.h"

#include "compliance/Compliance.h"
#include "crypto/Ed25519.h"
#include "remote/AuditCodec.h"
#include "remote/JsonReader.h"
#include "reports/Report.h"
#include "util/Json.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace kwd {

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponse::StatusCode;
using kw::Capability;

} // namespace

void KeyServer::registerAuditRoutes()
{
    // ---- audit trail
    m_http.route("/v1/audit", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            auto query = kw::codec::auditQueryFromQuery(req.query());
            if (!query)
                return errorResponse(query.error());
            return resultResponse(m_backend->auditEntries(*query), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/audit/count", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            auto query = kw::codec::auditQueryFromQuery(req.query());
            if (!query)
                return errorResponse(query.error());
            return resultResponse(m_backend->countAuditEntries(*query), [](qint64 n) {
                return QJsonObject{{"count", n}};
            });
        });
    });
    m_http.route("/v1/audit/verify", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator& op, const QJsonObject&) {
            return resultResponse(as(op, [](kw::LocalVault& b) { return b.verifyAudit(); }),
                                  [](const kw::AuditVerification& v) { return v.toJson(); });
        });
    });
    m_http.route("/v1/audit/status", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->auditStatus(), [](const kw::AuditStatus& s) { return s.toJson(); });
        });
    });
    m_http.route("/v1/audit/settings", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->auditSettings(),
                                  [](const kw::AuditSettings& s) { return kw::codec::toJson(s); });
        });
    });
    m_http.route("/v1/audit/settings", Method::Put, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto settings = kw::codec::auditSettingsFromJson(body);
            if (!settings)
                return errorResponse(settings.error());
            auto s = as(op, [&](kw::LocalVault& b) { return b.setAuditSettings(*settings); });
            return s ? jsonResponse(kw::codec::toJson(*settings)) : errorResponse(s.error());
        });
    });
    m_http.route("/v1/audit/prune", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString before = r.string(QStringLiteral("before"));
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            qint64 beforeMs = 0;
            if (!before.isEmpty() && (beforeMs = kw::json::parseTime(before)) <= 0)
                return errorResponse(kw::Error::invalid(QStringLiteral("field \"before\" is not an ISO 8601 time")));
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.pruneAudit(beforeMs); }),
                                  [](const kw::AuditPruneReport& p) { return p.toJson(); });
        });
    });

    // ---- compliance
    m_http.route("/v1/compliance/rules", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [](const kw::Operator&, const QJsonObject&) {
            return jsonResponse(toJsonArray(kw::ComplianceRule::builtin()));
        });
    });
    m_http.route("/v1/compliance/config", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->complianceConfig(),
                                  [](const kw::ComplianceConfig& c) { return c.toJson(); });
        });
    });
    m_http.route("/v1/compliance/config", Method::Put, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto config = kw::ComplianceConfig::fromJson(body);
            if (!config)
                return errorResponse(config.error());
            auto s = as(op, [&](kw::LocalVault& b) { return b.setComplianceConfig(*config); });
            return s ? jsonResponse(config->toJson()) : errorResponse(s.error());
        });
    });
    m_http.route("/v1/compliance/run", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator& op, const QJsonObject&) {
            return resultResponse(as(op, [](kw::LocalVault& b) { return b.runCompliance(); }),
                                  [](const kw::ComplianceReport& r) { return r.toJson(); });
        });
    });
    m_http.route("/v1/compliance/history", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            for (const auto& item : q.queryItems())
                if (item.first != QLatin1String("limit"))
                    return errorResponse(
                        kw::Error::invalid(QStringLiteral("unknown query parameter \"%1\"").arg(item.first)));
            int limit = 30;
            if (q.hasQueryItem(QStringLiteral("limit"))) {
                bool ok = false;
                limit = q.queryItemValue(QStringLiteral("limit")).toInt(&ok);
                if (!ok || limit <= 0 || limit > 10'000)
                    return errorResponse(
                        kw::Error::invalid(QStringLiteral("query parameter \"limit\" must be between 1 and 10000")));
            }
            return resultResponse(m_backend->complianceHistory(limit), [](const auto& v) { return toJsonArray(v); });
        });
    });

    // ---- reports: built, written and signed here, where the data and the signing key are
    m_http.route("/v1/reports", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator& op, const QJsonObject& body) {
            auto request = kw::ReportRequest::fromJson(body);
            if (!request)
                return errorResponse(request.error());
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.createReport(*request); }),
                                  [](const kw::SignedReport& r) { return r.toJson(); });
        });
    });
    m_http.route("/v1/reports/public-key", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator& op, const QJsonObject&) {
            auto pem = as(op, [](kw::LocalVault& b) { return b.reportPublicKey(); });
            if (!pem)
                return errorResponse(pem.error());
            auto raw = kw::crypto::ed25519::publicKeyFromPem(pem->toLatin1());
            return jsonResponse(QJsonObject{{"pem", *pem},
                                            {"algorithm", "Ed25519"},
                                            {"keyId", raw ? kw::crypto::ed25519::keyId(*raw) : QString()}});
        });
    });
}

} // namespace kwd
