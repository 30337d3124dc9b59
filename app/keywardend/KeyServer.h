#pragma once

#include "EventStream.h"
#include "Metrics.h"
#include "ServerConfig.h"
#include "SiemForwarder.h"
#include "SyslogReceiver.h"

#include "alerts/AlertEvaluator.h"
#include "alerts/BadKeyMonitor.h"
#include "auth/Operator.h"
#include "crypto/Crypto.h"
#include "notify/NotificationDispatcher.h"
#include "storage/LocalVault.h"

#include <QHash>
#include <QHttpServer>
#include <QTimer>

#include <functional>
#include <memory>
#include <variant>

namespace kwd {

// keywardend: one vault served over HTTP(S). Owns the vault (opened exclusively), the verification engine
// and the usage recorder; the routes are its own layer over core. Runs on one event-loop thread; the
// usage writer has its own.
class KeyServer : public QObject {
    Q_OBJECT
public:
    explicit KeyServer(ServerConfig config, QObject* parent = nullptr);
    ~KeyServer() override;

    // Unlocks the vault, loads the index, starts recording, and listens. Errors name what is wrong.
    kw::Status start(const kw::SecureBytes& passphrase);
    quint16 port() const { return m_port; }
    quint16 syslogPort() const { return m_syslog ? m_syslog->port() : 0; }
    // Stops the event stream and flushes every queued usage event (called on SIGTERM/SIGINT).
    void shutdown();

    // The operator behind a request's bearer token, or the response to send instead (401/403).
    using Authorized = std::variant<kw::Operator, QHttpServerResponse>;
    Authorized authorize(const QHttpServerRequest& request, kw::Capability capability);
    std::optional<kw::Operator> operatorForToken(QByteArrayView token) const;

private:
    void registerVerifyRoutes();
    void registerManagementRoutes();
    void registerOperationsRoutes();
    void registerAuditRoutes();  // AuditRoutes.cpp: audit, compliance, reports
    void registerNotifyRoutes(); // NotifyRoutes.cpp: notification delivery, settings, incident resolution
    void registerAlertRoutes();  // AlertRoutes.cpp: alert rules and alerts
    // Takes the bad_key_repeated rule (the enabled one with the lowest threshold) into the monitor.
    void reloadBadKeyRule();
    // Counts a bad presentation from `address`; records the alert when the threshold is crossed.
    void noteBadKey(const kw::VerifyResult& result, const QString& address, const QString& service);
    // Milliseconds `address` stays blocked by the bad-key rule (0: not blocked).
    qint64 blockedFor(const QString& address) const;
    void applyAuditRetention();
    void reportRejection(const kw::VerifyResult& result, const kw::VerifyContext& context);
    void reloadOperators();
    // Runs a management call as `op`: the vault's audit entries name the operator.
    template <typename F> auto as(const kw::Operator& op, F&& call);
    QHttpServerResponse finish(QHttpServerResponse response);
    // Authorises, checks the body's size, parses it as a JSON object (empty body: {}), runs `handler`, and
    // logs the call. Every management route goes through here.
    using Handler = std::function<QHttpServerResponse(const kw::Operator& op, const QJsonObject& body)>;
    QHttpServerResponse handle(const QHttpServerRequest& request, kw::Capability capability, const Handler& handler);
    void publishUsageTick();

    ServerConfig m_config;
    std::unique_ptr<kw::LocalVault> m_backend;
    kw::VerificationEngine* m_engine = nullptr;
    QHttpServer m_http;
    quint16 m_port = 0;
    Metrics m_metrics;
    EventStream m_events;
    QTimer m_tick;
    std::array<qint64, Metrics::kCodes> m_lastTick{};
    QHash<QByteArray, kw::Operator> m_operators; // token hash -> operator, for authentication without SQL
    std::unique_ptr<SiemForwarder> m_siem;       // when --siem is set
    std::unique_ptr<SyslogReceiver> m_syslog;    // when --syslog-listen is set
    kw::BadKeyMonitor m_badKeys;
    std::unique_ptr<kw::AlertEvaluator> m_alerts;
    QTimer m_retention;                                       // prunes the audit trail by its retention setting, hourly
    std::unique_ptr<kw::NotificationDispatcher> m_dispatcher; // unless --notify false
};

template <typename F> auto KeyServer::as(const kw::Operator& op, F&& call)
{
    m_backend->setActor(QStringLiteral("operator:") + op.name);
    m_backend->setActorRole(kw::toString(op.role));
    auto result = call(*m_backend);
    m_backend->setActor(QStringLiteral("keywardend"));
    m_backend->setActorRole(QStringLiteral("server"));
    return result;
}

} // namespace kwd
