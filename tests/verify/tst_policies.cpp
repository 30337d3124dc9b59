// Key policies in a vault: named templates (create, list, update), templates applied to a project giving new keys
// their lifetime, inheritance workspace → project template → project → environment → key template → key checked
// field by field, strict validation whose errors name the field, roles, and the audit entry every change leaves.

#include "policy/Duration.h"
#include "storage/LocalVault.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kw;

namespace {

const QString kProject = QStringLiteral("acme");
const qint64 kDayMs = 86'400'000;
const qint64 kHourMs = 3'600'000;

QList<RateLimitSpec> rates(const QStringList& texts)
{
    auto r = RateLimitSpec::parseList(texts);
    if (!r)
        qFatal("bad rate limit: %s", qPrintable(r.errorMessage()));
    return *r;
}

Quota quota(const char* t)
{
    auto q = Quota::parse(QString::fromLatin1(t));
    if (!q)
        qFatal("bad quota: %s", qPrintable(q.errorMessage()));
    return *q;
}

QJsonObject object(const char* json)
{
    QJsonParseError err;
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray(json), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("bad test JSON %s", json);
    return d.object();
}

PolicyTarget workspace()
{
    return {PolicyTarget::Kind::Workspace, {}, {}, {}};
}
PolicyTarget project(const QString& p)
{
    return {PolicyTarget::Kind::Project, p, {}, {}};
}
PolicyTarget environment(const QString& p, const QString& e)
{
    return {PolicyTarget::Kind::Environment, p, e, {}};
}
PolicyTarget keyTarget(const QString& k)
{
    return {PolicyTarget::Kind::Key, {}, {}, k};
}

} // namespace

