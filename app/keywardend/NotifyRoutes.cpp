// The notification routes of the management API: the outbox (list, record), delivery log, retry, a delivery pass now,
// test messages, the SMTP relay, the webhook signing secret and incident resolution. See docs/server-api.md.
#include "HttpUtil.h"
#include "KeyServer.h"

#include "remote/Codec.h"
#include "remote/JsonReader.h"
#include "remote/NotifyCodec.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace kwd {

namespace {

using Method = QHttpServerRequest::Method;
using StatusCode = QHttpServerResponse::StatusCode;
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
    // The outbox: list (filtered) and record drafts.
    m_http.route("/v1/notifications", Method::Get, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Read, [this, &req](const kw::Operator&, const QJsonObject&) {
            const QUrlQuery q = req.query();
            kw::NotificationQuery nq;
            for (const auto& item : q.queryItems(QUrl::FullyDecoded)) {
                if (item.first == QLatin1String("incident")) {
                    nq.incident = item.second;
                } else if (item.first == QLatin1String("kind")) {
                    nq.kind = item.second;
                } else if (item.first == QLatin1String("state")) {
                    nq.state = item.second;
                } else if (item.first == QLatin1String("id")) {
                    bool ok = false;
                    nq.id = item.second.toLongLong(&ok);
                    if (!ok || nq.id <= 0)
                        return errorResponse(
                            kw::Error::invalid(QStringLiteral("query parameter \"id\" must be a positive number")));
                } else if (item.first == QLatin1String("limit")) {
                    bool ok = false;
                    nq.limit = item.second.toInt(&ok);
                    if (!ok || nq.limit < 0)
                        return errorResponse(kw::Error::invalid(
                            QStringLiteral("query parameter \"limit\" must be a whole number, 0 or more")));
                } else {
                    return errorResponse(
                        kw::Error::invalid(QStringLiteral("unknown query parameter \"%1\"").arg(item.first)));
                }
            }
            return resultResponse(m_backend->notifications(nq), [](const auto& v) { return toJsonArray(v); });
        });
    });
    m_http.route("/v1/notifications", Method::Post, [this](const QHttpServerRequest& req) {
        return handle(req, Capability::Respond, [this](const kw::Operator& op, const QJsonObject& body) {
            const QJsonValue list = body.value(QLatin1String("notifications"));
            for (auto it = body.begin(); it != body.end(); ++it)
                if (it.key() != QLatin1String("notifications"))
                    return errorResponse(kw::Error::invalid(QStringLiteral("unknown field \"%1\"").arg(it.key())));
            if (!list.isArray())
                return errorResponse(
                    kw::Error::invalid(QStringLiteral("field \"notifications\" is required (a list of drafts)")));
            auto drafts =
                kw::codec::listFromJson<kw::Notification>(list.toArray(), &kw::codec::notificationDraftFromJson);
            if (!drafts)
                return errorResponse(
                    kw::Error::invalid(QStringLiteral("field \"notifications\": %1").arg(drafts.errorMessage())));
            return resultResponse(
                as(op, [&](kw::LocalVault& b) { return b.recordNotifications(*drafts); }),
                [](const auto& v) { return toJsonArray(v); }, StatusCode::Created);
        });
    });
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
