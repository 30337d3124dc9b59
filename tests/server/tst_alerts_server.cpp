// Alerts against a real keywardend on loopback: repeated bad keys from one address raise one bad_key_repeated
// alert and (when the rule says so) block that address on the verify and auth_request routes while other
// addresses still verify; the alert routes' roles; evaluation and acknowledgement through the RemoteBackend.
#include "HttpTestUtil.h"
#include "ServerProcess.h"
#include "TestSupport.h"

#include "remote/RemoteBackend.h"

#include <QtTest>

using namespace kw;

class TestAlertsServer : public QObject {
    Q_OBJECT

    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<kwtest::ServerProcess> m_server;
    QNetworkAccessManager m_nam;
    QByteArray m_verifier, m_admin, m_auditor;
    QByteArray m_valid, m_revoked;

    static QByteArray tokenText(const SecureBytes& s) { return QByteArray(s.view().data(), qsizetype(s.size())); }

    kwtest::HttpReply verify(const QByteArray& key, const QString& ip)
    {
        const QJsonObject body{{"key", QString::fromLatin1(key)}, {"service", "billing"}, {"ip", ip}};
        return kwtest::httpRequest(m_nam, "POST", QUrl(m_server->url() + "/v1/keys/verify"),
                                   {{"Authorization", "Bearer " + m_verifier}},
                                   QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    kwtest::HttpReply auth(const QByteArray& key, const QByteArray& ip)
    {
        return kwtest::httpRequest(m_nam, "GET", QUrl(m_server->url() + "/v1/auth"),
                                   {{"X-KeyWarden-Verifier", m_verifier},
                                    {"X-API-Key", key},
                                    {"X-Real-IP", ip},
                                    {"X-KeyWarden-Service", "billing"}});
    }
    std::unique_ptr<RemoteBackend> connect(const QByteArray& token)
    {
        QString text = QString::fromLatin1(token);
        auto b = RemoteBackend::create(QUrl(m_server->url()), SecureBytes::fromString(text));
        return b ? std::move(*b) : nullptr;
    }
    QList<Alert> badKeyAlerts(Backend& b)
    {
        AlertQuery q;
        q.kind = AlertKind::BadKeyRepeated;
        return b.alerts(q).value_or({});
    }

private slots:
    void init()
    {
        m_vault = std::make_unique<kwtest::TempVault>();
        QVERIFY(m_vault->ok());
        LocalVault& v = m_vault->backend();
        QVERIFY(v.createTeam("core").ok());
        QVERIFY(v.createProject(ProjectSpec{"web", "core", {}}).ok());
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = "good";
        spec.services = {"billing"};
        auto good = v.createKey(spec);
        QVERIFY(good.ok());
        m_valid = tokenText(good->secret);
        spec.name = "gone";
        auto gone = v.createKey(spec);
        QVERIFY(gone.ok());
        m_revoked = tokenText(gone->secret);
        RevocationRequest rr;
        rr.keys = {gone->key.id};
        rr.reason = "test";
        QVERIFY(v.revokeKeys(rr).ok());
        auto rules = v.alertRules();
        QVERIFY(rules.ok());
        for (AlertRule r : *rules)
            if (r.kind == AlertKind::BadKeyRepeated) {
                r.thresholds = {5};
                r.windowMs = 60'000;
                r.blockMs = 120'000;
                QVERIFY(v.saveAlertRule(r).ok());
            }
        m_verifier = tokenText(v.createOperator("gateway", OperatorRole::Verifier)->token);
        m_admin = tokenText(v.createOperator("admin", OperatorRole::Admin)->token);
        m_auditor = tokenText(v.createOperator("auditor", OperatorRole::Auditor)->token);
        m_vault->close();
        m_server = std::make_unique<kwtest::ServerProcess>(m_vault->path(), QStringList{"--alert-interval", "0"});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }
    void cleanup()
    {
        m_server.reset();
        m_vault.reset();
    }

    void repeatedBadKeysRaiseOneAlertAndBlock()
    {
        auto admin = connect(m_admin);
        QVERIFY(admin);
        // Before the threshold: ordinary answers.
        for (int i = 0; i < 2; ++i) {
            auto r = verify("kw_live_unknownkeyunknownkeyunknownkey000000", "203.0.113.7");
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value("valid").toBool(), false);
        }
        QCOMPARE(verify(m_revoked, "203.0.113.7").json().value("code").toString(), QStringLiteral("REVOKED"));
        QCOMPARE(auth("garbage", "203.0.113.7").status, 401);
        QVERIFY(badKeyAlerts(*admin).isEmpty());
        // The fifth bad key crosses the threshold (counted across both routes).
        QCOMPARE(auth(m_revoked, "203.0.113.7").status, 401);
        QTRY_COMPARE(badKeyAlerts(*admin).size(), 1);
        const Alert a = badKeyAlerts(*admin).first();
        QCOMPARE(a.sourceIp, QStringLiteral("203.0.113.7"));
        QCOMPARE(kw::toString(a.severity), kw::toString(AlertSeverity::Critical));
        QVERIFY(a.detail.contains("blocked"));
        QVERIFY(!a.detail.contains(QString::fromLatin1(m_revoked)));

        // Blocked: even a valid key from that address is refused, on both routes.
        auto blocked = verify(m_valid, "203.0.113.7");
        QCOMPARE(blocked.status, 429);
        QCOMPARE(blocked.json().value("error").toObject().value("code").toString(), QStringLiteral("client_blocked"));
        QVERIFY(blocked.header("Retry-After").toInt() > 0);
        auto blockedAuth = auth(m_valid, "203.0.113.7");
        QCOMPARE(blockedAuth.status, 429);
        QCOMPARE(blockedAuth.header("X-KeyWarden-Code"), QByteArray("CLIENT_BLOCKED"));
        // Another address still verifies.
        auto other = verify(m_valid, "198.51.100.4");
        QCOMPARE(other.status, 200);
        QCOMPARE(other.json().value("valid").toBool(), true);
        QCOMPARE(auth(m_valid, "198.51.100.4").status, 200);
        // More bad keys from the blocked address: still one alert.
        for (int i = 0; i < 5; ++i)
            verify("nonsense", "203.0.113.7");
        QTest::qWait(100);
        QCOMPARE(badKeyAlerts(*admin).size(), 1);
    }

    void withoutBlockOnlyAlerts()
    {
        auto admin = connect(m_admin);
        QVERIFY(admin);
        auto rules = admin->alertRules();
        QVERIFY(rules.ok());
        for (AlertRule r : *rules)
            if (r.kind == AlertKind::BadKeyRepeated) {
                r.blockMs = 0;
                auto saved = admin->saveAlertRule(r);
                QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
            }
        for (int i = 0; i < 6; ++i)
            QCOMPARE(verify("kw_live_nothing", "192.0.2.1").status, 200);
        QTRY_COMPARE(badKeyAlerts(*admin).size(), 1);
        auto r = verify(m_valid, "192.0.2.1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("valid").toBool(), true);
    }

    void rolesAndRemoteAlertCalls()
    {
        auto admin = connect(m_admin);
        auto auditor = connect(m_auditor);
        QVERIFY(admin && auditor);
        for (int i = 0; i < 5; ++i)
            verify("kw_live_nothing", "192.0.2.50");
        QTRY_COMPARE(badKeyAlerts(*admin).size(), 1);
        const qint64 id = badKeyAlerts(*admin).first().id;
        // Auditors read, but neither acknowledge nor edit rules.
        QCOMPARE(auditor->alerts({})->size(), 1);
        QCOMPARE(auditor->alert(id)->id, id);
        QVERIFY(!auditor->alertRules()->isEmpty());
        QCOMPARE(auditor->acknowledgeAlert(id, {}).error().code, Error::Code::Forbidden);
        AlertRule rule;
        rule.kind = AlertKind::GraceEntered;
        QCOMPARE(auditor->saveAlertRule(rule).error().code, Error::Code::Forbidden);
        QCOMPARE(auditor->evaluateAlerts(0).error().code, Error::Code::Forbidden);
        // Admins do.
        auto acked = admin->acknowledgeAlert(id, "on it");
        QVERIFY2(acked.ok(), qPrintable(acked.errorMessage()));
        QCOMPARE(acked->acknowledgedBy, QStringLiteral("operator:admin"));
        QVERIFY(admin->evaluateAlerts(0).ok());
        auto resolved = admin->resolveAlert(id, "blocked at the firewall");
        QVERIFY(resolved.ok());
        QCOMPARE(kw::toString(resolved->state), kw::toString(AlertState::Resolved));
        AuditQuery q;
        q.action = "alert.";
        auto entries = admin->auditEntries(q);
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry& e : *entries)
            actions << e.action;
        QVERIFY(actions.contains("alert.ack"));
        QVERIFY(actions.contains("alert.resolve"));
        QVERIFY(actions.contains("alert.raise"));
        // Bad input is named.
        auto badState = kwtest::httpRequest(m_nam, "GET", QUrl(m_server->url() + "/v1/alerts?state=sleeping"),
                                            {{"Authorization", "Bearer " + m_admin}});
        QCOMPARE(badState.status, 400);
        QVERIFY(badState.body.contains("sleeping"));
    }
};

QTEST_GUILESS_MAIN(TestAlertsServer)
#include "tst_alerts_server.moc"
