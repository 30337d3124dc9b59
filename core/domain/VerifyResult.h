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
};

QString toString(VerifyCode code);

struct VerifyContext {
    QString service;
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
    qint64 expiresAt = 0;
    bool inGrace = false;
    qint64 remaining = -1; // uses left, -1: unlimited
    QString message;       // for people; never contains the secret

    QJsonObject toJson() const;
};

} // namespace kw
