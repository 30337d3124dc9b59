#include "policy/RateLimiterSet.h"

namespace kw {

namespace {

// Whether `candidate` binds more tightly than `current`.
bool tighter(const RateLimitState& candidate, const RateLimitState& current)
{
    if (candidate.allowed != current.allowed)
        return !candidate.allowed;
    if (!candidate.allowed) {
        if ((candidate.retryAfterMs < 0) != (current.retryAfterMs < 0))
            return candidate.retryAfterMs < 0;
        return candidate.retryAfterMs > current.retryAfterMs;
    }
    if (candidate.remaining != current.remaining)
        return candidate.remaining < current.remaining;
    return candidate.resetAfterMs > current.resetAfterMs;
}

} // namespace

RateLimiterSet::RateLimiterSet(const QList<RateLimitSpec>& specs)
{
    m_limits.reserve(size_t(specs.size()));
    for (const RateLimitSpec& s : specs)
        m_limits.emplace_back(s);
    m_next.resize(m_limits.size());
}

RateLimitState RateLimiterSet::evaluateAll(qint64 nowMs, qint64 cost, qint64* next, int* binding) const
{
    RateLimitState result;
    int bound = -1;
    for (size_t i = 0; i < m_limits.size(); ++i) {
        const RateLimiter& l = m_limits[i];
        qint64 ignored = 0;
        const RateLimitState s =
            l.evaluate(l.m_tat.load(std::memory_order_relaxed), nowMs, cost, next ? &next[i] : &ignored);
        if (bound < 0 || tighter(s, result)) {
            result = s;
            bound = int(i);
        }
    }
    if (binding)
        *binding = bound;
    return result;
}

RateLimitState RateLimiterSet::tryAcquire(qint64 nowMs, qint64 cost, int* binding)
{
    if (m_limits.empty()) {
        if (binding)
            *binding = -1;
        return {};
    }
    if (m_limits.size() == 1) {
        if (binding)
            *binding = 0;
        return m_limits.front().tryAcquire(nowMs, cost);
    }
    const QMutexLocker lock(&m_commit);
    const RateLimitState s = evaluateAll(nowMs, cost, m_next.data(), binding);
    if (s.allowed && cost > 0) {
        // Only this set writes its limiters, and only under the lock, so plain stores are exact.
        for (size_t i = 0; i < m_limits.size(); ++i)
            m_limits[i].m_tat.store(m_next[i], std::memory_order_relaxed);
    }
    return s;
}

RateLimitState RateLimiterSet::peek(qint64 nowMs, qint64 cost, int* binding) const
{
    return evaluateAll(nowMs, cost, nullptr, binding);
}

void RateLimiterSet::reset()
{
    const QMutexLocker lock(&m_commit);
    for (RateLimiter& l : m_limits)
        l.reset();
}

} // namespace kw
