#include "HttpUtil.h"

#include <QJsonDocument>

namespace kwd {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse jsonResponse(const QJsonObject& body, Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse jsonResponse(const QJsonArray& body, Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse errorResponse(Status status, const QString& code, const QString& message)
{
    return jsonResponse(QJsonObject{{"error", QJsonObject{{"code", code}, {"message", message}}}}, status);
}

QHttpServerResponse errorResponse(const kw::Error& error)
{
    using C = kw::Error::Code;
    switch (error.code) {
    case C::Invalid:
        return errorResponse(Status::BadRequest, QStringLiteral("invalid"), error.message);
    case C::NotFound:
        return errorResponse(Status::NotFound, QStringLiteral("not_found"), error.message);
    case C::Conflict:
        return errorResponse(Status::Conflict, QStringLiteral("conflict"), error.message);
    case C::Unauthorized:
        return errorResponse(Status::Unauthorized, QStringLiteral("unauthorized"), error.message);
    case C::Forbidden:
        return errorResponse(Status::Forbidden, QStringLiteral("forbidden"), error.message);
    case C::Storage:
        return errorResponse(Status::InternalServerError, QStringLiteral("storage"), error.message);
    case C::Crypto:
        return errorResponse(Status::InternalServerError, QStringLiteral("crypto"), error.message);
    case C::Io:
    case C::Internal:
        break;
    }
    return errorResponse(Status::InternalServerError, QStringLiteral("internal"), error.message);
}

} // namespace kwd
