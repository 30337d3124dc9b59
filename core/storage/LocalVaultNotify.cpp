// LocalVault, notification delivery: the dispatcher's claims and attempts, the delivery log, retries, the SMTP
// relay and webhook signing secret, test messages and incident resolution.
#include "storage/LocalVault.h"

#include "crypto/RandomSource.h"
#include "notify/NotificationDispatcher.h"
#include "notify/RevocationNotice.h"
#include "storage/NotifyContexts.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace kw {

namespace {

const QString kSmtpMeta = QStringLiteral("notify.smtp");
const QString kSecretMeta = QStringLiteral("notify.webhook-secret");
const QByteArray kSmtpContext = QByteArrayLiteral("keywarden:notify:smtp");
const QByteArray kSecretContext = QByteArrayLiteral("keywarden:notify:webhook-secret");

Result<QString> randomHex(std::size_t bytes)
{
    SecureBytes raw(bytes);
    if (auto s = RandomSource::system().fill(raw.data(), raw.size()); !s)
        return s.error();
    return QString::fromLatin1(raw.view().toHex());
}

QString trimmed200(const QString& s)
{
    return s.size() > 200 ? s.left(200) : s;
}

Status checkSmtp(const SmtpSettings& s)
{
    static const QStringList security{QStringLiteral("starttls"), QStringLiteral("opportunistic"),
                                      QStringLiteral("tls"), QStringLiteral("off")};
    static const QRegularExpression host(QStringLiteral(R"(^[A-Za-z0-9.:\[\]-]{1,253}$)"));
    static const QRegularExpression email(QStringLiteral(R"(^[^@\s<>()\[\],;:"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$)"));
    if (s.host.isEmpty())
        return Error::invalid(QStringLiteral("The SMTP host is required"));
    if (!host.match(s.host).hasMatch())
        return Error::invalid(QStringLiteral("The SMTP host \"%1\" is not a host name or address").arg(s.host));
    if (s.port < 1 || s.port > 65535)
        return Error::invalid(QStringLiteral("The SMTP port %1 is not between 1 and 65535").arg(s.port));
    if (!security.contains(s.security))
        return Error::invalid(
            QStringLiteral("The SMTP security \"%1\" must be starttls, opportunistic, tls or off").arg(s.security));
    if (!email.match(s.from).hasMatch() || s.from.size() > 254)
        return Error::invalid(QStringLiteral("The sender \"%1\" is not an e-mail address").arg(s.from));
    if (s.fromName.size() > 100 || s.fromName.contains(u'\n') || s.fromName.contains(u'\r'))
        return Error::invalid(QStringLiteral("The sender name must be one line of at most 100 characters"));
    if (s.username.size() > 200 || s.username.contains(u'\n'))
        return Error::invalid(QStringLiteral("The SMTP username must be one line of at most 200 characters"));
    if (s.timeoutSeconds < 1 || s.timeoutSeconds > 300)
        return Error::invalid(QStringLiteral("The SMTP timeout must be 1 to 300 seconds"));
    return {};
}

qint64 backoffMs(const DeliveryPolicy& p, int failures)
{
    qint64 d = p.baseBackoffMs;
    for (int i = 1; i < failures && d < p.maxBackoffMs; ++i)
        d *= 2;
    d = std::min(d, p.maxBackoffMs);
    if (d <= 1)
        return std::max<qint64>(d, 0);
    return d / 2 + qint64(QRandomGenerator::global()->bounded(quint64(d / 2 + 1))); // "equal jitter"
}

} // namespace

// ---- the dispatcher's side -------------------------------------------------------------------------------

Result<QList<ClaimedNotification>> LocalVault::claimDueNotifications(int limit, const DeliveryPolicy& policy)
{
    if (limit <= 0)
        return Error::invalid(QStringLiteral("The claim limit must be positive"));
    auto lease = randomHex(16);
    if (!lease)
        return lease.error();
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto upd = sql::exec(m_vault->db(),
                         QStringLiteral("UPDATE notifications SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT "
                                        "id FROM notifications WHERE state = 'queued' AND channel IN ('email', "
                                        "'webhook') AND next_attempt_at <= ? AND lease_until <= ? ORDER BY "
                                        "next_attempt_at, id LIMIT %1)")
                             .arg(limit),
                         {*lease, now + policy.leaseMs, now, now}, QStringLiteral("claim due notifications"));
    if (!upd)
        return upd.error();
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT id, routing_key_sealed FROM notifications WHERE lease_owner = ? AND "
                                      "state = 'queued' ORDER BY next_attempt_at, id"),
                       {*lease}, QStringLiteral("read claimed notifications"));
    if (!q)
        return q.error();
    QList<std::pair<qint64, QByteArray>> rows;
    while (q->next())
        rows.append({q->value(0).toLongLong(), q->value(1).toByteArray()});
    if (auto s = tx.commit(); !s)
        return s.error();
    QList<ClaimedNotification> out;
    for (const auto& [id, routing] : rows) {
        NotificationQuery one;
        one.id = id;
        auto n = notifications(one);
        if (!n)
            return n.error();
        if (n->isEmpty())
            continue;
        ClaimedNotification c;
        c.notification = n->first();
        c.lease = *lease;
        if (!routing.isEmpty()) {
            auto key = m_vault->unseal(routing, routingKeyContext(id));
            if (!key)
                return Error::crypto(QStringLiteral("The routing key of notification %1 cannot be decrypted: %2")
                                         .arg(id)
                                         .arg(key.errorMessage()));
            c.routingKey = QString::fromUtf8(key->view());
        }
        out.append(std::move(c));
    }
    return out;
}

