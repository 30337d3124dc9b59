#pragma once

#include <QJsonValue>
#include <QString>

namespace kw::json {

// Timestamps travel as ISO 8601 UTC strings with milliseconds; 0 ("none") travels as null.
QJsonValue time(qint64 ms);
// Parses what time() writes; null/absent gives 0, a malformed string gives -1.
qint64 parseTime(const QJsonValue& value);

} // namespace kw::json
