#pragma once

#include "domain/VerifyResult.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>

namespace kwd {

// Counters for /metrics (Prometheus text format). Updated from the request thread without locks, except the
// first time a project is seen. Per project, never per key: a project label keeps the series count sane.
class Metrics {
public:
    static constexpr int kCodes = int(kw::VerifyCode::WrongEnvironment) + 1;
    static constexpr std::array<qint64, 10> kLatencyBucketsUs{50,   100,  250,   500,   1000,
                                                              2500, 5000, 10000, 50000, 250000};

    // project: the key's project ("" for malformed and unknown keys, which count only in the totals).
    void recordVerification(kw::VerifyCode code, qint64 latencyUs, const QString& project = {});
    void recordHttp(int status);
    // A request a gateway completed for a key of `project` (usage reports and syslog access logs).
    void recordGatewayRequest(const QString& project, int status, qint64 latencyUs, qint64 bytes);
    enum class SyslogResult { Ingested, Refused, UnknownKey, Malformed };
    void recordSyslog(SyslogResult result) { m_syslog[std::size_t(result)].fetch_add(1, std::memory_order_relaxed); }
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
    struct ProjectCounters {
        std::array<std::atomic<qint64>, kCodes> byCode{};
        std::array<std::atomic<qint64>, 6> requestsByClass{}; // 1xx..5xx, [0] unused
        std::array<std::atomic<qint64>, kLatencyBucketsUs.size() + 1> requestLatency{};
        std::atomic<qint64> requestLatencySumUs{0};
        std::atomic<qint64> requestLatencyCount{0};
        std::atomic<qint64> bytes{0};
    };
    static constexpr qsizetype kMaxProjects = 2000; // beyond: counted under project="(other)"
    ProjectCounters& project(const QString& name);
    void renderProjects(QByteArray& out) const;
    static std::size_t latencyBucket(qint64 latencyUs);

    std::array<std::atomic<qint64>, kCodes> m_byCode{};
    std::array<std::atomic<qint64>, kLatencyBucketsUs.size() + 1> m_latencyBuckets{};
    std::atomic<qint64> m_latencySumUs{0};
    std::atomic<qint64> m_latencyCount{0};
    std::array<std::atomic<qint64>, 6> m_httpByClass{}; // 1xx..5xx, [0] unused
    std::atomic<qint64> m_gatewayEvents{0};
    std::array<std::atomic<qint64>, 4> m_syslog{};
    mutable std::shared_mutex m_projectsLock;
    QHash<QString, std::shared_ptr<ProjectCounters>> m_projects;
};

} // namespace kwd
