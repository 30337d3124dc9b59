#include "remote/HttpClient.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QSslCertificate>
#include <QSslSocket>
#include <QThreadStorage>

#include <limits>
#include <unordered_map>

namespace kw {

struct HttpClient::Connection {
    std::unique_ptr<QSslSocket> socket;
    QByteArray buffer; // received, not yet consumed
    int served = 0;    // responses read on this connection
};

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

// Keep-alive connections of the calling thread, per client. Sockets belong to the thread that created
// them (their notifiers live in its event dispatcher), so each thread keeps its own and destroys them
// itself: at thread exit (QThreadStorage), when its client is destroyed on this thread, or on the next
// request from this thread after the client died elsewhere.
struct ThreadConnections {
    std::unordered_map<quint64, std::unique_ptr<HttpClient::Connection>> byClient;
};
QThreadStorage<ThreadConnections*> g_connections;
QMutex g_liveMutex;
QSet<quint64> g_liveClients;
std::atomic<quint64> g_nextId{1};

ThreadConnections& threadConnections()
{
    if (!g_connections.hasLocalData())
        g_connections.setLocalData(new ThreadConnections);
    ThreadConnections* tc = g_connections.localData();
    QMutexLocker lock(&g_liveMutex);
    for (auto it = tc->byClient.begin(); it != tc->byClient.end();) {
        if (!g_liveClients.contains(it->first))
            it = tc->byClient.erase(it);
        else
            ++it;
    }
    return *tc;
}

QString socketProblem(const QAbstractSocket& s, int timeoutMs)
{
    switch (s.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("host not found");
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("no answer within %1 s").arg(double(timeoutMs) / 1000.0);
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection");
    case QAbstractSocket::NetworkError:
        return QStringLiteral("network unreachable or connection reset");
    default:
        return s.errorString();
    }
}

int remainingMs(const QDeadlineTimer& deadline)
{
    const qint64 ms = deadline.remainingTime();
    return ms < 0 ? 0 : int(qMin<qint64>(ms, std::numeric_limits<int>::max()));
}

} // namespace

QByteArray HttpClient::Response::header(QByteArrayView name) const
{
    for (const auto& [k, v] : headers)
        if (k == name.toByteArray().toLower())
            return v;
    return {};
}

Result<std::unique_ptr<HttpClient>> HttpClient::create(const QUrl& baseUrl, Options options)
{
    const QString shown = baseUrl.toDisplayString(QUrl::RemoveUserInfo);
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return Error::invalid(
            QStringLiteral("\"%1\" is not a server URL: use http://HOST:PORT or https://HOST:PORT").arg(shown));
    const QString scheme = baseUrl.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return Error::invalid(
            QStringLiteral("\"%1\" is not a server URL: the scheme must be http or https").arg(shown));
    if (!baseUrl.userInfo().isEmpty() || baseUrl.hasQuery() || baseUrl.hasFragment() ||
        (!baseUrl.path().isEmpty() && baseUrl.path() != QLatin1String("/")))
        return Error::invalid(QStringLiteral("\"%1\" is not a server URL: give only scheme, host and port").arg(shown));
    if (options.timeoutMs <= 0)
        return Error::invalid(QStringLiteral("The request timeout must be positive"));

    std::unique_ptr<HttpClient> c(new HttpClient);
    c->m_tls = scheme == QLatin1String("https");
    c->m_host = baseUrl.host();
    c->m_port = quint16(baseUrl.port(c->m_tls ? 443 : 80));
    const QString hostPart = c->m_host.contains(u':') ? u'[' + c->m_host + u']' : c->m_host;
    c->m_origin = QStringLiteral("%1://%2:%3").arg(scheme, hostPart).arg(c->m_port);
    c->m_hostHeader = (hostPart + u':' + QString::number(c->m_port)).toUtf8();

    if (c->m_tls) {
        if (!QSslSocket::supportsSsl())
            return Error::io(
                QStringLiteral("Cannot connect to %1: this build of Qt has no TLS support").arg(c->m_origin));
        QSslConfiguration ssl = options.ssl.value_or(QSslConfiguration::defaultConfiguration());
        if (!options.caFile.isEmpty()) {
            if (!QFileInfo(options.caFile).isReadable())
                return Error::io(QStringLiteral("Cannot read the CA certificate file %1").arg(options.caFile));
            const QList<QSslCertificate> cas = QSslCertificate::fromPath(options.caFile, QSsl::Pem);
            if (cas.isEmpty())
                return Error::invalid(
                    QStringLiteral("The CA certificate file %1 holds no PEM certificate").arg(options.caFile));
            ssl.setCaCertificates(cas);
        }
        const QSsl::SslProtocol p = ssl.protocol();
        if (p != QSsl::TlsV1_3 && p != QSsl::TlsV1_3OrLater && p != QSsl::TlsV1_2)
            ssl.setProtocol(QSsl::TlsV1_2OrLater);
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        c->m_ssl = ssl;
    }
    c->m_options = std::move(options);
    c->m_id = g_nextId.fetch_add(1);
    QMutexLocker lock(&g_liveMutex);
    g_liveClients.insert(c->m_id);
    return c;
}

