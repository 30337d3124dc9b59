#include "WebhookReceiver.h"

#include <QMessageAuthenticationCode>
#include <QTcpServer>
#include <QTcpSocket>

namespace kwtest {

WebhookReceiver::WebhookReceiver(QList<int> script, int fallback, quint16 port)
    : m_script(std::move(script)), m_fallback(fallback), m_port(port)
{
}

WebhookReceiver::~WebhookReceiver()
{
    quit();
    wait();
}

bool WebhookReceiver::listen()
{
    start();
    m_ready.acquire();
    return m_ok;
}

QString WebhookReceiver::url(const QString& path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

QList<WebhookReceiver::Request> WebhookReceiver::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int WebhookReceiver::nextStatus()
{
    QMutexLocker lock(&m_mutex);
    return m_script.isEmpty() ? m_fallback : m_script.takeFirst();
}

void WebhookReceiver::record(const Request& r)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append(r);
}

void WebhookReceiver::run()
{
    QTcpServer server;
    m_ok = server.listen(QHostAddress::LocalHost, m_port);
    if (m_ok)
        m_port = server.serverPort();
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request r;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                r.method = first.value(0);
                r.path = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = r.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                r.body = buffer->mid(end + 4, length);
                buffer->clear();
                r.answered = nextStatus();
                record(r);
                socket->write("HTTP/1.1 " + QByteArray::number(r.answered) +
                              " Test\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                socket->disconnectFromHost();
            });
        }
    });
    m_ready.release();
    if (m_ok)
        exec();
}

bool signatureValid(const WebhookReceiver::Request& r, const QByteArray& secret)
{
    const QByteArray ts = r.headers.value("x-keywarden-timestamp");
    const QByteArray expected =
        "v1=" + QMessageAuthenticationCode::hash(ts + '.' + r.body, secret, QCryptographicHash::Sha256).toHex();
    return !ts.isEmpty() && r.headers.value("x-keywarden-signature") == expected;
}

} // namespace kwtest
