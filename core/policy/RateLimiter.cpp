#include "policy/RateLimiter.h"

#include <algorithm>
#include <numeric>

namespace kw {

namespace {

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a <= 0 ? 0 : (a + b - 1) / b;
}

} // namespace

RateLimiter::RateLimiter(const RateLimitSpec& spec) : m_spec(spec)
{
    Q_ASSERT(spec.count > 0 && spec.periodMs > 0 && spec.burst > 0);
    const qint64 g = std::gcd(spec.count, spec.periodMs);
    m_ticksPerMs = spec.count / g;
    m_interval = spec.periodMs / g;
    m_capacity = spec.burst * m_interval;
}

RateLimiter::RateLimiter(RateLimiter&& other) noexcept
    : m_spec(other.m_spec), m_ticksPerMs(other.m_ticksPerMs), m_interval(other.m_interval),
      m_capacity(other.m_capacity), m_tat(other.m_tat.load(std::memory_order_relaxed))
{
}

RateLimitState RateLimiter::evaluate(qint64 tat, qint64 nowMs, qint64 cost, qint64* newTat) const
{
    Q_ASSERT(nowMs >= 0 && nowMs < std::numeric_limits<qint64>::max() / m_ticksPerMs - 1);
    cost = std::max<qint64>(cost, 0);
    const qint64 now = nowMs * m_ticksPerMs;
    const qint64 base = std::max(tat, now); // a TAT in the past means the limit is full
    RateLimitState s;
    s.limit = m_spec.burst;
    if (cost > m_spec.burst) {
        s.allowed = false;
        s.remaining = (m_capacity - (base - now)) / m_interval;
        s.resetAfterMs = ceilDiv(base - now, m_ticksPerMs);
        s.retryAfterMs = -1;
        return s;
    }
    const qint64 next = base + cost * m_interval;
    const qint64 excess = next - now - m_capacity;
    s.allowed = excess <= 0;
    const qint64 after = s.allowed ? next : base;
    s.remaining = (m_capacity - (after - now)) / m_interval;
    s.resetAfterMs = ceilDiv(after - now, m_ticksPerMs);
    s.retryAfterMs = s.allowed ? 0 : ceilDiv(excess, m_ticksPerMs);
    *newTat = next;
    return s;
}

RateLimitState RateLimiter::tryAcquire(qint64 nowMs, qint64 cost)
{
    qint64 tat = m_tat.load(std::memory_order_relaxed);
    for (;;) {
        qint64 next = 0;
        const RateLimitState s = evaluate(tat, nowMs, cost, &next);
        if (!s.allowed || cost <= 0)
            return s; // a rejection is decided on one observed TAT, and a zero-cost admission changes nothing
        if (m_tat.compare_exchange_weak(tat, next, std::memory_order_relaxed, std::memory_order_relaxed))
            return s;
    }
}

RateLimitState RateLimiter::peek(qint64 nowMs, qint64 cost) const
{
    qint64 ignored = 0;
    return evaluate(m_tat.load(std::memory_order_relaxed), nowMs, cost, &ignored);
}

} // namespace kw