HttpClient::~HttpClient()
{
    {
        QMutexLocker lock(&g_liveMutex);
        g_liveClients.remove(m_id);
    }
    // This thread's connection goes now; other threads drop theirs on their next request or at exit.
    if (g_connections.hasLocalData())
        g_connections.localData()->byClient.erase(m_id);
}

Result<std::unique_ptr<HttpClient::Connection>> HttpClient::connect(int timeoutMs)
{
    auto c = std::make_unique<Connection>();
    c->socket = std::make_unique<QSslSocket>();
    QSslSocket& s = *c->socket;
    s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_tls) {
        s.setSslConfiguration(m_ssl);
        s.setPeerVerifyName(m_host);
        s.connectToHostEncrypted(m_host, m_port);
    } else {
        s.connectToHost(m_host, m_port);
    }
    QDeadlineTimer deadline(timeoutMs);
    if (!s.waitForConnected(remainingMs(deadline)))
        return Error::io(QStringLiteral("Cannot connect to %1: %2").arg(m_origin, socketProblem(s, timeoutMs)));
    if (m_tls && !s.waitForEncrypted(remainingMs(deadline))) {
        const QList<QSslError> errors = s.sslHandshakeErrors();
        if (!errors.isEmpty()) {
            QStringList why;
            for (const QSslError& e : errors)
                why << e.errorString();
            why.removeDuplicates();
            return Error::io(QStringLiteral("TLS certificate of %1 not trusted: %2").arg(m_origin, why.join(u"; ")));
        }
        return Error::io(QStringLiteral("TLS handshake with %1 failed: %2").arg(m_origin, socketProblem(s, timeoutMs)));
    }
    return c;
}

Result<HttpClient::Response> HttpClient::send(const Request& request)
{
    QDeadlineTimer deadline(m_options.timeoutMs);
    ThreadConnections& tc = threadConnections();
    std::unique_ptr<Connection> conn;
    if (auto it = tc.byClient.find(m_id); it != tc.byClient.end()) {
        conn = std::move(it->second);
        tc.byClient.erase(it);
        // An idle connection the server has closed meanwhile reads as end-of-stream now; drop it.
        QSslSocket& s = *conn->socket;
        if (s.state() == QAbstractSocket::ConnectedState && s.bytesAvailable() == 0 && conn->buffer.isEmpty())
            s.waitForReadyRead(0);
        if (s.state() != QAbstractSocket::ConnectedState || s.bytesAvailable() > 0 || !conn->buffer.isEmpty())
            conn.reset();
    }
    for (int attempt = 0;; ++attempt) {
        const bool reused = conn != nullptr;
        if (!conn) {
            auto fresh = connect(remainingMs(deadline));
            if (!fresh)
                return fresh.error();
            conn = std::move(*fresh);
        }
        Failure failure = Failure::None;
        bool keepAlive = false;
        auto response = exchange(*conn, request, deadline, failure, keepAlive);
        if (response) {
            ++conn->served;
            if (keepAlive && conn->socket->state() == QAbstractSocket::ConnectedState)
                tc.byClient[m_id] = std::move(conn);
            return response;
        }
        conn.reset();
        // A kept-alive connection may have been closed by the server just as we sent: one retry on a new
        // connection, only when nothing at all came back.
        if (reused && attempt == 0 && failure == Failure::Closed && deadline.remainingTime() > 0)
            continue;
        return response.error();
    }
}

