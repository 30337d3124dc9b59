// The notification-delivery routes of the management API: delivery log, retry, a delivery pass now, test messages,
// the SMTP relay, the webhook signing secret and incident resolution. See docs/server-api.md.
#include "HttpUtil.h"
#include "KeyServer.h"

#include "remote/JsonReader.h"
#include "remote/NotifyCodec.h"

#include <QHttpServerRequest>

namespace kwd {

namespace {

using Method = QHttpServerRequest::Method;
using kw::Capability;

kw::Result<qint64> notificationId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return kw::Error::invalid(QStringLiteral("The notification id must be a positive number"));
    return id;
}

QJsonObject smtpJson(const kw::SmtpSettings& s)
{
    return s.toJson();
}

} // namespace

void KeyServer::registerNotifyRoutes()
{
    m_http.route("/v1/notifications/<arg>/deliveries", Method::Get,
                 [this](const QString& idText, const QHttpServerRequest& req) {
                     return handle(req, Capability::Read, [this, idText](const kw::Operator&, const QJsonObject&) {
                         auto id = notificationId(idText);
                         if (!id)
                             return errorResponse(id.error());
                         return resultResponse(m_backend->notificationDeliveries(*id),
                                               [](const auto& v) { return toJsonArray(v); });
                     });
                 });
    m_http.route(
        "/v1/notifications/<arg>/retry", Method::Post, [this](const QString& idText, const QHttpServerRequest& req) {
            return handle(req, Capability::Respond, [this, idText](const kw::Operator& op, const QJsonObject&) {
                auto id = notificationId(idText);
                if (!id)
                    return errorResponse(id.error());
                return resultResponse(as(op, [&](kw::LocalVault& b) { return b.retryNotification(*id); }),
                                      [](const kw::Notification& n) { return n.toJson(); });
            });
        });
    // One delivery pass now (blocking this request for the sends, like kwctl's local pass).
    m_http.route("/v1/notifications/deliver", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this](const kw::Operator&, const QJsonObject&) {
            // Recorded under the server's own name, like the timer's passes.
            return resultResponse(m_backend->deliverNotifications(),
                                  [](const kw::DeliveryReport& r) { return r.toJson(); });
        });
    });
    m_http.route("/v1/notifications/test", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            kw::JsonReader r(body);
            const QString channel = r.string(QStringLiteral("channel"), true);
            const QString recipient = r.string(QStringLiteral("recipient"), true);
            if (auto s = r.finish(); !s)
                return errorResponse(s.error());
            return resultResponse(as(op, [&](kw::LocalVault& b) { return b.sendTestNotification(channel, recipient); }),
                                  [](const kw::DeliveryAttempt& a) { return a.toJson(); });
        });
    });
    m_http.route("/v1/notifications/settings/smtp", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this](const kw::Operator&, const QJsonObject&) {
            return resultResponse(m_backend->smtpSettings(), &smtpJson);
        });
    });
    m_http.route("/v1/notifications/settings/smtp", Method::Put, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject& body) {
            auto request = kw::codec::smtpRequestFromJson(body);
            if (!request)
                return errorResponse(request.error());
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.setSmtpSettings(request->settings, request->password); }),
                &smtpJson);
        });
    });
    m_http.route("/v1/notifications/settings/webhook-secret", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject&) {
            return resultResponse(as(op, [](kw::LocalVault& b) { return b.webhookSigningSecret(); }),
                                  [](const kw::SecureBytes& s) {
                                      return QJsonObject{{"secret", s.toUtf8String()}};
                                  });
        });
    });
    m_http.route("/v1/notifications/settings/webhook-secret/rotate", Method::Post,
                 [this](const QHttpServerRequest& req) {
                     return handle(req, Capability::Administer, [this](const kw::Operator& op, const QJsonObject&) {
                         return resultResponse(as(op, [](kw::LocalVault& b) { return b.rotateWebhookSigningSecret(); }),
                                               [](const kw::SecureBytes& s) {
                                                   return QJsonObject{{"secret", s.toUtf8String()}};
                                               });
                     });
                 });
    m_http.route(
        "/v1/incidents/<arg>/resolve", Method::Post, [this](const QString& incident, const QHttpServerRequest& req) {
            return handle(req, Capability::Respond, [this, incident](const kw::Operator& op, const QJsonObject& body) {
                kw::JsonReader r(body);
                const QString note = r.string(QStringLiteral("note"));
                if (auto s = r.finish(); !s)
                    return errorResponse(s.error());
                return resultResponse(
                    as(op, [&](kw::LocalVault& b) { return b.resolveIncident(incident, note); }),
                    [](const auto& v) { return toJsonArray(v); }, QHttpServerResponse::StatusCode::Created);
            });
        });
}

} // namespace kwd
