#include "alerts/BadKeyMonitor.h"

#include <QMutexLocker>

namespace kw {

namespace {
constexpr qsizetype kMaxTracked = 100'000; // addresses; beyond this stale windows are dropped first
}

void BadKeyMonitor::configure(const Config& config)
{
    QMutexLocker lock(&m_mutex);
    m_config = config;
    if (config.threshold <= 0)
        m_windows.clear();
    if (config.blockMs <= 0) {
        m_blocked.clear();
        m_blockedCount.store(0, std::memory_order_relaxed);
    }
}

BadKeyMonitor::Config BadKeyMonitor::config() const
{
    QMutexLocker lock(&m_mutex);
    return m_config;
}

void BadKeyMonitor::prune(qint64 nowMs)
{
    for (auto it = m_windows.begin(); it != m_windows.end();)
        it = nowMs - it->start >= m_config.windowMs ? m_windows.erase(it) : std::next(it);
    for (auto it = m_blocked.begin(); it != m_blocked.end();)
        it = *it <= nowMs ? m_blocked.erase(it) : std::next(it);
    m_blockedCount.store(int(m_blocked.size()), std::memory_order_relaxed);
    // Still too many live windows: a flood from many addresses. Keep counting the ones already close.
    if (m_windows.size() >= kMaxTracked)
        for (auto it = m_windows.begin(); it != m_windows.end();)
            it = it->count < m_config.threshold / 2 ? m_windows.erase(it) : std::next(it);
    // Still full: start over rather than scan the table again for every new address (blocks are kept).
    if (m_windows.size() >= kMaxTracked)
        m_windows.clear();
}

BadKeyMonitor::Outcome BadKeyMonitor::recordBad(const QString& address, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    Outcome out;
    if (m_config.threshold <= 0 || address.isEmpty())
        return out;
    if (m_windows.size() >= kMaxTracked && !m_windows.contains(address))
        prune(nowMs);
    Window& w = m_windows[address];
    if (w.count == 0 || nowMs - w.start >= m_config.windowMs)
        w = Window{nowMs, 0};
    ++w.count;
    out.count = w.count;
    if (w.count == m_config.threshold) {
        out.crossed = true;
        if (m_config.blockMs > 0) {
            out.blockedUntil = nowMs + m_config.blockMs;
            m_blocked.insert(address, out.blockedUntil);
            m_blockedCount.store(int(m_blocked.size()), std::memory_order_relaxed);
        }
    }
    return out;
}

qint64 BadKeyMonitor::blockedFor(const QString& address, qint64 nowMs) const
{
    if (m_blockedCount.load(std::memory_order_relaxed) == 0 || address.isEmpty())
        return 0;
    QMutexLocker lock(&m_mutex);
    const auto it = m_blocked.constFind(address);
    if (it == m_blocked.constEnd() || *it <= nowMs)
        return 0;
    return *it - nowMs;
}

} // namespace kw
