#pragma once

#include <QDateTime>
#include <QTimeZone>
#include <QtGlobal>

#include <atomic>

namespace kw {

// "Now" is injected everywhere expiry, grace periods, rate limits or rollups depend on it, so a test can
// move 30 days ahead in a microsecond. Times are milliseconds since the Unix epoch, UTC.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), QTimeZone::utc()); }

    // The process-wide wall clock.
    static Clock& system();
};

class SystemClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock that only moves when told to. Safe to read from several threads.
class TestClock final : public Clock {
public:
    explicit TestClock(qint64 startMs = 1'767'225'600'000 /* 2026-01-01T00:00:00Z */) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    void setNowMs(qint64 ms) { m_now.store(ms, std::memory_order_relaxed); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms, std::memory_order_relaxed); }
    void advanceSecs(qint64 s) { advanceMs(s * 1000); }
    void advanceDays(qint64 d) { advanceMs(d * 86'400'000); }

private:
    std::atomic<qint64> m_now;
};

} // namespace kw
