#include "domain/Contact.h"

#include "util/Json.h"

#include <QJsonArray>

namespace kw {

QJsonObject Contact::toJson() const
{
    return {{"id", id},       {"project", project},       {"service", service}, {"name", name},
            {"email", email}, {"webhookUrl", webhookUrl}, {"phone", phone},     {"note", note}};
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
            {"lastError", lastError}};
}

} // namespace kw