Result<DeliveryAttempt> LocalVault::recordDeliveryAttempt(const ClaimedNotification& claimed, const SendResult& result,
                                                          const DeliveryPolicy& policy)
{
    const qint64 id = claimed.notification.id;
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT state, attempts, retry_base, incident FROM notifications WHERE id = ?"),
                       {id}, QStringLiteral("read the notification"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("No notification with id %1").arg(id));
    const QString state = q->value(0).toString();
    const int attempt = q->value(1).toInt() + 1;
    const int sinceRetry = attempt - q->value(2).toInt();
    const QString incident = q->value(3).toString();
    DeliveryAttempt a;
    a.notificationId = id;
    a.attempt = attempt;
    a.at = now;
    a.status = result.status;
    a.reply = trimmed200(result.reply);
    a.error = result.ok ? QString() : trimmed200(result.error);
    a.durationMs = result.durationMs;
    QString next = state;
    qint64 nextAt = 0;
    if (state == QLatin1String("queued")) {
        if (result.ok)
            next = QStringLiteral("sent");
        else if (result.permanent || sinceRetry >= policy.maxAttempts)
            next = QStringLiteral("failed");
        else
            nextAt = now + backoffMs(policy, sinceRetry);
    }
    a.outcome = result.ok                         ? QStringLiteral("sent")
                : next == QLatin1String("queued") ? QStringLiteral("retry")
                                                  : QStringLiteral("failed");
    if (auto ins =
            sql::exec(m_vault->db(),
                      QStringLiteral("INSERT INTO notification_deliveries (notification_id, attempt, ts, "
                                     "outcome, status, reply, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                      {id, attempt, now, a.outcome, a.status, a.reply, a.error, a.durationMs},
                      QStringLiteral("write the delivery log"));
        !ins)
        return ins.error();
    if (auto upd = sql::exec(
            m_vault->db(),
            QStringLiteral(
                "UPDATE notifications SET state = ?, attempts = ?, last_error = ?, sent_at = "
                "CASE WHEN ? = 'sent' AND sent_at IS NULL THEN ? ELSE sent_at END, next_attempt_at = "
                "CASE WHEN ? > 0 THEN ? ELSE next_attempt_at END, lease_until = CASE WHEN lease_owner = ? THEN 0 "
                "ELSE lease_until END, lease_owner = CASE WHEN lease_owner = ? THEN '' ELSE lease_owner "
                "END WHERE id = ?"),
            {next, attempt, a.error, next, now, nextAt, nextAt, claimed.lease, claimed.lease, id},
            QStringLiteral("record the delivery"));
        !upd)
        return upd.error();
    if (auto s = audit(QStringLiteral("notification.deliver"), QStringLiteral("notification:%1").arg(id), {},
                       QJsonObject{{"attempt", attempt},
                                   {"outcome", a.outcome},
                                   {"status", a.status},
                                   {"channel", claimed.notification.channel}},
                       incident);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return a;
}

Result<LocalVault::DeliveryCredentials> LocalVault::deliveryCredentials()
{
    DeliveryCredentials c;
    auto raw = m_vault->readMeta(kSmtpMeta);
    if (raw && !raw->isEmpty()) {
        auto plain = m_vault->unseal(*raw, kSmtpContext);
        if (!plain)
            return Error::crypto(QStringLiteral("The SMTP settings cannot be decrypted: %1").arg(plain.errorMessage()));
        const QJsonObject o = QJsonDocument::fromJson(plain->view()).object();
        c.smtp.host = o.value("host").toString();
        c.smtp.port = o.value("port").toInt(587);
        c.smtp.security = o.value("security").toString(QStringLiteral("starttls"));
        c.smtp.username = o.value("username").toString();
        c.smtp.from = o.value("from").toString();
        c.smtp.fromName = o.value("fromName").toString(QStringLiteral("KeyWarden"));
        c.smtp.caFile = o.value("caFile").toString();
        c.smtp.timeoutSeconds = o.value("timeoutSeconds").toInt(30);
        QByteArray password = QByteArray::fromBase64(o.value("password").toString().toLatin1());
        c.smtp.hasPassword = !password.isEmpty();
        c.smtpPassword = SecureBytes::adopt(password);
    }
    auto secret = signingSecret(false, false);
    if (!secret)
        return secret.error();
    c.webhookSecret = std::move(*secret);
    return c;
}

// ---- delivery log and retries ----------------------------------------------------------------------------

Result<QList<DeliveryAttempt>> LocalVault::notificationDeliveries(qint64 id)
{
    NotificationQuery one;
    one.id = id;
    if (id <= 0)
        return Error::invalid(QStringLiteral("A notification id must be positive"));
    auto exists = sql::exec(m_vault->db(), QStringLiteral("SELECT 1 FROM notifications WHERE id = ?"), {id},
                            QStringLiteral("look up the notification"));
    if (!exists)
        return exists.error();
    if (!exists->next())
        return Error::notFound(QStringLiteral("No notification with id %1").arg(id));
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT attempt, ts, outcome, status, reply, error, duration_ms FROM "
                                      "notification_deliveries WHERE notification_id = ? ORDER BY attempt, id"),
                       {id}, QStringLiteral("read the delivery log"));
    if (!q)
        return q.error();
    QList<DeliveryAttempt> out;
    while (q->next()) {
        DeliveryAttempt a;
        a.notificationId = id;
        a.attempt = q->value(0).toInt();
        a.at = q->value(1).toLongLong();
        a.outcome = q->value(2).toString();
        a.status = q->value(3).toInt();
        a.reply = q->value(4).toString();
        a.error = q->value(5).toString();
        a.durationMs = q->value(6).toLongLong();
        out.append(a);
    }
    return out;
}

