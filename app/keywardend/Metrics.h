#pragma once

#include "domain/VerifyResult.h"

#include <QByteArray>

#include <array>
#include <atomic>

namespace kwd {

// Counters for /metrics (Prometheus text format). Updated from the request thread without locks.
class Metrics {
public:
    static constexpr int kCodes = int(kw::VerifyCode::WrongEnvironment) + 1;
    static constexpr std::array<qint64, 10> kLatencyBucketsUs{50,   100,  250,   500,   1000,
                                                              2500, 5000, 10000, 50000, 250000};

    void recordVerification(kw::VerifyCode code, qint64 latencyUs);
    void recordHttp(int status);
    void recordGatewayEvents(qint64 n) { m_gatewayEvents.fetch_add(n, std::memory_order_relaxed); }

    // Totals per code since start, for the live event stream.
    std::array<qint64, kCodes> verificationsByCode() const;

    struct Gauges {
        qint64 queueDepth = 0;
        qint64 eventsWritten = 0;
        qint64 keysLoaded = 0;
        qint64 websocketClients = 0;
    };
    QByteArray render(const Gauges& gauges) const;

private:
    std::array<std::atomic<qint64>, kCodes> m_byCode{};
    std::array<std::atomic<qint64>, kLatencyBucketsUs.size() + 1> m_latencyBuckets{};
    std::atomic<qint64> m_latencySumUs{0};
    std::atomic<qint64> m_latencyCount{0};
    std::array<std::atomic<qint64>, 6> m_httpByClass{}; // 1xx..5xx, [0] unused
    std::atomic<qint64> m_gatewayEvents{0};
};

} // namespace kwd
