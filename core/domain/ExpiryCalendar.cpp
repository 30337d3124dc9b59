#include "domain/ExpiryCalendar.h"

#include "util/Json.h"

namespace kw {

QJsonObject ExpiryDay::toJson() const
{
    return {{"day", json::time(dayStartMs)}, {"expiring", expiring}, {"inGrace", inGrace}, {"rotations", rotations}};
}

QJsonObject ScheduledRotation::toJson() const
{
    return {{"keyId", keyId},
            {"displayId", displayId},
            {"name", name},
            {"project", project},
            {"environment", environment},
            {"owner", owner},
            {"dueAt", json::time(dueAt)}};
}

} // namespace kw
