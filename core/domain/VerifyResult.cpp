#include "domain/VerifyResult.h"

#include "util/Json.h"

namespace kw {

QString toString(VerifyCode code)
{
    switch (code) {
    case VerifyCode::Valid:
        return QStringLiteral("VALID");
    case VerifyCode::Malformed:
        return QStringLiteral("MALFORMED");
    case VerifyCode::NotFound:
        return QStringLiteral("NOT_FOUND");
    case VerifyCode::Expired:
        return QStringLiteral("EXPIRED");
    case VerifyCode::Revoked:
        return QStringLiteral("REVOKED");
    case VerifyCode::Suspended:
        return QStringLiteral("SUSPENDED");
    case VerifyCode::UsageExceeded:
        return QStringLiteral("USAGE_EXCEEDED");
    case VerifyCode::RateLimited:
        return QStringLiteral("RATE_LIMITED");
    case VerifyCode::QuotaExceeded:
        return QStringLiteral("QUOTA_EXCEEDED");
    case VerifyCode::ForbiddenIp:
        return QStringLiteral("FORBIDDEN_IP");
    case VerifyCode::OutsideTimeWindow:
        return QStringLiteral("OUTSIDE_TIME_WINDOW");
    case VerifyCode::WrongService:
        return QStringLiteral("WRONG_SERVICE");
    case VerifyCode::InsufficientPermissions:
        return QStringLiteral("INSUFFICIENT_PERMISSIONS");
    case VerifyCode::WrongEnvironment:
        return QStringLiteral("WRONG_ENVIRONMENT");
    }
    return {};
}

QJsonObject VerifyResult::toJson() const
{
    QJsonObject o{{"valid", valid}, {"code", toString(code)}};
    o.insert("keyId", keyId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(keyId));
    if (!displayId.isEmpty())
        o.insert("displayId", displayId);
    if (!owner.isEmpty())
        o.insert("owner", owner);
    o.insert("expires", json::time(expiresAt));
    o.insert("inGrace", inGrace);
    o.insert("remaining", remaining < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(remaining));
    if (rateLimit.present)
        o.insert("ratelimit", QJsonObject{{"limit", rateLimit.limit},
                                          {"remaining", rateLimit.remaining},
                                          {"resetMs", rateLimit.resetAfterMs},
                                          {"retryAfterMs", rateLimit.retryAfterMs}});
    if (quota.present)
        o.insert("quota", QJsonObject{{"limit", quota.limit},
                                      {"remaining", quota.remaining},
                                      {"resets", json::time(quota.resetsAt)}});
    if (!message.isEmpty())
        o.insert("message", message);
    return o;
}

} // namespace kw
