#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kw {

// Someone to tell when keys of a project (or one of its services) are revoked. Stored encrypted under the
// vault's data key; email must be a plausible address, webhookUrl an http(s) URL.
struct Contact {
    qint64 id = 0; // 0: saveContact creates
    QString project;
    QString service; // "": the whole project
    QString name;
    QString email;
    QString webhookUrl;
    QString phone;
    QString note;
    // How webhooks to this contact are shaped: generic (KeyWarden's JSON), slack (incoming-webhook text and
    // blocks) or pagerduty (Events API v2, which needs the integration's routing key). "" reads as generic.
    QString webhookFormat = QStringLiteral("generic");
    QString pagerDutyRoutingKey;
    QJsonObject toJson() const;
    friend bool operator==(const Contact&, const Contact&) = default;
};

// A message in the notification outbox, delivered by the NotificationDispatcher (notify/NotificationDispatcher.h):
// "queued" until sent or given up ("failed"); the delivery log holds every attempt.
struct Notification {
    qint64 id = 0;
    qint64 createdAt = 0;
    QString kind;      // revocation, resolution, expiry, alert
    QString channel;   // email, webhook, desktop
    QString recipient; // an address or URL
    QString subject;
    QString body;
    QString incident;
    QStringList keyIds;
    QString state = QStringLiteral("queued"); // queued, sent, failed
    int attempts = 0;
    qint64 sentAt = 0;
    QString lastError;
    QString format;           // webhooks: generic, slack, pagerduty ("" : generic); "" for other channels
    qint64 nextAttemptAt = 0; // while queued: when the next attempt is due
    // Drafts only: the PagerDuty routing key, stored sealed and handed to the sender alone (never read back).
    QString routingKey;
    QJsonObject toJson() const;
    friend bool operator==(const Notification&, const Notification&) = default;
};

struct NotificationQuery {
    QString incident; // "": any
    QString kind;     // "": any
    qint64 id = 0;    // > 0: only this one
    QString state;    // "": any; queued, sent, failed
    int limit = 500;  // newest first
};

} // namespace kw
