#pragma once

#include "audit/AuditExport.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <QUrl>

#include <deque>
#include <memory>

namespace kw {
class LocalVault;
}

namespace kwd {

// Where a SIEM listens: udp://HOST:PORT or tcp://HOST:PORT for RFC 5424 syslog (TCP with RFC 6587 octet counting),
// or file:///PATH for JSON lines appended to a file.
struct SiemTarget {
    enum class Kind { Udp, Tcp, File };
    Kind kind = Kind::Udp;
    QHostAddress host;
    quint16 port = 0;
    QString path;
    QString display; // the target as configured, for logs
    static kw::Result<SiemTarget> parse(const QString& text);
};

// Streams every new audit entry and the server's security events to a SIEM. Audit entries are read from the vault
// after they are committed (a poll on the event loop every 250 ms, and right after each management request), so a
// rolled-back change is never reported; the position is kept in the vault header, so entries written while the
// server was down follow at the next start. Security events are sent as they happen, at most kMaxEventsPerSecond a
// second: the rest are counted and reported in one "security.suppressed" event, so a flood of bad keys cannot flood
// the SIEM. Delivery is best effort: a TCP target is reconnected, with up to kMaxQueued messages held meanwhile.
class SiemForwarder : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxEventsPerSecond = 200;
    static constexpr int kMaxQueued = 10'000;

    SiemForwarder(SiemTarget target, kw::LocalVault& vault, QObject* parent = nullptr);
    ~SiemForwarder() override;

    kw::Status start();
    // Sends audit entries committed since the last call.
    void poll();
    void securityEvent(const QString& event, const QJsonObject& fields);
    const SiemTarget& target() const { return m_target; }

private:
    void send(const QByteArray& syslogMessage, const QByteArray& jsonLine);
    void flushQueue();
    void connectTcp();
    void savePosition();

    SiemTarget m_target;
    kw::LocalVault& m_vault;
    QString m_hostName;
    qint64 m_pid = 0;
    qint64 m_position = 0; // last audit seq sent
    QTimer m_poll;
    std::unique_ptr<QUdpSocket> m_udp;
    std::unique_ptr<QTcpSocket> m_tcp;
    QTimer m_reconnect;
    std::deque<QByteArray> m_queue;
    QFile m_file;
    QElapsedTimer m_window;
    int m_windowCount = 0;
    qint64 m_suppressed = 0;
};

} // namespace kwd
