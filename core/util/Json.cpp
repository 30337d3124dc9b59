#include "util/Json.h"

#include <QDateTime>
#include <QTimeZone>

namespace kw::json {

QJsonValue time(qint64 ms)
{
    if (ms == 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

qint64 parseTime(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return 0;
    const QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

} // namespace kw::json
