#pragma once

#include "domain/Contact.h"
#include "util/Result.h"

#include <QByteArray>

namespace kw {

class Vault;

// The AEAD contexts the outbox seals its per-row secrets under (the row id binds a ciphertext to its row).
inline QByteArray notificationContext(qint64 id)
{
    return QByteArrayLiteral("keywarden:notification:") + QByteArray::number(id);
}

inline QByteArray routingKeyContext(qint64 id)
{
    return QByteArrayLiteral("keywarden:notification-routing-key:") + QByteArray::number(id);
}

// Reads back the sealed PagerDuty routing keys of `notifications` (rows with format "pagerduty"), for the messages
// that close what they opened. Never logged; the error names the notification whose key cannot be decrypted.
Status unsealRoutingKeys(Vault& vault, QList<Notification>& notifications);

} // namespace kw
