#include "TimeOption.h"

#include "policy/Duration.h"

#include <QDateTime>
#include <QTimeZone>

namespace kwctl {

kw::Result<qint64> parseWhen(const QString& text, qint64 nowMs, const QString& option)
{
    if (text.contains(u'-') && text.size() >= 10) {
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid()) {
            const QDate d = QDate::fromString(text, Qt::ISODate);
            if (d.isValid())
                t = QDateTime(d, QTime(0, 0), QTimeZone::utc());
        } else if (t.timeSpec() == Qt::LocalTime && !text.endsWith(u'Z') && !text.contains(u'+')) {
            t.setTimeZone(QTimeZone::utc()); // times without a zone are UTC, like every time kwctl prints
        }
        if (!t.isValid())
            return kw::Error::invalid(
                QStringLiteral("%1: \"%2\" is not an ISO 8601 date or time (e.g. 2026-03-01 or 2026-03-01T12:00:00Z)")
                    .arg(option, text));
        return t.toMSecsSinceEpoch();
    }
    auto ms = kw::Duration::parseMs(text);
    if (!ms)
        return kw::Error::invalid(QStringLiteral("%1: %2 (or give an ISO 8601 date)").arg(option, ms.errorMessage()));
    return nowMs - *ms;
}

} // namespace kwctl
