// RemoteBackend: the audit trail, compliance and signed reports over keywardend's API (docs/server-api.md).
#include "remote/RemoteBackend.h"

#include "remote/AuditCodec.h"
#include "remote/Codec.h"
#include "remote/Parsed.h"
#include "util/Json.h"

namespace kw {

using codec::parsed;
using codec::parsedList;

Result<QList<AuditEntry>> RemoteBackend::auditEntries(const AuditQuery& query)
{
    return parsedList(callArray("GET", withQuery("/v1/audit", codec::toQuery(query))), &codec::auditEntryFromJson);
}

Result<qint64> RemoteBackend::countAuditEntries(const AuditQuery& query)
{
    AuditQuery filters = query;
    filters.limit = 0;
    filters.offset = 0;
    filters.newestFirst = false;
    auto o = callObject("GET", withQuery("/v1/audit/count", codec::toQuery(filters)));
    if (!o)
        return o.error();
    const QJsonValue count = o->value(QLatin1String("count"));
    if (!count.isDouble())
        return Error::io(QStringLiteral("The server at %1 answered the audit count without a number").arg(location()));
    return count.toInteger();
}

Result<AuditVerification> RemoteBackend::verifyAudit()
{
    const QJsonObject body;
    return parsed(callObject("POST", "/v1/audit/verify", &body), &codec::auditVerificationFromJson);
}

Result<AuditStatus> RemoteBackend::auditStatus()
{
    return parsed(callObject("GET", "/v1/audit/status"), &codec::auditStatusFromJson);
}

Result<AuditSettings> RemoteBackend::auditSettings()
{
    return parsed(callObject("GET", "/v1/audit/settings"), &codec::auditSettingsFromJson);
}

Status RemoteBackend::setAuditSettings(const AuditSettings& settings)
{
    const QJsonObject body = codec::toJson(settings);
    auto r = callObject("PUT", "/v1/audit/settings", &body);
    if (!r)
        return r.error();
    return {};
}

Result<AuditPruneReport> RemoteBackend::pruneAudit(qint64 beforeMs)
{
    QJsonObject body;
    if (beforeMs > 0)
        body.insert("before", json::time(beforeMs));
    return parsed(callObject("POST", "/v1/audit/prune", &body), &codec::auditPruneReportFromJson);
}

Result<ComplianceConfig> RemoteBackend::complianceConfig()
{
    return parsed(callObject("GET", "/v1/compliance/config"), &ComplianceConfig::fromJson);
}

Status RemoteBackend::setComplianceConfig(const ComplianceConfig& config)
{
    if (auto s = config.validate(); !s)
        return s;
    const QJsonObject body = config.toJson();
    auto r = callObject("PUT", "/v1/compliance/config", &body);
    if (!r)
        return r.error();
    return {};
}

Result<ComplianceReport> RemoteBackend::runCompliance()
{
    const QJsonObject body;
    return parsed(callObject("POST", "/v1/compliance/run", &body), &codec::complianceReportFromJson);
}

Result<QList<ComplianceRunSummary>> RemoteBackend::complianceHistory(int limit)
{
    if (limit <= 0)
        return Error::invalid(QStringLiteral("The compliance history needs a positive limit"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return parsedList(callArray("GET", withQuery("/v1/compliance/history", q)), &codec::complianceRunSummaryFromJson);
}

Result<SignedReport> RemoteBackend::createReport(const ReportRequest& request)
{
    if (auto s = request.validate(); !s)
        return s.error();
    const QJsonObject body = request.toJson();
    auto report = parsed(callObject("POST", "/v1/reports", &body), &SignedReport::fromJson);
    if (!report)
        return report;
    // What arrived must be what the server signed (the transport could have cut it short).
    if (auto s = report->signature.verify(report->content, std::nullopt); !s)
        return Error::io(
            QStringLiteral("The report from %1 does not match its signature: %2").arg(location(), s.errorMessage()));
    return report;
}

Result<QString> RemoteBackend::reportPublicKey()
{
    auto o = callObject("GET", "/v1/reports/public-key");
    if (!o)
        return o.error();
    const QString pem = o->value(QLatin1String("pem")).toString();
    if (!pem.contains(QLatin1String("BEGIN PUBLIC KEY")))
        return Error::io(QStringLiteral("The server at %1 answered without a PEM public key").arg(location()));
    return pem;
}

} // namespace kw
