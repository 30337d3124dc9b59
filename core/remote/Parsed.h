#pragma once

#include "remote/Codec.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kw::codec {

// A server answer decoded by `parse`, or the call's error (RemoteBackend's per-area files).
template <typename T> Result<T> parsed(const Result<QJsonObject>& o, Result<T> (*parse)(const QJsonObject&))
{
    if (!o)
        return o.error();
    return parse(*o);
}

template <typename T> Result<QList<T>> parsedList(const Result<QJsonArray>& a, Result<T> (*parse)(const QJsonObject&))
{
    if (!a)
        return a.error();
    return listFromJson<T>(*a, parse);
}

} // namespace kw::codec
