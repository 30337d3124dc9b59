#include "Metrics.h"

namespace kwd {

void Metrics::recordVerification(kw::VerifyCode code, qint64 latencyUs)
{
    m_byCode[std::size_t(code)].fetch_add(1, std::memory_order_relaxed);
    std::size_t bucket = kLatencyBucketsUs.size();
    for (std::size_t i = 0; i < kLatencyBucketsUs.size(); ++i) {
        if (latencyUs <= kLatencyBucketsUs[i]) {
            bucket = i;
            break;
        }
    }
    m_latencyBuckets[bucket].fetch_add(1, std::memory_order_relaxed);
    m_latencySumUs.fetch_add(latencyUs, std::memory_order_relaxed);
    m_latencyCount.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::recordHttp(int status)
{
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5)
        m_httpByClass[std::size_t(cls)].fetch_add(1, std::memory_order_relaxed);
}

std::array<qint64, Metrics::kCodes> Metrics::verificationsByCode() const
{
    std::array<qint64, kCodes> out{};
    for (int i = 0; i < kCodes; ++i)
        out[std::size_t(i)] = m_byCode[std::size_t(i)].load(std::memory_order_relaxed);
    return out;
}

QByteArray Metrics::render(const Gauges& g) const
{
    QByteArray out;
    out += "# HELP keywarden_verifications_total Key verification decisions by result code.\n"
           "# TYPE keywarden_verifications_total counter\n";
    for (int i = 0; i < kCodes; ++i)
        out += "keywarden_verifications_total{code=\"" + kw::toString(kw::VerifyCode(i)).toLatin1() + "\"} " +
               QByteArray::number(m_byCode[std::size_t(i)].load(std::memory_order_relaxed)) + '\n';
    out += "# HELP keywarden_verify_duration_seconds Time to decide one verification, in the server.\n"
           "# TYPE keywarden_verify_duration_seconds histogram\n";
    qint64 cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBucketsUs.size(); ++i) {
        cumulative += m_latencyBuckets[i].load(std::memory_order_relaxed);
        out += "keywarden_verify_duration_seconds_bucket{le=\"" +
               QByteArray::number(double(kLatencyBucketsUs[i]) / 1e6) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    cumulative += m_latencyBuckets[kLatencyBucketsUs.size()].load(std::memory_order_relaxed);
    out += "keywarden_verify_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(cumulative) + '\n';
    out += "keywarden_verify_duration_seconds_sum " +
           QByteArray::number(double(m_latencySumUs.load(std::memory_order_relaxed)) / 1e6) + '\n';
    out += "keywarden_verify_duration_seconds_count " +
           QByteArray::number(m_latencyCount.load(std::memory_order_relaxed)) + '\n';
    out += "# HELP keywarden_http_responses_total HTTP responses by status class.\n"
           "# TYPE keywarden_http_responses_total counter\n";
    for (int c = 1; c <= 5; ++c)
        out += "keywarden_http_responses_total{class=\"" + QByteArray::number(c) + "xx\"} " +
               QByteArray::number(m_httpByClass[std::size_t(c)].load(std::memory_order_relaxed)) + '\n';
    out += "# HELP keywarden_usage_queue_depth Usage events waiting to be written.\n"
           "# TYPE keywarden_usage_queue_depth gauge\n"
           "keywarden_usage_queue_depth " +
           QByteArray::number(g.queueDepth) + '\n';
    out += "# HELP keywarden_usage_events_written_total Usage events persisted to the vault.\n"
           "# TYPE keywarden_usage_events_written_total counter\n"
           "keywarden_usage_events_written_total " +
           QByteArray::number(g.eventsWritten) + '\n';
    out += "# HELP keywarden_gateway_events_total Completed requests reported by gateways.\n"
           "# TYPE keywarden_gateway_events_total counter\n"
           "keywarden_gateway_events_total " +
           QByteArray::number(m_gatewayEvents.load(std::memory_order_relaxed)) + '\n';
    out += "# HELP keywarden_keys_loaded Keys in the verification index.\n"
           "# TYPE keywarden_keys_loaded gauge\n"
           "keywarden_keys_loaded " +
           QByteArray::number(g.keysLoaded) + '\n';
    out += "# HELP keywarden_event_stream_clients Connected live event stream clients.\n"
           "# TYPE keywarden_event_stream_clients gauge\n"
           "keywarden_event_stream_clients " +
           QByteArray::number(g.websocketClients) + '\n';
    return out;
}

} // namespace kwd
