#pragma once

#include "Backend.h"
#include "auth/Operator.h"
#include "domain/AuditEntry.h"
#include "domain/KeySpec.h"
#include "domain/Lifecycle.h"
#include "domain/Organization.h"
#include "domain/Revocation.h"
#include "domain/VerifyResult.h"
#include "usage/UsageRecorder.h"
#include "usage/UsageReport.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QUrlQuery>

#include <functional>
#include <optional>
#include <vector>

// JSON forms of requests shared by keywardend (which parses them) and the remote backend (which writes
// them). Response types carry their own toJson(); their parsers live beside them here too.
namespace kw::codec {

QJsonObject toJson(const KeySpec& spec);
Result<KeySpec> keySpecFromJson(const QJsonObject& object);

struct VerifyRequest {
    SecureBytes key;
    VerifyContext context;
};
QJsonObject verifyRequestToJson(QByteArrayView secret, const VerifyContext& context);
Result<VerifyRequest> verifyRequestFromJson(const QJsonObject& object);

QJsonObject toJson(const RevocationRequest& request);
Result<RevocationRequest> revocationRequestFromJson(const QJsonObject& object);

QJsonObject toJson(const PolicyTarget& target);
Result<PolicyTarget> policyTargetFromJson(const QJsonObject& object);

// The body of PATCH /v1/keys/{ref}: only the fields being changed, plus the reason. An empty list clears tags,
// services or dependencies; an absent field (or null) leaves it as it is.
struct KeyUpdateRequest {
    KeyUpdate update;
    QString reason;
};
QJsonObject toJson(const KeyUpdate& update, const QString& reason);
Result<KeyUpdateRequest> keyUpdateRequestFromJson(const QJsonObject& object);

// A key filter as the query string of GET /v1/keys, /v1/keys/count and /v1/keys/counts: team, project, environment,
// service, withoutService=true, status, tag, expiresBefore and expiresAfter (ISO times), owner, createdFrom and
// createdTo (ISO times), clientIp, parent (present and empty: keys without a parent), text, limit, offset. Strict: an
// unknown parameter (other than those in `extra`) or a malformed value is an error naming it.
QUrlQuery toQuery(const KeyFilter& filter);
Result<KeyFilter> keyFilterFromQuery(const QUrlQuery& query, const QStringList& extra = {});

// The body of PUT/POST /v1/contacts: {"project", "service", "name", "email", "webhookUrl", "phone", "note"} (the id
// travels in the path of PUT). Strict, like every request body.
QJsonObject contactRequestToJson(const Contact& contact);
Result<Contact> contactRequestFromJson(const QJsonObject& object);

// One draft of POST /v1/notifications: {"kind", "channel", "recipient", "subject", "body", "incident", "keyIds",
// "format", "routingKey"}.
QJsonObject notificationDraftToJson(const Notification& draft);
Result<Notification> notificationDraftFromJson(const QJsonObject& object);

// POST /v1/keys/lookup: {"secrets": ["...", ...]}. The parser names the index of an item that is not a string;
// the strings it read are wiped from its copy of the object.
Result<std::vector<SecureBytes>> lookupRequestFromJson(const QJsonObject& object);
// The answer: {"keys": [key or null, ...]} in request order.
QJsonObject lookupResponseToJson(const QList<std::optional<KeyRecord>>& keys, qint64 nowMs);
Result<QList<std::optional<KeyRecord>>> lookupResponseFromJson(const QJsonObject& object);

// The body of POST /v1/keys/{ref}/activate-backup and /replace: {"reason", "incident"}.
struct IncidentAction {
    QString reason;
    QString incident;
};
QJsonObject toJson(const IncidentAction& action);
Result<IncidentAction> incidentActionFromJson(const QJsonObject& object);

QString toString(KeyGrouping grouping); // "environment", "service"
std::optional<KeyGrouping> keyGroupingFromString(QStringView text);

} // namespace kw::codec

