#include "domain/KeyStatus.h"

namespace kw {

QString toString(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        return QStringLiteral("active");
    case KeyStatus::Suspended:
        return QStringLiteral("suspended");
    case KeyStatus::Expired:
        return QStringLiteral("expired");
    case KeyStatus::Revoked:
        return QStringLiteral("revoked");
    case KeyStatus::Rotating:
        return QStringLiteral("rotating");
    }
    return {};
}

std::optional<KeyStatus> keyStatusFromString(QStringView text)
{
    for (auto s :
         {KeyStatus::Active, KeyStatus::Suspended, KeyStatus::Expired, KeyStatus::Revoked, KeyStatus::Rotating}) {
        if (text.compare(toString(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

} // namespace kw
