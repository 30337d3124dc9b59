// The hot path: key verification for services, nginx auth_request, and gateway usage reports.
#include "HttpUtil.h"
#include "KeyServer.h"

#include "remote/Codec.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>

namespace kwd {

namespace {

using StatusCode = QHttpServerResponse::StatusCode;

QByteArray seconds(qint64 ms)
{
    return QByteArray::number((std::max<qint64>(ms, 0) + 999) / 1000);
}

// nginx auth_request: 200 lets the request through; 401/403 deny it; anything else is an error to nginx,
// which the shipped snippet turns back into the 429 below (see installer/nginx/keywarden-auth.conf).
StatusCode authStatus(kw::VerifyCode code)
{
    using C = kw::VerifyCode;
    switch (code) {
    case C::Valid:
        return StatusCode::Ok;
    case C::Malformed:
    case C::NotFound:
    case C::Expired:
    case C::Revoked:
    case C::Suspended:
        return StatusCode::Unauthorized;
    case C::RateLimited:
    case C::QuotaExceeded:
        return StatusCode::TooManyRequests;
    case C::UsageExceeded:
    case C::ForbiddenIp:
    case C::OutsideTimeWindow:
    case C::WrongService:
    case C::InsufficientPermissions:
    case C::WrongEnvironment:
        return StatusCode::Forbidden;
    }
    return StatusCode::Forbidden;
}

// A source address the bad_key_repeated rule blocked: 429 with Retry-After and the error code "client_blocked".
QHttpServerResponse blockedResponse(const QString& address, qint64 blockedMs)
{
    QHttpServerResponse response = errorResponse(
        StatusCode::TooManyRequests, QStringLiteral("client_blocked"),
        QStringLiteral("Requests from %1 are blocked for %2 s after repeated revoked, expired or unknown keys")
            .arg(address)
            .arg((blockedMs + 999) / 1000));
    response.setHeader("Retry-After", seconds(blockedMs));
    return response;
}

} // namespace

void KeyServer::reportRejection(const kw::VerifyResult& r, const kw::VerifyContext& context)
{
    // Revoked and unknown keys presented to a service are security events; the presented string never leaves.
    if (!m_siem || (r.code != kw::VerifyCode::Revoked && r.code != kw::VerifyCode::NotFound))
        return;
    QJsonObject fields{{"code", kw::toString(r.code)}, {"service", context.service}, {"clientIp", context.clientIp}};
    if (!r.keyId.isEmpty())
        fields.insert("keyId", r.keyId);
    if (!r.displayId.isEmpty())
        fields.insert("displayId", r.displayId);
    m_siem->securityEvent(QStringLiteral("verify.rejected"), fields);
}

void KeyServer::registerVerifyRoutes()
{
    m_http.route(QStringLiteral("/v1/keys/verify"), QHttpServerRequest::Method::Post,
                 [this](const QHttpServerRequest& request) {
                     auto who = authorize(request, kw::Capability::Verify);
                     if (auto* denied = std::get_if<QHttpServerResponse>(&who))
                         return std::move(*denied);
                     if (request.body().size() > m_config.maxBodyBytes)
                         return errorResponse(
                             StatusCode::PayloadTooLarge, QStringLiteral("too_large"),
                             QStringLiteral("The request body is larger than %1 bytes").arg(m_config.maxBodyBytes));
                     auto body = kw::parseJsonObject(request.body());
                     if (!body)
                         return errorResponse(body.error());
                     auto req = kw::codec::verifyRequestFromJson(*body);
                     if (!req)
                         return errorResponse(req.error());
                     // The end client's address when the service passes it, else the caller's own.
                     const QString source =
                         !req->context.clientIp.isEmpty() ? req->context.clientIp : request.remoteAddress().toString();
                     if (const qint64 blocked = blockedFor(source); blocked > 0)
                         return blockedResponse(source, blocked);
                     QElapsedTimer t;
                     t.start();
                     const kw::VerifyResult r = m_engine->verify(req->key.view(), req->context);
                     m_metrics.recordVerification(r.code, t.nsecsElapsed() / 1000, r.project);
                     reportRejection(r, req->context);
                     if (!r.valid)
                         noteBadKey(r, source, req->context.service);
                     // Always 200: the decision is the answer, whatever it is.
                     return jsonResponse(r.toJson());
                 });

    m_http.route(QStringLiteral("/v1/auth"), QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head,
                 [this](const QHttpServerRequest& request) {
                     // The gateway authenticates with its own verifier token; the client's key arrives in the
                     // headers nginx forwards.
                     const QByteArray verifier = request.value("X-KeyWarden-Verifier");
                     const auto op = operatorForToken(verifier);
                     if (!op)
                         return errorResponse(StatusCode::InternalServerError, QStringLiteral("unauthorized"),
                                              QStringLiteral("The gateway's X-KeyWarden-Verifier token is missing "
                                                             "or unknown"));
                     QByteArray key = request.value("X-API-Key");
                     if (key.isEmpty()) {
                         const QByteArray auth = request.value("Authorization");
                         if (auth.startsWith("Bearer "))
                             key = auth.mid(7).trimmed();
                     }
                     kw::VerifyContext ctx;
                     ctx.service = QString::fromUtf8(request.value("X-KeyWarden-Service"));
                     ctx.environment = QString::fromUtf8(request.value("X-KeyWarden-Environment"));
                     ctx.clientIp = QString::fromUtf8(request.value("X-Real-IP"));
                     const QByteArray perms = request.value("X-KeyWarden-Permission");
                     if (!perms.isEmpty())
                         for (const QByteArray& p : perms.split(','))
                             ctx.permissions << QString::fromUtf8(p.trimmed());
                     if (const qint64 blocked = blockedFor(ctx.clientIp); blocked > 0) {
                         kw::secureWipe(key);
                         QHttpServerResponse response(StatusCode::TooManyRequests);
                         response.setHeader("X-KeyWarden-Code", "CLIENT_BLOCKED");
                         response.setHeader("Retry-After", seconds(blocked));
                         return response;
                     }
                     const QByteArray cost = request.value("X-KeyWarden-Cost");
                     if (!cost.isEmpty())
                         ctx.cost = std::max<qint64>(0, cost.toLongLong());
                     QElapsedTimer t;
                     t.start();
                     const kw::VerifyResult r = m_engine->verify(key, ctx);
                     kw::secureWipe(key);
                     m_metrics.recordVerification(r.code, t.nsecsElapsed() / 1000, r.project);
                     reportRejection(r, ctx);
                     if (!r.valid)
                         noteBadKey(r, ctx.clientIp, ctx.service);
                     const StatusCode status = authStatus(r.code);
                     QHttpServerResponse response(status);
                     response.setHeader("X-KeyWarden-Code", kw::toString(r.code).toLatin1());
                     if (r.valid) {
                         response.setHeader("X-Key-Id", r.keyId.toLatin1());
                         response.setHeader("X-Key-Display-Id", r.displayId.toLatin1());
                         response.setHeader("X-Key-Owner", r.owner.toUtf8());
                     }
                     if (r.rateLimit.present) {
                         response.setHeader("RateLimit-Limit", QByteArray::number(r.rateLimit.limit));
                         response.setHeader("RateLimit-Remaining", QByteArray::number(r.rateLimit.remaining));
                         response.setHeader("RateLimit-Reset", seconds(r.rateLimit.resetAfterMs));
                     }
                     if (r.code == kw::VerifyCode::RateLimited)
                         response.setHeader("Retry-After", seconds(r.rateLimit.retryAfterMs));
                     if (r.code == kw::VerifyCode::QuotaExceeded)
                         response.setHeader("Retry-After",
                                            seconds(r.quota.resetsAt - QDateTime::currentMSecsSinceEpoch()));
                     return response;
                 });

    m_http.route(
        QStringLiteral("/v1/usage/report"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest& request) {
            auto who = authorize(request, kw::Capability::Verify);
            if (auto* denied = std::get_if<QHttpServerResponse>(&who))
                return std::move(*denied);
            if (request.body().size() > m_config.maxBodyBytes)
                return errorResponse(
                    StatusCode::PayloadTooLarge, QStringLiteral("too_large"),
                    QStringLiteral("The request body is larger than %1 bytes").arg(m_config.maxBodyBytes));
            auto body = kw::parseJsonObject(request.body());
            if (!body)
                return errorResponse(body.error());
            const QJsonValue events = body->value("events");
            if (!events.isArray() || body->size() != 1)
                return errorResponse(
                    kw::Error::invalid(QStringLiteral("The body must be {\"events\": [...]} and nothing else")));
            auto* recorder = m_backend->usageRecorder();
            QList<kw::UsageEvent> parsed;
            int index = 0;
            for (const QJsonValue& v : events.toArray()) {
                if (!v.isObject())
                    return errorResponse(kw::Error::invalid(QStringLiteral("events[%1] must be an object").arg(index)));
                kw::JsonReader r(v.toObject(), QStringLiteral("events[%1]").arg(index));
                kw::UsageEvent e;
                e.keyId = r.string("keyId", true);
                e.service = r.string("service");
                e.upstreamStatus = int(r.integer("status", 0, true));
                const qint64 latencyMs = r.integer("latencyMs", -1);
                e.latencyUs = latencyMs >= 0 ? latencyMs * 1000 : -1;
                e.bytes = r.integer("bytes", -1);
                const QString time = r.string("time");
                if (auto s = r.finish(); !s)
                    return errorResponse(s.error());
                e.timeMs = time.isEmpty() ? 0 : kw::json::parseTime(time);
                if (e.timeMs < 0)
                    return errorResponse(kw::Error::invalid(
                        QStringLiteral("events[%1]: field \"time\" is not an ISO 8601 time").arg(index)));
                if (e.upstreamStatus < 100 || e.upstreamStatus > 599)
                    return errorResponse(kw::Error::invalid(
                        QStringLiteral("events[%1]: field \"status\" must be an HTTP status").arg(index)));
                e.code = QStringLiteral("REPORTED");
                parsed.append(std::move(e));
                ++index;
            }
            // Attribute each report to its key's project, so per-project error rates add up.
            for (auto& e : parsed) {
                auto k = m_backend->key(e.keyId);
                if (!k)
                    return errorResponse(kw::Error::invalid(QStringLiteral("Unknown key %1").arg(e.keyId)));
                e.project = k->project;
                m_metrics.recordGatewayRequest(e.project, e.upstreamStatus, e.latencyUs, e.bytes);
                recorder->record(std::move(e));
            }
            m_metrics.recordGatewayEvents(parsed.size());
            return jsonResponse(QJsonObject{{"accepted", qint64(parsed.size())}});
        });
}

} // namespace kwd
