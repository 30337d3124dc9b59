#pragma once

#include "domain/Contact.h"
#include "util/SecureBytes.h"

#include <QJsonObject>
#include <QString>

namespace kw {

// One try at sending a notification, as written to the delivery log (table notification_deliveries). Never holds a
// secret: no signing secret, SMTP password, routing key or webhook URL, only what the receiver answered.
struct DeliveryAttempt {
    qint64 notificationId = 0; // 0 for a test message
    int attempt = 0;           // 1, 2, ... over the notification's life
    qint64 at = 0;
    QString outcome; // sent, retry (failed, will be tried again), failed (permanently)
    int status = 0;  // the HTTP status or the last SMTP reply code; 0 when none came
    QString reply;   // a short receiver reply (e.g. "250 OK"), trimmed to 200 characters
    QString error;   // what went wrong, without secrets; "" when sent
    qint64 durationMs = 0;
    QJsonObject toJson() const;
    friend bool operator==(const DeliveryAttempt&, const DeliveryAttempt&) = default;
};

// What a channel sender reports; the store turns it into a DeliveryAttempt.
struct SendResult {
    bool ok = false;
    bool permanent = false; // do not retry (e.g. HTTP 400, SMTP 5xx recipient rejected)
    int status = 0;
    QString reply;
    QString error;
    qint64 durationMs = 0;
};

// Retry rules of the outbox: after failed attempt n the next one is due after min(maxBackoffMs, baseBackoffMs *
// 2^(n-1)), of which a random half is taken off (jitter, so receivers coming back are not hit by every sender at
// once); after maxAttempts failures since the last retryNotification the notification is "failed".
struct DeliveryPolicy {
    int maxAttempts = 8;
    qint64 baseBackoffMs = 30'000;
    qint64 maxBackoffMs = 3'600'000;
    qint64 leaseMs = 120'000; // a claimed notification is reclaimable after this (the dispatcher died mid-send)
};

// A notification leased to one dispatcher for sending, with what only the sender may see.
struct ClaimedNotification {
    Notification notification;
    QString lease;      // the claim's random token, handed back to recordDeliveryAttempt
    QString routingKey; // PagerDuty integration key (webhook format "pagerduty"); never logged
};

// The vault's SMTP relay. The password is stored sealed and never returned: hasPassword says whether one is set.
struct SmtpSettings {
    QString host; // "" : e-mail delivery not configured
    int port = 587;
    QString security = QStringLiteral("starttls"); // starttls (required), opportunistic, tls (implicit, smtps), off
    QString username;                              // "" : no AUTH
    QString from;                                  // the envelope and header sender, name@example.com
    QString fromName = QStringLiteral("KeyWarden");
    QString caFile; // PEM bundle to trust instead of the system's ("" : system)
    int timeoutSeconds = 30;
    bool hasPassword = false; // read-only
    QJsonObject toJson() const;
    friend bool operator==(const SmtpSettings&, const SmtpSettings&) = default;
};

// One pass of the dispatcher.
struct DeliveryReport {
    int claimed = 0;
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    QJsonObject toJson() const;
};

} // namespace kw
