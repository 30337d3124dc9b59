#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>

namespace kw {

// Counts bad key presentations (revoked, expired, unknown, malformed) per source address on the verify path and
// blocks an address for a while once it crosses the threshold. In memory, one mutex, no I/O: cheap enough for
// every rejected request; accepted requests only pay blockedFor(), which is lock-free while nothing is blocked.
class BadKeyMonitor {
public:
    struct Config {
        qint64 threshold = 0; // 0: counting is off
        qint64 windowMs = 60'000;
        qint64 blockMs = 0; // 0: never block
        qint64 ruleId = 0;
    };
    struct Outcome {
        bool crossed = false; // this presentation reached the threshold: once per address and window
        qint64 count = 0;     // in the current window
        qint64 blockedUntil = 0;
    };

    void configure(const Config& config);
    Config config() const;
    Outcome recordBad(const QString& address, qint64 nowMs);
    // Milliseconds the address stays blocked (0: not blocked).
    qint64 blockedFor(const QString& address, qint64 nowMs) const;

private:
    struct Window {
        qint64 start = 0;
        qint64 count = 0;
    };
    void prune(qint64 nowMs);

    mutable QMutex m_mutex;
    Config m_config;
    QHash<QString, Window> m_windows;
    QHash<QString, qint64> m_blocked; // address -> until
    std::atomic<int> m_blockedCount{0};
};

} // namespace kw
