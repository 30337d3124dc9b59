// Alert rules and alerts on a real vault with a test clock: every rule kind on seeded data, deduplication,
// acknowledgement and resolution (audited), notification routing, and the bad-key monitor's counting and blocking.
#include "TestSupport.h"

#include "alerts/AlertEvaluator.h"
#include "alerts/BadKeyMonitor.h"
#include "storage/Schema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace kw;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;

} // namespace

class TestAlerts : public QObject {
    Q_OBJECT

    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }
    qint64 now() { return tv->clock().nowMs(); }

    // Disables every default rule so a test sees only the rule it adds.
    void onlyRule(const AlertRule& rule)
    {
        auto rules = b().alertRules();
        QVERIFY(rules.ok());
        for (AlertRule r : *rules) {
            r.enabled = false;
            QVERIFY(b().saveAlertRule(r).ok());
        }
        auto saved = b().saveAlertRule(rule);
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
    }
    IssuedKey issue(const QString& name, const std::function<void(KeySpec&)>& adjust = {})
    {
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = name;
        spec.services = {"billing"};
        spec.owner = "ana@example.com";
        if (adjust)
            adjust(spec);
        auto k = b().createKey(spec);
        if (!k)
            qWarning("createKey: %s", qPrintable(k.errorMessage()));
        return k ? std::move(*k) : IssuedKey{};
    }
    QList<Alert> evaluate()
    {
        auto r = b().evaluateAlerts(now());
        if (!r)
            qWarning("evaluateAlerts: %s", qPrintable(r.errorMessage()));
        return r.value_or({});
    }
    QList<Alert> all()
    {
        AlertQuery q;
        return b().alerts(q).value_or({});
    }
    qint64 auditCount(const QString& action)
    {
        AuditQuery q;
        q.action = action;
        return b().countAuditEntries(q).value_or(-1);
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
        QVERIFY(b().createTeam("core").ok());
        QVERIFY(b().createProject(ProjectSpec{"web", "core", {}}).ok());
        QVERIFY(b().createEnvironment("web", "live").ok());
        QVERIFY(b().startUsageRecording().ok());
    }
    void cleanup() { tv.reset(); }

    void newVaultHasDefaultRules()
    {
        auto rules = b().alertRules();
        QVERIFY(rules.ok());
        QStringList kinds;
        for (const AlertRule& r : *rules)
            kinds << kw::toString(r.kind);
        QCOMPARE(kinds, (QStringList{"expiry_within", "grace_entered", "quota_above", "bad_key_repeated",
                                     "audit_chain_broken"}));
        QCOMPARE(rules->at(0).thresholds, (QList<qint64>{30, 7, 1}));
        QVERIFY(rules->at(0).notifyOwner);
        QCOMPARE(rules->at(2).threshold(), qint64(80));
        QCOMPARE(rules->at(3).threshold(), qint64(20));
        QCOMPARE(rules->at(3).windowMs, qint64(60'000));
    }

    void rulesAreValidatedAndAudited()
    {
        AlertRule bad;
        bad.kind = AlertKind::QuotaAbove;
        bad.thresholds = {150};
        auto r = b().saveAlertRule(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY(r.errorMessage().contains("percentage"));
        AlertRule noWindow;
        noWindow.kind = AlertKind::RateLimitedAbove;
        noWindow.thresholds = {5};
        QVERIFY(b().saveAlertRule(noWindow).errorMessage().contains("window"));
        AlertRule unknownProject;
        unknownProject.kind = AlertKind::GraceEntered;
        unknownProject.project = "nope";
        QCOMPARE(b().saveAlertRule(unknownProject).error().code, Error::Code::NotFound);
        const qsizetype before = b().alertRules()->size();

        AlertRule ok;
        ok.kind = AlertKind::RateLimitedAbove;
        ok.thresholds = {5};
        ok.windowMs = 5 * kMinute;
        ok.project = "web";
        auto saved = b().saveAlertRule(ok);
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QVERIFY(saved->id > 0);
        QCOMPARE(b().alertRules()->size(), before + 1);
        QCOMPARE(auditCount("alert.rule.save"), qint64(1));
        saved->enabled = false;
        QVERIFY(b().saveAlertRule(*saved).ok());
        QCOMPARE(b().alertRules()->last().enabled, false);
        QVERIFY(b().removeAlertRule(saved->id).ok());
        QCOMPARE(auditCount("alert.rule.remove"), qint64(1));
        QCOMPARE(b().removeAlertRule(saved->id).error().code, Error::Code::NotFound);
    }

    void expiryFiresOncePerThresholdAndRoutes()
    {
        Contact c;
        c.project = "web";
        c.name = "ops";
        c.email = "ops@example.com";
        c.webhookUrl = "https://hooks.example.com/kw";
        QVERIFY(b().saveContact(c).ok());
        const auto k = issue("expiring", [](KeySpec& s) { s.expiresInMs = 40 * kDay; });
        QVERIFY(!k.key.id.isEmpty());

        QVERIFY(evaluate().isEmpty()); // 40 days left: no threshold crossed
        tv->clock().advanceDays(11);   // 29 days left
        auto first = evaluate();
        QCOMPARE(first.size(), 1);
        QCOMPARE(kw::toString(first[0].kind), kw::toString(AlertKind::ExpiryWithin));
        QCOMPARE(first[0].keyId, k.key.id);
        QVERIFY(first[0].dedupKey.endsWith(":30d"));
        QVERIFY(evaluate().isEmpty()); // once per key and threshold: not even a bump
        tv->clock().advanceDays(23);   // 6 days left
        QCOMPARE(evaluate().size(), 1);
        tv->clock().advanceDays(5);
        tv->clock().advanceMs(12 * kHour); // half a day left
        auto last = evaluate();
        QCOMPARE(last.size(), 1);
        QVERIFY(last[0].dedupKey.endsWith(":1d"));
        QVERIFY(evaluate().isEmpty());
        QCOMPARE(all().size(), 3);
        for (const Alert& a : all())
            QCOMPARE(a.count, qint64(1));

        // Routing of the first alert: owner by e-mail, the project's contact by e-mail and webhook, the dedup key
        // as the incident.
        NotificationQuery nq;
        nq.incident = first[0].dedupKey;
        auto sent = b().notifications(nq);
        QVERIFY(sent.ok());
        QSet<QString> routes;
        for (const Notification& n : *sent) {
            QCOMPARE(n.kind, QStringLiteral("expiry"));
            QCOMPARE(n.keyIds, QStringList{k.key.id});
            QVERIFY(n.body.contains(first[0].dedupKey));
            QVERIFY(!n.body.contains(QString::fromUtf8(k.secret.view().data(), int(k.secret.size()))));
            routes.insert(n.channel + ' ' + n.recipient);
        }
        QCOMPARE(routes, (QSet<QString>{"email ana@example.com", "email ops@example.com",
                                        "webhook https://hooks.example.com/kw"}));
    }

    // Alerts open incidents in the receivers' own format and close them when resolved: a PagerDuty Events v2 trigger
    // and later a resolve for the same dedup_key, a Slack message, and nothing more by e-mail on resolution.
    void alertsOpenAndCloseIncidentsAtTheReceivers()
    {
        Contact pd;
        pd.project = "web";
        pd.name = "pager";
        pd.email = "pager@example.com";
        pd.webhookUrl = "https://events.pagerduty.example/v2/enqueue";
        pd.webhookFormat = "pagerduty";
        pd.pagerDutyRoutingKey = "R0UT1NGKEY0123456789abcdef012345";
        QVERIFY(b().saveContact(pd).ok());
        Contact slack;
        slack.project = "web";
        slack.name = "chat";
        slack.webhookUrl = "https://hooks.slack.example/services/T/B/X";
        slack.webhookFormat = "slack";
        QVERIFY(b().saveContact(slack).ok());
        const auto k = issue("soon", [](KeySpec& s) { s.expiresInMs = 5 * kDay; });
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        const Alert alert = raised.first();

        NotificationQuery nq;
        nq.incident = alert.dedupKey;
        auto opened = b().notifications(nq);
        QVERIFY(opened.ok());
        int webhooks = 0;
        for (const Notification& n : *opened) {
            if (n.channel != QLatin1String("webhook"))
                continue;
            ++webhooks;
            const QJsonObject body = QJsonDocument::fromJson(n.body.toUtf8()).object();
            QVERIFY2(!body.isEmpty(), qPrintable(n.body));
            QVERIFY(!n.body.contains(pd.pagerDutyRoutingKey)); // added by the sender only
            if (n.format == QLatin1String("pagerduty")) {
                QCOMPARE(body.value("event_action").toString(), QStringLiteral("trigger"));
                QCOMPARE(body.value("dedup_key").toString(), QStringLiteral("keywarden:") + alert.dedupKey);
                const QJsonObject payload = body.value("payload").toObject();
                QVERIFY(!payload.value("summary").toString().isEmpty());
                QVERIFY(payload.value("summary").toString().size() <= 1024);
                QVERIFY(QStringList({"critical", "error", "warning", "info"})
                            .contains(payload.value("severity").toString()));
                QCOMPARE(payload.value("source").toString(), QStringLiteral("keywarden"));
                QVERIFY(QDateTime::fromString(payload.value("timestamp").toString(), Qt::ISODateWithMs).isValid());
                QCOMPARE(payload.value("class").toString(), QStringLiteral("alert.expiry_within"));
                QCOMPARE(payload.value("custom_details").toObject().value("keyId").toString(), k.key.id);
            } else {
                QCOMPARE(n.format, QStringLiteral("slack"));
                QVERIFY(body.value("text").isString());
                QVERIFY(body.value("blocks").isArray());
            }
        }
        QCOMPARE(webhooks, 2);

        auto resolved = b().resolveAlert(alert.id, "renewed");
        QVERIFY2(resolved.ok(), qPrintable(resolved.errorMessage()));
        auto after = b().notifications(nq);
        QVERIFY(after.ok());
        QList<Notification> closing;
        for (const Notification& n : *after)
            if (n.kind == QLatin1String("resolution"))
                closing << n;
        QCOMPARE(closing.size(), 2); // the two webhooks; e-mail readers were told when it opened
        for (const Notification& n : closing) {
            QCOMPARE(n.channel, QStringLiteral("webhook"));
            const QJsonObject body = QJsonDocument::fromJson(n.body.toUtf8()).object();
            if (n.format == QLatin1String("pagerduty")) {
                QCOMPARE(body.value("event_action").toString(), QStringLiteral("resolve"));
                QCOMPARE(body.value("dedup_key").toString(), QStringLiteral("keywarden:") + alert.dedupKey);
            }
        }
        QVERIFY(!b().resolveAlert(alert.id, "again").ok());
    }

    void graceEntered()
    {
        KeyPolicy p;
        p.graceMs = 2 * kDay;
        const auto k = issue("graceful", [&](KeySpec& s) {
            s.expiresInMs = kDay;
            s.policy = p;
        });
        tv->clock().advanceMs(kDay + kHour);
        auto raised = evaluate();
        QList<AlertKind> kinds;
        for (const Alert& a : raised)
            kinds.append(a.kind);
        QVERIFY(kinds.contains(AlertKind::GraceEntered));
        QVERIFY(evaluate().isEmpty());
        tv->clock().advanceDays(3); // past the grace period: nothing new
        QVERIFY(evaluate().isEmpty());
        AlertQuery q;
        q.kind = AlertKind::GraceEntered;
        QCOMPARE(b().alerts(q)->size(), 1);
        QCOMPARE(b().alerts(q)->first().keyId, k.key.id);
    }

    void quotaAbove()
    {
        KeyPolicy p;
        p.quota = Quota::parse(u"100/day").value();
        const auto k = issue("metered", [&](KeySpec& s) { s.policy = p; });
        VerifyContext ctx;
        ctx.service = "billing";
        ctx.cost = 70;
        QCOMPARE(kw::toString(b().verifyKey(k.secret, ctx)->code), kw::toString(VerifyCode::Valid));
        QVERIFY(b().flushUsage().ok());
        QVERIFY(evaluate().isEmpty()); // 70 % < 80 %
        ctx.cost = 15;
        QCOMPARE(kw::toString(b().verifyKey(k.secret, ctx)->code), kw::toString(VerifyCode::Valid));
        QVERIFY(b().flushUsage().ok());
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::QuotaAbove));
        QVERIFY(raised[0].title.contains("85%"));
        QVERIFY(evaluate().isEmpty()); // once per period
    }

    void rateLimitedAboveDeduplicates()
    {
        const auto k = issue("busy");
        AlertRule rule;
        rule.kind = AlertKind::RateLimitedAbove;
        rule.thresholds = {10};
        rule.windowMs = 10 * kMinute;
        onlyRule(rule);
        const qint64 bucket = (now() - 2 * kMinute) / kMinute * kMinute;
        UsageAggregate row;
        row.granularity = UsageGranularity::Minute;
        row.bucketMs = bucket;
        row.keyId = k.key.id;
        row.project = "web";
        row.service = "billing";
        row.code = "RATE_LIMITED";
        row.requests = 9;
        QVERIFY(b().importUsageRollups({row}).ok());
        QVERIFY(evaluate().isEmpty()); // 9 < 10
        row.bucketMs = bucket + kMinute;
        row.requests = 3;
        QVERIFY(b().importUsageRollups({row}).ok());
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::RateLimitedAbove));
        QCOMPARE(raised[0].project, QStringLiteral("web"));
        // The same condition again: the same alert, counted twice.
        auto again = evaluate();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, raised[0].id);
        QCOMPARE(again[0].count, qint64(2));
        QCOMPARE(all().size(), 1);
        QCOMPARE(all()[0].count, qint64(2));
        // Out of the window: no bump.
        tv->clock().advanceMs(20 * kMinute);
        QVERIFY(evaluate().isEmpty());
    }

    void errorBurstByCountAndRate()
    {
        const auto k = issue("flaky");
        AlertRule rule;
        rule.kind = AlertKind::ErrorBurst;
        rule.thresholds = {20, 50};
        rule.windowMs = 10 * kMinute;
        onlyRule(rule);
        UsageAggregate row;
        row.granularity = UsageGranularity::Minute;
        row.bucketMs = (now() - kMinute) / kMinute * kMinute;
        row.keyId = k.key.id;
        row.project = "web";
        row.service = "billing";
        row.code = "REPORTED";
        row.requests = 100;
        row.errors = 30; // 30 errors but only 30 %
        QVERIFY(b().importUsageRollups({row}).ok());
        QVERIFY(evaluate().isEmpty());
        row.bucketMs -= kMinute;
        row.requests = 20;
        row.errors = 20; // 50 of 120 = 41 %
        QVERIFY(b().importUsageRollups({row}).ok());
        QVERIFY(evaluate().isEmpty());
        row.bucketMs -= kMinute;
        row.requests = 30;
        row.errors = 30; // 80 of 150 = 53 %
        QVERIFY(b().importUsageRollups({row}).ok());
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::ErrorBurst));
        QVERIFY(raised[0].detail.contains("80 upstream errors out of 150"));
    }

    void anomalySpike()
    {
        const auto k = issue("steady");
        AlertRule rule;
        rule.kind = AlertKind::Anomaly;
        rule.windowMs = 2 * kHour;
        onlyRule(rule);
        // Four weeks of 10 requests an hour, then 500 in the last full hour.
        const qint64 hourNow = now() / kHour * kHour;
        QList<UsageAggregate> rows;
        for (qint64 h = hourNow - 28 * kDay; h < hourNow - kHour; h += kHour) {
            UsageAggregate r;
            r.granularity = UsageGranularity::Hour;
            r.bucketMs = h;
            r.keyId = k.key.id;
            r.project = "web";
            r.service = "billing";
            r.code = "VALID";
            r.requests = 10;
            rows << r;
        }
        UsageAggregate spike = rows.last();
        spike.bucketMs = hourNow - kHour;
        spike.requests = 500;
        rows << spike;
        QVERIFY(b().importUsageRollups(rows).ok());
        auto raised = evaluate();
        QVERIFY2(!raised.isEmpty(), "no anomaly alert");
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::Anomaly));
        QCOMPARE(raised[0].keyId, k.key.id);
        QVERIFY(raised[0].title.contains("spike"));
        QVERIFY(evaluate().isEmpty()); // the same hour is reported once
    }

    void auditChainBrokenAfterTampering()
    {
        issue("a");
        issue("b");
        QVERIFY(evaluate().isEmpty()); // verifies: intact
        const qint64 verifies = auditCount("audit.verify");
        QCOMPARE(verifies, qint64(1));
        QVERIFY(evaluate().isEmpty());
        QCOMPARE(auditCount("audit.verify"), verifies); // within the hour: the recorded result, no new entry
        tv->close();
        QVERIFY(kwtest::execRawSql(tv->path(), QStringLiteral("UPDATE audit SET reason = 'edited' WHERE seq = 3")));
        tv->reopen();
        QVERIFY(tv->ok());
        tv->clock().advanceMs(kHour);
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::AuditChainBroken));
        QCOMPARE(kw::toString(raised[0].severity), kw::toString(AlertSeverity::Critical));
        QVERIFY(raised[0].title.contains("entry 3"));
        // Still broken next time (recorded status): the same alert bumped.
        auto again = evaluate();
        QCOMPARE(again.size(), 1);
        QCOMPARE(again[0].id, raised[0].id);
        QCOMPARE(again[0].count, qint64(2));
    }

    void newClientNetwork()
    {
        const auto k = issue("roaming");
        AlertRule rule;
        rule.kind = AlertKind::NewClientNetwork;
        onlyRule(rule);
        auto use = [&](const QString& ip) {
            VerifyContext ctx;
            ctx.service = "billing";
            ctx.clientIp = ip;
            QCOMPARE(kw::toString(b().verifyKey(k.secret, ctx)->code), kw::toString(VerifyCode::Valid));
            QVERIFY(b().flushUsage().ok());
        };
        use("10.1.2.3");
        QVERIFY(evaluate().isEmpty()); // the key's first network
        use("10.1.2.200");
        QVERIFY(evaluate().isEmpty()); // same /24
        use("192.168.7.9");
        auto raised = evaluate();
        QCOMPARE(raised.size(), 1);
        QCOMPARE(kw::toString(raised[0].kind), kw::toString(AlertKind::NewClientNetwork));
        QCOMPARE(raised[0].sourceIp, QStringLiteral("192.168.7.9"));
        QVERIFY(raised[0].title.contains("192.168.7.0/24"));
        use("192.168.7.10");
        use("2001:db8:1:2::5");
        auto v6 = evaluate();
        QCOMPARE(v6.size(), 1);
        QVERIFY(v6[0].title.contains("2001:db8:1:2::/64"));
    }

    void ackAndResolveAreAudited()
    {
        LocalVault::AlertDraft d;
        d.alert.kind = AlertKind::BadKeyRepeated;
        d.alert.dedupKey = "bad_key_repeated:203.0.113.9";
        d.alert.title = "bad keys";
        d.alert.sourceIp = "203.0.113.9";
        auto first = b().recordAlerts({d}, 0);
        QVERIFY(first.ok());
        QCOMPARE(first->size(), 1);
        const qint64 id = first->first().id;
        QCOMPARE(auditCount("alert.raise"), qint64(1));
        auto acked = b().acknowledgeAlert(id, "looking");
        QVERIFY2(acked.ok(), qPrintable(acked.errorMessage()));
        QCOMPARE(kw::toString(acked->state), kw::toString(AlertState::Acknowledged));
        QCOMPARE(acked->acknowledgedBy, b().actor());
        QCOMPARE(acked->acknowledgedAt, now());
        QCOMPARE(b().acknowledgeAlert(id, {}).error().code, Error::Code::Conflict);
        // An acknowledged alert still deduplicates.
        QCOMPARE(b().recordAlerts({d}, 0)->first().id, id);
        auto resolved = b().resolveAlert(id, "blocked upstream");
        QVERIFY(resolved.ok());
        QCOMPARE(kw::toString(resolved->state), kw::toString(AlertState::Resolved));
        QCOMPARE(resolved->note, QStringLiteral("blocked upstream"));
        QCOMPARE(b().resolveAlert(id, {}).error().code, Error::Code::Conflict);
        QCOMPARE(b().acknowledgeAlert(9999, {}).error().code, Error::Code::NotFound);
        QCOMPARE(auditCount("alert.ack"), qint64(1));
        QCOMPARE(auditCount("alert.resolve"), qint64(1));
        AuditQuery q;
        q.action = "alert.resolve";
        QCOMPARE(b().auditEntries(q)->first().reason, QStringLiteral("blocked upstream"));
        // After resolution the condition opens a new alert.
        auto reopened = b().recordAlerts({d}, 0);
        QVERIFY(reopened->first().id != id);
        AlertQuery active;
        active.activeOnly = true;
        QCOMPARE(b().alerts(active)->size(), 1);
        QCOMPARE(all().size(), 2);
        QVERIFY(b().verifyAudit()->intact);
    }

    void evaluatorSignalsRaisedAlerts()
    {
        issue("soon", [](KeySpec& s) { s.expiresInMs = 5 * kDay; });
        AlertEvaluator evaluator(b(), tv->clock());
        QSignalSpy raised(&evaluator, &AlertEvaluator::alertsRaised);
        auto r = evaluator.evaluateNow();
        QVERIFY(r.ok());
        QCOMPARE(raised.size(), 1);
        QCOMPARE(raised[0][0].value<QList<Alert>>().size(), 1);
        QVERIFY(evaluator.evaluateNow().ok());
        QCOMPARE(raised.size(), 1); // nothing new: no signal
        evaluator.setIntervalMs(0);
        evaluator.start();
        QVERIFY(!evaluator.isRunning());
    }

    void badKeyMonitorCountsPerAddressAndBlocks()
    {
        BadKeyMonitor m;
        QCOMPARE(m.recordBad("1.2.3.4", 0).crossed, false); // off until configured
        m.configure({3, 1000, 5000, 7});
        qint64 t = 10'000;
        QVERIFY(!m.recordBad("1.2.3.4", t).crossed);
        QVERIFY(!m.recordBad("5.6.7.8", t).crossed);
        QVERIFY(!m.recordBad("1.2.3.4", t + 10).crossed);
        auto third = m.recordBad("1.2.3.4", t + 20);
        QVERIFY(third.crossed);
        QCOMPARE(third.count, qint64(3));
        QCOMPARE(third.blockedUntil, t + 20 + 5000);
        QVERIFY(!m.recordBad("1.2.3.4", t + 30).crossed); // once per window
        QCOMPARE(m.blockedFor("1.2.3.4", t + 1020), qint64(4000));
        QCOMPARE(m.blockedFor("5.6.7.8", t + 1020), qint64(0));
        QCOMPARE(m.blockedFor("1.2.3.4", t + 5020), qint64(0));
        // A new window counts from zero again.
        QVERIFY(!m.recordBad("1.2.3.4", t + 2000).crossed);
        m.configure({3, 1000, 0, 7});
        QCOMPARE(m.blockedFor("1.2.3.4", t + 30), qint64(0));
    }

    void schemaMigratesToAlertVersion() { QVERIFY(schema::latestVersion() >= 7); }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
