#pragma once

#include "auth/Operator.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace kwd {

// The live event stream (/v1/events): key changes, usage ticks and alerts as JSON text frames. A client
// authenticates with its first message, {"token": "kwop_..."}, within five seconds; it needs the Read
// capability. Unauthenticated clients receive nothing and are closed.
class EventStream : public QObject {
    Q_OBJECT
public:
    using Authenticator = std::function<std::optional<kw::Operator>(QByteArrayView token)>;

    explicit EventStream(Authenticator authenticate, QObject* parent = nullptr);
    ~EventStream() override;

    void accept(std::unique_ptr<QWebSocket> socket);
    void broadcast(const QJsonObject& event);
    int clientCount() const;
    void closeAll();

private:
    struct Client {
        std::unique_ptr<QWebSocket> socket;
        bool authenticated = false;
        QString operatorName;
    };
    void drop(QWebSocket* socket);

    Authenticator m_authenticate;
    std::vector<std::unique_ptr<Client>> m_clients;
};

} // namespace kwd
