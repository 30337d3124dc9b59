#include "Output.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

namespace kwctl {

void printTable(QTextStream& out, const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& h : headers)
        widths << h.size();
    for (const QStringList& row : rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 < cells.size())
                text += cells[i].leftJustified(widths[i] + 2);
            else
                text += cells[i];
        }
        out << text.trimmed() << "\n";
    };
    line(headers);
    for (const QStringList& row : rows)
        line(row);
    out.flush();
}

void printJson(QTextStream& out, const QJsonObject& object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    out.flush();
}

void printJson(QTextStream& out, const QJsonArray& array)
{
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    out.flush();
}

QString formatTime(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

qint64 parseTimeArg(const QString& text)
{
    const QString t = text.trimmed();
    const QDate date = QDate::fromString(t, Qt::ISODate);
    if (date.isValid() && t.size() == 10)
        return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        return -1;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc()); // no offset given: UTC, as everywhere in kwctl
    return dt.toMSecsSinceEpoch();
}

} // namespace kwctl
