#include "remote/JsonReader.h"

#include <QJsonDocument>

namespace kw {

JsonReader::JsonReader(QJsonObject object, QString context) : m_object(std::move(object)), m_context(std::move(context))
{
}

void JsonReader::fail(const QString& message)
{
    if (!m_error)
        m_error = Error::invalid(m_context.isEmpty() ? message : m_context + QStringLiteral(": ") + message);
}

QJsonValue JsonReader::take(const QString& field, bool required, const char* expected)
{
    m_read.insert(field);
    const QJsonValue v = m_object.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(QStringLiteral("field \"%1\" is required (%2)").arg(field, QString::fromLatin1(expected)));
        return QJsonValue::Undefined;
    }
    return v;
}

QString JsonReader::string(const QString& field, bool required)
{
    const QJsonValue v = take(field, required, "a string");
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        fail(QStringLiteral("field \"%1\" must be a string").arg(field));
        return {};
    }
    if (required && v.toString().trimmed().isEmpty())
        fail(QStringLiteral("field \"%1\" must not be empty").arg(field));
    return v.toString();
}

std::optional<QString> JsonReader::optionalString(const QString& field)
{
    if (!m_object.contains(field) || m_object.value(field).isNull()) {
        m_read.insert(field);
        return std::nullopt;
    }
    return string(field);
}

QStringList JsonReader::stringList(const QString& field)
{
    const QJsonValue v = take(field, false, "a list of strings");
    if (v.isUndefined())
        return {};
    if (!v.isArray()) {
        fail(QStringLiteral("field \"%1\" must be a list of strings").arg(field));
        return {};
    }
    QStringList out;
    for (const auto& item : v.toArray()) {
        if (!item.isString()) {
            fail(QStringLiteral("field \"%1\" must be a list of strings").arg(field));
            return {};
        }
        out << item.toString();
    }
    return out;
}

qint64 JsonReader::integer(const QString& field, qint64 fallback, bool required)
{
    const QJsonValue v = take(field, required, "a number");
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble() || v.toDouble() != double(v.toInteger())) {
        fail(QStringLiteral("field \"%1\" must be a whole number").arg(field));
        return fallback;
    }
    return v.toInteger();
}

bool JsonReader::boolean(const QString& field, bool fallback)
{
    const QJsonValue v = take(field, false, "true or false");
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        fail(QStringLiteral("field \"%1\" must be true or false").arg(field));
        return fallback;
    }
    return v.toBool();
}

QJsonObject JsonReader::object(const QString& field)
{
    const QJsonValue v = take(field, false, "an object");
    if (v.isUndefined())
        return {};
    if (!v.isObject()) {
        fail(QStringLiteral("field \"%1\" must be an object").arg(field));
        return {};
    }
    return v.toObject();
}

Status JsonReader::finish()
{
    if (!m_error) {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_read.contains(it.key())) {
                fail(QStringLiteral("unknown field \"%1\"").arg(it.key()));
                break;
            }
        }
    }
    if (m_error)
        return *m_error;
    return {};
}

Result<QJsonObject> parseJsonObject(QByteArrayView body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("The request body is not valid JSON: %1 at offset %2")
                                  .arg(err.errorString())
                                  .arg(err.offset));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("The request body must be a JSON object"));
    return doc.object();
}

} // namespace kw
