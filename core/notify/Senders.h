#pragma once

#include "notify/Delivery.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace kw::notify {

// The channel senders: blocking libcurl transfers, safe to run on any thread (each uses its own handle). Results
// never carry the URL, password or other secrets.

// POSTs a JSON body. 2xx: ok; 4xx other than 408 and 429: permanent failure; anything else (5xx, 408, 429,
// connection and timeout errors): retry.
SendResult postWebhook(const QString& url, const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers,
                       int timeoutSeconds = 15);

// Sends `message` (see emailMessage) to `to` through the relay. A 5xx reply is permanent; unreachable relays,
// 4xx replies, TLS and login failures are retried (the settings may be corrected meanwhile).
SendResult sendEmail(const SmtpSettings& settings, const SecureBytes& password, const QString& to,
                     const QByteArray& message);

} // namespace kw::notify
