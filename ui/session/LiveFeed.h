#pragma once

#include "util/SecureBytes.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace kw::ui {

// The key server's live event stream (/v1/events over a WebSocket) for the console's real-time views:
// authenticates with the session's token as its first message, reports usage ticks and key changes made
// elsewhere, and reconnects with a growing delay when the connection drops.
class LiveFeed : public QObject {
    Q_OBJECT
public:
    // serverUrl: the http(s) base URL of the server; the stream is the ws(s) URL of /v1/events.
    LiveFeed(const QUrl& serverUrl, SecureBytes token, const QString& caFile, QObject* parent = nullptr);
    ~LiveFeed() override;

    bool isLive() const { return m_live; }
    static QUrl streamUrl(const QUrl& serverUrl);

signals:
    void usage(qint64 requests);
    void keysChanged(const QStringList& keyIds);
    void keysRevoked(const QStringList& keyIds);
    // keywardend's alert evaluation created or repeated alerts.
    void alertsRaised();
    void liveChanged(bool live);

private:
    void open();
    void onMessage(const QString& message);
    void setLive(bool live);

    QUrl m_url;
    SecureBytes m_token;
    QWebSocket m_socket;
    QTimer m_retry;
    int m_retryMs = 1000;
    bool m_live = false;
    bool m_closing = false;
};

} // namespace kw::ui
