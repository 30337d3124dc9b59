#pragma once

#include "policy/RateLimiter.h"

#include <QMutex>

#include <vector>

namespace kw {

// All the rate limits on one key ("100/s" and "10000/h"). A request is admitted only if every limit admits
// it, and then consumes from every limit; if any limit rejects, none is consumed.
//
// Exact under concurrency: with one limit the set is that limiter's lock-free CAS. With several, check and
// commit run under one per-set mutex, so the outcome is always that of some serial order — a rollback
// scheme would let a concurrent request be rejected by capacity that was reserved and then handed back.
// The mutex is held for a few dozen instructions and, uncontended, costs one atomic exchange each way.
class RateLimiterSet {
public:
    explicit RateLimiterSet(const QList<RateLimitSpec>& specs = {});
    RateLimiterSet(const RateLimiterSet&) = delete;
    RateLimiterSet& operator=(const RateLimiterSet&) = delete;

    // The state returned is the binding limit's: on rejection the one that makes the caller wait longest,
    // on admission the one with the fewest remaining requests. *binding receives its index (-1 if none).
    // An empty set admits everything.
    RateLimitState tryAcquire(qint64 nowMs, qint64 cost = 1, int* binding = nullptr);
    RateLimitState peek(qint64 nowMs, qint64 cost = 1, int* binding = nullptr) const;

    int size() const { return int(m_limits.size()); }
    const RateLimiter& limiter(int index) const { return m_limits[size_t(index)]; }
    void reset();

private:
    // Decides against the current TATs; fills next[] (if given) with what to store on admission.
    RateLimitState evaluateAll(qint64 nowMs, qint64 cost, qint64* next, int* binding) const;

    std::vector<RateLimiter> m_limits;
    QMutex m_commit;
    std::vector<qint64> m_next; // scratch for tryAcquire, only touched under m_commit
};

} // namespace kw
