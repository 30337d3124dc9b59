#pragma once

#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace kw {

// Strict reading of a JSON object: each accessor names the field it reads; wrong types and, at finish(),
// fields nobody read are errors that name the field. The first error wins and sticks.
class JsonReader {
public:
    explicit JsonReader(QJsonObject object, QString context = {});

    QString string(const QString& field, bool required = false);
    std::optional<QString> optionalString(const QString& field);
    QStringList stringList(const QString& field);
    qint64 integer(const QString& field, qint64 fallback, bool required = false);
    bool boolean(const QString& field, bool fallback = false);
    QJsonObject object(const QString& field);
    bool has(const QString& field) const { return m_object.contains(field); }

    // Errors for fields present but never read.
    Status finish();
    bool ok() const { return !m_error.has_value(); }

private:
    void fail(const QString& message);
    QJsonValue take(const QString& field, bool required, const char* expected);

    QJsonObject m_object;
    QString m_context;
    QSet<QString> m_read;
    std::optional<Error> m_error;
};

// Parses a request body that must be one JSON object.
Result<QJsonObject> parseJsonObject(QByteArrayView body);

} // namespace kw
