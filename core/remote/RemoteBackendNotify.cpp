// RemoteBackend, notification delivery: the delivery log, retries, one delivery pass on the server, test messages,
// the SMTP relay, the webhook signing secret and incident resolution (routes in app/keywardend/NotifyRoutes.cpp).
#include "remote/Codec.h"
#include "remote/NotifyCodec.h"
#include "remote/Parsed.h"
#include "remote/RemoteBackend.h"

namespace kw {

using codec::parsed;
using codec::parsedList;

Result<QList<DeliveryAttempt>> RemoteBackend::notificationDeliveries(qint64 id)
{
    if (id <= 0)
        return Error::invalid(QStringLiteral("A notification id must be positive"));
    return parsedList(callArray("GET", path({"/v1/notifications", QString::number(id)}) + "/deliveries"),
                      &codec::deliveryAttemptFromJson);
}

Result<Notification> RemoteBackend::retryNotification(qint64 id)
{
    if (id <= 0)
        return Error::invalid(QStringLiteral("A notification id must be positive"));
    const QJsonObject body;
    return parsed(callObject("POST", path({"/v1/notifications", QString::number(id)}) + "/retry", &body),
                  &codec::notificationFromJson);
}

Result<DeliveryReport> RemoteBackend::deliverNotifications()
{
    const QJsonObject body;
    return parsed(callObject("POST", "/v1/notifications/deliver", &body), &codec::deliveryReportFromJson);
}

Result<DeliveryAttempt> RemoteBackend::sendTestNotification(const QString& channel, const QString& recipient)
{
    const QJsonObject body{{"channel", channel}, {"recipient", recipient}};
    return parsed(callObject("POST", "/v1/notifications/test", &body), &codec::deliveryAttemptFromJson);
}

Result<SmtpSettings> RemoteBackend::smtpSettings()
{
    return parsed(callObject("GET", "/v1/notifications/settings/smtp"), &codec::smtpSettingsFromJson);
}

Result<SmtpSettings> RemoteBackend::setSmtpSettings(const SmtpSettings& settings,
                                                    const std::optional<SecureBytes>& password)
{
    QJsonObject body = codec::smtpRequestToJson(settings, password);
    auto r = parsed(callObject("PUT", "/v1/notifications/settings/smtp", &body), &codec::smtpSettingsFromJson);
    body.remove("password");
    return r;
}

namespace {

Result<SecureBytes> secretFrom(const Result<QJsonObject>& o, const QString& where)
{
    if (!o)
        return o.error();
    QString text = o->value(QLatin1String("secret")).toString();
    if (!text.startsWith(QLatin1String("whsec_")))
        return Error::io(QStringLiteral("The server at %1 answered without a webhook signing secret").arg(where));
    return SecureBytes::fromString(text);
}

} // namespace

Result<SecureBytes> RemoteBackend::webhookSigningSecret()
{
    return secretFrom(callObject("GET", "/v1/notifications/settings/webhook-secret"), location());
}

Result<SecureBytes> RemoteBackend::rotateWebhookSigningSecret()
{
    const QJsonObject body;
    return secretFrom(callObject("POST", "/v1/notifications/settings/webhook-secret/rotate", &body), location());
}

Result<QList<Notification>> RemoteBackend::resolveIncident(const QString& incident, const QString& note)
{
    if (incident.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("Name the incident to resolve"));
    const QJsonObject body{{"note", note}};
    auto v = call("POST", path({"/v1/incidents", incident.trimmed()}) + "/resolve", &body);
    if (!v)
        return v.error();
    if (!v->isArray())
        return Error::io(QStringLiteral("The server at %1 answered the incident resolution with something other than "
                                        "a JSON list")
                             .arg(location()));
    return codec::listFromJson<Notification>(v->toArray(), &codec::notificationFromJson);
}

} // namespace kw
