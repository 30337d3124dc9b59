// Notification delivery against real receivers on loopback: a webhook receiver (its own thread) that checks the
// signature and fails twice, the Slack and PagerDuty payloads checked field by field against their documented
// schemas (trigger and resolve), a real SMTP server (aiosmtpd, STARTTLS with a certificate made here, AUTH) receiving
// the multipart e-mail, leases, retries and the errors of bad settings; and the acceptance: a key's owner gets
// an e-mail and the project's webhook fires before the key expires.
#include "TestSupport.h"
#include "WebhookReceiver.h"

#include "notify/NotificationDispatcher.h"
#include "notify/Payloads.h"
#include "storage/LocalVault.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace kw;

namespace {

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// A real SMTP relay on loopback: aiosmtpd (tests/support/smtp_receiver.py) with STARTTLS under a certificate made
// here with openssl and AUTH as mailer / s3cret-pass; each message lands as out/NNN.json.
struct Relay {
    QTemporaryDir dir;
    QString cert, key, out, error;
    quint16 port = 0;
    QProcess process;

    bool start()
    {
        cert = dir.filePath("cert.pem");
        key = dir.filePath("key.pem");
        QProcess openssl;
        openssl.start("openssl",
                      {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
        if (!openssl.waitForFinished(60'000) || openssl.exitCode() != 0) {
            error = QStringLiteral("openssl could not make a certificate: ") + openssl.readAllStandardError();
            return false;
        }
        port = freePort();
        out = dir.filePath("mail");
        QDir().mkpath(out);
        const QString ready = dir.filePath("ready");
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start("/usr/bin/python3", {QStringLiteral(KW_SOURCE_DIR "/tests/support/smtp_receiver.py"),
                                           QString::number(port), ready, out, cert, key, "mailer", "s3cret-pass"});
        if (!process.waitForStarted()) {
            error = QStringLiteral("python3 did not start");
            return false;
        }
        QDeadlineTimer deadline(20'000);
        while (!QFile::exists(ready) && process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(50);
        if (!QFile::exists(ready)) {
            error = QStringLiteral("the SMTP receiver did not come up: ") + process.readAll();
            return false;
        }
        return true;
    }
    SmtpSettings settings() const
    {
        SmtpSettings s;
        s.host = "127.0.0.1";
        s.port = port;
        s.security = "starttls";
        s.username = "mailer";
        s.from = "keywarden@example.com";
        s.caFile = cert;
        s.timeoutSeconds = 20;
        return s;
    }
    ~Relay()
    {
        process.kill();
        process.waitForFinished();
    }
};

QJsonObject bodyOf(const kwtest::WebhookReceiver::Request& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class TstNotify : public QObject {
    Q_OBJECT

    std::unique_ptr<kwtest::TempVault> m_tv;
    LocalVault& b() { return m_tv->backend(); }

    IssuedKey makeKey(const QString& name = QStringLiteral("billing-key"))
    {
        if (b().projects()->isEmpty()) {
            [&] {
                QVERIFY(b().createTeam("core").ok());
                QVERIFY(b().createProject(ProjectSpec{"web", "core", {}}).ok());
                QVERIFY(b().createEnvironment("web", "live").ok());
            }();
        }
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = name;
        spec.services = {"billing"};
        auto k = b().createKey(spec);
        return k ? std::move(*k) : IssuedKey{};
    }

    // Revokes a new key under `incident` and queues the notifications of the contacts saved before.
    QList<Notification> revokeAndNotify(const QString& incident)
    {
        IssuedKey k = makeKey(QStringLiteral("key-%1").arg(incident));
        auto plan = b().revokeKeys(RevocationRequest{{k.key.id}, false, "leaked in a paste", incident});
        if (!plan)
            return {};
        auto queued = b().notifyRevocation(incident, *plan, "leaked in a paste");
        return queued ? *queued : QList<Notification>{};
    }

    QByteArray secret()
    {
        auto s = b().webhookSigningSecret();
        return s ? QByteArray(std::as_const(*s).data(), qsizetype(s->size()))
                 : QByteArray(); // a deep copy: s wipes itself
    }

private slots:
    void init() { m_tv = std::make_unique<kwtest::TempVault>(); }
    void cleanup() { m_tv.reset(); }

    void webhookRetriedUntilDeliveredAndSigned()
    {
        kwtest::WebhookReceiver receiver({500, 500}, 200);
        QVERIFY(receiver.listen());
        makeKey();
        Contact c{0, "web", "", "Ops", {}, receiver.url(), {}, {}};
        QVERIFY(b().saveContact(c).ok());
        const QList<Notification> queued = revokeAndNotify("INC-1");
        QCOMPARE(queued.size(), 1);
        const qint64 id = queued.first().id;

        DeliveryPolicy policy;
        policy.baseBackoffMs = 10'000;
        NotificationDispatcher dispatcher(b(), policy);
        QList<DeliveryAttempt> seen;
        connect(&dispatcher, &NotificationDispatcher::delivered, this, [&](const DeliveryAttempt& a) { seen << a; });

        auto pass = dispatcher.deliverDueNow();
        QVERIFY2(pass.ok(), qPrintable(pass.errorMessage()));
        QCOMPARE(pass->retrying, 1);
        // Not due again before the backoff: nothing to claim.
        QCOMPARE(dispatcher.deliverDueNow()->claimed, 0);
        NotificationQuery one;
        one.id = id;
        const Notification afterFirst = b().notifications(one)->first();
        QCOMPARE(afterFirst.state, QStringLiteral("queued"));
        QCOMPARE(afterFirst.attempts, 1);
        QVERIFY(afterFirst.lastError.contains("HTTP 500"));
        // Backoff with jitter: between half and all of the base delay.
        QVERIFY(afterFirst.nextAttemptAt >= m_tv->clock().nowMs() + 5'000);
        QVERIFY(afterFirst.nextAttemptAt <= m_tv->clock().nowMs() + 10'000);

        m_tv->clock().advanceMs(10'001);
        QCOMPARE(dispatcher.deliverDueNow()->retrying, 1);
        QCOMPARE(dispatcher.deliverDueNow()->claimed, 0);
        m_tv->clock().advanceMs(20'001); // the second backoff doubles
        QCOMPARE(dispatcher.deliverDueNow()->sent, 1);

        const Notification sent = b().notifications(one)->first();
        QCOMPARE(sent.state, QStringLiteral("sent"));
        QCOMPARE(sent.attempts, 3);
        QCOMPARE(sent.sentAt, m_tv->clock().nowMs());
        auto log = b().notificationDeliveries(id);
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 3);
        QCOMPARE(log->at(0).outcome, QStringLiteral("retry"));
        QCOMPARE(log->at(0).status, 500);
        QCOMPARE(log->at(1).outcome, QStringLiteral("retry"));
        QCOMPARE(log->at(2).outcome, QStringLiteral("sent"));
        QCOMPARE(log->at(2).status, 200);
        QCOMPARE(log->at(2).attempt, 3);
        QCOMPARE(seen.size(), 3);

        const auto requests = receiver.requests();
        QCOMPARE(requests.size(), 3);
        const QByteArray key = secret();
        QVERIFY(key.startsWith("whsec_"));
        for (const auto& r : requests) {
            QCOMPARE(r.method, QByteArray("POST"));
            QCOMPARE(r.path, QByteArray("/hook"));
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
            QCOMPARE(r.headers.value("x-keywarden-delivery"), QByteArray::number(id));
            QVERIFY2(kwtest::signatureValid(r, key), r.headers.value("x-keywarden-signature").constData());
            QVERIFY(!kwtest::signatureValid(r, key + "x"));
            QCOMPARE(bodyOf(r).value("event").toString(), QStringLiteral("keys.revoked"));
            QCOMPARE(bodyOf(r).value("incident").toString(), QStringLiteral("INC-1"));
            QVERIFY(!r.body.contains("whsec_"));
        }
        // The delivery log and the audit trail hold no secret and no URL.
        for (const DeliveryAttempt& a : *log)
            QVERIFY(!a.error.contains(receiver.url()) && !a.reply.contains("whsec_"));
        AuditQuery aq;
        aq.action = "notification.deliver";
        auto audited = b().auditEntries(aq);
        QCOMPARE(audited->size(), 3);
        for (const AuditEntry& e : *audited) {
            const QByteArray json = QJsonDocument(e.toJson()).toJson();
            QVERIFY(!json.contains("127.0.0.1") && !json.contains("whsec_"));
        }
    }

    void rotatedSecretSignsFromThenOn()
    {
        kwtest::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QByteArray before = secret();
        auto rotated = b().rotateWebhookSigningSecret();
        QVERIFY(rotated.ok());
        const QByteArray now(std::as_const(*rotated).data(), qsizetype(rotated->size()));
        QVERIFY(now != before);
        QCOMPARE(secret(), now);
        auto test = b().sendTestNotification("webhook", receiver.url("/test"));
        QVERIFY2(test.ok(), qPrintable(test.errorMessage()));
        QCOMPARE(test->outcome, QStringLiteral("sent"));
        QCOMPARE(receiver.requests().size(), 1);
        QVERIFY(kwtest::signatureValid(receiver.requests().first(), now));
        QVERIFY(!kwtest::signatureValid(receiver.requests().first(), before));
        QCOMPARE(bodyOf(receiver.requests().first()).value("event").toString(), QStringLiteral("notification.test"));
        AuditQuery aq;
        aq.action = "notification.secret.rotate";
        QCOMPARE(b().auditEntries(aq)->size(), 1);
    }

    void pagerDutyTriggerAndResolveFollowTheEventsApi()
    {
        kwtest::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        makeKey();
        const QString routingKey = QStringLiteral("R0UT1NGKEY0123456789ABCDEFGHIJKL");
        Contact c{0, "web", "billing", "PagerDuty", {}, receiver.url("/v2/enqueue"), {}, {}};
        c.webhookFormat = "pagerduty";
        QCOMPARE(b().saveContact(c).error().code, Error::Code::Invalid); // no routing key
        c.pagerDutyRoutingKey = routingKey;
        QVERIFY(b().saveContact(c).ok());
        const auto queued = revokeAndNotify("INC-PD");
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().format, QStringLiteral("pagerduty"));
        QVERIFY(!queued.first().body.contains(routingKey)); // stored sealed, added when sending
        QCOMPARE(b().deliverNotifications()->sent, 1);

        auto resolved = b().resolveIncident("INC-PD", "keys replaced");
        QVERIFY2(resolved.ok(), qPrintable(resolved.errorMessage()));
        QCOMPARE(resolved->size(), 1);
        QCOMPARE(resolved->first().kind, QStringLiteral("resolution"));
        QCOMPARE(b().resolveIncident("INC-PD", {}).error().code, Error::Code::Conflict);
        QCOMPARE(b().resolveIncident("INC-NONE", {}).error().code, Error::Code::NotFound);
        QCOMPARE(b().deliverNotifications()->sent, 1);

        const auto requests = receiver.requests();
        QCOMPARE(requests.size(), 2);
        const QJsonObject trigger = bodyOf(requests[0]);
        const QJsonObject resolve = bodyOf(requests[1]);
        // Events API v2: routing_key (32 characters), event_action in {trigger, acknowledge, resolve}, dedup_key
        // (at most 255), and for trigger a payload with summary (1..1024), source, severity in {critical, error,
        // warning, info}, and the optional timestamp (ISO 8601), component, group, class, custom_details (object).
        static const QSet<QString> topKeys{"routing_key", "event_action", "dedup_key", "payload",
                                           "client",      "client_url",   "links",     "images"};
        for (const QJsonObject& e : {trigger, resolve}) {
            for (const QString& k : e.keys())
                QVERIFY2(topKeys.contains(k), qPrintable(k));
            QCOMPARE(e.value("routing_key").toString(), routingKey);
            QCOMPARE(e.value("dedup_key").toString(), QStringLiteral("keywarden:INC-PD"));
            QVERIFY(e.value("dedup_key").toString().size() <= 255);
        }
        QCOMPARE(trigger.value("event_action").toString(), QStringLiteral("trigger"));
        QCOMPARE(resolve.value("event_action").toString(), QStringLiteral("resolve"));
        QVERIFY(!resolve.contains("payload"));
        const QJsonObject p = trigger.value("payload").toObject();
        static const QSet<QString> payloadKeys{"summary",   "source", "severity", "timestamp",
                                               "component", "group",  "class",    "custom_details"};
        for (const QString& k : p.keys())
            QVERIFY2(payloadKeys.contains(k), qPrintable(k));
        QVERIFY(p.value("summary").isString());
        QVERIFY(!p.value("summary").toString().isEmpty() && p.value("summary").toString().size() <= 1024);
        QVERIFY(p.value("summary").toString().contains("INC-PD"));
        QVERIFY(p.value("source").isString() && !p.value("source").toString().isEmpty());
        QVERIFY(QStringList({"critical", "error", "warning", "info"}).contains(p.value("severity").toString()));
        QVERIFY(QDateTime::fromString(p.value("timestamp").toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(p.value("component").toString(), QStringLiteral("web/billing"));
        QCOMPARE(p.value("group").toString(), QStringLiteral("live"));
        QCOMPARE(p.value("class").toString(), QStringLiteral("key.revocation"));
        QVERIFY(p.value("custom_details").isObject());
        QCOMPARE(p.value("custom_details").toObject().value("keys").toArray().size(), 1);

        // A long summary is cut to 1024 characters.
        notify::PagerDutyTrigger t;
        t.summary = QString(5000, u'x');
        QCOMPARE(notify::pagerDutyTrigger("k", t).value("payload").toObject().value("summary").toString().size(), 1024);
    }

    void slackMessageShape()
    {
        kwtest::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        makeKey();
        Contact c{0, "web", "", "Slack", {}, receiver.url("/services/T000/B000/XXXX"), {}, {}};
        c.webhookFormat = "slack";
        QVERIFY(b().saveContact(c).ok());
        QCOMPARE(revokeAndNotify("INC-S").size(), 1);
        QCOMPARE(b().deliverNotifications()->sent, 1);
        const QJsonObject m = bodyOf(receiver.requests().first());
        QVERIFY(m.value("text").isString() && m.value("text").toString().contains("INC-S"));
        const QJsonArray blocks = m.value("blocks").toArray();
        QVERIFY(blocks.size() >= 2);
        QCOMPARE(blocks[0].toObject().value("type").toString(), QStringLiteral("header"));
        QCOMPARE(blocks[0].toObject().value("text").toObject().value("type").toString(), QStringLiteral("plain_text"));
        QVERIFY(blocks[0].toObject().value("text").toObject().value("text").toString().size() <= 150);
        QCOMPARE(blocks[1].toObject().value("type").toString(), QStringLiteral("section"));
        const QJsonObject section = blocks[1].toObject().value("text").toObject();
        QCOMPARE(section.value("type").toString(), QStringLiteral("mrkdwn"));
        QVERIFY(section.value("text").toString().contains("Revoked keys"));
        QVERIFY(section.value("text").toString().size() <= 3000);
        QCOMPARE(blocks.last().toObject().value("type").toString(), QStringLiteral("context"));
        // Resolution goes to the same receiver, as a Slack message too.
        QVERIFY(b().resolveIncident("INC-S", "rotated").ok());
        QCOMPARE(b().deliverNotifications()->sent, 1);
        QVERIFY(bodyOf(receiver.requests().last()).value("text").toString().contains("resolved"));
    }

    void permanentAndTransientWebhookErrors()
    {
        kwtest::WebhookReceiver gone({404}, 200);
        QVERIFY(gone.listen());
        makeKey();
        const quint16 closed = freePort(); // nothing listens there
        QVERIFY(b().saveContact(Contact{0, "web", "", "Gone", {}, gone.url(), {}, {}}).ok());
        QVERIFY(b().saveContact(
                       Contact{0, "web", "", "Down", {}, QStringLiteral("http://127.0.0.1:%1/h").arg(closed), {}, {}})
                    .ok());
        const auto queued = revokeAndNotify("INC-E");
        QCOMPARE(queued.size(), 2);
        DeliveryPolicy policy;
        policy.maxAttempts = 2;
        policy.baseBackoffMs = 1000;
        NotificationDispatcher dispatcher(b(), policy);
        auto pass = dispatcher.deliverDueNow();
        QCOMPARE(pass->failed, 1);   // 404: permanent
        QCOMPARE(pass->retrying, 1); // connection refused: retried
        NotificationQuery failedQuery;
        failedQuery.state = "failed";
        auto failed = b().notifications(failedQuery);
        QCOMPARE(failed->size(), 1);
        QVERIFY2(failed->first().lastError.contains("HTTP 404"), qPrintable(failed->first().lastError));
        NotificationQuery queuedQuery;
        queuedQuery.state = "queued";
        const Notification down = b().notifications(queuedQuery)->first();
        QVERIFY2(down.lastError.contains("Webhook request failed") && down.lastError.contains("onnect"),
                 qPrintable(down.lastError));
        m_tv->clock().advanceMs(1001);
        QCOMPARE(dispatcher.deliverDueNow()->failed, 1); // the second of two attempts
        QCOMPARE(b().notifications(failedQuery)->size(), 2);

        // A retry makes it due now with a fresh budget; sent notifications cannot be retried.
        auto retried = b().retryNotification(failed->first().id);
        QVERIFY(retried.ok());
        QCOMPARE(retried->state, QStringLiteral("queued"));
        QCOMPARE(dispatcher.deliverDueNow()->sent, 1); // the receiver now answers 200
        QCOMPARE(b().retryNotification(failed->first().id).error().code, Error::Code::Conflict);
        QCOMPARE(b().retryNotification(999).error().code, Error::Code::NotFound);
        QCOMPARE(b().notificationDeliveries(failed->first().id)->size(), 2);
    }

    void leaseKeepsOthersOffAndExpires()
    {
        makeKey();
        QVERIFY(b().saveContact(Contact{0, "web", "", "Ops", {}, "http://127.0.0.1:9/h", {}, {}}).ok());
        QCOMPARE(revokeAndNotify("INC-L").size(), 1);
        DeliveryPolicy policy;
        policy.leaseMs = 60'000;
        auto first = b().claimDueNotifications(10, policy);
        QCOMPARE(first->size(), 1);
        // A second dispatcher (or a second pass) finds nothing while the lease holds...
        QCOMPARE(b().claimDueNotifications(10, policy)->size(), 0);
        // ...and the same notification once it ran out (the first dispatcher died before recording).
        m_tv->clock().advanceMs(60'001);
        auto again = b().claimDueNotifications(10, policy);
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().notification.id, first->first().notification.id);
        QVERIFY(again->first().lease != first->first().lease);
        // The first dispatcher's late record is logged but leaves the new holder's lease alone.
        SendResult late;
        late.error = QStringLiteral("timed out");
        auto recorded = b().recordDeliveryAttempt(first->first(), late, policy);
        QVERIFY(recorded.ok());
        QCOMPARE(recorded->outcome, QStringLiteral("retry"));
        // Due again after its backoff (at most the 30 s base), while the second lease (until +120 s) still holds.
        m_tv->clock().advanceMs(30'000);
        QCOMPARE(b().claimDueNotifications(10, policy)->size(), 0);
    }

    void emailThroughStartTlsRelayWithAuth()
    {
        Relay relay;
        QVERIFY2(relay.start(), qPrintable(relay.error));
        const QString cert = relay.cert;
        const quint16 port = relay.port;
        const QString out = relay.out;
        QProcess& smtp = relay.process;

        SmtpSettings s = relay.settings();
        // Bad settings are refused with the field named; nothing is stored.
        SmtpSettings bad = s;
        bad.security = "maybe";
        QVERIFY(b().setSmtpSettings(bad, std::nullopt).errorMessage().contains("security"));
        bad = s;
        bad.from = "nobody";
        QVERIFY(b().setSmtpSettings(bad, std::nullopt).errorMessage().contains("sender"));
        QVERIFY(b().smtpSettings()->host.isEmpty());

        // A wrong password: a clear error naming the login, retried later.
        auto saved = b().setSmtpSettings(s, SecureBytes("wrong", 5));
        QVERIFY(saved.ok());
        QVERIFY(saved->hasPassword);
        auto wrong = b().sendTestNotification("email", "ops@example.com");
        QVERIFY(wrong.ok());
        QCOMPARE(wrong->outcome, QStringLiteral("failed"));
        QVERIFY2(wrong->error.contains("refused the login"), qPrintable(wrong->error));
        QVERIFY(!wrong->error.contains("wrong"));

        QVERIFY(b().setSmtpSettings(s, SecureBytes("s3cret-pass", 11)).ok());
        AuditQuery aq;
        aq.action = "notification.smtp";
        const auto smtpAudit = b().auditEntries(aq);
        QVERIFY(!smtpAudit->isEmpty());
        for (const AuditEntry& e : *smtpAudit)
            QVERIFY(!QJsonDocument(e.toJson()).toJson().contains("s3cret"));
        s.port = 1; // the password is kept when not given
        s.port = port;
        QVERIFY(b().setSmtpSettings(s, std::nullopt)->hasPassword);

        makeKey();
        QVERIFY(b().saveContact(Contact{0, "web", "", "Zoë <Ops>", "ops@example.com", {}, {}, {}}).ok());
        QCOMPARE(revokeAndNotify("INC-M").size(), 1);
        auto pass = b().deliverNotifications();
        QVERIFY2(pass.ok(), qPrintable(pass.errorMessage()));
        QCOMPARE(pass->sent, 1);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out + "/001.json"), 10'000);
        QFile f(out + "/001.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(m.value("mailFrom").toString(), QStringLiteral("keywarden@example.com"));
        QCOMPARE(m.value("rcptTos").toArray().first().toString(), QStringLiteral("ops@example.com"));
        QVERIFY(m.value("tls").toBool());
        QCOMPARE(m.value("authUser").toString(), QStringLiteral("mailer"));
        QCOMPARE(m.value("contentType").toString(), QStringLiteral("multipart/alternative"));
        QVERIFY(m.value("subject").toString().contains("INC-M"));
        QVERIFY(m.value("from").toString().contains("KeyWarden"));
        const QString text = m.value("text").toString();
        const QString html = m.value("html").toString();
        QVERIFY2(text.contains("Hello Zoë <Ops>"), qPrintable(text));
        QVERIFY(text.contains("Incident: INC-M"));
        QVERIFY2(html.contains("Hello Zoë &lt;Ops&gt;"), qPrintable(html)); // escaped
        QVERIFY(!html.contains("<Ops>"));
        QVERIFY(m.value("messageId").toString().contains("keywarden"));
        NotificationQuery nq;
        nq.incident = "INC-M";
        const Notification n = b().notifications(nq)->first();
        QCOMPARE(n.state, QStringLiteral("sent"));
        QCOMPARE(b().notificationDeliveries(n.id)->first().status, 250);

        // STARTTLS required but the relay's certificate is not trusted: a clear error.
        s.caFile.clear();
        QVERIFY(b().setSmtpSettings(s, std::nullopt).ok());
        auto untrusted = b().sendTestNotification("email", "ops@example.com");
        QVERIFY2(untrusted->error.contains("certificate"), qPrintable(untrusted->error));
        smtp.kill();
        smtp.waitForFinished();
    }

    // Done when: an owner gets an e-mail and the project's webhook fires before the key expires — the default
    // expiry rule, evaluated, then one delivery pass to a real SMTP relay and a real webhook receiver.
    void ownerGetsAnEmailAndAWebhookBeforeExpiry()
    {
        Relay relay;
        QVERIFY2(relay.start(), qPrintable(relay.error));
        QVERIFY(b().setSmtpSettings(relay.settings(), SecureBytes("s3cret-pass", 11)).ok());
        kwtest::WebhookReceiver hook;
        QVERIFY(hook.listen());
        makeKey(); // the project
        QVERIFY(b().saveContact(Contact{0, "web", "", "Web on-call", {}, hook.url(), {}, {}}).ok());
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = "expiring";
        spec.owner = "owner@example.com";
        spec.expiresInMs = 5 * 86'400'000LL;
        auto k = b().createKey(spec);
        QVERIFY2(k.ok(), qPrintable(k.errorMessage()));

        auto raised = b().evaluateAlerts(0);
        QVERIFY2(raised.ok(), qPrintable(raised.errorMessage()));
        QCOMPARE(raised->size(), 1);
        auto pass = b().deliverNotifications();
        QVERIFY2(pass.ok(), qPrintable(pass.errorMessage()));
        QCOMPARE(pass->sent, 2);

        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(relay.out + "/001.json"), 10'000);
        QFile f(relay.out + "/001.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject mail = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(mail.value("rcptTos").toArray().first().toString(), QStringLiteral("owner@example.com"));
        QVERIFY(mail.value("tls").toBool());
        QVERIFY2(mail.value("subject").toString().contains(k->key.displayId),
                 qPrintable(mail.value("subject").toString()));
        QVERIFY(mail.value("text").toString().contains(QStringLiteral("expires")));

        QTRY_COMPARE_WITH_TIMEOUT(hook.requests().size(), 1, 10'000);
        const auto request = hook.requests().first();
        QVERIFY(kwtest::signatureValid(request, secret()));
        const QJsonObject body = bodyOf(request);
        QCOMPARE(body.value("event").toString(), QStringLiteral("key.expiring"));
        QCOMPARE(body.value("alert").toObject().value("keyId").toString(), k->key.id);
        QCOMPARE(request.headers.value("x-keywarden-event"), QByteArray("expiry"));
        const QByteArray secretText(k->secret.view().data(), qsizetype(k->secret.size()));
        QVERIFY(!request.body.contains(secretText));
        QVERIFY(!mail.value("text").toString().toUtf8().contains(secretText));
    }

    void badSettingsAndUnconfiguredRelay()
    {
        auto r = b().sendTestNotification("email", "ops@example.com");
        QVERIFY(r.ok());
        QCOMPARE(r->outcome, QStringLiteral("failed"));
        QVERIFY(r->error.contains("not configured"));
        QCOMPARE(b().sendTestNotification("webhook", "ftp://x/y").error().code, Error::Code::Invalid);
        QCOMPARE(b().sendTestNotification("email", "nobody").error().code, Error::Code::Invalid);
        QCOMPARE(b().sendTestNotification("sms", "+1 555").error().code, Error::Code::Invalid);
        const quint16 closed = freePort();
        auto refused = b().sendTestNotification("webhook", QStringLiteral("http://127.0.0.1:%1/").arg(closed));
        QVERIFY(refused.ok());
        QCOMPARE(refused->outcome, QStringLiteral("failed"));
        QVERIFY2(refused->error.contains("Webhook request failed"), qPrintable(refused->error));
    }
};

QTEST_GUILESS_MAIN(TstNotify)
#include "tst_notify.moc"
