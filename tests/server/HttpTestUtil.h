#pragma once
// Small blocking HTTP helpers for the server integration suites: one request at a time through a
// QNetworkAccessManager, waited for with a local event loop and a deadline.

#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>

namespace kwtest {

struct HttpReply {
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    bool timedOut = false;

    QByteArray header(const char* name) const { return headers.value(QByteArray(name).toLower()); }
    bool hasHeader(const char* name) const { return headers.contains(QByteArray(name).toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // For failure messages: status, headers and body.
    QByteArray describe() const
    {
        QByteArray out = "HTTP " + QByteArray::number(status);
        if (timedOut)
            out += " (timed out)";
        if (error != QNetworkReply::NoError)
            out += " [" + errorString.toUtf8() + "]";
        for (auto it = headers.cbegin(); it != headers.cend(); ++it)
            out += "\n  " + it.key() + ": " + it.value();
        out += "\n  body: " + body;
        return out;
    }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

inline HttpReply httpRequest(QNetworkAccessManager& nam, const QByteArray& method, const QUrl& url,
                             const Headers& headers = {}, const QByteArray& body = {}, int timeoutMs = 10'000)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = body.isNull() && method != "POST" && method != "PUT"
                               ? nam.sendCustomRequest(request, method)
                               : nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpReply out;
    if (!reply->isFinished()) {
        out.timedOut = true;
        reply->abort();
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.error = reply->error();
    out.errorString = reply->errorString();
    for (const auto& [name, value] : reply->rawHeaderPairs())
        out.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return out;
}

inline HttpReply httpGet(QNetworkAccessManager& nam, const QUrl& url, const Headers& headers = {})
{
    return httpRequest(nam, "GET", url, headers);
}

inline HttpReply httpPost(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& body,
                          const Headers& headers = {})
{
    return httpRequest(nam, "POST", url, headers, body);
}

inline Headers bearer(const QByteArray& token)
{
    return {{"Authorization", "Bearer " + token}};
}

// A port nobody listens on right now (the kernel's choice); the caller binds it soon after.
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace kwtest
