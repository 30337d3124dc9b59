#include "KeyServer.h"

#include "HttpUtil.h"
#include "JsonLog.h"

#include "crypto/KeyFormat.h"

#include <QFile>
#include <QSaveFile>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace kwd {

KeyServer::KeyServer(ServerConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)),
      m_events([this](QByteArrayView token) { return operatorForToken(token); }, this)
{
}

KeyServer::~KeyServer()
{
    shutdown();
}

kw::Status KeyServer::start(const kw::SecureBytes& passphrase)
{
    auto vault = kw::Vault::open(m_config.vault, passphrase, kw::Vault::Access::Exclusive);
    if (!vault)
        return vault.error();
    m_backend = std::make_unique<kw::LocalVault>(std::move(*vault), QStringLiteral("keywardend"));
    m_backend->setActorRole(QStringLiteral("server"));
    auto engine = m_backend->engine();
    if (!engine)
        return engine.error();
    m_engine = *engine;
    if (auto s = m_backend->startUsageRecording(); !s)
        return s;
    reloadOperators();

    // Key changes go out on the live stream as they happen; usage goes out once a second.
    connect(m_backend.get(), &kw::Backend::keysChanged, this, [this](const QStringList& ids) {
        m_events.broadcast({{"type", "keys"}, {"change", "changed"}, {"keyIds", QJsonArray::fromStringList(ids)}});
    });
    connect(m_backend.get(), &kw::Backend::keysRevoked, this, [this](const QStringList& ids) {
        m_events.broadcast({{"type", "keys"}, {"change", "revoked"}, {"keyIds", QJsonArray::fromStringList(ids)}});
    });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &KeyServer::publishUsageTick);
    m_tick.start();

    registerVerifyRoutes();
    registerManagementRoutes();
    registerAuditRoutes();
    registerAlertRoutes();
    registerNotifyRoutes();
    registerOperationsRoutes();
    m_http.afterRequest([this](QHttpServerResponse&& r) { return finish(std::move(r)); });
    connect(&m_http, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (m_http.hasPendingWebSocketConnections())
            m_events.accept(m_http.nextPendingWebSocketConnection());
    });

    if (!m_config.tlsCert.isEmpty()) {
        QFile certFile(m_config.tlsCert);
        QFile keyFile(m_config.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly))
            return kw::Error::io(
                QStringLiteral("Cannot read the TLS certificate %1: %2").arg(m_config.tlsCert, certFile.errorString()));
        if (!keyFile.open(QIODevice::ReadOnly))
            return kw::Error::io(
                QStringLiteral("Cannot read the TLS key %1: %2").arg(m_config.tlsKey, keyFile.errorString()));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        kw::secureWipe(keyPem);
        if (chain.isEmpty())
            return kw::Error::invalid(QStringLiteral("%1 holds no PEM certificate").arg(m_config.tlsCert));
        if (key.isNull())
            return kw::Error::invalid(QStringLiteral("%1 holds no PEM private key (RSA or EC)").arg(m_config.tlsKey));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key);
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_http.sslSetup(tls);
    }

    if (!m_config.siem.isEmpty()) {
        auto target = SiemTarget::parse(m_config.siem);
        if (!target)
            return target.error();
        m_siem = std::make_unique<SiemForwarder>(*target, *m_backend, this);
        if (auto s = m_siem->start(); !s)
            return s;
    }
    if (m_config.syslogPort != 0) {
        m_syslog = std::make_unique<SyslogReceiver>(*m_backend, m_metrics, this);
        if (auto s = m_syslog->start(m_config.syslogAddress, m_config.syslogPort); !s)
            return s;
    }
    reloadBadKeyRule();
    m_alerts = std::make_unique<kw::AlertEvaluator>(*m_backend);
    m_alerts->setIntervalMs(m_config.alertIntervalSeconds * 1000);
    connect(m_alerts.get(), &kw::AlertEvaluator::evaluationFailed, this, [](const QString& message) {
        logInfo(QStringLiteral("alert evaluation failed"), {{"error", message}});
    });
    connect(m_alerts.get(), &kw::AlertEvaluator::alertsRaised, this, [this](const QList<kw::Alert>& alerts) {
        QJsonArray ids;
        for (const kw::Alert& a : alerts)
            ids.append(a.id);
        m_events.broadcast({{"type", "alerts"}, {"alertIds", ids}});
    });
    m_alerts->start();
    m_retention.setInterval(3'600'000);
    connect(&m_retention, &QTimer::timeout, this, &KeyServer::applyAuditRetention);
    m_retention.start();
    applyAuditRetention();

    m_backend->setDeliveryPolicy(m_config.delivery);
    if (m_config.notify) {
        m_dispatcher = std::make_unique<kw::NotificationDispatcher>(*m_backend, m_config.delivery);
        connect(m_dispatcher.get(), &kw::NotificationDispatcher::delivered, this, [](const kw::DeliveryAttempt& a) {
            if (a.outcome != QLatin1String("sent"))
                logInfo(QStringLiteral("notification not delivered"), {{"notification", a.notificationId},
                                                                       {"attempt", a.attempt},
                                                                       {"outcome", a.outcome},
                                                                       {"error", a.error}});
        });
        connect(m_dispatcher.get(), &kw::NotificationDispatcher::passFailed, this, [](const QString& message) {
            logError(QStringLiteral("notification delivery pass failed"), {{"error", message}});
        });
        m_dispatcher->start(m_config.notifyIntervalMs);
    }

    m_port = m_http.listen(m_config.listenAddress, m_config.listenPort);
    if (m_port == 0)
        return kw::Error::io(QStringLiteral("Cannot listen on %1:%2 (address in use or not available)")
                                 .arg(m_config.listenAddress.toString())
                                 .arg(m_config.listenPort));
    if (!m_config.readyFile.isEmpty()) {
        QSaveFile ready(m_config.readyFile);
        if (ready.open(QIODevice::WriteOnly)) {
            ready.write(QByteArray::number(m_port) + '\n');
            ready.commit();
        }
    }
    logInfo(QStringLiteral("listening"), {{"address", m_config.listenAddress.toString()},
                                          {"port", int(m_port)},
                                          {"tls", !m_config.tlsCert.isEmpty()},
                                          {"vault", m_backend->location()},
                                          {"keys", m_engine->size()}});
    return {};
}