// Responses: parsers for what keywardend returns (implemented in ResponseCodec.cpp). Unlike the request
// parsers above they tolerate fields they do not know, so a newer server can add fields without breaking
// an older client; a known field of the wrong type is still an error that names it.
namespace kw::codec {

Result<KeyRecord> keyRecordFromJson(const QJsonObject& object);
Result<Team> teamFromJson(const QJsonObject& object);
Result<Project> projectFromJson(const QJsonObject& object);
Result<Environment> environmentFromJson(const QJsonObject& object);
Result<Service> serviceFromJson(const QJsonObject& object);
// KeyCount has no toJson() of its own (Backend.h stays free of JSON): its form lives here, on both sides.
QJsonObject toJson(const KeyCount& count);
Result<KeyCount> keyCountFromJson(const QJsonObject& object);
Result<RevocationPlan> revocationPlanFromJson(const QJsonObject& object);
Result<VerifyResult> verifyResultFromJson(const QJsonObject& object);
Result<AuditEntry> auditEntryFromJson(const QJsonObject& object);
Result<AuditVerification> auditVerificationFromJson(const QJsonObject& object);
Result<PolicyTemplate> policyTemplateFromJson(const QJsonObject& object);
Result<Role> roleFromJson(const QJsonObject& object);
Result<RenewalRequest> renewalRequestFromJson(const QJsonObject& object);
Result<RenewalOutcome> renewalOutcomeFromJson(const QJsonObject& object);
Result<ExpirationEvent> expirationEventFromJson(const QJsonObject& object);
Result<MaintenanceReport> maintenanceReportFromJson(const QJsonObject& object);
Result<UsageTotals> usageTotalsFromJson(const QJsonObject& object);
Result<UsageSummary> usageSummaryFromJson(const QJsonObject& object);
Result<UsagePoint> usagePointFromJson(const QJsonObject& object);
Result<TopEntry> topEntryFromJson(const QJsonObject& object);
Result<ExpiryDay> expiryDayFromJson(const QJsonObject& object);
Result<ScheduledRotation> scheduledRotationFromJson(const QJsonObject& object);
Result<UsageAnomaly> usageAnomalyFromJson(const QJsonObject& object);
Result<Contact> contactFromJson(const QJsonObject& object);
Result<Notification> notificationFromJson(const QJsonObject& object);
// Operator.toJson() and the {"name", "role"} of /v1/whoami.
Result<Operator> operatorFromJson(const QJsonObject& object);
// {"id", "secret", "displayId", "key"} of key creation and rotation. The secret is wiped from `object`'s
// copy as far as Qt lets us; callers drop the object right after.
Result<IssuedKey> issuedKeyFromJson(const QJsonObject& object);
// {"name", "role", "token"} of operator creation.
Result<Backend::IssuedOperator> issuedOperatorFromJson(const QJsonObject& object);

// Usage privacy settings: {"rawRetention": "30d" or "0", "ipPrivacy": "full"|"truncate"|"drop"}.
QJsonObject toJson(const UsageRecorder::Settings& settings);
Result<UsageRecorder::Settings> usageSettingsFromJson(const QJsonObject& object);

// Spellings shared by the query strings of the usage endpoints and the bodies above.
QString toString(UsageScope scope);
std::optional<UsageScope> usageScopeFromString(QStringView text);
QString toString(UsageGranularity granularity);
std::optional<VerifyCode> verifyCodeFromString(QStringView text);

// A JSON array whose items must all be objects that `parse` accepts; the error names the item's index.
template <typename T>
Result<QList<T>> listFromJson(const QJsonArray& array, const std::function<Result<T>(const QJsonObject&)>& parse)
{
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return Error::invalid(QStringLiteral("item %1 of the list is not an object").arg(i));
        auto item = parse(array.at(i).toObject());
        if (!item)
            return Error::invalid(QStringLiteral("item %1 of the list: %2").arg(i).arg(item.errorMessage()));
        out.append(std::move(*item));
    }
    return out;
}

} // namespace kw::codec
