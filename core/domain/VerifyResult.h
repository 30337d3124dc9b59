#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kw {

// Why a presented key passed or not. Stable spellings: gateways and scripts match on them.
enum class VerifyCode {
    Valid,
    Malformed,
    NotFound,
    Expired,
    Revoked,
    Suspended,
    UsageExceeded,
    RateLimited,
    QuotaExceeded,
    ForbiddenIp,
    OutsideTimeWindow,
    WrongService,
    InsufficientPermissions,
    WrongEnvironment,
};

QString toString(VerifyCode code);

struct VerifyContext {
    QString service;
    QString environment; // when set, the key must belong to this environment
    QString clientIp;
    QStringList permissions;
    qint64 cost = 1;
    qint64 timeMs = 0; // 0: the backend's clock
};

struct VerifyResult {
    bool valid = false;
    VerifyCode code = VerifyCode::NotFound;
    QString keyId;
    QString displayId;
    QString owner;
    QString project; // the key's project (not part of the JSON answer; for the server's per-project metrics)
    qint64 expiresAt = 0;
    bool inGrace = false;
    qint64 remaining = -1; // uses left, -1: unlimited
    QString message;       // for people; never contains the secret

    // The binding rate limit after this decision (present = the key has limits).
    struct RateLimit {
        bool present = false;
        qint64 limit = 0;
        qint64 remaining = 0;
        qint64 resetAfterMs = 0;
        qint64 retryAfterMs = 0; // > 0 only when RATE_LIMITED; -1: the cost can never fit
    } rateLimit;
    struct QuotaState {
        bool present = false;
        qint64 limit = 0;
        qint64 remaining = 0;
        qint64 resetsAt = 0;
    } quota;

    QJsonObject toJson() const;
};

} // namespace kw
