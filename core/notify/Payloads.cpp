#include "notify/Payloads.h"

#include "crypto/Crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace kw::notify {

namespace {

QString cut(const QString& s, qsizetype max)
{
    return s.size() <= max ? s : s.left(max - 1) + QChar(0x2026);
}

QByteArray headerText(const QString& s)
{
    bool ascii = true;
    for (QChar c : s)
        if (c.unicode() > 126 || c.unicode() < 32)
            ascii = false;
    if (ascii)
        return s.toLatin1();
    return "=?UTF-8?B?" + s.toUtf8().toBase64() + "?=";
}

QByteArray base64Lines(const QByteArray& data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

} // namespace

QByteArray webhookSignature(const SecureBytes& secret, qint64 timestampSecs, QByteArrayView body)
{
    QByteArray message = QByteArray::number(timestampSecs) + '.';
    message.append(body.data(), body.size());
    return "v1=" + crypto::hmacSha256(secret, message).toHex();
}

QJsonObject slackMessage(const QString& subject, const QString& text, const QString& incident)
{
    QJsonArray blocks{
        QJsonObject{{"type", "header"}, {"text", QJsonObject{{"type", "plain_text"}, {"text", cut(subject, 150)}}}},
        QJsonObject{{"type", "section"}, {"text", QJsonObject{{"type", "mrkdwn"}, {"text", cut(text, 3000)}}}},
    };
    if (!incident.isEmpty())
        blocks.append(QJsonObject{
            {"type", "context"},
            {"elements",
             QJsonArray{QJsonObject{{"type", "mrkdwn"}, {"text", QStringLiteral("Incident %1").arg(incident)}}}}});
    return {{"text", cut(subject, 3000)}, {"blocks", blocks}};
}

QJsonObject pagerDutyTrigger(const QString& dedupKey, const PagerDutyTrigger& t)
{
    QJsonObject payload{
        {"summary", cut(t.summary, 1024)},
        {"source", t.source},
        {"severity", t.severity},
        {"timestamp", QDateTime::fromMSecsSinceEpoch(t.timestampMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
    };
    if (!t.component.isEmpty())
        payload.insert("component", t.component);
    if (!t.group.isEmpty())
        payload.insert("group", t.group);
    if (!t.eventClass.isEmpty())
        payload.insert("class", t.eventClass);
    if (!t.customDetails.isEmpty())
        payload.insert("custom_details", t.customDetails);
    return {
        {"event_action", "trigger"}, {"dedup_key", cut(dedupKey, 255)}, {"client", "KeyWarden"}, {"payload", payload}};
}

QJsonObject pagerDutyResolve(const QString& dedupKey)
{
    return {{"event_action", "resolve"}, {"dedup_key", cut(dedupKey, 255)}};
}

QByteArray emailMessage(const QString& fromName, const QString& from, const QString& to, const QString& subject,
                        const QString& text, qint64 nowMs, const QString& messageId)
{
    const QByteArray boundary = "=_kw_" + crypto::sha256(messageId.toUtf8()).toHex().left(24);
    const QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre style="
                                        "\"font-family: monospace; white-space: pre-wrap\">%1</pre></body></html>")
                             .arg(text.toHtmlEscaped());
    QByteArray m;
    m += "From: " + (fromName.isEmpty() ? QByteArray() : headerText(fromName) + ' ') + '<' + from.toUtf8() + ">\r\n";
    m += "To: <" + to.toUtf8() + ">\r\n";
    m += "Subject: " + headerText(subject) + "\r\n";
    m += "Date: " + QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).toString(Qt::RFC2822Date).toLatin1() +
         "\r\n";
    m += "Message-ID: <" + messageId.toUtf8() + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64Lines(text.toUtf8());
    m += "--" + boundary + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64Lines(html.toUtf8());
    m += "--" + boundary + "--\r\n";
    return m;
}

} // namespace kw::notify
