#pragma once

#include "compliance/Compliance.h"
#include "domain/AuditEntry.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QUrlQuery>

// JSON and query-string forms of the audit, compliance and report API, shared by keywardend (which parses requests
// and writes responses) and the remote backend (the other way round). Request parsers are strict; response parsers
// tolerate fields they do not know, like those in Codec.h. Report requests and signed reports carry their own
// toJson()/fromJson() (reports/Report.h).
namespace kw::codec {

// GET /v1/audit and /v1/audit/count: after, before, limit, offset, order=asc|desc, target, action, actor, incident,
// from, to (ISO times), text. Unknown parameters and malformed values are errors naming them.
QUrlQuery toQuery(const AuditQuery& query);
Result<AuditQuery> auditQueryFromQuery(const QUrlQuery& query);

// {"retention": "365d"} or {"retention": "0"} (keep every entry).
QJsonObject toJson(const AuditSettings& settings);
Result<AuditSettings> auditSettingsFromJson(const QJsonObject& object);

Result<AuditCheckpoint> auditCheckpointFromJson(const QJsonObject& object);
Result<AuditPruneReport> auditPruneReportFromJson(const QJsonObject& object);
Result<AuditStatus> auditStatusFromJson(const QJsonObject& object);

Result<ComplianceRule> complianceRuleFromJson(const QJsonObject& object);
Result<ComplianceReport> complianceReportFromJson(const QJsonObject& object);
Result<ComplianceRunSummary> complianceRunSummaryFromJson(const QJsonObject& object);

} // namespace kw::codec
