#pragma once

#include "notify/Delivery.h"
#include "util/Result.h"

#include <QJsonObject>

#include <optional>

namespace kw::codec {

// Notification delivery over the management API (see docs/server-api.md, "Notification delivery").
Result<DeliveryAttempt> deliveryAttemptFromJson(const QJsonObject& object);
Result<DeliveryReport> deliveryReportFromJson(const QJsonObject& object);
// GET answer of /v1/notifications/settings/smtp (SmtpSettings::toJson, with "hasPassword").
Result<SmtpSettings> smtpSettingsFromJson(const QJsonObject& object);
// PUT body: the settings plus "password" (absent: keep the stored one; "": clear it). hasPassword is not accepted.
QJsonObject smtpRequestToJson(const SmtpSettings& settings, const std::optional<SecureBytes>& password);
struct SmtpRequest {
    SmtpSettings settings;
    std::optional<SecureBytes> password;
};
Result<SmtpRequest> smtpRequestFromJson(const QJsonObject& object);

} // namespace kw::codec
