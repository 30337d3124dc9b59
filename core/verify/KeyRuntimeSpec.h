#pragma once

#include "crypto/Crypto.h"
#include "domain/KeyStatus.h"
#include "policy/KeyPolicy.h"

#include <QHash>
#include <QStringList>

namespace kw {

// What the verification engine needs to know about one key: its identity, its stored state, its
// effective policy (inheritance resolved, role names already expanded into permissions) and the usage
// counters persisted so far.
struct KeyRuntimeSpec {
    crypto::Digest hash{};
    QString id;
    QString displayId;
    QString owner;
    QString project;
    QString environment;
    KeyStatus status = KeyStatus::Active;
    qint64 expiresAt = 0;
    QStringList services;
    KeyPolicy policy;
    QHash<QString, qint64> unitPriceMicros; // per service of the key's project
    qint64 usesConsumed = 0;
    qint64 usesPeriodStart = 0;
    qint64 quotaUsed = 0;
    qint64 quotaPeriodStart = 0;
};

} // namespace kw
