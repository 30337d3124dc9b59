#include "SyslogReceiver.h"

#include "JsonLog.h"

#include "usage/AccessLog.h"

#include <QNetworkDatagram>
#include <QTcpSocket>

namespace kwd {

namespace {

constexpr qsizetype kMaxMessage = 64 * 1024; // an access-log line is a few hundred bytes
constexpr qsizetype kMaxCachedKeys = 100'000;

} // namespace

SyslogReceiver::SyslogReceiver(kw::LocalVault& backend, Metrics& metrics, QObject* parent)
    : QObject(parent), m_backend(backend), m_metrics(metrics)
{
    connect(&m_udp, &QUdpSocket::readyRead, this, &SyslogReceiver::readDatagrams);
    connect(&m_tcp, &QTcpServer::newConnection, this, &SyslogReceiver::acceptConnections);
    m_warnTimer.setInterval(60'000);
    connect(&m_warnTimer, &QTimer::timeout, this, &SyslogReceiver::reportProblems);
}

kw::Status SyslogReceiver::start(const QHostAddress& address, quint16 port)
{
    if (!address.isLoopback())
        return kw::Error::invalid(QStringLiteral("syslog_listen must be a loopback address (syslog carries no "
                                                 "authentication): %1 is not")
                                      .arg(address.toString()));
    if (!m_tcp.listen(address, port))
        return kw::Error::io(QStringLiteral("Cannot listen for syslog over TCP on %1:%2: %3")
                                 .arg(address.toString())
                                 .arg(port)
                                 .arg(m_tcp.errorString()));
    m_port = m_tcp.serverPort();
    if (!m_udp.bind(address, m_port))
        return kw::Error::io(QStringLiteral("Cannot listen for syslog over UDP on %1:%2: %3")
                                 .arg(address.toString())
                                 .arg(m_port)
                                 .arg(m_udp.errorString()));
    m_warnTimer.start();
    logInfo(QStringLiteral("receiving access logs over syslog"),
            {{"address", address.toString()}, {"port", int(m_port)}, {"transports", QStringLiteral("udp,tcp")}});
    return {};
}

void SyslogReceiver::readDatagrams()
{
    while (m_udp.hasPendingDatagrams()) {
        const QNetworkDatagram d = m_udp.receiveDatagram(kMaxMessage);
        if (d.isValid())
            ingest(d.data());
    }
}

void SyslogReceiver::acceptConnections()
{
    while (QTcpSocket* s = m_tcp.nextPendingConnection()) {
        m_buffers.insert(s, {});
        connect(s, &QTcpSocket::readyRead, this, [this, s] { readStream(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            if (!m_buffers.contains(s))
                return; // dropped for a framing error
            readStream(s);
            m_buffers.remove(s);
            s->deleteLater();
        });
    }
}

// RFC 6587: a frame is either "LEN SP MSG" (octet counting) or MSG terminated by LF (non-transparent framing).
void SyslogReceiver::readStream(QTcpSocket* socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    QByteArray& buffer = *it;
    buffer += socket->readAll();
    qsizetype pos = 0;
    for (;;) {
        const QByteArrayView rest = QByteArrayView(buffer).sliced(pos);
        if (rest.isEmpty())
            break;
        if (rest.front() >= '1' && rest.front() <= '9') {
            const qsizetype space = rest.indexOf(' ');
            if (space < 0 && rest.size() < 8)
                break; // the length is still arriving
            bool ok = false;
            const qsizetype length = space > 0 ? rest.first(space).toLongLong(&ok) : 0;
            if (!ok || length <= 0 || length > kMaxMessage) {
                ++m_malformedSinceWarning;
                m_lastProblem = QStringLiteral("a TCP syslog frame's length is malformed or over 64 KiB");
                m_metrics.recordSyslog(Metrics::SyslogResult::Malformed);
                dropConnection(socket);
                return;
            }
            if (rest.size() < space + 1 + length)
                break;
            ingest(rest.sliced(space + 1, length));
            pos += space + 1 + length;
        } else {
            const qsizetype newline = rest.indexOf('\n');
            if (newline < 0) {
                if (rest.size() > kMaxMessage) {
                    ++m_malformedSinceWarning;
                    m_lastProblem = QStringLiteral("a TCP syslog line is longer than 64 KiB");
                    m_metrics.recordSyslog(Metrics::SyslogResult::Malformed);
                    dropConnection(socket);
                    return;
                }
                if (socket->state() != QAbstractSocket::ConnectedState && !rest.trimmed().isEmpty())
                    ingest(rest); // the last line of a closed stream
                else
                    break;
                pos = buffer.size();
                break;
            }
            if (!rest.first(newline).trimmed().isEmpty())
                ingest(rest.first(newline));
            pos += newline + 1;
        }
    }
    buffer.remove(0, pos);
}

// Forgets the stream before aborting it: abort() emits disconnected() at once, whose handler must find nothing left.
void SyslogReceiver::dropConnection(QTcpSocket* socket)
{
    m_buffers.remove(socket);
    socket->abort();
    socket->deleteLater();
}

QString SyslogReceiver::projectOf(const QString& keyId)
{
    if (auto it = m_projects.constFind(keyId); it != m_projects.cend())
        return *it;
    auto key = m_backend.key(keyId);
    if (!key)
        return {};
    if (m_projects.size() >= kMaxCachedKeys)
        m_projects.clear();
    m_projects.insert(keyId, key->project);
    return key->project;
}

void SyslogReceiver::ingest(QByteArrayView message)
{
    auto json = kw::accesslog::syslogMessage(message);
    auto record = json ? kw::accesslog::parseRecord(*json) : kw::Result<kw::accesslog::Record>(json.error());
    if (!record) {
        ++m_malformedSinceWarning;
        m_lastProblem = record.errorMessage();
        m_metrics.recordSyslog(Metrics::SyslogResult::Malformed);
        return;
    }
    if (record->disposition == kw::accesslog::Disposition::Refused) {
        m_metrics.recordSyslog(Metrics::SyslogResult::Refused);
        return;
    }
    kw::UsageEvent& e = record->event;
    e.project = projectOf(e.keyId);
    if (e.project.isEmpty()) {
        ++m_unknownSinceWarning;
        m_metrics.recordSyslog(Metrics::SyslogResult::UnknownKey);
        return;
    }
    m_metrics.recordSyslog(Metrics::SyslogResult::Ingested);
    m_metrics.recordGatewayRequest(e.project, e.upstreamStatus, e.latencyUs, e.bytes);
    m_metrics.recordGatewayEvents(1);
    if (auto* recorder = m_backend.usageRecorder())
        recorder->record(std::move(e));
}

void SyslogReceiver::reportProblems()
{
    if (m_malformedSinceWarning > 0)
        logWarn(QStringLiteral("malformed access-log messages received over syslog"),
                {{"count", m_malformedSinceWarning}, {"last", m_lastProblem}});
    if (m_unknownSinceWarning > 0)
        logWarn(QStringLiteral("access-log records named keys this vault does not hold"),
                {{"count", m_unknownSinceWarning}});
    m_malformedSinceWarning = 0;
    m_unknownSinceWarning = 0;
}

} // namespace kwd
