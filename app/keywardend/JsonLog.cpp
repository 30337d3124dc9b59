#include "JsonLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutex>

#include <cstdio>

namespace kwd {

void logLine(const char* level, const QString& message, const QJsonObject& fields)
{
    QJsonObject o = fields;
    o.insert("ts", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert("level", QString::fromLatin1(level));
    o.insert("msg", message);
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, std::size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace kwd
