#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QSemaphore>
#include <QThread>

namespace kwtest {

// A real HTTP receiver on 127.0.0.1 running its own event loop on its own thread, so a blocking sender on the
// test's thread can reach it. Answers each POST with the next scripted status (then `fallback`), records every
// request. Thread-safe accessors.
class WebhookReceiver : public QThread {
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
        int answered = 0;
    };

    explicit WebhookReceiver(QList<int> script = {}, int fallback = 200, quint16 port = 0);
    ~WebhookReceiver() override;
    // Listens (on `port`, or an ephemeral one); false when the port is taken.
    bool listen();
    quint16 port() const { return m_port; }
    QString url(const QString& path = QStringLiteral("/hook")) const;
    QList<Request> requests() const;

protected:
    void run() override;

private:
    int nextStatus();
    void record(const Request& r);

    QList<int> m_script;
    int m_fallback;
    quint16 m_port;
    bool m_ok = false;
    QSemaphore m_ready;
    mutable QMutex m_mutex;
    QList<Request> m_requests;
    friend class ReceiverConnection;
};

// Recomputes "v1=" + hex(HMAC-SHA256(secret, timestamp + "." + body)) and compares it with the header.
bool signatureValid(const WebhookReceiver::Request& r, const QByteArray& secret);

} // namespace kwtest
