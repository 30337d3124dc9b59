#include "remote/NotifyCodec.h"

#include "remote/JsonReader.h"
#include "util/Json.h"

namespace kw::codec {

namespace {

void readSmtp(JsonReader& r, SmtpSettings& s)
{
    s.host = r.string(QStringLiteral("host"), true);
    s.port = int(r.integer(QStringLiteral("port"), 587));
    s.security = r.string(QStringLiteral("security"));
    if (s.security.isEmpty())
        s.security = QStringLiteral("starttls");
    s.username = r.string(QStringLiteral("username"));
    s.from = r.string(QStringLiteral("from"), true);
    s.fromName = r.string(QStringLiteral("fromName"));
    s.caFile = r.string(QStringLiteral("caFile"));
    s.timeoutSeconds = int(r.integer(QStringLiteral("timeoutSeconds"), 30));
}

} // namespace

Result<DeliveryAttempt> deliveryAttemptFromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("delivery attempt"));
    DeliveryAttempt a;
    a.notificationId = r.integer(QStringLiteral("notificationId"), 0);
    a.attempt = int(r.integer(QStringLiteral("attempt"), 0));
    const QJsonValue at = object.value(QLatin1String("at"));
    r.string(QStringLiteral("at"));
    a.at = json::parseTime(at);
    a.outcome = r.string(QStringLiteral("outcome"), true);
    a.status = int(r.integer(QStringLiteral("status"), 0));
    a.reply = r.string(QStringLiteral("reply"));
    a.error = r.string(QStringLiteral("error"));
    a.durationMs = r.integer(QStringLiteral("durationMs"), 0);
    if (auto s = r.finish(); !s)
        return s.error();
    if (a.at < 0)
        return Error::invalid(QStringLiteral("delivery attempt: field \"at\" must be an ISO 8601 time"));
    return a;
}

Result<DeliveryReport> deliveryReportFromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("delivery report"));
    DeliveryReport d;
    d.claimed = int(r.integer(QStringLiteral("claimed"), 0));
    d.sent = int(r.integer(QStringLiteral("sent"), 0));
    d.retrying = int(r.integer(QStringLiteral("retrying"), 0));
    d.failed = int(r.integer(QStringLiteral("failed"), 0));
    if (auto s = r.finish(); !s)
        return s.error();
    return d;
}

Result<SmtpSettings> smtpSettingsFromJson(const QJsonObject& object)
{
    if (object.value(QLatin1String("host")).toString().isEmpty()) {
        // Not configured: the defaults with no host.
        SmtpSettings s;
        return s;
    }
    JsonReader r(object, QStringLiteral("smtp settings"));
    SmtpSettings s;
    readSmtp(r, s);
    s.hasPassword = r.boolean(QStringLiteral("hasPassword"));
    if (auto st = r.finish(); !st)
        return st.error();
    return s;
}

QJsonObject smtpRequestToJson(const SmtpSettings& s, const std::optional<SecureBytes>& password)
{
    QJsonObject o = s.toJson();
    o.remove("hasPassword");
    if (password)
        o.insert("password", password->toUtf8String());
    return o;
}

Result<SmtpRequest> smtpRequestFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    SmtpRequest req;
    readSmtp(r, req.settings);
    if (object.contains(QLatin1String("password"))) {
        const QJsonValue v = object.value(QLatin1String("password"));
        if (!v.isString())
            return Error::invalid(QStringLiteral("field \"password\" must be a string"));
        QString text = v.toString();
        req.password = SecureBytes::fromString(text);
        r.string(QStringLiteral("password")); // marks it as read
    }
    if (auto st = r.finish(); !st)
        return st.error();
    return req;
}

} // namespace kw::codec
