#pragma once

#include "util/SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kw::notify {

// Webhook signature: "v1=" + hex(HMAC-SHA256(secret, "<timestamp>.<body>")), timestamp in Unix seconds as sent in
// X-KeyWarden-Timestamp. A receiver recomputes it, compares in constant time and rejects old timestamps (replays);
// X-KeyWarden-Delivery (the notification id) lets it drop duplicates.
QByteArray webhookSignature(const SecureBytes& secret, qint64 timestampSecs, QByteArrayView body);

// A Slack-compatible incoming-webhook message: {"text": subject, "blocks": [header, section(text), context]}.
// Texts are cut to Slack's block limits (header 150, section 3000 characters).
QJsonObject slackMessage(const QString& subject, const QString& text, const QString& incident);

// A PagerDuty Events API v2 event without its routing_key (added by the sender, so it is never stored in a body).
// trigger: payload {summary (cut to 1024), source, severity, timestamp, component, group, class, custom_details};
// resolve: dedup_key only.
struct PagerDutyTrigger {
    QString summary;
    QString source = QStringLiteral("keywarden");
    QString severity = QStringLiteral("critical"); // critical, error, warning, info
    qint64 timestampMs = 0;
    QString component;
    QString group;
    QString eventClass;
    QJsonObject customDetails;
};
QJsonObject pagerDutyTrigger(const QString& dedupKey, const PagerDutyTrigger& trigger);
QJsonObject pagerDutyResolve(const QString& dedupKey);

// A complete RFC 5322 message, multipart/alternative: text/plain (the text) and text/html (the same text, HTML
// escaped, in <pre>), both UTF-8 and base64. Non-ASCII subjects and names are RFC 2047 encoded.
QByteArray emailMessage(const QString& fromName, const QString& from, const QString& to, const QString& subject,
                        const QString& text, qint64 nowMs, const QString& messageId);

} // namespace kw::notify
