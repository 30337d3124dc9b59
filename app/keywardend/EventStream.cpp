#include "EventStream.h"

#include "JsonLog.h"

#include <QJsonDocument>

namespace kwd {

EventStream::EventStream(Authenticator authenticate, QObject* parent)
    : QObject(parent), m_authenticate(std::move(authenticate))
{
}

EventStream::~EventStream()
{
    closeAll();
}

void EventStream::accept(std::unique_ptr<QWebSocket> socket)
{
    auto client = std::make_unique<Client>();
    client->socket = std::move(socket);
    QWebSocket* ws = client->socket.get();
    Client* c = client.get();
    connect(ws, &QWebSocket::textMessageReceived, this, [this, c](const QString& message) {
        if (c->authenticated)
            return; // the stream is one-way after authentication
        const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
        QByteArray token = o.value("token").toString().toUtf8();
        const auto op = m_authenticate(token);
        token.fill('\0');
        if (!op || !kw::roleAllows(op->role, kw::Capability::Read)) {
            c->socket->sendTextMessage(QStringLiteral(R"({"type":"error","message":"unauthorized"})"));
            c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("unauthorized"));
            return;
        }
        c->authenticated = true;
        c->operatorName = op->name;
        c->socket->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject{{"type", "hello"}, {"operator", op->name}}).toJson(QJsonDocument::Compact)));
    });
    connect(ws, &QWebSocket::disconnected, this, [this, ws] { drop(ws); });
    QTimer::singleShot(5000, ws, [c] {
        if (!c->authenticated)
            c->socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("no authentication"));
    });
    m_clients.push_back(std::move(client));
}

void EventStream::drop(QWebSocket* socket)
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if ((*it)->socket.get() == socket) {
            // Deleting a socket inside its own signal is unsafe: hand ownership to deleteLater.
            (*it)->socket.release()->deleteLater();
            m_clients.erase(it);
            return;
        }
    }
}

void EventStream::broadcast(const QJsonObject& event)
{
    if (m_clients.empty())
        return;
    const QString text = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
    for (const auto& c : m_clients)
        if (c->authenticated)
            c->socket->sendTextMessage(text);
}

int EventStream::clientCount() const
{
    int n = 0;
    for (const auto& c : m_clients)
        n += c->authenticated ? 1 : 0;
    return n;
}

void EventStream::closeAll()
{
    for (const auto& c : m_clients) {
        c->socket->disconnect(this);
        c->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
    }
    m_clients.clear();
}

} // namespace kwd
