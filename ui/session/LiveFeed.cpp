#include "session/LiveFeed.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace kw::ui {

LiveFeed::LiveFeed(const QUrl& serverUrl, SecureBytes token, const QString& caFile, QObject* parent)
    : QObject(parent), m_url(streamUrl(serverUrl)), m_token(std::move(token))
{
    if (!caFile.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(caFile));
        ssl.setProtocol(QSsl::TlsV1_2OrLater);
        m_socket.setSslConfiguration(ssl);
    }
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &LiveFeed::open);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        QByteArray hello = "{\"token\":\"" + m_token.view() + "\"}";
        m_socket.sendTextMessage(QString::fromLatin1(hello));
        secureWipe(hello);
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LiveFeed::onMessage);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        setLive(false);
        if (m_closing)
            return;
        m_retry.start(m_retryMs);
        m_retryMs = std::min(m_retryMs * 2, 60'000);
    });
    open();
}

LiveFeed::~LiveFeed()
{
    m_closing = true;
    m_socket.abort();
}

QUrl LiveFeed::streamUrl(const QUrl& serverUrl)
{
    QUrl url = serverUrl;
    url.setScheme(serverUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v1/events"));
    return url;
}

void LiveFeed::open()
{
    m_socket.open(m_url);
}

void LiveFeed::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    emit liveChanged(live);
}

void LiveFeed::onMessage(const QString& message)
{
    const QJsonObject m = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = m.value(QLatin1String("type")).toString();
    if (type == QLatin1String("hello")) {
        m_retryMs = 1000;
        setLive(true);
    } else if (type == QLatin1String("usage")) {
        emit usage(m.value(QLatin1String("requests")).toInteger());
    } else if (type == QLatin1String("keys")) {
        QStringList ids;
        for (const QJsonValue& v : m.value(QLatin1String("keyIds")).toArray())
            ids.append(v.toString());
        if (m.value(QLatin1String("change")).toString() == QLatin1String("revoked"))
            emit keysRevoked(ids);
        else
            emit keysChanged(ids);
    } else if (type == QLatin1String("alerts")) {
        emit alertsRaised();
    }
}

} // namespace kw::ui
