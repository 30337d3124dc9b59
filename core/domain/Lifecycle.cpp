#include "domain/Lifecycle.h"

#include "policy/Duration.h"
#include "util/Json.h"

#include <QJsonArray>

namespace kw {

QJsonObject PolicyTemplate::toJson() const
{
    return {{"name", name},
            {"description", description},
            {"policy", policy.toJson()},
            {"createdAt", json::time(createdAt)},
            {"updatedAt", json::time(updatedAt)}};
}

QString PolicyTarget::describe() const
{
    switch (kind) {
    case Kind::Workspace:
        return QStringLiteral("workspace");
    case Kind::Project:
        return QStringLiteral("project %1").arg(project);
    case Kind::Environment:
        return QStringLiteral("environment %1/%2").arg(project, environment);
    case Kind::Key:
        return QStringLiteral("key %1").arg(key);
    }
    return {};
}

QJsonObject Role::toJson() const
{
    return {
        {"name", name}, {"permissions", QJsonArray::fromStringList(permissions)}, {"createdAt", json::time(createdAt)}};
}

QJsonObject RenewalRequest::toJson() const
{
    return {{"id", id},
            {"keyId", keyId},
            {"requestedBy", requestedBy},
            {"requestedAt", json::time(requestedAt)},
            {"extendBy", Duration::format(extendMs)},
            {"status", status},
            {"decidedBy", decidedBy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(decidedBy)},
            {"decidedAt", json::time(decidedAt)},
            {"reason", reason}};
}

QJsonObject RenewalOutcome::toJson(qint64 nowMs) const
{
    return {{"renewed", renewed}, {"status", status}, {"requestId", requestId}, {"key", key.toJson(nowMs)}};
}

QJsonObject ExpirationEvent::toJson() const
{
    return {{"time", json::time(time)},
            {"keyId", keyId},
            {"event", event},
            {"oldExpiresAt", json::time(oldExpiresAt)},
            {"newExpiresAt", json::time(newExpiresAt)},
            {"actor", actor},
            {"details", details}};
}

QJsonObject MaintenanceReport::toJson() const
{
    return {{"expired", QJsonArray::fromStringList(expired)},
            {"graceEntered", QJsonArray::fromStringList(graceEntered)},
            {"rotated", QJsonArray::fromStringList(rotated)},
            {"successors", QJsonArray::fromStringList(successors)}};
}

} // namespace kw
