#pragma once

#include "auth/Operator.h"
#include "session/BackendHost.h"
#include "util/Clock.h"
#include "util/SecureBytes.h"

#include <QUrl>

#include <functional>

namespace kw::ui {

class LiveFeed;

// One open connection of the console: a local vault or a key server, the operator it acts as, and the
// thread its backend runs on. Views ask it what the role allows, to disable what the server would refuse.
class Session : public QObject {
    Q_OBJECT
public:
    enum class Kind { LocalVault, RemoteServer };

    struct LocalSpec {
        QString path;
        bool create = false;   // a new vault (refused when the file exists)
        bool seedDemo = false; // fill a new vault with the demo organisation
        bool fastKdf = false;  // tests and benchmarks only: the minimum Argon2id cost
        const Clock* clock = nullptr;
    };
    struct RemoteSpec {
        QUrl url;
        QString caFile;
    };

    using Opened = std::function<void(Result<Session*>)>;

    // Opening runs on the session's own backend thread; `done` receives the session (the caller owns it) or
    // the error, on the context's thread. Nothing is delivered when the context is gone.
    static void openLocal(const LocalSpec& spec, SecureBytes passphrase, QObject* context, Opened done);
    static void connectRemote(const RemoteSpec& spec, SecureBytes token, QObject* context, Opened done);

    ~Session() override;

    Kind kind() const { return m_kind; }
    QString location() const { return m_location; }
    const Operator& op() const { return m_operator; }
    bool isRemote() const { return m_kind == Kind::RemoteServer; }

    bool can(Capability capability) const { return roleAllows(m_operator.role, capability); }
    // Why the role may not do this, for tooltips of disabled actions; empty when it may.
    QString deniedReason(Capability capability) const;
    static QString roleName(OperatorRole role);
    static QString capabilityName(Capability capability);

    // The server's live event stream, opened on first use; null for a local vault.
    LiveFeed* liveFeed();

    BackendHost& host() { return m_host; }
    template <typename Work, typename Done> void call(QObject* context, Work work, Done done)
    {
        m_host.call(context, std::move(work), std::move(done));
    }

signals:
    void keysChanged(const QStringList& keyIds);
    void keysRevoked(const QStringList& keyIds);
    void organizationChanged();

private:
    Session(Kind kind, QString location);
    static void finishOpen(Session* session, QFuture<Status> opened, QObject* context, Opened done);

    Kind m_kind;
    QString m_location;
    Operator m_operator;
    BackendHost m_host;
    QUrl m_serverUrl;
    QString m_caFile;
    SecureBytes m_feedToken; // a copy of the operator token for the event stream (remote only)
    LiveFeed* m_feed = nullptr;
};

} // namespace kw::ui
