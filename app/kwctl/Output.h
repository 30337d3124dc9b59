#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>

namespace kwctl {

// Plain-text tables for people; JSON for scripts.
void printTable(QTextStream& out, const QStringList& headers, const QList<QStringList>& rows);
void printJson(QTextStream& out, const QJsonObject& object);
void printJson(QTextStream& out, const QJsonArray& array);
QString formatTime(qint64 ms); // "2026-03-01 12:00 UTC", "-" for 0
// A time given on the command line: "2026-03-01" (midnight UTC) or an ISO 8601 date-time ("2026-03-01T12:00",
// UTC unless it names an offset such as "Z" or "+02:00"). -1 when it is neither.
qint64 parseTimeArg(const QString& text);

} // namespace kwctl
