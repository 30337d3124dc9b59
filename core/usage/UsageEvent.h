#pragma once

#include <QString>

namespace kw {

// One decision or one gateway-reported request, as it enters the usage pipeline. Strings are implicitly
// shared copies of the engine's own (no allocation per event on the verify path).
struct UsageEvent {
    qint64 timeMs = 0;
    QString keyId;   // empty: the presented key was malformed or unknown
    QString project; // empty with keyId
    QString service;
    QString clientIp;        // as presented; the recorder anonymises it according to the privacy setting
    QString code;            // VerifyCode spelling, e.g. "VALID", "RATE_LIMITED"
    qint64 cost = 0;         // units consumed (0 for rejected attempts: a rejection costs nothing)
    qint64 amountMicros = 0; // cost x the service's unit price, in millionths of the currency unit
    int upstreamStatus = 0;  // gateway reports only: HTTP status of the upstream answer (0: unknown)
    qint64 latencyUs = -1;   // gateway reports only (-1: unknown)
    qint64 bytes = -1;       // gateway reports only (-1: unknown)

    // Counters to persist with the event's key (the engine's values after this decision), -1: unchanged.
    qint64 usesConsumed = -1;
    qint64 usesPeriodStart = -1;
    qint64 quotaUsed = -1;
    qint64 quotaPeriodStart = -1;
};

} // namespace kw
