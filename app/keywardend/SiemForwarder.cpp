#include "SiemForwarder.h"

#include "JsonLog.h"

#include "storage/LocalVault.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostInfo>
#include <QJsonDocument>

namespace kwd {

namespace {

const QString kPositionName = QStringLiteral("siem_position");
constexpr int kUdpMaxBytes = 8192;
constexpr int kPollBatch = 1000;

} // namespace

kw::Result<SiemTarget> SiemTarget::parse(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    SiemTarget t;
    t.display = text;
    const QString scheme = url.scheme();
    if (!url.isValid() || scheme.isEmpty())
        return kw::Error::invalid(
            QStringLiteral("siem: \"%1\" is not a URL (udp://HOST:PORT, tcp://HOST:PORT or file:///PATH)").arg(text));
    if (scheme == QLatin1String("file")) {
        t.kind = Kind::File;
        t.path = url.toLocalFile();
        if (t.path.isEmpty() || !url.host().isEmpty())
            return kw::Error::invalid(
                QStringLiteral("siem: a file target is file:///absolute/path, not \"%1\"").arg(text));
        return t;
    }
    if (scheme != QLatin1String("udp") && scheme != QLatin1String("tcp"))
        return kw::Error::invalid(QStringLiteral("siem: unknown scheme \"%1\" (udp, tcp or file)").arg(scheme));
    t.kind = scheme == QLatin1String("udp") ? Kind::Udp : Kind::Tcp;
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        t.host = QHostAddress::LocalHost;
    else if (!t.host.setAddress(host))
        return kw::Error::invalid(QStringLiteral("siem: \"%1\" is not an IP address").arg(host));
    if (url.port() <= 0)
        return kw::Error::invalid(QStringLiteral("siem: %1 needs a port, e.g. %2://127.0.0.1:514").arg(text, scheme));
    t.port = quint16(url.port());
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return kw::Error::invalid(QStringLiteral("siem: a %1 target has no path").arg(scheme));
    return t;
}

SiemForwarder::SiemForwarder(SiemTarget target, kw::LocalVault& vault, QObject* parent)
    : QObject(parent), m_target(std::move(target)), m_vault(vault), m_hostName(QHostInfo::localHostName()),
      m_pid(QCoreApplication::applicationPid())
{
    m_poll.setInterval(250);
    connect(&m_poll, &QTimer::timeout, this, &SiemForwarder::poll);
    m_reconnect.setInterval(2000);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SiemForwarder::connectTcp);
}

SiemForwarder::~SiemForwarder()
{
    if (m_tcp)
        m_tcp->flush();
}

kw::Status SiemForwarder::start()
{
    switch (m_target.kind) {
    case SiemTarget::Kind::File:
        m_file.setFileName(m_target.path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
            return kw::Error::io(
                QStringLiteral("siem: cannot open %1 for appending: %2").arg(m_target.path, m_file.errorString()));
        break;
    case SiemTarget::Kind::Udp:
        m_udp = std::make_unique<QUdpSocket>();
        break;
    case SiemTarget::Kind::Tcp:
        m_tcp = std::make_unique<QTcpSocket>();
        connect(m_tcp.get(), &QTcpSocket::connected, this, &SiemForwarder::flushQueue);
        connect(m_tcp.get(), &QTcpSocket::disconnected, this, [this] { m_reconnect.start(); });
        connect(m_tcp.get(), &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            logWarn(QStringLiteral("siem: connection problem"),
                    {{"target", m_target.display}, {"error", m_tcp->errorString()}});
            if (!m_reconnect.isActive() && m_tcp->state() == QAbstractSocket::UnconnectedState)
                m_reconnect.start();
        });
        connectTcp();
        break;
    }
    // Continue after the last entry sent before a restart; a first start begins at the current head.
    auto status = m_vault.auditStatus();
    if (!status)
        return status.error();
    m_position = status->headSeq;
    if (auto raw = m_vault.vault().readMeta(kPositionName)) {
        const QJsonObject o = QJsonDocument::fromJson(*raw).object();
        if (o.value(QLatin1String("target")).toString() == m_target.display) {
            const qint64 saved = o.value(QLatin1String("seq")).toInteger();
            if (saved <= status->headSeq)
                m_position = std::max(saved, status->checkpoint.seq);
        }
    }
    savePosition();
    m_window.start();
    m_poll.start();
    logInfo(QStringLiteral("siem: forwarding audit entries and security events"),
            {{"target", m_target.display}, {"afterSeq", m_position}});
    poll();
    return {};
}