Result<Notification> LocalVault::retryNotification(qint64 id)
{
    if (id <= 0)
        return Error::invalid(QStringLiteral("A notification id must be positive"));
    NotificationQuery one;
    one.id = id;
    auto current = notifications(one);
    if (!current)
        return current.error();
    if (current->isEmpty())
        return Error::notFound(QStringLiteral("No notification with id %1").arg(id));
    if (current->first().state == QLatin1String("sent"))
        return Error::conflict(QStringLiteral("Notification %1 was already sent").arg(id));
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    if (auto upd =
            sql::exec(m_vault->db(),
                      QStringLiteral("UPDATE notifications SET state = 'queued', next_attempt_at = ?, retry_base "
                                     "= attempts, lease_owner = '', lease_until = 0 WHERE id = ?"),
                      {now, id}, QStringLiteral("retry the notification"));
        !upd)
        return upd.error();
    if (auto s = audit(QStringLiteral("notification.retry"), QStringLiteral("notification:%1").arg(id), {},
                       QJsonObject{{"previousState", current->first().state}}, current->first().incident);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    auto after = notifications(one);
    if (!after)
        return after.error();
    return after->first();
}

Result<DeliveryReport> LocalVault::deliverNotifications()
{
    NotificationDispatcher dispatcher(*this, m_deliveryPolicy);
    return dispatcher.deliverDueNow();
}

Result<DeliveryAttempt> LocalVault::sendTestNotification(const QString& channel, const QString& recipient)
{
    Notification n;
    n.kind = QStringLiteral("alert");
    n.channel = channel;
    n.recipient = recipient.trimmed();
    n.subject = QStringLiteral("[KeyWarden] Test message");
    if (channel == QLatin1String("webhook")) {
        n.format = QStringLiteral("generic");
        n.body = notifyJsonText(QJsonObject{{"event", "notification.test"},
                                            {"message", "A test message from KeyWarden: this receiver is reachable."}});
    } else if (channel == QLatin1String("email")) {
        n.body = QStringLiteral("A test message from KeyWarden: e-mail delivery through this relay works.\n");
    } else {
        return Error::invalid(QStringLiteral("A test message goes by email or webhook, not \"%1\"").arg(channel));
    }
    // The same checks a queued notification passes (address or URL), without writing it.
    static const QRegularExpression email(QStringLiteral(R"(^[^@\s<>()\[\],;:"]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$)"));
    if (channel == QLatin1String("email") && !email.match(n.recipient).hasMatch())
        return Error::invalid(QStringLiteral("\"%1\" is not an e-mail address (name@example.com)").arg(n.recipient));
    const QUrl url(n.recipient, QUrl::StrictMode);
    if (channel == QLatin1String("webhook") &&
        (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
         url.host().isEmpty()))
        return Error::invalid(QStringLiteral("\"%1\" is not an http(s) URL (https://host/path)").arg(n.recipient));
    auto creds = deliveryCredentials();
    if (!creds)
        return creds.error();
    ClaimedNotification c;
    c.notification = n;
    const SendResult r =
        NotificationDispatcher::send(c, creds->smtp, creds->smtpPassword, creds->webhookSecret, m_clock.nowMs());
    DeliveryAttempt a;
    a.attempt = 1;
    a.at = m_clock.nowMs();
    a.outcome = r.ok ? QStringLiteral("sent") : QStringLiteral("failed");
    a.status = r.status;
    a.reply = trimmed200(r.reply);
    a.error = r.error;
    a.durationMs = r.durationMs;
    if (auto s = audit(QStringLiteral("notification.test"), QStringLiteral("notification:test"), {},
                       QJsonObject{{"channel", channel}, {"outcome", a.outcome}, {"status", a.status}});
        !s)
        return s.error();
    return a;
}

// ---- settings --------------------------------------------------------------------------------------------

Result<SmtpSettings> LocalVault::smtpSettings()
{
    auto c = deliveryCredentials();
    if (!c)
        return c.error();
    return c->smtp;
}

Result<SmtpSettings> LocalVault::setSmtpSettings(const SmtpSettings& input, const std::optional<SecureBytes>& password)
{
    SmtpSettings s = input;
    s.host = s.host.trimmed();
    s.from = s.from.trimmed();
    s.username = s.username.trimmed();
    if (auto st = checkSmtp(s); !st)
        return st.error();
    if (password && password->size() > 1024)
        return Error::invalid(QStringLiteral("The SMTP password is longer than 1024 bytes"));
    auto current = deliveryCredentials();
    if (!current)
        return current.error();
    const SecureBytes& pw = password ? *password : current->smtpPassword;
    QJsonObject o{{"host", s.host},
                  {"port", s.port},
                  {"security", s.security},
                  {"username", s.username},
                  {"from", s.from},
                  {"fromName", s.fromName},
                  {"caFile", s.caFile},
                  {"timeoutSeconds", s.timeoutSeconds},
                  {"password", QString::fromLatin1(pw.view().toBase64())}};
    QByteArray plain = QJsonDocument(o).toJson(QJsonDocument::Compact);
    o.remove("password");
    auto sealed = m_vault->seal(plain, kSmtpContext);
    plain.fill('\0');
    if (!sealed)
        return sealed.error();
    s.hasPassword = !pw.isEmpty();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    if (auto st = m_vault->writeMeta(kSmtpMeta, *sealed); !st)
        return st.error();
    o.insert("passwordChanged", bool(password));
    if (auto st = audit(QStringLiteral("notification.smtp"), QStringLiteral("smtp"), {}, o); !st)
        return st.error();
    if (auto st = tx.commit(); !st)
        return st.error();
    return s;
}

Result<SecureBytes> LocalVault::signingSecret(bool audited, bool rotate)
{
    auto raw = m_vault->readMeta(kSecretMeta);
    if (raw && !raw->isEmpty() && !rotate) {
        auto plain = m_vault->unseal(*raw, kSecretContext);
        if (!plain)
            return Error::crypto(
                QStringLiteral("The webhook signing secret cannot be decrypted: %1").arg(plain.errorMessage()));
        if (audited)
            if (auto s = audit(QStringLiteral("notification.secret.show"), QStringLiteral("webhook-secret")); !s)
                return s.error();
        return std::move(*plain);
    }
    auto hex = randomHex(32);
    if (!hex)
        return hex.error();
    QByteArray text = QStringLiteral("whsec_%1").arg(*hex).toLatin1();
    auto sealed = m_vault->seal(text, kSecretContext);
    if (!sealed)
        return sealed.error();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    if (auto s = m_vault->writeMeta(kSecretMeta, *sealed); !s)
        return s.error();
    if (auto s =
            audit(rotate ? QStringLiteral("notification.secret.rotate") : QStringLiteral("notification.secret.create"),
                  QStringLiteral("webhook-secret"));
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return SecureBytes::adopt(text);
}

Result<SecureBytes> LocalVault::webhookSigningSecret()
{
    return signingSecret(true, false);
}

Result<SecureBytes> LocalVault::rotateWebhookSigningSecret()
{
    return signingSecret(true, true);
}

// ---- incidents -------------------------------------------------------------------------------------------

Status unsealRoutingKeys(Vault& vault, QList<Notification>& notifications)
{
    for (Notification& n : notifications) {
        if (n.format != QLatin1String("pagerduty"))
            continue;
        auto q = sql::exec(vault.db(), QStringLiteral("SELECT routing_key_sealed FROM notifications WHERE id = ?"),
                           {n.id}, QStringLiteral("read the routing key"));
        if (!q)
            return q.error();
        if (q->next() && !q->value(0).toByteArray().isEmpty()) {
            auto key = vault.unseal(q->value(0).toByteArray(), routingKeyContext(n.id));
            if (!key)
                return Error::crypto(QStringLiteral("The routing key of notification %1 cannot be decrypted: %2")
                                         .arg(n.id)
                                         .arg(key.errorMessage()));
            n.routingKey = QString::fromUtf8(key->view());
        }
    }
    return {};
}

Result<QList<Notification>> LocalVault::resolveIncident(const QString& incidentIn, const QString& note)
{
    const QString incident = incidentIn.trimmed();
    if (incident.isEmpty())
        return Error::invalid(QStringLiteral("Name the incident to resolve"));
    if (note.size() > 2000)
        return Error::invalid(QStringLiteral("The resolution note is longer than 2000 characters"));
    NotificationQuery query;
    query.incident = incident;
    query.limit = 100'000;
    auto all = notifications(query);
    if (!all)
        return all.error();
    QList<Notification> revocations;
    for (const Notification& n : *all) {
        if (n.kind == QLatin1String("resolution"))
            return Error::conflict(QStringLiteral("Incident %1 is already resolved").arg(incident));
        if (n.kind == QLatin1String("revocation") && n.channel != QLatin1String("desktop"))
            revocations.prepend(n); // oldest first
    }
    if (revocations.isEmpty())
        return Error::notFound(QStringLiteral("Incident %1 has no revocation notifications to resolve").arg(incident));
    // The routing keys are sealed per row: read them back for the PagerDuty receivers.
    if (auto s = unsealRoutingKeys(*m_vault, revocations); !s)
        return s.error();
    const QList<Notification> drafts = buildResolutionNotifications(incident, note, revocations);
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto recorded = recordNotifications(drafts);
    if (!recorded)
        return recorded.error();
    if (auto s = audit(QStringLiteral("incident.resolve"), QStringLiteral("incident:%1").arg(incident), note,
                       QJsonObject{{"notifications", qint64(recorded->size())}}, incident);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return recorded;
}

} // namespace kw
