#pragma once

#include <QString>

#include <optional>

namespace kw {

// Stored states. "Expired" is not stored: it follows from expiresAt and the clock (see effectiveStatus).
enum class KeyStatus { Active, Suspended, Expired, Revoked, Rotating };

QString toString(KeyStatus status);
std::optional<KeyStatus> keyStatusFromString(QStringView text);

} // namespace kw
