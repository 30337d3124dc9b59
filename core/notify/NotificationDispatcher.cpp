#include "notify/NotificationDispatcher.h"

#include "notify/Payloads.h"
#include "notify/Senders.h"
#include "storage/LocalVault.h"

#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace kw {

NotificationDispatcher::NotificationDispatcher(LocalVault& vault, DeliveryPolicy policy, QObject* parent)
    : QObject(parent), m_vault(vault), m_policy(policy)
{
    connect(&m_timer, &QTimer::timeout, this, &NotificationDispatcher::timerPass);
    connect(&m_watcher, &QFutureWatcher<QList<SendResult>>::finished, this, [this] {
        const QList<ClaimedNotification> claimed = std::exchange(m_pending, {});
        m_inFlight = false;
        if (auto r = record(claimed, m_watcher.result()); !r)
            emit passFailed(r.errorMessage());
    });
}

NotificationDispatcher::~NotificationDispatcher()
{
    m_timer.stop();
    if (m_inFlight) {
        m_watcher.waitForFinished();
        const QList<ClaimedNotification> claimed = std::exchange(m_pending, {});
        m_inFlight = false;
        (void)record(claimed, m_watcher.result());
    }
}

void NotificationDispatcher::start(int intervalMs)
{
    m_timer.start(std::max(intervalMs, 50));
    QTimer::singleShot(0, this, &NotificationDispatcher::timerPass);
}

void NotificationDispatcher::stop()
{
    m_timer.stop();
}

SendResult NotificationDispatcher::send(const ClaimedNotification& claimed, const SmtpSettings& smtp,
                                        const SecureBytes& smtpPassword, const SecureBytes& webhookSecret, qint64 nowMs)
{
    const Notification& n = claimed.notification;
    if (n.channel == QLatin1String("email")) {
        const QString messageId = QStringLiteral("kw-notification-%1-%2@keywarden").arg(n.id).arg(n.createdAt);
        const QByteArray message =
            notify::emailMessage(smtp.fromName, smtp.from, n.recipient, n.subject, n.body, nowMs, messageId);
        return notify::sendEmail(smtp, smtpPassword, n.recipient, message);
    }
    if (n.channel != QLatin1String("webhook")) {
        SendResult r;
        r.permanent = true;
        r.error = QStringLiteral("The dispatcher cannot send %1 notifications").arg(n.channel);
        return r;
    }
    QByteArray body = n.body.toUtf8();
    if (n.format == QLatin1String("pagerduty")) {
        QJsonObject event = QJsonDocument::fromJson(body).object();
        event.insert("routing_key", claimed.routingKey);
        body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    }
    const qint64 timestamp = nowMs / 1000;
    QList<QPair<QByteArray, QByteArray>> headers{
        {"X-KeyWarden-Timestamp", QByteArray::number(timestamp)},
        {"X-KeyWarden-Signature", notify::webhookSignature(webhookSecret, timestamp, body)},
        {"X-KeyWarden-Delivery", QByteArray::number(n.id)},
    };
    if (!n.kind.isEmpty())
        headers.append({"X-KeyWarden-Event", n.kind.toUtf8()});
    SendResult r = notify::postWebhook(n.recipient, body, headers);
    body.fill('\0');
    return r;
}

Result<DeliveryReport> NotificationDispatcher::deliverDueNow()
{
    auto claimed = m_vault.claimDueNotifications(m_batch, m_policy);
    if (!claimed)
        return claimed.error();
    if (claimed->isEmpty())
        return DeliveryReport{};
    auto creds = m_vault.deliveryCredentials();
    if (!creds)
        return creds.error();
    QList<SendResult> results;
    for (const ClaimedNotification& c : *claimed)
        results.append(send(c, creds->smtp, creds->smtpPassword, creds->webhookSecret, m_vault.clock().nowMs()));
    return record(*claimed, results);
}

void NotificationDispatcher::timerPass()
{
    if (m_inFlight)
        return;
    auto claimed = m_vault.claimDueNotifications(m_batch, m_policy);
    if (!claimed) {
        emit passFailed(claimed.errorMessage());
        return;
    }
    if (claimed->isEmpty())
        return;
    auto creds = m_vault.deliveryCredentials();
    if (!creds) {
        emit passFailed(creds.errorMessage());
        return; // the leases run out and the notifications are claimed again
    }
    auto shared = std::make_shared<LocalVault::DeliveryCredentials>(std::move(*creds));
    m_pending = *claimed;
    m_inFlight = true;
    const Clock* clock = &m_vault.clock();
    m_watcher.setFuture(QtConcurrent::run([list = *claimed, shared, clock] {
        QList<SendResult> results;
        for (const ClaimedNotification& c : list)
            results.append(send(c, shared->smtp, shared->smtpPassword, shared->webhookSecret, clock->nowMs()));
        return results;
    }));
}

Result<DeliveryReport> NotificationDispatcher::record(const QList<ClaimedNotification>& claimed,
                                                      const QList<SendResult>& results)
{
    DeliveryReport report;
    report.claimed = int(claimed.size());
    for (qsizetype i = 0; i < claimed.size() && i < results.size(); ++i) {
        auto a = m_vault.recordDeliveryAttempt(claimed[i], results[i], m_policy);
        if (!a)
            return a.error();
        if (a->outcome == QLatin1String("sent"))
            ++report.sent;
        else if (a->outcome == QLatin1String("retry"))
            ++report.retrying;
        else
            ++report.failed;
        emit delivered(*a);
    }
    return report;
}

} // namespace kw
