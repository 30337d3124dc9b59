#pragma once

#include "Metrics.h"

#include "storage/LocalVault.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

namespace kwd {

// nginx access logs over syslog: UDP datagrams (nginx's `access_log syslog:server=…`) and TCP streams (rsyslog or
// syslog-ng forwarding; RFC 6587 octet counting or one message per line), on a loopback address only — syslog
// carries no authentication. Each record (see core/usage/AccessLog.h) becomes a REPORTED usage event of its key:
// upstream status, latency and bytes per key, project and service, in the same rollups as /v1/usage/report.
class SyslogReceiver : public QObject {
    Q_OBJECT
public:
    SyslogReceiver(kw::LocalVault& backend, Metrics& metrics, QObject* parent = nullptr);

    // Binds UDP and TCP on address:port (port 0: any free one, the same for both). Refuses a non-loopback address.
    kw::Status start(const QHostAddress& address, quint16 port);
    quint16 port() const { return m_port; }

    // One syslog message, as received (public for the TCP framing and for tests).
    void ingest(QByteArrayView message);

private:
    void readDatagrams();
    void acceptConnections();
    void readStream(QTcpSocket* socket);
    void dropConnection(QTcpSocket* socket);
    QString projectOf(const QString& keyId);
    void reportProblems();

    kw::LocalVault& m_backend;
    Metrics& m_metrics;
    QUdpSocket m_udp;
    QTcpServer m_tcp;
    quint16 m_port = 0;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<QString, QString> m_projects; // key id -> project; a key never changes project
    // Problems since the last warning, logged at most once a minute (a misconfigured nginx sends thousands).
    QTimer m_warnTimer;
    qint64 m_malformedSinceWarning = 0;
    qint64 m_unknownSinceWarning = 0;
    QString m_lastProblem;
};

} // namespace kwd