Result<HttpClient::Response> HttpClient::exchange(Connection& c, const Request& request, QDeadlineTimer& deadline,
                                                  Failure& failure, bool& keepAlive)
{
    QSslSocket& s = *c.socket;
    const int timeoutMs = m_options.timeoutMs;

    QByteArray head;
    head.reserve(256 + request.body.size());
    head += request.method + ' ' + (request.target.isEmpty() ? QByteArray("/") : request.target) + " HTTP/1.1\r\n";
    head += "Host: " + m_hostHeader + "\r\n";
    head += "User-Agent: KeyWarden\r\nAccept: application/json\r\nConnection: keep-alive\r\n";
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT") {
        head += "Content-Type: application/json\r\n";
        head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    if (request.bearer) {
        head += "Authorization: Bearer ";
        head.append(request.bearer->data(), qsizetype(request.bearer->size()));
        head += "\r\n";
    }
    head += "\r\n";
    head += request.body;
    const qint64 written = s.write(head);
    secureWipe(head);
    if (written < 0) {
        failure = Failure::Closed;
        return Error::io(QStringLiteral("Cannot send to %1: %2").arg(m_origin, socketProblem(s, timeoutMs)));
    }
    while (s.bytesToWrite() > 0) {
        if (!s.waitForBytesWritten(remainingMs(deadline))) {
            failure = s.error() == QAbstractSocket::SocketTimeoutError ? Failure::Other : Failure::Closed;
            return Error::io(QStringLiteral("Cannot send to %1: %2").arg(m_origin, socketProblem(s, timeoutMs)));
        }
    }

    bool eof = false;
    bool receivedAny = false;
    // Reads more into c.buffer; false at end of stream or on error (eof tells which).
    auto fill = [&]() -> Status {
        if (eof)
            return Error::io(
                QStringLiteral("Lost the connection to %1: the server closed the connection").arg(m_origin));
        if (s.bytesAvailable() == 0) {
            bool closed = s.state() != QAbstractSocket::ConnectedState;
            if (!closed && !s.waitForReadyRead(remainingMs(deadline)) && s.bytesAvailable() == 0) {
                if (s.state() == QAbstractSocket::ConnectedState) {
                    failure = Failure::Other;
                    return Error::io(
                        QStringLiteral("No answer from %1 within %2 s").arg(m_origin).arg(double(timeoutMs) / 1000.0));
                }
                closed = true;
            }
            if (closed && s.bytesAvailable() == 0) {
                eof = true;
                failure = receivedAny ? Failure::Other : Failure::Closed;
                return Error::io(
                    QStringLiteral("Lost the connection to %1: the server closed the connection").arg(m_origin));
            }
        }
        c.buffer += s.readAll();
        receivedAny = true;
        return {};
    };
    auto protocolError = [&](const QString& what) {
        failure = Failure::Other;
        return Error::io(QStringLiteral("The server at %1 sent an invalid HTTP response: %2").arg(m_origin, what));
    };

    Response r;
    // Status line and headers (skipping interim 1xx responses).
    for (;;) {
        qsizetype end;
        while ((end = c.buffer.indexOf("\r\n\r\n")) < 0) {
            if (c.buffer.size() > kMaxHeaderBytes)
                return protocolError(QStringLiteral("headers larger than 64 KiB"));
            if (auto st = fill(); !st)
                return st.error();
        }
        const QList<QByteArray> lines = c.buffer.left(end).split('\n');
        c.buffer.remove(0, end + 4);
        const QByteArray statusLine = lines.value(0).trimmed();
        if (!statusLine.startsWith("HTTP/1."))
            return protocolError(QStringLiteral("no HTTP/1.x status line"));
        const QList<QByteArray> parts = statusLine.split(' ');
        bool ok = false;
        r.status = parts.value(1).toInt(&ok);
        if (!ok || r.status < 100 || r.status > 999)
            return protocolError(QStringLiteral("bad status line"));
        keepAlive = statusLine.startsWith("HTTP/1.1");
        r.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return protocolError(QStringLiteral("malformed header line"));
            r.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        if (r.status >= 200)
            break;
    }
    const QByteArray connection = r.header("connection").toLower();
    if (connection.contains("close"))
        keepAlive = false;
    else if (connection.contains("keep-alive"))
        keepAlive = true;

    const qint64 cap = m_options.maxResponseBytes;
    auto tooLarge = [&]() {
        failure = Failure::Other;
        return Error::io(
            QStringLiteral("The response from %1 is larger than the limit of %2 bytes").arg(m_origin).arg(cap));
    };
    if (request.method == "HEAD" || r.status == 204 || r.status == 304)
        return r;

    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        for (;;) {
            qsizetype nl;
            while ((nl = c.buffer.indexOf("\r\n")) < 0) {
                if (c.buffer.size() > 1024)
                    return protocolError(QStringLiteral("bad chunk size line"));
                if (auto st = fill(); !st)
                    return st.error();
            }
            QByteArray sizeText = c.buffer.left(nl);
            if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
                sizeText.truncate(semi);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return protocolError(QStringLiteral("bad chunk size"));
            c.buffer.remove(0, nl + 2);
            if (size == 0) {
                // Trailers, up to the empty line.
                for (;;) {
                    while ((nl = c.buffer.indexOf("\r\n")) < 0) {
                        if (c.buffer.size() > kMaxHeaderBytes)
                            return protocolError(QStringLiteral("trailers larger than 64 KiB"));
                        if (auto st = fill(); !st)
                            return st.error();
                    }
                    const bool last = nl == 0;
                    c.buffer.remove(0, nl + 2);
                    if (last)
                        return r;
                }
            }
            if (r.body.size() + size > cap)
                return tooLarge();
            while (c.buffer.size() < size + 2)
                if (auto st = fill(); !st)
                    return st.error();
            if (c.buffer.mid(size, 2) != "\r\n")
                return protocolError(QStringLiteral("chunk not terminated by CRLF"));
            r.body += c.buffer.left(size);
            c.buffer.remove(0, size + 2);
        }
    }

    const QByteArray lengthText = r.header("content-length");
    if (!lengthText.isEmpty()) {
        bool ok = false;
        const qint64 length = lengthText.toLongLong(&ok);
        if (!ok || length < 0)
            return protocolError(QStringLiteral("bad Content-Length"));
        if (length > cap)
            return tooLarge();
        while (c.buffer.size() < length)
            if (auto st = fill(); !st)
                return st.error();
        r.body = c.buffer.left(length);
        c.buffer.remove(0, length);
        return r;
    }

    // Neither length nor chunks: the body runs to the end of the connection.
    keepAlive = false;
    for (;;) {
        if (c.buffer.size() > cap)
            return tooLarge();
        if (auto st = fill(); !st) {
            if (!eof)
                return st.error();
            break;
        }
    }
    r.body = std::move(c.buffer);
    c.buffer.clear();
    return r;
}

} // namespace kw
