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
    QJsonObject toJson() const;
    friend bool operator==(const Contact&, const Contact&) = default;
};

// A message in the notification outbox. No sender exists yet: recorded notifications stay "queued".
struct Notification {
    qint64 id = 0;
    qint64 createdAt = 0;
    QString kind;      // revocation, expiry, alert
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
    QJsonObject toJson() const;
    friend bool operator==(const Notification&, const Notification&) = default;
};

struct NotificationQuery {
    QString incident; // "": any
    QString kind;     // "": any
    int limit = 500;  // newest first
};

} // namespace kw
