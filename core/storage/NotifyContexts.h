#pragma once

#include <QByteArray>

namespace kw {

// The AEAD contexts the outbox seals its per-row secrets under (the row id binds a ciphertext to its row).
inline QByteArray notificationContext(qint64 id)
{
    return QByteArrayLiteral("keywarden:notification:") + QByteArray::number(id);
}

inline QByteArray routingKeyContext(qint64 id)
{
    return QByteArrayLiteral("keywarden:notification-routing-key:") + QByteArray::number(id);
}

} // namespace kw