void SiemForwarder::connectTcp()
{
    if (m_tcp && m_tcp->state() == QAbstractSocket::UnconnectedState)
        m_tcp->connectToHost(m_target.host, m_target.port);
}

void SiemForwarder::savePosition()
{
    const QJsonObject o{{"target", m_target.display}, {"seq", m_position}};
    if (auto s = m_vault.vault().writeMeta(kPositionName, QJsonDocument(o).toJson(QJsonDocument::Compact)); !s)
        logWarn(QStringLiteral("siem: cannot record the forwarding position"), {{"error", s.errorMessage()}});
}

void SiemForwarder::poll()
{
    bool sent = false;
    for (;;) {
        kw::AuditQuery q;
        q.afterSeq = m_position;
        q.limit = kPollBatch;
        auto entries = m_vault.auditEntries(q);
        if (!entries) {
            logWarn(QStringLiteral("siem: cannot read the audit trail"), {{"error", entries.errorMessage()}});
            break;
        }
        for (const kw::AuditEntry& e : *entries) {
            send(kw::auditexport::syslog(e, m_hostName, QStringLiteral("keywardend"), m_pid),
                 kw::auditexport::jsonLine(e));
            m_position = e.seq;
            sent = true;
        }
        if (entries->size() < kPollBatch)
            break;
    }
    if (m_suppressed > 0 && m_window.elapsed() >= 1000) {
        const qint64 n = m_suppressed;
        m_suppressed = 0;
        securityEvent(QStringLiteral("security.suppressed"), {{"count", n}});
    }
    if (sent)
        savePosition();
    if (m_file.isOpen())
        m_file.flush();
}

void SiemForwarder::securityEvent(const QString& event, const QJsonObject& fields)
{
    if (m_window.elapsed() >= 1000) {
        m_window.restart();
        m_windowCount = 0;
    }
    if (++m_windowCount > kMaxEventsPerSecond && event != QLatin1String("security.suppressed")) {
        ++m_suppressed;
        return;
    }
    kw::SecurityEvent e{QDateTime::currentMSecsSinceEpoch(), event, fields};
    send(kw::auditexport::syslog(e, m_hostName, QStringLiteral("keywardend"), m_pid), kw::auditexport::jsonLine(e));
    if (m_file.isOpen())
        m_file.flush();
}

void SiemForwarder::send(const QByteArray& syslogMessage, const QByteArray& jsonLine)
{
    switch (m_target.kind) {
    case SiemTarget::Kind::File:
        m_file.write(jsonLine);
        break;
    case SiemTarget::Kind::Udp:
        m_udp->writeDatagram(syslogMessage.left(kUdpMaxBytes), m_target.host, m_target.port);
        break;
    case SiemTarget::Kind::Tcp: {
        // RFC 6587 octet counting: "LENGTH SP MESSAGE", so messages may contain line breaks.
        QByteArray framed = QByteArray::number(syslogMessage.size()) + ' ' + syslogMessage;
        if (m_tcp->state() == QAbstractSocket::ConnectedState) {
            m_tcp->write(framed);
        } else {
            if (m_queue.size() >= std::size_t(kMaxQueued))
                m_queue.pop_front();
            m_queue.push_back(std::move(framed));
        }
        break;
    }
    }
}

void SiemForwarder::flushQueue()
{
    while (!m_queue.empty() && m_tcp->state() == QAbstractSocket::ConnectedState) {
        m_tcp->write(m_queue.front());
        m_queue.pop_front();
    }
}

} // namespace kwd
