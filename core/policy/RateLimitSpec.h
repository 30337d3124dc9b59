#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kw {

// One rate limit as written by a user: "100/s", "500/m", "10000/h", "1000000/d", optionally with a burst
// capacity after a colon ("100/s:200"). Without one, the burst equals the count, so "100/s" admits up to
// 100 requests at once and then one every 10 ms.
struct RateLimitSpec {
    qint64 count = 0;    // requests ...
    qint64 periodMs = 0; // ... per this period
    qint64 burst = 0;    // how many may arrive at once

    static constexpr qint64 kMaxCount = 1'000'000;
    static constexpr qint64 kMaxBurst = 1'000'000'000;

    static Result<RateLimitSpec> parse(QStringView text);
    // A list as given on a command line or in a policy; each entry may itself hold comma-separated specs.
    static Result<QList<RateLimitSpec>> parseList(const QStringList& texts);
    QString toString() const;

    friend bool operator==(const RateLimitSpec&, const RateLimitSpec&) = default;
};

} // namespace kw
