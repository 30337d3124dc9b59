#include "Metrics.h"

#include <algorithm>
#include <mutex>

namespace kwd {

namespace {

// A Prometheus label value: backslash, double quote and newline escaped.
QByteArray labelValue(const QString& v)
{
    QByteArray out = v.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray seconds(qint64 us)
{
    return QByteArray::number(double(us) / 1e6);
}

} // namespace

std::size_t Metrics::latencyBucket(qint64 latencyUs)
{
    for (std::size_t i = 0; i < kLatencyBucketsUs.size(); ++i)
        if (latencyUs <= kLatencyBucketsUs[i])
            return i;
    return kLatencyBucketsUs.size();
}

Metrics::ProjectCounters& Metrics::project(const QString& name)
{
    {
        std::shared_lock lock(m_projectsLock);
        if (auto it = m_projects.constFind(name); it != m_projects.cend())
            return **it;
    }
    std::unique_lock lock(m_projectsLock);
    const QString key =
        m_projects.size() >= kMaxProjects && !m_projects.contains(name) ? QStringLiteral("(other)") : name;
    auto& slot = m_projects[key];
    if (!slot)
        slot = std::make_shared<ProjectCounters>();
    return *slot;
}

void Metrics::recordVerification(kw::VerifyCode code, qint64 latencyUs, const QString& projectName)
{
    m_byCode[std::size_t(code)].fetch_add(1, std::memory_order_relaxed);
    m_latencyBuckets[latencyBucket(latencyUs)].fetch_add(1, std::memory_order_relaxed);
    m_latencySumUs.fetch_add(latencyUs, std::memory_order_relaxed);
    m_latencyCount.fetch_add(1, std::memory_order_relaxed);
    if (!projectName.isEmpty())
        project(projectName).byCode[std::size_t(code)].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::recordGatewayRequest(const QString& projectName, int status, qint64 latencyUs, qint64 bytes)
{
    ProjectCounters& p = project(projectName);
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5)
        p.requestsByClass[std::size_t(cls)].fetch_add(1, std::memory_order_relaxed);
    if (latencyUs >= 0) {
        p.requestLatency[latencyBucket(latencyUs)].fetch_add(1, std::memory_order_relaxed);
        p.requestLatencySumUs.fetch_add(latencyUs, std::memory_order_relaxed);
        p.requestLatencyCount.fetch_add(1, std::memory_order_relaxed);
    }
    if (bytes > 0)
        p.bytes.fetch_add(bytes, std::memory_order_relaxed);
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
        out += "keywarden_verify_duration_seconds_bucket{le=\"" + seconds(kLatencyBucketsUs[i]) + "\"} " +
               QByteArray::number(cumulative) + '\n';
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
    out += "# HELP keywarden_syslog_messages_total Access-log messages received over syslog, by outcome.\n"
           "# TYPE keywarden_syslog_messages_total counter\n";
    const char* outcomes[] = {"ingested", "refused", "unknown_key", "malformed"};
    for (std::size_t i = 0; i < m_syslog.size(); ++i)
        out += "keywarden_syslog_messages_total{result=\"" + QByteArray(outcomes[i]) + "\"} " +
               QByteArray::number(m_syslog[i].load(std::memory_order_relaxed)) + '\n';
    renderProjects(out);
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

void Metrics::renderProjects(QByteArray& out) const
{
    QList<std::pair<QString, std::shared_ptr<ProjectCounters>>> projects;
    {
        std::shared_lock lock(m_projectsLock);
        for (auto it = m_projects.cbegin(); it != m_projects.cend(); ++it)
            projects.append({it.key(), it.value()});
    }
    std::sort(projects.begin(), projects.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    auto load = [](const std::atomic<qint64>& a) { return QByteArray::number(a.load(std::memory_order_relaxed)); };

    out += "# HELP keywarden_project_verifications_total Key verification decisions per project and result code.\n"
           "# TYPE keywarden_project_verifications_total counter\n";
    for (const auto& [name, p] : projects)
        for (int i = 0; i < kCodes; ++i)
            if (const qint64 n = p->byCode[std::size_t(i)].load(std::memory_order_relaxed); n > 0)
                out += "keywarden_project_verifications_total{project=\"" + labelValue(name) + "\",code=\"" +
                       kw::toString(kw::VerifyCode(i)).toLatin1() + "\"} " + QByteArray::number(n) + '\n';
    out += "# HELP keywarden_project_requests_total Requests completed through gateways per project and status "
           "class (usage reports and nginx access logs).\n"
           "# TYPE keywarden_project_requests_total counter\n";
    for (const auto& [name, p] : projects)
        for (int c = 1; c <= 5; ++c)
            out += "keywarden_project_requests_total{project=\"" + labelValue(name) + "\",status_class=\"" +
                   QByteArray::number(c) + "xx\"} " + load(p->requestsByClass[std::size_t(c)]) + '\n';
    out += "# HELP keywarden_project_request_duration_seconds Request time seen by gateways, per project.\n"
           "# TYPE keywarden_project_request_duration_seconds histogram\n";
    for (const auto& [name, p] : projects) {
        const QByteArray label = "project=\"" + labelValue(name) + '"';
        qint64 cumulative = 0;
        for (std::size_t i = 0; i < kLatencyBucketsUs.size(); ++i) {
            cumulative += p->requestLatency[i].load(std::memory_order_relaxed);
            out += "keywarden_project_request_duration_seconds_bucket{" + label + ",le=\"" +
                   seconds(kLatencyBucketsUs[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
        }
        cumulative += p->requestLatency[kLatencyBucketsUs.size()].load(std::memory_order_relaxed);
        out += "keywarden_project_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
               QByteArray::number(cumulative) + '\n';
        out += "keywarden_project_request_duration_seconds_sum{" + label + "} " +
               seconds(p->requestLatencySumUs.load(std::memory_order_relaxed)) + '\n';
        out += "keywarden_project_request_duration_seconds_count{" + label + "} " + load(p->requestLatencyCount) + '\n';
    }
    out += "# HELP keywarden_project_response_bytes_total Bytes sent to clients through gateways, per project.\n"
           "# TYPE keywarden_project_response_bytes_total counter\n";
    for (const auto& [name, p] : projects)
        out += "keywarden_project_response_bytes_total{project=\"" + labelValue(name) + "\"} " + load(p->bytes) + '\n';
}

} // namespace kwd
