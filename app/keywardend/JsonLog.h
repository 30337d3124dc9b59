#pragma once

#include <QJsonObject>
#include <QString>

namespace kwd {

// Structured logs: one JSON object per line on stdout, {"ts", "level", "msg", ...fields}. Never pass a
// secret in `fields`: keys are logged by display id, operators by name.
void logLine(const char* level, const QString& message, const QJsonObject& fields = {});
inline void logInfo(const QString& m, const QJsonObject& f = {})
{
    logLine("info", m, f);
}
inline void logWarn(const QString& m, const QJsonObject& f = {})
{
    logLine("warn", m, f);
}
inline void logError(const QString& m, const QJsonObject& f = {})
{
    logLine("error", m, f);
}

} // namespace kwd
