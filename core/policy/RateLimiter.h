#pragma once

#include "policy/RateLimitSpec.h"

#include <atomic>
#include <limits>

namespace kw {

// What a limiter answers, in the terms of rate-limit response headers.
struct RateLimitState {
    bool allowed = true;
    qint64 limit = -1;       // burst capacity; -1 when nothing limits
    qint64 remaining = -1;   // requests of cost 1 that would be admitted right now, after this one
    qint64 resetAfterMs = 0; // until the limit is back to full capacity
    qint64 retryAfterMs = 0; // until this request would be admitted; 0 if allowed, -1 if never (cost > burst)
};

// One rate limit, enforced with GCRA (the generic cell rate algorithm): a single theoretical arrival time
// (TAT) advanced by a compare-exchange loop, so concurrent callers are exact without a mutex and a
// decision never allocates.
//
// Exactness: time is counted in ticks of 1/k ms where k = count / gcd(count, periodMs), which makes the
// emission interval periodMs / gcd an integer; "3/s" is exactly 3 per second, not 333 µs rounded. With
// count <= 1,000,000, nowMs must stay below 9.2e12 (year 2262) to avoid overflow.
//
// A rejected request consumes nothing. Time going backwards never grants extra capacity.
class RateLimiter {
public:
    explicit RateLimiter(const RateLimitSpec& spec);
    // Moving is for building containers; it must not race with use of either limiter.
    RateLimiter(RateLimiter&& other) noexcept;
    RateLimiter& operator=(RateLimiter&&) = delete;

    const RateLimitSpec& spec() const { return m_spec; }

    RateLimitState tryAcquire(qint64 nowMs, qint64 cost = 1);
    // What tryAcquire(nowMs, cost) would answer, without consuming.
    RateLimitState peek(qint64 nowMs, qint64 cost = 1) const;
    void reset() { m_tat.store(kEmpty, std::memory_order_relaxed); }

private:
    friend class RateLimiterSet;
    static constexpr qint64 kEmpty = std::numeric_limits<qint64>::min();

    // Decides a request against an observed TAT; on admission *newTat is what to store.
    RateLimitState evaluate(qint64 tat, qint64 nowMs, qint64 cost, qint64* newTat) const;

    RateLimitSpec m_spec;
    qint64 m_ticksPerMs;
    qint64 m_interval; // ticks per request
    qint64 m_capacity; // burst * interval
    std::atomic<qint64> m_tat{kEmpty};
};

} // namespace kw
