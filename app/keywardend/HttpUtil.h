#pragma once

#include "util/Result.h"

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>

namespace kwd {

QHttpServerResponse jsonResponse(const QJsonObject& body,
                                 QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
QHttpServerResponse jsonResponse(const QJsonArray& body,
                                 QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
// {"error": {"code", "message"}} with the status that fits the error's kind.
QHttpServerResponse errorResponse(const kw::Error& error);
QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString& code, const QString& message);

template <typename T, typename ToJson>
QHttpServerResponse resultResponse(const kw::Result<T>& r, ToJson toJson,
                                   QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok)
{
    if (!r)
        return errorResponse(r.error());
    return jsonResponse(toJson(r.value()), status);
}

template <typename T> QJsonArray toJsonArray(const QList<T>& items)
{
    QJsonArray a;
    for (const auto& i : items)
        a.append(i.toJson());
    return a;
}

} // namespace kwd
