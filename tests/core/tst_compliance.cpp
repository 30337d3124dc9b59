// The compliance rule set on a seeded vault with known violators: each rule finds exactly the keys that break it,
// thresholds, severities, production environments and public services are configurable, the score follows the
// weighted formula, results are grouped per key and per project, and every run is recorded for the trend.

#include "TestSupport.h"

#include "compliance/ComplianceEngine.h"

#include <QSet>
#include <QtTest>

using namespace kw;

namespace {

constexpr qint64 kDay = 86'400'000;

QSet<QString> violators(const ComplianceReport& r, const QString& rule)
{
    QSet<QString> names;
    for (const auto& f : r.findings)
        if (f.ruleId == rule)
            names.insert(f.keyId.isEmpty() ? QStringLiteral("(vault)") : f.keyName);
    return names;
}

const ComplianceRuleResult& ruleResult(const ComplianceReport& r, const QString& rule)
{
    for (const auto& rr : r.rules)
        if (rr.ruleId == rule)
            return rr;
    qFatal("no result for rule %s", qPrintable(rule));
}

int expectedScore(const ComplianceReport& r)
{
    qint64 checks = 0, failures = 0;
    for (const auto& rr : r.rules) {
        if (!rr.enabled)
            continue;
        checks += rr.checked * severityWeight(rr.severity);
        failures += rr.violations * severityWeight(rr.severity);
    }
    return checks == 0 ? 100 : int(std::lround(100.0 * (1.0 - double(failures) / double(checks))));
}

} // namespace

