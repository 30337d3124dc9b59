#include "domain/KeyRecord.h"

#include "policy/Duration.h"
#include "util/Json.h"

#include <QJsonArray>

namespace kw {

KeyStatus KeyRecord::effectiveStatus(qint64 nowMs) const
{
    if ((status == KeyStatus::Active || status == KeyStatus::Rotating) && expiresAt != 0 &&
        nowMs >= expiresAt + graceMs)
        return KeyStatus::Expired;
    return status;
}

QJsonObject KeyRecord::toJson(qint64 nowMs) const
{
    return {
        {"id", id},
        {"displayId", displayId},
        {"name", name},
        {"project", project},
        {"environment", environment},
        {"team", team},
        {"services", QJsonArray::fromStringList(services)},
        {"owner", owner},
        {"tags", QJsonArray::fromStringList(tags)},
        {"metadata", metadata},
        {"status", toString(effectiveStatus(nowMs))},
        {"createdAt", json::time(createdAt)},
        {"expiresAt", json::time(expiresAt)},
        {"parentId", parentId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(parentId)},
        {"dependsOn", QJsonArray::fromStringList(dependsOn)},
        {"backup", backup},
        {"recoverable", recoverable},
        {"statusReason", statusReason},
        {"incidentId", incidentId},
        {"statusChangedAt", json::time(statusChangedAt)},
        {"lastUsedAt", json::time(lastUsedAt)},
        {"inGrace", inGrace(nowMs)},
        {"grace", graceMs > 0 ? QJsonValue(Duration::format(graceMs)) : QJsonValue(QJsonValue::Null)},
        {"policyTemplate", policyTemplate.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(policyTemplate)},
        {"policy", policy.toJson()},
        {"successorId", successorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(successorId)},
        {"predecessorId", predecessorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(predecessorId)},
        {"usesConsumed", usesConsumed},
        {"childCount", childCount},
    };
}

} // namespace kw