void KeyServer::shutdown()
{
    if (!m_backend)
        return;
    m_tick.stop();
    m_retention.stop();
    if (m_alerts)
        m_alerts->stop();
    m_dispatcher.reset(); // records a pass in flight
    m_events.closeAll();
    m_syslog.reset();
    if (m_siem) {
        m_siem->poll();
        m_siem.reset();
    }
    const auto before = m_backend->usageRecorder() ? m_backend->usageRecorder()->stats() : kw::UsageRecorder::Stats{};
    if (auto s = m_backend->flushUsage(); !s)
        logError(QStringLiteral("could not flush usage events"), {{"error", s.errorMessage()}});
    const auto after = m_backend->usageRecorder() ? m_backend->usageRecorder()->stats() : kw::UsageRecorder::Stats{};
    logInfo(QStringLiteral("stopped"), {{"usageEventsFlushed", after.written - before.written},
                                        {"usageEventsWritten", after.written},
                                        {"usageQueueDepth", after.queueDepth}});
    m_engine = nullptr;
    m_backend.reset();
}

void KeyServer::reloadOperators()
{
    m_operators.clear();
    auto ops = m_backend->operators();
    if (!ops) {
        logError(QStringLiteral("cannot load operators"), {{"error", ops.errorMessage()}});
        return;
    }
    // The hash of each token is not readable back from the list; load it straight from the table.
    QSqlQuery q(m_backend->vault().db());
    q.exec(QStringLiteral("SELECT token_hash, name FROM operators WHERE revoked_at IS NULL"));
    QHash<QString, kw::Operator> byName;
    for (const auto& op : *ops)
        byName.insert(op.name, op);
    while (q.next())
        m_operators.insert(q.value(0).toByteArray(), byName.value(q.value(1).toString()));
}

std::optional<kw::Operator> KeyServer::operatorForToken(QByteArrayView token) const
{
    if (!m_backend || !token.startsWith(QByteArrayView("kwop_")) || !kw::KeyFormat::isWellFormed(token))
        return std::nullopt;
    const kw::crypto::Digest d = m_backend->vault().hashSecret(token);
    auto it = m_operators.constFind(QByteArray(reinterpret_cast<const char*>(d.data()), int(d.size())));
    if (it == m_operators.cend())
        return std::nullopt;
    return *it;
}

KeyServer::Authorized KeyServer::authorize(const QHttpServerRequest& request, kw::Capability capability)
{
    const QByteArray header = request.value("Authorization");
    // A SIEM hears of every refused operator request: the path and the peer, never the presented token.
    auto report = [&](const QString& event, const QString& operatorName) {
        if (!m_siem)
            return;
        QJsonObject fields{{"path", request.url().path()}, {"clientIp", request.remoteAddress().toString()}};
        if (!operatorName.isEmpty())
            fields.insert("operator", operatorName);
        m_siem->securityEvent(event, fields);
    };
    if (!header.startsWith("Bearer ")) {
        report(QStringLiteral("operator.unauthorized"), {});
        return errorResponse(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthorized"),
                             QStringLiteral("An operator token is required: Authorization: Bearer kwop_..."));
    }
    const auto op = operatorForToken(QByteArrayView(header).sliced(7).trimmed());
    if (!op) {
        report(QStringLiteral("operator.unauthorized"), {});
        return errorResponse(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthorized"),
                             QStringLiteral("Unknown or revoked operator token"));
    }
    if (!kw::roleAllows(op->role, capability)) {
        report(QStringLiteral("operator.forbidden"), op->name);
        return errorResponse(
            QHttpServerResponse::StatusCode::Forbidden, QStringLiteral("forbidden"),
            QStringLiteral("Operator %1 has role %2, which may not do this").arg(op->name, kw::toString(op->role)));
    }
    return *op;
}

QHttpServerResponse KeyServer::finish(QHttpServerResponse response)
{
    m_metrics.recordHttp(int(response.statusCode()));
    response.setHeader("Cache-Control", "no-store");
    return response;
}

void KeyServer::publishUsageTick()
{
    const auto now = m_metrics.verificationsByCode();
    QJsonObject byCode;
    qint64 total = 0;
    for (int i = 0; i < Metrics::kCodes; ++i) {
        const qint64 delta = now[std::size_t(i)] - m_lastTick[std::size_t(i)];
        if (delta > 0)
            byCode.insert(kw::toString(kw::VerifyCode(i)), delta);
        total += delta;
    }
    m_lastTick = now;
    if (total > 0)
        m_events.broadcast({{"type", "usage"},
                            {"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                            {"requests", total},
                            {"byCode", byCode}});
}

void KeyServer::applyAuditRetention()
{
    auto settings = m_backend->auditSettings();
    if (!settings || settings->retentionMs == 0)
        return;
    auto pruned = m_backend->pruneAudit(0);
    if (!pruned)
        logError(QStringLiteral("audit retention: cannot prune"), {{"error", pruned.errorMessage()}});
    else if (pruned->pruned > 0)
        logInfo(QStringLiteral("audit retention: pruned"),
                {{"entries", pruned->pruned}, {"throughSeq", pruned->checkpoint.seq}});
}

} // namespace kwd
