#include "notify/Senders.h"

#include <QElapsedTimer>
#include <QUrl>

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace kw::notify {

namespace {

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Handle {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    curl_slist* recipients = nullptr;
    ~Handle()
    {
        curl_slist_free_all(headers);
        curl_slist_free_all(recipients);
        if (curl)
            curl_easy_cleanup(curl);
    }
};

size_t collect(char* data, size_t size, size_t n, void* user)
{
    auto* out = static_cast<QByteArray*>(user);
    if (out->size() < 4096)
        out->append(data, qsizetype(std::min<size_t>(size * n, size_t(4096 - out->size()))));
    return size * n;
}

struct Reader {
    QByteArray data;
    qsizetype pos = 0;
};

size_t readBody(char* buffer, size_t size, size_t n, void* user)
{
    auto* r = static_cast<Reader*>(user);
    const size_t take = std::min<size_t>(size * n, size_t(r->data.size() - r->pos));
    std::memcpy(buffer, r->data.constData() + r->pos, take);
    r->pos += qsizetype(take);
    return take;
}

QString curlError(CURLcode code, const char* buffer)
{
    const QString detail = QString::fromUtf8(buffer).trimmed();
    return detail.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : detail;
}

QString shortReply(const QByteArray& reply)
{
    QString s = QString::fromUtf8(reply).simplified();
    return s.size() > 200 ? s.left(200) : s;
}

} // namespace

SendResult postWebhook(const QString& url, const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers,
                       int timeoutSeconds)
{
    globalInit();
    SendResult r;
    const QUrl u(url);
    if (!u.isValid() || (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")) ||
        u.host().isEmpty()) {
        r.permanent = true;
        r.error = QStringLiteral("The webhook URL is not an http(s) URL");
        return r;
    }
    Handle h;
    if (!h.curl) {
        r.error = QStringLiteral("Cannot start an HTTP transfer (libcurl)");
        return r;
    }
    h.headers = curl_slist_append(h.headers, "Content-Type: application/json");
    h.headers = curl_slist_append(h.headers, "User-Agent: KeyWarden-Webhook/1");
    h.headers = curl_slist_append(h.headers, "Expect:");
    for (const auto& [name, value] : headers)
        h.headers = curl_slist_append(h.headers, (name + ": " + value).constData());
    QByteArray reply;
    char errors[CURL_ERROR_SIZE] = {};
    const QByteArray urlBytes = u.toEncoded();
    curl_easy_setopt(h.curl, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h.curl, CURLOPT_POST, 1L);
    curl_easy_setopt(h.curl, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(h.curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &reply);
    curl_easy_setopt(h.curl, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT, long(std::min(timeoutSeconds, 10)));
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT, long(timeoutSeconds));
    curl_easy_setopt(h.curl, CURLOPT_FOLLOWLOCATION, 0L);
    QElapsedTimer timer;
    timer.start();
    const CURLcode code = curl_easy_perform(h.curl);
    r.durationMs = timer.elapsed();
    if (code != CURLE_OK) {
        r.error = QStringLiteral("Webhook request failed: %1").arg(curlError(code, errors));
        r.permanent = code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT;
        return r;
    }
    long status = 0;
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &status);
    r.status = int(status);
    r.reply = shortReply(reply);
    if (status >= 200 && status < 300) {
        r.ok = true;
        return r;
    }
    r.permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    r.error = QStringLiteral("The webhook receiver answered HTTP %1").arg(status);
    return r;
}

SendResult sendEmail(const SmtpSettings& s, const SecureBytes& password, const QString& to, const QByteArray& message)
{
    globalInit();
    SendResult r;
    if (s.host.isEmpty() || s.from.isEmpty()) {
        r.error = QStringLiteral("E-mail delivery is not configured: set the SMTP relay (kwctl notification settings "
                                 "smtp --host H --from ADDR)");
        return r;
    }
    Handle h;
    if (!h.curl) {
        r.error = QStringLiteral("Cannot start an SMTP transfer (libcurl)");
        return r;
    }
    const bool implicitTls = s.security == QLatin1String("tls");
    const QByteArray url = QStringLiteral("%1://%2:%3")
                               .arg(implicitTls ? QStringLiteral("smtps") : QStringLiteral("smtp"), s.host)
                               .arg(s.port)
                               .toUtf8();
    char errors[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h.curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (s.security == QLatin1String("starttls") || implicitTls)
        curl_easy_setopt(h.curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    else if (s.security == QLatin1String("opportunistic"))
        curl_easy_setopt(h.curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
    else
        curl_easy_setopt(h.curl, CURLOPT_USE_SSL, long(CURLUSESSL_NONE));
    const QByteArray caFile = s.caFile.toLocal8Bit();
    if (!caFile.isEmpty())
        curl_easy_setopt(h.curl, CURLOPT_CAINFO, caFile.constData());
    const QByteArray user = s.username.toUtf8();
    QByteArray pass(password.data(), qsizetype(password.size())); // wiped below
    if (!user.isEmpty()) {
        curl_easy_setopt(h.curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(h.curl, CURLOPT_PASSWORD, pass.constData());
    }
    const QByteArray from = '<' + s.from.toUtf8() + '>';
    const QByteArray rcpt = '<' + to.toUtf8() + '>';
    curl_easy_setopt(h.curl, CURLOPT_MAIL_FROM, from.constData());
    h.recipients = curl_slist_append(h.recipients, rcpt.constData());
    curl_easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
    Reader reader{message, 0};
    curl_easy_setopt(h.curl, CURLOPT_READFUNCTION, &readBody);
    curl_easy_setopt(h.curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(h.curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.curl, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT, long(std::min(s.timeoutSeconds, 10)));
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT, long(s.timeoutSeconds));
    QElapsedTimer timer;
    timer.start();
    const CURLcode code = curl_easy_perform(h.curl);
    r.durationMs = timer.elapsed();
    curl_easy_setopt(h.curl, CURLOPT_PASSWORD, "");
    pass.fill('\0');
    long reply = 0;
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &reply);
    r.status = int(reply);
    if (code == CURLE_OK) {
        r.ok = true;
        r.reply = QString::number(reply);
        return r;
    }
    QString what;
    switch (code) {
    case CURLE_LOGIN_DENIED:
        what = QStringLiteral("the SMTP relay refused the login of user \"%1\" (check the username and password)")
                   .arg(s.username);
        break;
    case CURLE_USE_SSL_FAILED:
        what = QStringLiteral("the SMTP relay does not offer STARTTLS, which the settings require");
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        what = QStringLiteral("the SMTP relay's TLS certificate is not trusted (%1)").arg(curlError(code, errors));
        break;
    default:
        what = curlError(code, errors);
    }
    r.error = QStringLiteral("E-mail to the relay %1:%2 failed%3: %4")
                  .arg(s.host)
                  .arg(s.port)
                  .arg(reply ? QStringLiteral(" (SMTP %1)").arg(reply) : QString(), what);
    r.permanent = reply >= 500 && reply < 600 && code != CURLE_LOGIN_DENIED;
    return r;
}

} // namespace kw::notify
