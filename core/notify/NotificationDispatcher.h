#pragma once

#include "notify/Delivery.h"
#include "util/Result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace kw {

class LocalVault;

// Sends the outbox of a local vault: claims due notifications (a lease, see LocalVault::claimDueNotifications),
// sends them through the channel senders (webhook: JSON POST signed with the vault's secret, headers
// X-KeyWarden-Timestamp, X-KeyWarden-Signature "v1=<hex>", X-KeyWarden-Delivery <notification id>; e-mail: SMTP via
// libcurl) and records every attempt. Lives on the vault's thread: the timer's passes send on a worker thread
// (no database access there) and record back on this one, so the event loop never waits on a receiver;
// deliverDueNow() is the blocking pass for kwctl, tests and the server's "deliver now" route.
class NotificationDispatcher : public QObject {
    Q_OBJECT
public:
    explicit NotificationDispatcher(LocalVault& vault, DeliveryPolicy policy = {}, QObject* parent = nullptr);
    ~NotificationDispatcher() override; // waits for a pass in flight and records it

    // Passes every intervalMs (and one right away) until stop().
    void start(int intervalMs = 5000);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // One blocking pass: claim at most batchSize, send, record.
    Result<DeliveryReport> deliverDueNow();
    void setBatchSize(int n) { m_batch = n; }
    const DeliveryPolicy& policy() const { return m_policy; }

    // Sends one claimed notification with the given credentials (thread-safe, no database access).
    static SendResult send(const ClaimedNotification& claimed, const SmtpSettings& smtp,
                           const SecureBytes& smtpPassword, const SecureBytes& webhookSecret, qint64 nowMs);

signals:
    // After each recorded attempt; attempt.outcome is sent, retry or failed.
    void delivered(const kw::DeliveryAttempt& attempt);
    // A pass could not claim or record (the store failed); the message names what.
    void passFailed(const QString& message);

private:
    void timerPass();
    Result<DeliveryReport> record(const QList<ClaimedNotification>& claimed, const QList<SendResult>& results);

    LocalVault& m_vault;
    DeliveryPolicy m_policy;
    QTimer m_timer;
    int m_batch = 50;
    bool m_inFlight = false;
    QList<ClaimedNotification> m_pending;
    QFutureWatcher<QList<SendResult>> m_watcher;
};

} // namespace kw
