#include "usage/AccessLog.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace kw::accesslog {

namespace {

// A field as text, whether nginx wrote it as a string or a number; nginx writes "-" for an unset variable in
// some formats, which counts as empty.
QString text(const QJsonObject& o, const char* field)
{
    const QJsonValue v = o.value(QLatin1String(field));
    QString s;
    if (v.isString())
        s = v.toString();
    else if (v.isDouble())
        s = v.toDouble() == double(qint64(v.toDouble())) ? QString::number(qint64(v.toDouble()))
                                                         : QString::number(v.toDouble(), 'f', 6);
    return s == QLatin1String("-") ? QString() : s;
}

// A decimal number of seconds (nginx's $msec, $request_time) as an integer count of `unit`ths; -1 when absent,
// -2 when malformed.
qint64 seconds(const QString& s, double unit)
{
    if (s.isEmpty())
        return -1;
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0 || v > 1e11)
        return -2;
    return qint64(std::llround(v * unit));
}

bool plausibleKeyId(const QString& id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (QChar c : id)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'-')
            return false;
    return true;
}

} // namespace

Result<QByteArray> syslogMessage(QByteArrayView datagram)
{
    QByteArrayView m = datagram;
    while (!m.isEmpty() && (m.back() == '\n' || m.back() == '\r' || m.back() == '\0'))
        m.chop(1);
    if (m.startsWith('<')) {
        const qsizetype close = m.indexOf('>');
        if (close < 2 || close > 4)
            return Error::invalid(QStringLiteral("The syslog header's priority \"<N>\" is malformed"));
        for (qsizetype i = 1; i < close; ++i)
            if (m[i] < '0' || m[i] > '9')
                return Error::invalid(QStringLiteral("The syslog header's priority \"<N>\" is malformed"));
    }
    // The record is the JSON object that starts after the header and the tag's ": ".
    const qsizetype brace = m.indexOf('{');
    if (brace < 0 || !m.endsWith('}'))
        return Error::invalid(QStringLiteral("The syslog message carries no JSON access-log record (is the "
                                             "access_log using the keywarden_json log_format?)"));
    return m.sliced(brace).toByteArray();
}

Result<Record> parseRecord(QByteArrayView json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::invalid(QStringLiteral("The access-log record is not a JSON object (%1 at offset %2)")
                                  .arg(err.errorString())
                                  .arg(err.offset));
    const QJsonObject o = doc.object();
    Record r;
    UsageEvent& e = r.event;
    e.code = QStringLiteral("REPORTED");
    e.keyId = text(o, "key_id");
    e.service = text(o, "service");
    e.clientIp = text(o, "remote_addr");

    const QString status = text(o, "status");
    bool ok = false;
    e.upstreamStatus = status.toInt(&ok);
    if (status.isEmpty())
        return Error::invalid(QStringLiteral("The access-log record has no \"status\""));
    if (!ok || e.upstreamStatus < 100 || e.upstreamStatus > 599)
        return Error::invalid(
            QStringLiteral("The access-log record's \"status\" (%1) is not an HTTP status").arg(status));

    const qint64 ms = seconds(text(o, "msec"), 1000.0);
    if (ms == -1)
        return Error::invalid(QStringLiteral("The access-log record has no \"msec\" (nginx's $msec)"));
    if (ms < 0)
        return Error::invalid(QStringLiteral("The access-log record's \"msec\" is not a time in seconds"));
    e.timeMs = ms;

    e.latencyUs = seconds(text(o, "request_time"), 1e6);
    if (e.latencyUs == -2)
        return Error::invalid(QStringLiteral("The access-log record's \"request_time\" is not a number of seconds"));
    const QString bytes = text(o, "bytes_sent");
    if (!bytes.isEmpty()) {
        e.bytes = bytes.toLongLong(&ok);
        if (!ok || e.bytes < 0)
            return Error::invalid(QStringLiteral("The access-log record's \"bytes_sent\" is not a byte count"));
    }

    const QString auth = text(o, "auth_status");
    const bool authPassed = auth.isEmpty() || (auth.size() == 3 && auth.startsWith(u'2'));
    if (e.keyId.isEmpty() || !authPassed) {
        r.disposition = Disposition::Refused;
        return r;
    }
    if (!plausibleKeyId(e.keyId))
        return Error::invalid(QStringLiteral("The access-log record's \"key_id\" is not a key id"));
    return r;
}

} // namespace kw::accesslog