class TestPolicies : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }

    Result<IssuedKey> tryCreate(const QString& env, const QString& name, const KeyPolicy& policy = {},
                                const QString& tmpl = {}, qint64 expiresInMs = 0)
    {
        KeySpec s;
        s.project = kProject;
        s.environment = env;
        s.name = name;
        s.policy = policy;
        s.policyTemplate = tmpl;
        s.expiresInMs = expiresInMs;
        return b().createKey(s);
    }
    KeyRecord create(const QString& env, const QString& name, const KeyPolicy& policy = {}, const QString& tmpl = {},
                     qint64 expiresInMs = 0)
    {
        auto k = tryCreate(env, name, policy, tmpl, expiresInMs);
        if (!k)
            qFatal("createKey(%s) failed: %s", qPrintable(name), qPrintable(k.errorMessage()));
        return k->key;
    }
    KeyPolicy effective(const QString& key)
    {
        auto p = b().effectivePolicy(key);
        if (!p)
            qFatal("effectivePolicy failed: %s", qPrintable(p.errorMessage()));
        return *p;
    }
    QList<AuditEntry> audit(const QString& action)
    {
        AuditQuery q;
        q.action = action;
        auto e = b().auditEntries(q);
        if (!e)
            qFatal("auditEntries failed: %s", qPrintable(e.errorMessage()));
        return *e;
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
        QVERIFY(b().createProject({kProject, {}, {}}).ok());
        QVERIFY(b().createEnvironment(kProject, QStringLiteral("live")).ok());
        QVERIFY(b().createEnvironment(kProject, QStringLiteral("test")).ok());
    }
    void cleanup() { tv.reset(); }

    void templatesCreateListUpdate()
    {
        QVERIFY(b().policyTemplates()->isEmpty());
        KeyPolicy p;
        p.ttlMs = 90 * kDayMs;
        p.graceMs = 7 * kDayMs;
        auto saved = b().savePolicyTemplate({QStringLiteral("prod-90d"), QStringLiteral("production keys"), p, 0, 0});
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QCOMPARE(saved->name, QStringLiteral("prod-90d"));
        QCOMPARE(saved->policy.ttlMs, p.ttlMs);
        QCOMPARE(saved->createdAt, tv->clock().nowMs());

        KeyPolicy dev;
        dev.ttlMs = 7 * kDayMs;
        QVERIFY(b().savePolicyTemplate({QStringLiteral("dev-7d"), {}, dev, 0, 0}).ok());

        auto list = b().policyTemplates();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).name, QStringLiteral("dev-7d")); // by name
        QCOMPARE(list->at(1).name, QStringLiteral("prod-90d"));
        QCOMPARE(list->at(1).description, QStringLiteral("production keys"));
        QCOMPARE(list->at(1).policy.toJson(), p.toJson());

        // Update: same name, new rules; created stays, updated moves.
        const qint64 created = tv->clock().nowMs();
        tv->clock().advanceDays(1);
        p.ttlMs = 30 * kDayMs;
        p.graceMs.reset();
        auto updated = b().savePolicyTemplate({QStringLiteral("prod-90d"), QStringLiteral("now 30 days"), p, 0, 0});
        QVERIFY(updated.ok());
        list = b().policyTemplates();
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(1).policy.ttlMs, std::optional<qint64>(30 * kDayMs));
        QVERIFY(!list->at(1).policy.graceMs);
        QCOMPARE(list->at(1).description, QStringLiteral("now 30 days"));
        QCOMPARE(list->at(1).createdAt, created);
        QCOMPARE(list->at(1).updatedAt, tv->clock().nowMs());

        // Names are checked.
        QVERIFY(!b().savePolicyTemplate({QStringLiteral("bad name!"), {}, p, 0, 0}).ok());
        QVERIFY(!b().savePolicyTemplate({QString(), {}, p, 0, 0}).ok());
    }

    void templateOnProjectGivesNewKeysItsTtl()
    {
        const KeyRecord before = create(QStringLiteral("live"), QStringLiteral("before"));
        QCOMPARE(before.expiresAt, 0);
        KeyPolicy p;
        p.ttlMs = 90 * kDayMs;
        QVERIFY(b().savePolicyTemplate({QStringLiteral("prod-90d"), {}, p, 0, 0}).ok());
        const Status applied = b().applyPolicy(project(kProject), QStringLiteral("prod-90d"), {});
        QVERIFY2(applied.ok(), qPrintable(applied.errorMessage()));

        tv->clock().advanceDays(2);
        const qint64 now = tv->clock().nowMs();
        const KeyRecord after = create(QStringLiteral("live"), QStringLiteral("after"));
        QCOMPARE(after.expiresAt, now + 90 * kDayMs);
        QCOMPARE(create(QStringLiteral("test"), QStringLiteral("other-env")).expiresAt, now + 90 * kDayMs);
        // An explicit expiry wins over the policy's ttl; existing keys keep theirs.
        QCOMPARE(create(QStringLiteral("live"), QStringLiteral("explicit"), {}, {}, kDayMs).expiresAt, now + kDayMs);
        QCOMPARE(b().key(before.id)->expiresAt, 0);

        // Unknown templates are refused, and nothing changes.
        const Status unknown = b().applyPolicy(project(kProject), QStringLiteral("nope"), {});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, Error::Code::NotFound);
        QVERIFY(unknown.errorMessage().contains(QLatin1String("nope")));
        QCOMPARE(create(QStringLiteral("live"), QStringLiteral("still")).expiresAt, now + 90 * kDayMs);
        // Clearing the template ("") removes its rules from new keys.
        QVERIFY(b().applyPolicy(project(kProject), QString(), {}).ok());
        QCOMPARE(create(QStringLiteral("live"), QStringLiteral("cleared")).expiresAt, 0);
    }

    void inheritanceAndOverride()
    {
        // workspace: rate limit, max uses, a window
        KeyPolicy ws;
        ws.rateLimits = rates({"100/s"});
        ws.maxUses = 1000;
        ws.hours = QStringLiteral("06:00-22:00");
        QVERIFY(b().applyPolicy(workspace(), std::nullopt, ws).ok());
        // project template: ttl, grace, quota
        KeyPolicy pt;
        pt.ttlMs = 30 * kDayMs;
        pt.graceMs = kDayMs;
        pt.quota = quota("100/day");
        QVERIFY(b().savePolicyTemplate({QStringLiteral("proj"), {}, pt, 0, 0}).ok());
        // project's own rules: over its template
        KeyPolicy pr;
        pr.quota = quota("500/day");
        QVERIFY(b().applyPolicy(project(kProject), QStringLiteral("proj"), pr).ok());
        // environment: grace override
        KeyPolicy env;
        env.graceMs = 2 * kHourMs;
        env.timeZone = QStringLiteral("Europe/Berlin");
        QVERIFY(b().applyPolicy(environment(kProject, QStringLiteral("live")), std::nullopt, env).ok());
        // key template: permissions, max uses
        KeyPolicy kt;
        kt.permissions = QStringList{"billing.read"};
        kt.maxUses = 50;
        kt.hours = QStringLiteral("08:00-20:00");
        QVERIFY(b().savePolicyTemplate({QStringLiteral("billing-reader"), {}, kt, 0, 0}).ok());
        // key: max uses
        KeyPolicy own;
        own.maxUses = 5;

        const qint64 now = tv->clock().nowMs();
        const KeyRecord k = create(QStringLiteral("live"), QStringLiteral("k"), own, QStringLiteral("billing-reader"));
        const KeyPolicy e = effective(k.id);
        QCOMPARE(e.rateLimits, std::optional(rates({"100/s"}))); // workspace
        QCOMPARE(e.ttlMs, std::optional<qint64>(30 * kDayMs));   // project template
        QCOMPARE(e.quota, std::optional(quota("500/day")));      // project over its template
        QCOMPARE(e.graceMs, std::optional<qint64>(2 * kHourMs)); // environment over project template
        QCOMPARE(e.timeZone, std::optional<QString>(QStringLiteral("Europe/Berlin"))); // environment
        QCOMPARE(e.permissions, std::optional(QStringList{"billing.read"}));           // key template
        QCOMPARE(e.hours, std::optional<QString>(QStringLiteral("08:00-20:00")));      // key template over workspace
        QCOMPARE(e.maxUses, std::optional<qint64>(5)); // key over key template over workspace
        QVERIFY(!e.refill);
        QVERIFY(!e.allowIps);
        QVERIFY(!e.rotateEveryMs);
        QCOMPARE(k.expiresAt, now + 30 * kDayMs);
        QCOMPARE(k.graceMs, 2 * kHourMs);
        // The key's own record holds only its own rules.
        QCOMPARE(k.policy.toJson(), own.toJson());
        QCOMPARE(k.policyTemplate, QStringLiteral("billing-reader"));

        // The other environment has no override: the project template's grace, the workspace's max uses.
        const KeyRecord t = create(QStringLiteral("test"), QStringLiteral("t"));
        const KeyPolicy et = effective(t.id);
        QCOMPARE(et.graceMs, std::optional<qint64>(kDayMs));
        QCOMPARE(et.maxUses, std::optional<qint64>(1000));
        QCOMPARE(et.hours, std::optional<QString>(QStringLiteral("06:00-22:00")));
        QVERIFY(!et.permissions);
        QVERIFY(!et.timeZone);

        // Changing a level later reaches existing keys' effective policy.
        KeyPolicy ws2 = ws;
        ws2.rateLimits = rates({"10/s"});
        QVERIFY(b().applyPolicy(workspace(), std::nullopt, ws2).ok());
        QCOMPARE(effective(k.id).rateLimits, std::optional(rates({"10/s"})));
        QCOMPARE(effective(t.id).rateLimits, std::optional(rates({"10/s"})));

        // A key's own policy set later overrides the rest too.
        KeyPolicy own2;
        own2.graceMs = 3 * kHourMs;
        QVERIFY(b().applyPolicy(keyTarget(k.id), std::nullopt, own2).ok());
        const KeyPolicy e2 = effective(k.id);
        QCOMPARE(e2.graceMs, std::optional<qint64>(3 * kHourMs));
        QCOMPARE(e2.maxUses, std::optional<qint64>(50)); // own maxUses replaced: the key template's again
        QCOMPARE(b().key(k.id)->policyTemplate, QStringLiteral("billing-reader"));
    }

    void overlaidOnFieldByField()
    {
        KeyPolicy base;
        base.ttlMs = 1;
        base.graceMs = 2;
        base.maxUses = 3;
        base.refill = quota("4/day");
        base.rateLimits = rates({"5/s"});
        base.quota = quota("6/day");
        base.permissions = QStringList{"a"};
        base.roles = QStringList{"r"};
        base.allowIps = QStringList{"10.0.0.0/8"};
        base.denyIps = QStringList{"10.1.0.0/16"};
        base.hours = QStringLiteral("09:00-17:00");
        base.days = QStringLiteral("mon-fri");
        base.timeZone = QStringLiteral("UTC");
        base.rotateEveryMs = 30 * kDayMs;
        base.rotationOverlapMs = kDayMs;
        base.renewalRequiresApproval = true;
        // An empty top changes nothing; a full top replaces everything.
        QCOMPARE(KeyPolicy().overlaidOn(base).toJson(), base.toJson());
        QCOMPARE(base.overlaidOn(KeyPolicy()).toJson(), base.toJson());
        KeyPolicy top;
        top.renewalRequiresApproval = false;
        top.permissions = QStringList{};
        const KeyPolicy out = top.overlaidOn(base);
        QCOMPARE(out.renewalRequiresApproval, std::optional<bool>(false)); // false is a value, not "unset"
        QCOMPARE(out.permissions, std::optional(QStringList{}));           // an empty list is a value too
        QCOMPARE(out.maxUses, std::optional<qint64>(3));
        // JSON round trip of every field.
        auto back = KeyPolicy::fromJson(base.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->toJson(), base.toJson());
        QCOMPARE(back->refill, base.refill);
        QCOMPARE(back->rateLimits, base.rateLimits);
    }

    void invalidJsonPolicies_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("bad cidr") << QByteArray(R"({"allowIps": ["10.0.0.0/33"]})")
                                  << QStringList{"10.0.0.0/33", "allow"};
        QTest::newRow("bad v6 cidr") << QByteArray(R"({"denyIps": ["2001:db8::/129"]})")
                                     << QStringList{"2001:db8::/129", "deny"};
        QTest::newRow("not an address") << QByteArray(R"({"allowIps": ["ten.0.0.1"]})") << QStringList{"ten.0.0.1"};
        QTest::newRow("bad zone") << QByteArray(R"({"timeZone": "Mars/Olympus"})")
                                  << QStringList{"Mars/Olympus", "time zone"};
        QTest::newRow("bad duration") << QByteArray(R"({"ttl": "10x"})") << QStringList{"ttl", "10x"};
        QTest::newRow("bad grace") << QByteArray(R"({"grace": "soon"})") << QStringList{"grace"};
        QTest::newRow("duration as number") << QByteArray(R"({"ttl": 90})") << QStringList{"ttl"};
        QTest::newRow("unknown field") << QByteArray(R"({"colour": "red"})") << QStringList{"colour"};
        QTest::newRow("unknown among known") << QByteArray(R"({"ttl": "1d", "maxuses": 3})") << QStringList{"maxuses"};
        QTest::newRow("maxUses as string") << QByteArray(R"({"maxUses": "3"})") << QStringList{"maxUses"};
        QTest::newRow("maxUses fraction") << QByteArray(R"({"maxUses": 1.5})") << QStringList{"maxUses"};
        QTest::newRow("maxUses zero") << QByteArray(R"({"maxUses": 0})") << QStringList{"uses"};
        QTest::newRow("permissions not a list")
            << QByteArray(R"({"permissions": "billing.read"})") << QStringList{"permissions"};
        QTest::newRow("permissions of numbers") << QByteArray(R"({"permissions": [1]})") << QStringList{"permissions"};
        QTest::newRow("bad permission") << QByteArray(R"({"permissions": ["Billing Read"]})")
                                        << QStringList{"Billing Read"};
        QTest::newRow("roles not a list") << QByteArray(R"({"roles": {"a": 1}})") << QStringList{"roles"};
        QTest::newRow("approval as string")
            << QByteArray(R"({"renewalRequiresApproval": "yes"})") << QStringList{"renewalRequiresApproval"};
        QTest::newRow("bad rate limit") << QByteArray(R"({"rateLimits": ["5/x"]})") << QStringList{"rateLimits", "5/x"};
        QTest::newRow("rate limit not a list") << QByteArray(R"({"rateLimits": "5/s"})") << QStringList{"rateLimits"};
        QTest::newRow("bad refill") << QByteArray(R"({"refill": "10/week"})") << QStringList{"refill", "week"};
        QTest::newRow("quota as number") << QByteArray(R"({"quota": 5})") << QStringList{"quota"};
        QTest::newRow("bad hours") << QByteArray(R"({"hours": "25:00-26:00"})") << QStringList{"hours", "25:00"};
        QTest::newRow("hours as number") << QByteArray(R"({"hours": 9})") << QStringList{"hours"};
        QTest::newRow("bad days") << QByteArray(R"({"days": "funday"})") << QStringList{"days", "funday"};
        QTest::newRow("overlap not shorter")
            << QByteArray(R"({"rotateEvery": "1d", "rotationOverlap": "2d"})") << QStringList{"overlap"};
    }
    void invalidJsonPolicies()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, mentions);
        const auto p = KeyPolicy::fromJson(object(json.constData()));
        QVERIFY2(!p.ok(), json.constData());
        QCOMPARE(p.error().code, Error::Code::Invalid);
        for (const QString& m : mentions)
            QVERIFY2(p.errorMessage().contains(m, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("'%1' does not mention '%2'").arg(p.errorMessage(), m)));
        const auto viaText = KeyPolicy::fromJsonText(QString::fromUtf8(json));
        QVERIFY(!viaText.ok());
        QCOMPARE(viaText.errorMessage(), p.errorMessage());
    }

    void invalidJsonText()
    {
        QVERIFY(!KeyPolicy::fromJsonText(QStringLiteral("{not json")).ok());
        QVERIFY(!KeyPolicy::fromJsonText(QStringLiteral("[1, 2]")).ok());
        QVERIFY(KeyPolicy::fromJsonText(QString()).ok()); // empty: no rules
        QVERIFY(KeyPolicy::fromJsonText(QStringLiteral("{}"))->isEmpty());
    }

    void backendRejectsInvalidPolicies()
    {
        KeyPolicy bad;
        bad.allowIps = QStringList{"10.0.0.0/33"};
        const auto k = tryCreate(QStringLiteral("live"), QStringLiteral("k"), bad);
        QVERIFY(!k.ok());
        QCOMPARE(k.error().code, Error::Code::Invalid);
        QVERIFY(k.errorMessage().contains(QLatin1String("10.0.0.0/33")));
        QVERIFY(b().keys({})->isEmpty()); // nothing half-written

        KeyPolicy zone;
        zone.timeZone = QStringLiteral("Mars/Olympus");
        const Status s = b().applyPolicy(project(kProject), std::nullopt, zone);
        QVERIFY(!s.ok());
        QVERIFY(s.errorMessage().contains(QLatin1String("Mars/Olympus")));
        const auto t = b().savePolicyTemplate({QStringLiteral("t"), {}, zone, 0, 0});
        QVERIFY(!t.ok());
        QVERIFY(b().policyTemplates()->isEmpty());

        KeyPolicy uses;
        uses.maxUses = -1;
        QVERIFY(!b().applyPolicy(workspace(), std::nullopt, uses).ok());
        KeyPolicy refill;
        refill.refill = Quota{0, Quota::Period::Day};
        QVERIFY(!b().applyPolicy(workspace(), std::nullopt, refill).ok());
        QVERIFY(audit(QStringLiteral("policy.apply")).isEmpty());

        // Targets that do not exist.
        QCOMPARE(b().applyPolicy(project(QStringLiteral("ghost")), std::nullopt, {}).error().code,
                 Error::Code::NotFound);
        QCOMPARE(b().applyPolicy(environment(kProject, QStringLiteral("ghost")), std::nullopt, {}).error().code,
                 Error::Code::NotFound);
        QCOMPARE(b().applyPolicy(keyTarget(QStringLiteral("key_doesnotexist0000")), std::nullopt, {}).error().code,
                 Error::Code::NotFound);
        // And a key template that does not exist.
        const auto noTemplate = tryCreate(QStringLiteral("live"), QStringLiteral("k2"), {}, QStringLiteral("ghost"));
        QVERIFY(!noTemplate.ok());
        QCOMPARE(noTemplate.error().code, Error::Code::NotFound);
    }

    void roles()
    {
        auto saved = b().saveRole({QStringLiteral("auditor"), {"audit.read", "reports.*"}, 0});
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QVERIFY(b().saveRole({QStringLiteral("billing"), {"billing.*"}, 0}).ok());
        auto list = b().roles();
        QVERIFY(list.ok());
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).name, QStringLiteral("auditor"));
        QCOMPARE(list->at(0).permissions, (QStringList{"audit.read", "reports.*"}));

        // Roles expand into the effective permissions, beside the key's own.
        KeyPolicy p;
        p.roles = QStringList{"auditor"};
        p.permissions = QStringList{"docs.read"};
        const KeyRecord k = create(QStringLiteral("live"), QStringLiteral("k"), p);
        QStringList perms = effective(k.id).permissions.value_or(QStringList());
        perms.sort();
        QCOMPARE(perms, (QStringList{"audit.read", "docs.read", "reports.*"}));

        // Unknown role: an error naming it, at creation and when set later.
        KeyPolicy ghost;
        ghost.roles = QStringList{"ghost-role"};
        const auto bad = tryCreate(QStringLiteral("live"), QStringLiteral("bad"), ghost);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(QLatin1String("ghost-role")), qPrintable(bad.errorMessage()));
        const Status later = b().applyPolicy(keyTarget(k.id), std::nullopt, ghost);
        QVERIFY2(!later.ok(), "a key policy naming an unknown role was accepted");
        QVERIFY(later.errorMessage().contains(QLatin1String("ghost-role")));
        QVERIFY(b().effectivePolicy(k.id).ok()); // and the key keeps working

        // Invalid roles.
        QVERIFY(!b().saveRole({QStringLiteral("empty"), {}, 0}).ok());
        const auto badPerm = b().saveRole({QStringLiteral("x"), {"Not Valid"}, 0});
        QVERIFY(!badPerm.ok());
        QVERIFY(badPerm.errorMessage().contains(QLatin1String("Not Valid")));
        QVERIFY(!b().saveRole({QStringLiteral("bad name"), {"a"}, 0}).ok());
        QCOMPARE(b().roles()->size(), 2);
    }

    void unknownRoleOnScopeIsRejected()
    {
        KeyPolicy ghost;
        ghost.roles = QStringList{"ghost-role"};
        const Status s = b().applyPolicy(project(kProject), std::nullopt, ghost);
        QVERIFY2(!s.ok(), "a project policy naming an unknown role was accepted");
        QVERIFY(s.errorMessage().contains(QLatin1String("ghost-role")));
    }

    void policyChangesAreAudited()
    {
        KeyPolicy p;
        p.ttlMs = 90 * kDayMs;
        QVERIFY(b().savePolicyTemplate({QStringLiteral("prod-90d"), QStringLiteral("d"), p, 0, 0}).ok());
        QVERIFY(b().savePolicyTemplate({QStringLiteral("prod-90d"), QStringLiteral("d2"), p, 0, 0}).ok());
        QVERIFY(b().applyPolicy(project(kProject), QStringLiteral("prod-90d"), {}).ok());
        KeyPolicy envPolicy;
        envPolicy.graceMs = kHourMs;
        QVERIFY(b().applyPolicy(environment(kProject, QStringLiteral("live")), std::nullopt, envPolicy).ok());
        QVERIFY(b().saveRole({QStringLiteral("reader"), {"docs.read"}, 0}).ok());
        QVERIFY(b().setServicePrice(kProject, QStringLiteral("search"), 100).ok());

        const auto created = audit(QStringLiteral("policy.template.create"));
        QCOMPARE(created.size(), 1);
        QCOMPARE(created[0].target, QStringLiteral("prod-90d"));
        QCOMPARE(created[0].actor, QStringLiteral("test:admin"));
        QCOMPARE(created[0].details.value("policy").toObject().value("ttl").toString(), QStringLiteral("90d"));
        QCOMPARE(audit(QStringLiteral("policy.template.update")).size(), 1);

        const auto applied = audit(QStringLiteral("policy.apply"));
        QCOMPARE(applied.size(), 2);
        QCOMPARE(applied[0].target, kProject);
        QCOMPARE(applied[0].details.value("template").toString(), QStringLiteral("prod-90d"));
        QCOMPARE(applied[1].target, kProject + QStringLiteral("/live"));
        QCOMPARE(applied[1].details.value("policy").toObject().value("grace").toString(), QStringLiteral("1h"));

        const auto role = audit(QStringLiteral("role.save"));
        QCOMPARE(role.size(), 1);
        QCOMPARE(role[0].target, QStringLiteral("reader"));
        QCOMPARE(role[0].details.value("permissions").toArray().size(), 1);

        QCOMPARE(audit(QStringLiteral("service.price")).size(), 1);
        const auto verified = b().verifyAudit();
        QVERIFY(verified.ok());
        QVERIFY(verified->intact);
    }

    void keyPolicyOnRevokedKeyIsRefused()
    {
        const KeyRecord k = create(QStringLiteral("live"), QStringLiteral("k"));
        QVERIFY(b().revokeKeys({{k.id}, false, QStringLiteral("gone"), {}}).ok());
        KeyPolicy p;
        p.maxUses = 1;
        const Status s = b().applyPolicy(keyTarget(k.id), std::nullopt, p);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);
    }
};

QTEST_GUILESS_MAIN(TestPolicies)
#include "tst_policies.moc"
