#pragma once

#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

namespace kw {

// Settings of an HttpClient (outside the class so that `Options options = {}` compiles as a default argument).
struct HttpClientOptions {
    int timeoutMs = 30'000;               // per request: connect, send and receive together
    qint64 maxResponseBytes = 64LL << 20; // body size cap
    QString caFile;                       // PEM certificates to trust instead of the system's
    std::optional<QSslConfiguration> ssl; // base TLS settings; TLS 1.2 minimum and peer checks stay
};

// A small blocking HTTP/1.1 client for one origin (http:// or https://host:port): blocking socket I/O on
// the calling thread through QAbstractSocket's waitFor* functions, no event loop. Backend calls are
// synchronous and the console makes them from worker threads, so each calling thread keeps its own
// keep-alive connection (a socket is only ever used and destroyed by the thread that created it).
//
// TLS: 1.2 or later, the peer's certificate verified against the given CA file (or the system's CAs) and
// the host name. Responses are read with Content-Length, chunked encoding or up to the close of the
// connection, and refused beyond a size cap.
class HttpClient {
public:
    using Options = HttpClientOptions;

    struct Request {
        QByteArray method; // GET, POST, PUT, DELETE
        QByteArray target; // path and query, percent-encoded: "/v1/keys?project=web"
        QByteArray body;   // sent with Content-Type application/json when not empty (and for POST/PUT)
        const SecureBytes* bearer = nullptr; // Authorization: Bearer <token>; never logged or echoed
    };

    struct Response {
        int status = 0;
        QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
        QByteArray body;
        QByteArray header(QByteArrayView name) const; // first value, or empty
    };

    // Checks the URL (http or https, a host, nothing but an optional "/" after it) and reads the CA file.
    static Result<std::unique_ptr<HttpClient>> create(const QUrl& baseUrl, Options options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // "https://127.0.0.1:8443": how messages name the server.
    QString origin() const { return m_origin; }
    bool isTls() const { return m_tls; }

    // Sends one request and reads the whole response. Errors are Code::Io with a message naming the
    // origin and what failed; HTTP error statuses are not errors here.
    Result<Response> send(const Request& request);

    struct Connection;

private:
    HttpClient() = default;
    Result<std::unique_ptr<Connection>> connect(int timeoutMs);
    enum class Failure { None, Closed, Other };
    Result<Response> exchange(Connection& c, const Request& request, QDeadlineTimer& deadline, Failure& failure,
                              bool& keepAlive);

    quint64 m_id = 0;
    QString m_host;
    quint16 m_port = 0;
    bool m_tls = false;
    QString m_origin;
    QByteArray m_hostHeader;
    Options m_options;
    QSslConfiguration m_ssl;
};

} // namespace kw
