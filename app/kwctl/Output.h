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

} // namespace kwctl