class TestCompliance : public QObject {
    Q_OBJECT

    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }

    KeyRecord issue(const QString& project, const QString& env, const QString& name,
                    const std::function<void(KeySpec&)>& adjust = {})
    {
        KeySpec s;
        s.project = project;
        s.environment = env;
        s.name = name;
        s.owner = QStringLiteral("ana@example.com");
        s.services = {QStringLiteral("web")};
        s.expiresInMs = 365 * kDay;
        s.policy.permissions = QStringList{QStringLiteral("orders.read")};
        s.policy.allowIps = QStringList{QStringLiteral("10.0.0.0/8")};
        s.policy.rateLimits = QList<RateLimitSpec>{*RateLimitSpec::parse(u"100/s")};
        if (adjust)
            adjust(s);
        auto k = b().createKey(s);
        if (!k)
            qFatal("createKey %s: %s", qPrintable(name), qPrintable(k.errorMessage()));
        return k->key;
    }

    // One violator per key rule (and the clean key "good"); see the expectations in knownViolators().
    void seed()
    {
        QVERIFY(b().createProject({QStringLiteral("shop"), QStringLiteral("platform"), {}}));
        QVERIFY(b().createProject({QStringLiteral("lab"), {}, {}}));
        issue("shop", "dev", "old");
        tv->clock().advanceDays(100);
        issue("shop", "prod", "good");
        issue("shop", "dev", "forever", [](KeySpec& s) { s.expiresInMs = 0; });
        issue("shop", "dev", "wild", [](KeySpec& s) { s.policy.permissions = QStringList{QStringLiteral("*")}; });
        issue("shop", "dev", "admin",
              [](KeySpec& s) { s.policy.permissions = QStringList{QStringLiteral("billing.admin")}; });
        issue("shop", "prod", "open-prod", [](KeySpec& s) { s.policy.allowIps.reset(); });
        issue("lab", "dev", "orphan", [](KeySpec& s) { s.owner.clear(); });
        issue("lab", "dev", "lab-owned");
        issue("shop", "dev", "recoverable", [](KeySpec& s) { s.recoverable = true; });
        issue("shop", "dev", "no-limit", [](KeySpec& s) { s.policy.rateLimits.reset(); });
        const KeyRecord gone = issue("shop", "dev", "revoked", [](KeySpec& s) {
            s.expiresInMs = 0;
            s.policy.permissions = QStringList{QStringLiteral("*")};
        });
        QVERIFY(b().revokeKeys({{gone.id}, false, QStringLiteral("test"), {}}));
    }

    ComplianceReport run()
    {
        auto r = b().runCompliance();
        if (!r)
            qFatal("runCompliance: %s", qPrintable(r.errorMessage()));
        return *r;
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
    }
    void cleanup() { tv.reset(); }

    void ruleCatalogue()
    {
        const auto& rules = ComplianceRule::builtin();
        QCOMPARE(rules.size(), 10);
        QSet<QString> ids;
        for (const auto& r : rules) {
            QVERIFY(!r.id.isEmpty());
            QVERIFY2(!r.rationale.isEmpty(), qPrintable(r.id));
            QVERIFY2(!r.title.isEmpty(), qPrintable(r.id));
            ids.insert(r.id);
        }
        QCOMPARE(ids.size(), rules.size());
        QCOMPARE(ComplianceRule::find(QStringLiteral("key.rotation-overdue"))->defaultThreshold, qint64(90));
        QCOMPARE(ComplianceRule::find(QStringLiteral("key.unused"))->defaultThreshold, qint64(30));
        QCOMPARE(ComplianceRule::find(QStringLiteral("audit.not-verified"))->defaultThreshold, qint64(7));
        QVERIFY(!ComplianceRule::find(QStringLiteral("nope")));
    }

    void knownViolators()
    {
        seed();
        const ComplianceReport r = run();
        QCOMPARE(r.keysEvaluated, qint64(10)); // the revoked key is not evaluated
        using Set = QSet<QString>;
        QCOMPARE(violators(r, "key.no-expiry"), Set{"forever"});
        QCOMPARE(violators(r, "key.rotation-overdue"), Set{"old"});
        QCOMPARE(violators(r, "key.unused"), Set{"old"});
        QCOMPARE(violators(r, "key.broad-permissions"), (Set{"wild", "admin"}));
        QCOMPARE(violators(r, "key.production-ip-unrestricted"), Set{"open-prod"});
        QCOMPARE(violators(r, "key.no-owner"), (Set{"orphan", "lab-owned"}));
        QCOMPARE(violators(r, "key.recoverable-secret"), Set{"recoverable"});
        QCOMPARE(violators(r, "key.public-no-rate-limit"), Set{"no-limit"});
        QCOMPARE(violators(r, "vault.weak-kdf"), Set{"(vault)"});     // the test vault's fast Argon2id settings
        QCOMPARE(violators(r, "audit.not-verified"), Set{"(vault)"}); // never verified
        // How many keys each rule looked at: production keys only for the IP rule.
        QCOMPARE(ruleResult(r, "key.no-expiry").checked, qint64(10));
        QCOMPARE(ruleResult(r, "key.production-ip-unrestricted").checked, qint64(2));
        QCOMPARE(ruleResult(r, "vault.weak-kdf").checked, qint64(1));
        // Details a person can act on.
        for (const auto& f : r.findings) {
            QVERIFY2(!f.detail.isEmpty(), qPrintable(f.ruleId));
            if (f.ruleId == QLatin1String("key.rotation-overdue"))
                QVERIFY2(f.detail.contains(QLatin1String("100 days")), qPrintable(f.detail));
            if (f.ruleId == QLatin1String("key.broad-permissions") && f.keyName == QLatin1String("admin"))
                QVERIFY2(f.detail.contains(QLatin1String("billing.admin")), qPrintable(f.detail));
            if (!f.keyId.isEmpty())
                QVERIFY(!f.project.isEmpty() && !f.displayId.isEmpty());
        }
        // Worst first.
        for (qsizetype i = 1; i < r.findings.size(); ++i)
            QVERIFY(r.findings[i - 1].severity >= r.findings[i].severity);
        QCOMPARE(r.score, expectedScore(r));
        QVERIFY(r.score > 0 && r.score < 100);
    }

    void perKeyAndPerProject()
    {
        seed();
        const ComplianceReport r = run();
        QHash<QString, ComplianceKeyResult> byName;
        for (const auto& k : r.keys)
            byName.insert(k.keyName, k);
        QVERIFY(!byName.contains("good"));
        QCOMPARE(byName.value("old").ruleIds, (QStringList{"key.rotation-overdue", "key.unused"}));
        QVERIFY(byName.value("wild").worst == Severity::High);
        QCOMPARE(byName.size(), 9);
        QHash<QString, ComplianceProjectResult> projects;
        for (const auto& p : r.projects)
            projects.insert(p.project, p);
        QCOMPARE(projects.size(), 2);
        QCOMPARE(projects.value("lab").keys, qint64(2));
        QCOMPARE(projects.value("lab").keysWithFindings, qint64(2));
        QCOMPARE(projects.value("lab").team, QString());
        QCOMPARE(projects.value("shop").keys, qint64(8));
        QCOMPARE(projects.value("shop").keysWithFindings, qint64(7)); // all but "good"
        QCOMPARE(projects.value("shop").team, QStringLiteral("platform"));
        QVERIFY(projects.value("lab").score < 100);
    }

    void auditVerificationRule()
    {
        seed();
        QVERIFY(violators(run(), "audit.not-verified").contains("(vault)"));
        QVERIFY(b().verifyAudit());
        QVERIFY(violators(run(), "audit.not-verified").isEmpty());
        tv->clock().advanceDays(8);
        const ComplianceReport late = run();
        bool found = false;
        for (const auto& f : late.findings)
            if (f.ruleId == QLatin1String("audit.not-verified")) {
                found = true;
                QVERIFY2(f.detail.contains(QLatin1String("8 days")), qPrintable(f.detail));
            }
        QVERIFY(found);
        // A verification that found the chain broken does not count as verified.
        QVERIFY(b().verifyAudit());
        tv->close();
        QVERIFY(kwtest::execRawSql(tv->path(), QStringLiteral("UPDATE audit SET reason = 'x' WHERE seq = 2")));
        tv->reopen();
        QVERIFY(!b().verifyAudit()->intact);
        const ComplianceReport broken = run();
        QVERIFY(violators(broken, "audit.not-verified").contains("(vault)"));
    }

    void thresholdsAndSwitches()
    {
        seed();
        ComplianceConfig c;
        c.rules["key.rotation-overdue"].thresholdDays = 120;
        c.rules["key.unused"].thresholdDays = 101;
        c.rules["key.recoverable-secret"].enabled = false;
        c.rules["key.no-owner"].severity = Severity::Critical;
        QVERIFY(b().setComplianceConfig(c));
        const ComplianceReport r = run();
        QVERIFY(violators(r, "key.rotation-overdue").isEmpty()); // 100 days < 120
        QVERIFY(violators(r, "key.unused").isEmpty());
        QVERIFY(violators(r, "key.recoverable-secret").isEmpty());
        QVERIFY(!ruleResult(r, "key.recoverable-secret").enabled);
        QCOMPARE(ruleResult(r, "key.rotation-overdue").thresholdDays, qint64(120));
        QVERIFY2(ruleResult(r, "key.rotation-overdue").title.contains(QLatin1String("120 days")),
                 qPrintable(ruleResult(r, "key.rotation-overdue").title));
        QVERIFY(ruleResult(r, "key.no-owner").severity == Severity::Critical);
        for (const auto& f : r.findings)
            if (f.ruleId == QLatin1String("key.no-owner"))
                QVERIFY(f.severity == Severity::Critical);
        QCOMPARE(r.score, expectedScore(r));
        // The configuration is stored, audited and read back as written.
        QCOMPARE(b().complianceConfig()->toJson(), c.toJson());
        QCOMPARE(b().auditEntries({0, 0, {}, QStringLiteral("compliance.config")})->size(), 1);
        tv->reopen();
        QCOMPARE(b().complianceConfig()->thresholdDays("key.rotation-overdue"), qint64(120));
    }

    void productionAndPublicServices()
    {
        seed();
        ComplianceConfig c;
        c.productionEnvironments = QStringList{QStringLiteral("DEV")}; // case-insensitive
        c.publicServices = QStringList{QStringLiteral("shop/billing")};
        QVERIFY(b().setComplianceConfig(c));
        const ComplianceReport r = run();
        // Every dev key is now a production key, and each carries an IP rule; the prod keys are no longer checked.
        QCOMPARE(ruleResult(r, "key.production-ip-unrestricted").checked, qint64(8));
        QVERIFY(violators(r, "key.production-ip-unrestricted").isEmpty());
        // No key is bound to shop/billing: the rate-limit rule checks nothing.
        QCOMPARE(ruleResult(r, "key.public-no-rate-limit").checked, qint64(0));
        issue("shop", "prod", "billing-open", [](KeySpec& s) {
            s.services = {QStringLiteral("billing")};
            s.policy.rateLimits.reset();
        });
        QCOMPARE(violators(run(), "key.public-no-rate-limit"), QSet<QString>{"billing-open"});
    }

    void invalidConfiguration()
    {
        ComplianceConfig unknown;
        unknown.rules["key.nope"].enabled = false;
        auto s = b().setComplianceConfig(unknown);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        QVERIFY(s.errorMessage().contains(QLatin1String("key.nope")));
        ComplianceConfig noThreshold;
        noThreshold.rules["key.no-expiry"].thresholdDays = 5;
        QVERIFY(!b().setComplianceConfig(noThreshold));
        ComplianceConfig outOfRange;
        outOfRange.rules["key.unused"].thresholdDays = 0;
        QVERIFY(!b().setComplianceConfig(outOfRange));
        ComplianceConfig emptyEnv;
        emptyEnv.productionEnvironments = QStringList{QStringLiteral(" ")};
        QVERIFY(!b().setComplianceConfig(emptyEnv));
        // Strict JSON: unknown fields and wrong severities are named.
        auto j = ComplianceConfig::fromJson(QJsonObject{{"rules", QJsonObject{{"key.unused", QJsonObject{{"x", 1}}}}}});
        QVERIFY(!j);
        QVERIFY2(j.errorMessage().contains(QLatin1String("\"x\"")), qPrintable(j.errorMessage()));
        j = ComplianceConfig::fromJson(
            QJsonObject{{"rules", QJsonObject{{"key.unused", QJsonObject{{"severity", "extreme"}}}}}});
        QVERIFY(!j);
        QVERIFY(j.errorMessage().contains(QLatin1String("extreme")));
        // Nothing was stored.
        QCOMPARE(b().complianceConfig()->toJson(), ComplianceConfig{}.toJson());
    }

    void cleanVaultScoresFull()
    {
        // A vault at the recommended KDF strength, verified, with one clean key.
        QTemporaryDir dir;
        auto vault = Vault::create(dir.filePath("strong.kwvault"), kwtest::passphrase());
        QVERIFY(vault);
        QVERIFY(!(*vault)->kdfParams().belowRecommended());
        TestClock clock;
        LocalVault strong(std::move(*vault), QStringLiteral("test:admin"), clock);
        QVERIFY(strong.createProject({QStringLiteral("shop"), QStringLiteral("platform"), {}}));
        KeySpec s;
        s.project = "shop";
        s.environment = "prod";
        s.name = "clean";
        s.owner = "ana@example.com";
        s.services = {"web"};
        s.expiresInMs = 30 * kDay;
        s.policy.permissions = QStringList{"orders.read"};
        s.policy.allowIps = QStringList{"10.0.0.0/8"};
        s.policy.rateLimits = QList<RateLimitSpec>{*RateLimitSpec::parse(u"10/s")};
        QVERIFY(strong.createKey(s));
        QVERIFY(strong.verifyAudit());
        const ComplianceReport r = strong.runCompliance().value();
        QVERIFY2(r.findings.isEmpty(), qPrintable(r.findings.value(0).ruleId + ": " + r.findings.value(0).detail));
        QCOMPARE(r.score, 100);
        QCOMPARE(r.projects.value(0).score, 100);
    }

    void trendAndAudit()
    {
        seed();
        const ComplianceReport first = run();
        tv->clock().advanceDays(1);
        QVERIFY(b().verifyAudit());
        const ComplianceReport second = run();
        QVERIFY(second.score > first.score); // the audit rule now passes
        auto history = b().complianceHistory(10);
        QVERIFY(history);
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).time, second.time); // newest first
        QCOMPARE(history->at(0).score, second.score);
        QCOMPARE(history->at(1).score, first.score);
        QCOMPARE(history->at(1).findings, qint64(first.findings.size()));
        QCOMPARE(history->at(1).violationsByRule.value("key.broad-permissions"), qint64(2));
        QCOMPARE(b().complianceHistory(1)->size(), 1);
        QVERIFY(!b().complianceHistory(0));
        const auto runs = b().auditEntries({0, 0, {}, QStringLiteral("compliance.run")}).value();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.last().details.value("score").toInt(), second.score);
    }

    void reportJsonRoundTrip()
    {
        seed();
        const ComplianceReport r = run();
        const QJsonObject json = r.toJson();
        QCOMPARE(json.value("score").toInt(), r.score);
        QCOMPARE(json.value("findings").toArray().size(), r.findings.size());
        QCOMPARE(json.value("rules").toArray().size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestCompliance)
#include "tst_compliance.moc"
