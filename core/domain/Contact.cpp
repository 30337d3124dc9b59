#include "domain/Contact.h"

#include "notify/Delivery.h"
#include "util/Json.h"

#include <QJsonArray>

namespace kw {

QJsonObject Contact::toJson() const
{
    return {{"id", id},
            {"project", project},
            {"service", service},
            {"name", name},
            {"email", email},
            {"webhookUrl", webhookUrl},
            {"phone", phone},
            {"note", note},
            {"webhookFormat", webhookFormat},
            {"pagerDutyRoutingKey", pagerDutyRoutingKey}};
}

QJsonObject Notification::toJson() const
{
    return {{"id", id},
            {"createdAt", json::time(createdAt)},
            {"kind", kind},
            {"channel", channel},
            {"recipient", recipient},
            {"subject", subject},
            {"body", body},
            {"incident", incident},
            {"keyIds", QJsonArray::fromStringList(keyIds)},
            {"state", state},
            {"attempts", attempts},
            {"sentAt", json::time(sentAt)},
            {"lastError", lastError},
            {"format", format},
            {"nextAttemptAt", json::time(nextAttemptAt)}};
}

} // namespace kw

namespace kw {

QJsonObject DeliveryAttempt::toJson() const
{
    return {{"notificationId", notificationId},
            {"attempt", attempt},
            {"at", json::time(at)},
            {"outcome", outcome},
            {"status", status},
            {"reply", reply},
            {"error", error},
            {"durationMs", durationMs}};
}

QJsonObject SmtpSettings::toJson() const
{
    return {{"host", host},
            {"port", port},
            {"security", security},
            {"username", username},
            {"from", from},
            {"fromName", fromName},
            {"caFile", caFile},
            {"timeoutSeconds", timeoutSeconds},
            {"hasPassword", hasPassword}};
}

QJsonObject DeliveryReport::toJson() const
{
    return {{"claimed", claimed}, {"sent", sent}, {"retrying", retrying}, {"failed", failed}};
}

} // namespace kw
