// The life of keys in a local vault: organisation (teams, projects, environments, services), issuing,
// listing and filtering, suspend/resume, expiry on a test clock, service restrictions, single, batch and
// cascading revocation with its plan, recoverable secrets, signals, and the audit entry every change leaves.

#include "crypto/KeyFormat.h"
#include "storage/LocalVault.h"

#include "TestSupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace kw;

// QCOMPARE would find kw::toString (which returns a QString) by argument-dependent lookup for these enums and
// fail to compile, so states are compared by their stable spellings, which also reads well in a failure.
#define KW_COMPARE_STATE(actual, expected) QCOMPARE(kw::toString(actual), kw::toString(expected))

namespace {

const QString kActor = QStringLiteral("test:admin");

QByteArray text(const SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

SecureBytes secretOf(const QByteArray& s)
{
    return SecureBytes(s.constData(), std::size_t(s.size()));
}

KeySpec spec(const QString& project, const QString& env, const QString& name)
{
    KeySpec s;
    s.project = project;
    s.environment = env;
    s.name = name;
    return s;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

// A created key with its secret kept as plain bytes for the test's convenience.
struct Issued {
    KeyRecord key;
    QByteArray secret;
};

} // namespace

class TestLifecycle : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }

    Issued create(const KeySpec& s)
    {
        auto k = b().createKey(s);
        if (!k)
            qFatal("createKey(%s) failed: %s", qPrintable(s.name), qPrintable(k.errorMessage()));
        return {k->key, text(k->secret)};
    }
    Issued create(const QString& project, const QString& env, const QString& name)
    {
        return create(spec(project, env, name));
    }
    VerifyCode verify(const QByteArray& secret, const VerifyContext& ctx = {})
    {
        auto r = b().verifyKey(secretOf(secret), ctx);
        if (!r)
            qFatal("verifyKey failed: %s", qPrintable(r.errorMessage()));
        return r->code;
    }
    QList<AuditEntry> audit()
    {
        AuditQuery q;
        q.limit = 0;
        auto e = b().auditEntries(q);
        if (!e)
            qFatal("auditEntries failed: %s", qPrintable(e.errorMessage()));
        return *e;
    }
    QStringList ids(const KeyFilter& f)
    {
        auto l = b().keys(f);
        if (!l)
            qFatal("keys failed: %s", qPrintable(l.errorMessage()));
        QStringList out;
        for (const auto& k : *l)
            out << k.id;
        out.sort();
        return out;
    }
    void project(const QString& name, const QString& team = {}, const QString& prefix = {})
    {
        auto p = b().createProject({name, team, prefix});
        if (!p)
            qFatal("createProject failed: %s", qPrintable(p.errorMessage()));
    }

private slots:
    void init();
    void cleanup();

    void teamsAndProjects();
    void environments();
    void invalidNames_data();
    void invalidNames();
    void servicesAreCreatedOncePerProject();
    void keyCreationCreatesEnvironmentAndPrefix();
    void customProjectPrefix();
    void createKeyErrors();
    void failedCreationLeavesNothingBehind();
    void listAndFilter();
    void showByIdAndDisplayId();
    void mistypedSecretIsNotEchoed();
    void suspendAndResume();
    void statusChangesNeedAReason();
    void revokeIsFinal();
    void expiryFollowsTheClock();
    void serviceRestriction();
    void verifyUnknownAndMalformed();
    void batchRevoke();
    void cascadingRevokeOverHierarchy();
    void nonCascadeRevokeTouchesOnlyNamedKey();
    void revokeResolvesDisplayIdsAndDeduplicates();
    void revealSecretOnlyForRecoverableKeys();
    void everyMutationIsAudited();
    void signalsAnnounceChanges();
};

void TestLifecycle::init()
{
    tv = std::make_unique<kwtest::TempVault>();
    QVERIFY(tv->ok());
}

void TestLifecycle::cleanup()
{
    tv.reset();
}

void TestLifecycle::teamsAndProjects()
{
    auto t = b().createTeam(QStringLiteral("platform"));
    QVERIFY2(t, qPrintable(t.errorMessage()));
    QCOMPARE(t->name, QStringLiteral("platform"));
    auto dupTeam = b().createTeam(QStringLiteral("platform"));
    QVERIFY(!dupTeam);
    QCOMPARE(dupTeam.error().code, Error::Code::Conflict);
    QVERIFY(dupTeam.errorMessage().contains(QLatin1String("platform")));

    auto p = b().createProject({QStringLiteral("shop"), QStringLiteral("platform"), {}});
    QVERIFY2(p, qPrintable(p.errorMessage()));
    QCOMPARE(p->keyPrefix, QStringLiteral("kw"));
    QCOMPARE(p->team, QStringLiteral("platform"));
    // A project's unknown team is created with it.
    QVERIFY(b().createProject({QStringLiteral("ledger"), QStringLiteral("finance"), {}}));
    QVERIFY(b().createProject({QStringLiteral("solo"), {}, {}}));

    auto dup = b().createProject({QStringLiteral("shop"), {}, {}});
    QVERIFY(!dup);
    QCOMPARE(dup.error().code, Error::Code::Conflict);
    QVERIFY(dup.errorMessage().contains(QLatin1String("shop")));

    QStringList teamNames;
    const QList<Team> teams = b().teams().value();
    for (const auto& team : teams)
        teamNames << team.name;
    QCOMPARE(teamNames, (QStringList{"finance", "platform"}));
    QStringList projects;
    const QList<Project> projectList = b().projects().value();
    for (const auto& pr : projectList)
        projects << pr.name + u'/' + pr.team;
    QCOMPARE(projects, (QStringList{"ledger/finance", "shop/platform", "solo/"}));
}

void TestLifecycle::environments()
{
    project(QStringLiteral("shop"));
    auto e = b().createEnvironment(QStringLiteral("shop"), QStringLiteral("staging"));
    QVERIFY2(e, qPrintable(e.errorMessage()));
    QCOMPARE(e->keyPrefix, QStringLiteral("kw_staging_"));
    auto custom = b().createEnvironment(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("shoplive"));
    QVERIFY2(custom, qPrintable(custom.errorMessage()));
    QCOMPARE(custom->keyPrefix, QStringLiteral("shoplive_"));

    auto dup = b().createEnvironment(QStringLiteral("shop"), QStringLiteral("staging"));
    QVERIFY(!dup);
    QCOMPARE(dup.error().code, Error::Code::Conflict);
    auto noProject = b().createEnvironment(QStringLiteral("nope"), QStringLiteral("live"));
    QVERIFY(!noProject);
    QCOMPARE(noProject.error().code, Error::Code::NotFound);
    QVERIFY(noProject.errorMessage().contains(QLatin1String("nope")));
    auto badPrefix = b().createEnvironment(QStringLiteral("shop"), QStringLiteral("dev"), QStringLiteral("Dev"));
    QVERIFY(!badPrefix);
    QCOMPARE(badPrefix.error().code, Error::Code::Invalid);

    QStringList names;
    const QList<Environment> envs = b().environments(QStringLiteral("shop")).value();
    for (const auto& env : envs)
        names << env.name;
    QCOMPARE(names, (QStringList{"live", "staging"}));
    // The same name in another project is another environment.
    project(QStringLiteral("blog"));
    QVERIFY(b().createEnvironment(QStringLiteral("blog"), QStringLiteral("staging")));

    // Keys in an environment with its own prefix use it.
    const Issued k = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    QVERIFY(k.secret.startsWith("shoplive_"));
}

void TestLifecycle::invalidNames_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("name");
    QTest::newRow("team empty") << "team"
                                << "";
    QTest::newRow("team space") << "team"
                                << "two words";
    QTest::newRow("team leading dash") << "team"
                                       << "-x";
    QTest::newRow("team too long") << "team" << QString(65, u'a');
    QTest::newRow("project slash") << "project"
                                   << "a/b";
    QTest::newRow("project empty") << "project"
                                   << "";
    QTest::newRow("project unicode") << "project" << QStringLiteral("caf\u00e9");
    QTest::newRow("project prefix uppercase") << "prefix"
                                              << "Acme";
    QTest::newRow("project prefix digit first") << "prefix"
                                                << "1acme";
    QTest::newRow("project prefix dash") << "prefix"
                                         << "ac-me";
    QTest::newRow("project prefix too long") << "prefix" << QString(30, u'a');
    QTest::newRow("env uppercase") << "env"
                                   << "Live";
    QTest::newRow("env underscore") << "env"
                                    << "pre_prod";
    QTest::newRow("env empty") << "env"
                               << "";
    QTest::newRow("env too long") << "env" << QString(33, u'e');
    QTest::newRow("service uppercase") << "service"
                                       << "Billing";
    QTest::newRow("service space") << "service"
                                   << "bill ing";
    QTest::newRow("key name empty") << "key"
                                    << "";
    QTest::newRow("key name blank") << "key"
                                    << "   ";
    QTest::newRow("key name control char") << "key"
                                           << "line\nbreak";
    QTest::newRow("key name too long") << "key" << QString(201, u'n');
}

void TestLifecycle::invalidNames()
{
    QFETCH(QString, what);
    QFETCH(QString, name);
    project(QStringLiteral("shop"));
    const int auditBefore = int(audit().size());
    Error::Code code = Error::Code::Internal;
    QString message;
    auto take = [&](const auto& r) {
        QVERIFY(!r);
        code = r.error().code;
        message = r.errorMessage();
    };
    if (what == u"team") {
        take(b().createTeam(name));
    } else if (what == u"project") {
        take(b().createProject({name, {}, {}}));
    } else if (what == u"prefix") {
        take(b().createProject({QStringLiteral("p2"), {}, name}));
    } else if (what == u"env") {
        take(b().createEnvironment(QStringLiteral("shop"), name));
        take(b().createKey(spec(QStringLiteral("shop"), name, QStringLiteral("k"))));
    } else if (what == u"service") {
        KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
        s.services = {name};
        take(b().createKey(s));
    } else {
        take(b().createKey(spec(QStringLiteral("shop"), QStringLiteral("live"), name)));
    }
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(code, Error::Code::Invalid);
    QVERIFY(!message.isEmpty());
    QCOMPARE(int(audit().size()), auditBefore); // nothing happened
    QVERIFY(ids({}).isEmpty());
}

void TestLifecycle::servicesAreCreatedOncePerProject()
{
    project(QStringLiteral("shop"));
    project(QStringLiteral("blog"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("a"));
    s.services = {QStringLiteral("billing"), QStringLiteral("search"), QStringLiteral("billing")};
    const Issued a = create(s);
    QCOMPARE(a.key.services, (QStringList{"billing", "search"}));
    s.name = QStringLiteral("b");
    s.services = {QStringLiteral("billing")};
    create(s);
    s.project = QStringLiteral("blog");
    create(s);

    QStringList serviceCreations;
    for (const auto& e : audit())
        if (e.action == u"service.create")
            serviceCreations << e.target;
    // billing once per project, search once.
    QCOMPARE(sorted(serviceCreations), (QStringList{"billing", "billing", "search"}));
}

void TestLifecycle::keyCreationCreatesEnvironmentAndPrefix()
{
    project(QStringLiteral("shop"));
    QVERIFY(b().environments(QStringLiteral("shop"))->isEmpty());
    tv->clock().setNowMs(1'800'000'000'000);

    auto issued = b().createKey(spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("checkout")));
    QVERIFY2(issued, qPrintable(issued.errorMessage()));
    const QByteArray secret = text(issued->secret);
    QVERIFY(secret.startsWith("kw_live_"));
    QVERIFY(KeyFormat::isWellFormed(secret));
    const KeyRecord& k = issued->key;
    QVERIFY(k.id.startsWith(QLatin1String("key_")));
    QCOMPARE(k.displayId, KeyFormat::displayIdOf(secret));
    QCOMPARE(k.name, QStringLiteral("checkout"));
    QCOMPARE(k.project, QStringLiteral("shop"));
    QCOMPARE(k.environment, QStringLiteral("live"));
    KW_COMPARE_STATE(k.status, KeyStatus::Active);
    QCOMPARE(k.createdAt, qint64(1'800'000'000'000));
    QCOMPARE(k.expiresAt, qint64(0));
    QVERIFY(!k.recoverable);

    const auto envs = b().environments(QStringLiteral("shop")).value();
    QCOMPARE(envs.size(), 1);
    QCOMPARE(envs[0].name, QStringLiteral("live"));
    QCOMPARE(envs[0].keyPrefix, QStringLiteral("kw_live_"));

    // '-' is dropped from the prefix, the environment keeps its name.
    const Issued pre = create(QStringLiteral("shop"), QStringLiteral("pre-prod"), QStringLiteral("x"));
    QVERIFY2(pre.secret.startsWith("kw_preprod_"), pre.secret.left(12).constData());
    QCOMPARE(pre.key.environment, QStringLiteral("pre-prod"));

    // The second key in an environment reuses it.
    create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("second"));
    QCOMPARE(b().environments(QStringLiteral("shop"))->size(), 2);
    KW_COMPARE_STATE(verify(secret), VerifyCode::Valid);
}

void TestLifecycle::customProjectPrefix()
{
    auto p = b().createProject({QStringLiteral("acme"), {}, QStringLiteral("acme")});
    QVERIFY2(p, qPrintable(p.errorMessage()));
    QCOMPARE(p->keyPrefix, QStringLiteral("acme"));
    QVERIFY(
        create(QStringLiteral("acme"), QStringLiteral("live"), QStringLiteral("k")).secret.startsWith("acme_live_"));
    QVERIFY(
        create(QStringLiteral("acme"), QStringLiteral("test"), QStringLiteral("k")).secret.startsWith("acme_test_"));

    // Trailing underscores are normalised away rather than doubled.
    auto q = b().createProject({QStringLiteral("beta"), {}, QStringLiteral("bx_")});
    QVERIFY(q);
    QCOMPARE(q->keyPrefix, QStringLiteral("bx"));
    QVERIFY(create(QStringLiteral("beta"), QStringLiteral("dev"), QStringLiteral("k")).secret.startsWith("bx_dev_"));
}

void TestLifecycle::createKeyErrors()
{
    auto noProject = b().createKey(spec(QStringLiteral("ghost"), QStringLiteral("live"), QStringLiteral("k")));
    QVERIFY(!noProject);
    QCOMPARE(noProject.error().code, Error::Code::NotFound);
    QVERIFY(noProject.errorMessage().contains(QLatin1String("ghost")));

    project(QStringLiteral("shop"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    s.parentId = QStringLiteral("key_doesnotexist");
    auto noParent = b().createKey(s);
    QVERIFY(!noParent);
    QCOMPARE(noParent.error().code, Error::Code::NotFound);
    QVERIFY(noParent.errorMessage().contains(QLatin1String("Parent")));

    s.parentId.clear();
    s.dependsOn = {QStringLiteral("key_missing")};
    auto noDep = b().createKey(s);
    QVERIFY(!noDep);
    QCOMPARE(noDep.error().code, Error::Code::NotFound);
    QVERIFY(noDep.errorMessage().contains(QLatin1String("Dependency")));

    s.dependsOn.clear();
    s.expiresInMs = -1;
    QCOMPARE(b().createKey(s).error().code, Error::Code::Invalid);
    s.expiresInMs = 0;
    s.tags = {QStringLiteral("ok"), QStringLiteral("  ")};
    QCOMPARE(b().createKey(s).error().code, Error::Code::Invalid);
    s.tags.clear();

    // A parent that is revoked cannot get new children.
    const Issued parent = create(s);
    QVERIFY(b().revokeKeys({{parent.key.id}, false, QStringLiteral("leak"), {}}));
    s.parentId = parent.key.id;
    s.name = QStringLiteral("child");
    auto revokedParent = b().createKey(s);
    QVERIFY(!revokedParent);
    QCOMPARE(revokedParent.error().code, Error::Code::Conflict);

    // Passing a full secret where a key id belongs is refused without echoing the secret.
    const Issued other = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("other"));
    s.parentId = QString::fromLatin1(other.secret);
    auto secretAsId = b().createKey(s);
    QVERIFY(!secretAsId);
    QCOMPARE(secretAsId.error().code, Error::Code::Invalid);
    QVERIFY(!secretAsId.errorMessage().contains(QString::fromLatin1(other.secret)));
}

void TestLifecycle::failedCreationLeavesNothingBehind()
{
    project(QStringLiteral("shop"));
    const qsizetype auditBefore = audit().size();
    // The environment would be created first, then the service name fails: all of it must roll back.
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("brand-new"), QStringLiteral("k"));
    s.services = {QStringLiteral("ok-service"), QStringLiteral("Not OK")};
    auto r = b().createKey(s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Invalid);
    QVERIFY(b().environments(QStringLiteral("shop"))->isEmpty());
    QCOMPARE(audit().size(), auditBefore);
    QVERIFY(ids({}).isEmpty());
    QVERIFY(b().verifyAudit()->intact);
}

void TestLifecycle::listAndFilter()
{
    project(QStringLiteral("shop"));
    project(QStringLiteral("blog"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("Checkout API"));
    s.owner = QStringLiteral("alice@example.com");
    s.tags = {QStringLiteral("pci"), QStringLiteral("100%_real")};
    const Issued checkout = create(s);
    const Issued search = create(QStringLiteral("shop"), QStringLiteral("test"), QStringLiteral("Search"));
    KeySpec exp = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("Short lived"));
    exp.expiresInMs = 3'600'000;
    const Issued shortLived = create(exp);
    const Issued blogKey = create(QStringLiteral("blog"), QStringLiteral("live"), QStringLiteral("Comments"));
    const Issued suspended = create(QStringLiteral("blog"), QStringLiteral("test"), QStringLiteral("Old"));
    QVERIFY(b().suspendKey(suspended.key.id, QStringLiteral("unused")));
    const Issued revoked = create(QStringLiteral("blog"), QStringLiteral("live"), QStringLiteral("Leaked"));
    QVERIFY(b().revokeKeys({{revoked.key.id}, false, QStringLiteral("leak"), {}}));

    auto idsOf = [](std::initializer_list<const Issued*> l) {
        QStringList out;
        for (const Issued* i : l)
            out << i->key.id;
        out.sort();
        return out;
    };
    QCOMPARE(ids({}).size(), 6);
    KeyFilter f;
    f.project = QStringLiteral("shop");
    QCOMPARE(ids(f), idsOf({&checkout, &search, &shortLived}));
    f.environment = QStringLiteral("live");
    QCOMPARE(ids(f), idsOf({&checkout, &shortLived}));
    f = {};
    f.environment = QStringLiteral("live");
    QCOMPARE(ids(f), idsOf({&checkout, &shortLived, &blogKey, &revoked}));

    f = {};
    f.status = KeyStatus::Active;
    QCOMPARE(ids(f), idsOf({&checkout, &search, &shortLived, &blogKey}));
    f.status = KeyStatus::Suspended;
    QCOMPARE(ids(f), idsOf({&suspended}));
    f.status = KeyStatus::Revoked;
    QCOMPARE(ids(f), idsOf({&revoked}));
    f.status = KeyStatus::Expired;
    QVERIFY(ids(f).isEmpty());

    // An hour later the short-lived key has left "active" for "expired" without any write.
    tv->clock().advanceMs(3'600'000);
    QCOMPARE(ids(f), idsOf({&shortLived}));
    f.status = KeyStatus::Active;
    QCOMPARE(ids(f), idsOf({&checkout, &search, &blogKey}));
    f.project = QStringLiteral("shop");
    QCOMPARE(ids(f), idsOf({&checkout, &search}));

    // Text search: name (case-insensitive), owner, tag, display id; LIKE wildcards are literal.
    f = {};
    f.text = QStringLiteral("checkout");
    QCOMPARE(ids(f), idsOf({&checkout}));
    f.text = QStringLiteral("alice@");
    QCOMPARE(ids(f), idsOf({&checkout}));
    f.text = QStringLiteral("pci");
    QCOMPARE(ids(f), idsOf({&checkout}));
    f.text = QStringLiteral("100%_");
    QCOMPARE(ids(f), idsOf({&checkout}));
    f.text = QStringLiteral("%");
    QCOMPARE(ids(f), idsOf({&checkout}));
    f.text = search.key.displayId;
    QCOMPARE(ids(f), idsOf({&search}));
    f.text = search.key.id;
    QCOMPARE(ids(f), idsOf({&search}));
    f.text = QStringLiteral("no such thing");
    QVERIFY(ids(f).isEmpty());
    // The secret is not searchable: it is not stored.
    f.text = QString::fromLatin1(checkout.secret.mid(checkout.key.displayId.size(), 20));
    QVERIFY(ids(f).isEmpty());

    // Paging.
    f = {};
    f.limit = 4;
    const QStringList page1 = ids(f);
    f.offset = 4;
    const QStringList page2 = ids(f);
    QCOMPARE(page1.size(), 4);
    QCOMPARE(page2.size(), 2);
    QCOMPARE(sorted(page1 + page2), ids({}));
}

void TestLifecycle::showByIdAndDisplayId()
{
    project(QStringLiteral("shop"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    s.owner = QStringLiteral("ops");
    s.metadata = QJsonObject{{"ticket", "SEC-12"}};
    const Issued k = create(s);
    auto byId = b().key(k.key.id);
    auto byDisplay = b().key(k.key.displayId);
    QVERIFY(byId && byDisplay);
    QCOMPARE(byId->id, k.key.id);
    QCOMPARE(byDisplay->id, k.key.id);
    QCOMPARE(byId->owner, QStringLiteral("ops"));
    QCOMPARE(byId->metadata.value("ticket").toString(), QStringLiteral("SEC-12"));

    auto missing = b().key(QStringLiteral("key_nothere"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, Error::Code::NotFound);
    QCOMPARE(b().key(QStringLiteral("kw_live_nothere")).error().code, Error::Code::NotFound);
    QCOMPARE(b().key(QString()).error().code, Error::Code::Invalid);

    auto bySecret = b().key(QString::fromLatin1(k.secret));
    QVERIFY(!bySecret);
    QCOMPARE(bySecret.error().code, Error::Code::Invalid);
    QVERIFY(!bySecret.errorMessage().contains(QString::fromLatin1(k.secret)));
    QVERIFY(bySecret.errorMessage().contains(QLatin1String("secret")));
}

void TestLifecycle::mistypedSecretIsNotEchoed()
{
    // Someone pastes a secret with a typo where a key id belongs. The checksum makes a one-character typo
    // trivial to correct, so the string is as sensitive as the secret: errors (which end up on terminals and
    // in CI logs) must not repeat it.
    project(QStringLiteral("shop"));
    const Issued k = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    QByteArray typo = k.secret;
    typo[30] = typo[30] == 'Z' ? 'Y' : 'Z';
    const QString body = QString::fromLatin1(typo.mid(k.key.displayId.size(), 20));
    for (const QByteArray& ref : {typo, k.secret.left(k.secret.size() - 1)}) {
        auto r = b().key(QString::fromLatin1(ref));
        QVERIFY(!r);
        QVERIFY2(!r.errorMessage().contains(body), qPrintable(r.errorMessage()));
        auto plan = b().planRevocation({QString::fromLatin1(ref)}, false);
        QVERIFY(!plan);
        QVERIFY2(!plan.errorMessage().contains(body), qPrintable(plan.errorMessage()));
    }
}

void TestLifecycle::suspendAndResume()
{
    project(QStringLiteral("shop"));
    const Issued k = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    tv->clock().advanceSecs(10);
    auto s = b().suspendKey(k.key.displayId, QStringLiteral("  suspicious traffic  "));
    QVERIFY2(s, qPrintable(s.errorMessage()));
    KW_COMPARE_STATE(s->status, KeyStatus::Suspended);
    QCOMPARE(s->statusReason, QStringLiteral("suspicious traffic"));
    QCOMPARE(s->statusChangedAt, tv->clock().nowMs());
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Suspended);
    auto r = b().verifyKey(secretOf(k.secret), {});
    QVERIFY(!r->valid);
    QCOMPARE(r->keyId, k.key.id);

    auto again = b().suspendKey(k.key.id, QStringLiteral("again"));
    QVERIFY(!again);
    QCOMPARE(again.error().code, Error::Code::Conflict);

    auto resumed = b().resumeKey(k.key.id, QStringLiteral("false alarm"));
    QVERIFY2(resumed, qPrintable(resumed.errorMessage()));
    KW_COMPARE_STATE(resumed->status, KeyStatus::Active);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Valid);

    auto resumeActive = b().resumeKey(k.key.id, QStringLiteral("why"));
    QVERIFY(!resumeActive);
    QCOMPARE(resumeActive.error().code, Error::Code::Conflict);
    QVERIFY(resumeActive.errorMessage().contains(QLatin1String("not suspended")));
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Valid);

    auto unknown = b().suspendKey(QStringLiteral("key_unknown"), QStringLiteral("x"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, Error::Code::NotFound);
}

void TestLifecycle::statusChangesNeedAReason()
{
    project(QStringLiteral("shop"));
    const Issued k = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    const qsizetype auditBefore = audit().size();
    for (const QString& reason : {QString(), QStringLiteral("   ")}) {
        auto s = b().suspendKey(k.key.id, reason);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::Invalid);
        QVERIFY(s.errorMessage().contains(QLatin1String("reason")));
        auto rv = b().revokeKeys({{k.key.id}, false, reason, QStringLiteral("INC-1")});
        QVERIFY(!rv);
        QCOMPARE(rv.error().code, Error::Code::Invalid);
        QVERIFY(rv.errorMessage().contains(QLatin1String("reason")));
    }
    QVERIFY(b().suspendKey(k.key.id, QStringLiteral("ok")));
    QCOMPARE(b().resumeKey(k.key.id, QString()).error().code, Error::Code::Invalid);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Suspended);
    QCOMPARE(audit().size(), auditBefore + 1);
}

void TestLifecycle::revokeIsFinal()
{
    project(QStringLiteral("shop"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    s.recoverable = true;
    const Issued k = create(s);
    QSignalSpy revokedSpy(&b(), &Backend::keysRevoked);
    auto plan = b().revokeKeys({{k.key.id}, false, QStringLiteral("posted on a forum"), QStringLiteral("INC-7")});
    QVERIFY2(plan, qPrintable(plan.errorMessage()));
    QVERIFY(plan->executed);
    QCOMPARE(plan->keyIds(), QStringList{k.key.id});
    QCOMPARE(revokedSpy.size(), 1);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Revoked);
    const KeyRecord rec = b().key(k.key.id).value();
    KW_COMPARE_STATE(rec.status, KeyStatus::Revoked);
    QCOMPARE(rec.statusReason, QStringLiteral("posted on a forum"));
    QCOMPARE(rec.incidentId, QStringLiteral("INC-7"));

    QCOMPARE(b().resumeKey(k.key.id, QStringLiteral("undo")).error().code, Error::Code::Conflict);
    QCOMPARE(b().suspendKey(k.key.id, QStringLiteral("x")).error().code, Error::Code::Conflict);
    QVERIFY(b().resumeKey(k.key.id, QStringLiteral("undo")).errorMessage().contains(QLatin1String("final")));
    QCOMPARE(b().revealSecret(k.key.id).error().code, Error::Code::Conflict);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Revoked);

    // Revoking again changes nothing and announces nothing.
    const qsizetype auditBefore = audit().size();
    auto again = b().revokeKeys({{k.key.id}, false, QStringLiteral("again"), {}});
    QVERIFY(again);
    QCOMPARE(again->toRevokeCount(), 0);
    QVERIFY(again->entries.at(0).alreadyRevoked);
    QCOMPARE(audit().size(), auditBefore);
    QCOMPARE(revokedSpy.size(), 1);
    QCOMPARE(b().key(k.key.id)->statusReason, QStringLiteral("posted on a forum"));
}

void TestLifecycle::expiryFollowsTheClock()
{
    project(QStringLiteral("shop"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    s.expiresInMs = 30LL * 86'400'000;
    const qint64 created = tv->clock().nowMs();
    const Issued k = create(s);
    QCOMPARE(k.key.expiresAt, created + s.expiresInMs);

    tv->clock().advanceDays(29);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Valid);
    tv->clock().setNowMs(k.key.expiresAt - 1);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Valid);
    tv->clock().setNowMs(k.key.expiresAt);
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Expired);
    tv->clock().advanceDays(365);
    auto r = b().verifyKey(secretOf(k.secret), {});
    KW_COMPARE_STATE(r->code, VerifyCode::Expired);
    QVERIFY(!r->valid);
    QCOMPARE(r->expiresAt, k.key.expiresAt);
    KW_COMPARE_STATE(b().key(k.key.id)->effectiveStatus(tv->clock().nowMs()), KeyStatus::Expired);

    // A verification may ask about another moment.
    VerifyContext earlier;
    earlier.timeMs = created + 1000;
    KW_COMPARE_STATE(verify(k.secret, earlier), VerifyCode::Valid);

    // Revocation outranks expiry; suspension too.
    QVERIFY(b().revokeKeys({{k.key.id}, false, QStringLiteral("cleanup"), {}}));
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Revoked);
}

void TestLifecycle::serviceRestriction()
{
    project(QStringLiteral("shop"));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("restricted"));
    s.services = {QStringLiteral("billing"), QStringLiteral("search")};
    const Issued restricted = create(s);
    const Issued open = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("open"));

    VerifyContext billing, email;
    billing.service = QStringLiteral("billing");
    email.service = QStringLiteral("email");
    KW_COMPARE_STATE(verify(restricted.secret, billing), VerifyCode::Valid);
    KW_COMPARE_STATE(verify(restricted.secret, email), VerifyCode::WrongService);
    QVERIFY(!b().verifyKey(secretOf(restricted.secret), email)->valid);
    // A restricted key presented without naming a service is not waved through.
    KW_COMPARE_STATE(verify(restricted.secret), VerifyCode::WrongService);
    KW_COMPARE_STATE(verify(open.secret, email), VerifyCode::Valid);

    // State checks come first: a suspended key is SUSPENDED even for the wrong service.
    QVERIFY(b().suspendKey(restricted.key.id, QStringLiteral("x")));
    KW_COMPARE_STATE(verify(restricted.secret, email), VerifyCode::Suspended);
}

void TestLifecycle::verifyUnknownAndMalformed()
{
    project(QStringLiteral("shop"));
    const Issued k = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k"));
    auto stranger = KeyFormat::generate(u"kw_live_");
    QVERIFY(stranger);
    auto r = b().verifyKey(*stranger, {});
    QVERIFY(r);
    KW_COMPARE_STATE(r->code, VerifyCode::NotFound);
    QVERIFY(!r->valid);
    QVERIFY(r->keyId.isEmpty());

    QByteArray typo = k.secret;
    typo[20] = typo[20] == 'A' ? 'B' : 'A';
    for (const QByteArray& bad : {typo, k.secret.left(k.secret.size() - 1), QByteArray("hello"), QByteArray()}) {
        auto m = b().verifyKey(secretOf(bad), {});
        QVERIFY(m);
        KW_COMPARE_STATE(m->code, VerifyCode::Malformed);
        QVERIFY(!m->valid);
        QVERIFY(!m->message.isEmpty());
        if (!bad.isEmpty())
            QVERIFY(!m->message.contains(QString::fromLatin1(bad)));
    }
    KW_COMPARE_STATE(verify(k.secret), VerifyCode::Valid);
}

void TestLifecycle::batchRevoke()
{
    project(QStringLiteral("shop"));
    QList<Issued> batch;
    for (int i = 0; i < 4; ++i)
        batch << create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("k%1").arg(i));
    const Issued keep = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("keep"));

    QSignalSpy revokedSpy(&b(), &Backend::keysRevoked);
    QStringList refs{batch[0].key.id, batch[1].key.displayId, batch[2].key.id, batch[3].key.id};
    auto plan = b().revokeKeys({refs, false, QStringLiteral("offboarding"), QStringLiteral("INC-9")});
    QVERIFY2(plan, qPrintable(plan.errorMessage()));
    QCOMPARE(plan->toRevokeCount(), 4);
    QStringList expected;
    for (const auto& i : batch) {
        KW_COMPARE_STATE(verify(i.secret), VerifyCode::Revoked);
        expected << i.key.id;
    }
    KW_COMPARE_STATE(verify(keep.secret), VerifyCode::Valid);
    QCOMPARE(revokedSpy.size(), 1);
    QCOMPARE(sorted(revokedSpy.at(0).at(0).toStringList()), sorted(expected));

    int revokeEntries = 0;
    for (const auto& e : audit()) {
        if (e.action != u"key.revoke")
            continue;
        ++revokeEntries;
        QVERIFY(expected.contains(e.target));
        QCOMPARE(e.reason, QStringLiteral("offboarding"));
        QCOMPARE(e.incident, QStringLiteral("INC-9"));
    }
    QCOMPARE(revokeEntries, 4);
}

void TestLifecycle::cascadingRevokeOverHierarchy()
{
    project(QStringLiteral("shop"));
    project(QStringLiteral("partner"));
    const Issued root = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("root"));
    KeySpec cs = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("child"));
    cs.parentId = root.key.id;
    const Issued child = create(cs);
    KeySpec gs = spec(QStringLiteral("shop"), QStringLiteral("test"), QStringLiteral("grandchild"));
    gs.parentId = child.key.displayId; // by display id
    const Issued grandchild = create(gs);
    KeySpec ds = spec(QStringLiteral("partner"), QStringLiteral("live"), QStringLiteral("integration"));
    ds.dependsOn = {child.key.id};
    const Issued dependent = create(ds);
    const Issued unrelated = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("unrelated"));
    KeySpec us = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("unrelated child"));
    us.parentId = unrelated.key.id;
    const Issued unrelatedChild = create(us);

    QCOMPARE(grandchild.key.parentId, child.key.id);
    QCOMPARE(dependent.key.dependsOn, QStringList{child.key.id});

    // The plan shows the whole blast radius and why each key is in it, before anything changes.
    const qsizetype auditBefore = audit().size();
    auto plan = b().planRevocation({root.key.id}, true);
    QVERIFY2(plan, qPrintable(plan.errorMessage()));
    QVERIFY(!plan->executed);
    QHash<QString, QString> relation;
    for (const auto& e : plan->entries) {
        relation.insert(e.keyId, e.relation);
        QVERIFY(!e.alreadyRevoked);
        QVERIFY(!e.displayId.isEmpty());
    }
    QCOMPARE(plan->entries.size(), 4);
    QCOMPARE(relation.value(root.key.id), QStringLiteral("selected"));
    QCOMPARE(relation.value(child.key.id), QStringLiteral("child of %1").arg(root.key.id));
    QCOMPARE(relation.value(grandchild.key.id), QStringLiteral("child of %1").arg(child.key.id));
    QCOMPARE(relation.value(dependent.key.id), QStringLiteral("depends on %1").arg(child.key.id));
    QCOMPARE(plan->entries.at(0).keyId, root.key.id);
    for (const auto& e : plan->entries)
        if (e.keyId == dependent.key.id)
            QCOMPARE(e.project, QStringLiteral("partner"));
    for (const Issued* i : {&root, &child, &grandchild, &dependent, &unrelated, &unrelatedChild})
        KW_COMPARE_STATE(verify(i->secret), VerifyCode::Valid);
    QCOMPARE(audit().size(), auditBefore);

    QSignalSpy revokedSpy(&b(), &Backend::keysRevoked);
    QSignalSpy changedSpy(&b(), &Backend::keysChanged);
    auto done = b().revokeKeys({{root.key.id}, true, QStringLiteral("root compromised"), QStringLiteral("INC-42")});
    QVERIFY2(done, qPrintable(done.errorMessage()));
    QVERIFY(done->executed);
    QCOMPARE(sorted(done->keyIds()), sorted(plan->keyIds()));

    const QStringList hit = sorted({root.key.id, child.key.id, grandchild.key.id, dependent.key.id});
    for (const Issued* i : {&root, &child, &grandchild, &dependent}) {
        KW_COMPARE_STATE(verify(i->secret), VerifyCode::Revoked);
        const KeyRecord rec = b().key(i->key.id).value();
        QCOMPARE(rec.incidentId, QStringLiteral("INC-42"));
        QCOMPARE(rec.statusReason, QStringLiteral("root compromised"));
    }
    KW_COMPARE_STATE(verify(unrelated.secret), VerifyCode::Valid);
    KW_COMPARE_STATE(verify(unrelatedChild.secret), VerifyCode::Valid);

    QCOMPARE(revokedSpy.size(), 1);
    QCOMPARE(sorted(revokedSpy.at(0).at(0).toStringList()), hit);
    QCOMPARE(changedSpy.size(), 1);
    QCOMPARE(sorted(changedSpy.at(0).at(0).toStringList()), hit);

    KeyFilter revokedOnly;
    revokedOnly.status = KeyStatus::Revoked;
    QCOMPARE(ids(revokedOnly), hit);

    // One audit entry per revoked key, each saying why it was hit.
    QHash<QString, AuditEntry> revokeEntries;
    for (const auto& e : audit())
        if (e.action == u"key.revoke")
            revokeEntries.insert(e.target, e);
    QCOMPARE(sorted(revokeEntries.keys()), hit);
    QCOMPARE(revokeEntries.value(grandchild.key.id).details.value("relation").toString(),
             QStringLiteral("child of %1").arg(child.key.id));
    QCOMPARE(revokeEntries.value(dependent.key.id).incident, QStringLiteral("INC-42"));
    QVERIFY(revokeEntries.value(dependent.key.id).details.value("cascade").toBool());

    // Planning again shows the branch as already revoked.
    auto after = b().planRevocation({root.key.id}, true);
    QVERIFY(after);
    QCOMPARE(after->toRevokeCount(), 0);
}

void TestLifecycle::nonCascadeRevokeTouchesOnlyNamedKey()
{
    project(QStringLiteral("shop"));
    const Issued root = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("root"));
    KeySpec cs = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("child"));
    cs.parentId = root.key.id;
    const Issued child = create(cs);
    KeySpec ds = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("dependent"));
    ds.dependsOn = {root.key.id};
    const Issued dependent = create(ds);

    auto plan = b().planRevocation({root.key.id}, false);
    QVERIFY(plan);
    QCOMPARE(plan->keyIds(), QStringList{root.key.id});

    QSignalSpy revokedSpy(&b(), &Backend::keysRevoked);
    QVERIFY(b().revokeKeys({{root.key.id}, false, QStringLiteral("just this one"), {}}));
    KW_COMPARE_STATE(verify(root.secret), VerifyCode::Revoked);
    KW_COMPARE_STATE(verify(child.secret), VerifyCode::Valid);
    KW_COMPARE_STATE(verify(dependent.secret), VerifyCode::Valid);
    QCOMPARE(revokedSpy.size(), 1);
    QCOMPARE(revokedSpy.at(0).at(0).toStringList(), QStringList{root.key.id});
}

void TestLifecycle::revokeResolvesDisplayIdsAndDeduplicates()
{
    project(QStringLiteral("shop"));
    const Issued a = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("a"));
    auto plan = b().planRevocation({a.key.id, a.key.displayId, QStringLiteral(" ") + a.key.id}, true);
    QVERIFY(plan);
    QCOMPARE(plan->keyIds(), QStringList{a.key.id});
    auto bad = b().planRevocation({a.key.id, QStringLiteral("key_missing")}, false);
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, Error::Code::NotFound);
    QCOMPARE(b().planRevocation({}, true).error().code, Error::Code::Invalid);
    // A failing reference in a batch revokes nothing.
    QVERIFY(!b().revokeKeys({{a.key.id, QStringLiteral("key_missing")}, false, QStringLiteral("x"), {}}));
    KW_COMPARE_STATE(verify(a.secret), VerifyCode::Valid);
}

void TestLifecycle::revealSecretOnlyForRecoverableKeys()
{
    project(QStringLiteral("shop"));
    KeySpec rs = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("recoverable"));
    rs.recoverable = true;
    const Issued rec = create(rs);
    QVERIFY(rec.key.recoverable);
    const Issued plain = create(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("hash only"));

    const qsizetype auditBefore = audit().size();
    auto shown = b().revealSecret(rec.key.displayId);
    QVERIFY2(shown, qPrintable(shown.errorMessage()));
    QCOMPARE(text(*shown), rec.secret);
    const QList<AuditEntry> entries = audit();
    QCOMPARE(entries.size(), auditBefore + 1);
    QCOMPARE(entries.last().action, QStringLiteral("key.reveal"));
    QCOMPARE(entries.last().target, rec.key.id);
    QCOMPARE(entries.last().actor, kActor);
    const QByteArray json = QJsonDocument(entries.last().toJson()).toJson();
    QVERIFY(!json.contains(rec.secret));

    auto refused = b().revealSecret(plain.key.id);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, Error::Code::Conflict);
    QVERIFY(refused.errorMessage().contains(QLatin1String("not recoverable")));
    QCOMPARE(audit().size(), auditBefore + 1); // a refused reveal shows nothing and records nothing
    QCOMPARE(b().revealSecret(QStringLiteral("key_missing")).error().code, Error::Code::NotFound);
}

void TestLifecycle::everyMutationIsAudited()
{
    tv->clock().setNowMs(1'790'000'000'000);
    QVERIFY(b().createTeam(QStringLiteral("platform")));
    QVERIFY(b().createProject({QStringLiteral("shop"), QStringLiteral("payments"), {}}));
    QVERIFY(b().createEnvironment(QStringLiteral("shop"), QStringLiteral("staging")));
    KeySpec s = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("checkout"));
    s.services = {QStringLiteral("billing")};
    s.recoverable = true;
    const Issued k = create(s);
    KeySpec cs = spec(QStringLiteral("shop"), QStringLiteral("live"), QStringLiteral("child"));
    cs.parentId = k.key.id;
    const Issued child = create(cs);
    QVERIFY(b().suspendKey(k.key.id, QStringLiteral("investigating")));
    QVERIFY(b().resumeKey(k.key.id, QStringLiteral("cleared")));
    QVERIFY(b().revealSecret(k.key.id));
    QVERIFY(b().revokeKeys({{k.key.id}, true, QStringLiteral("leaked in CI log"), QStringLiteral("INC-100")}));

    struct Expect {
        QString action, target, reason, incident;
    };
    const QList<Expect> expected{
        {"team.create", "platform", "", ""},
        {"team.create", "payments", "", ""},
        {"project.create", "shop", "", ""},
        {"environment.create", "shop/staging", "", ""},
        {"environment.create", "shop/live", "", ""},
        {"service.create", "billing", "", ""},
        {"key.create", k.key.id, "", ""},
        {"key.create", child.key.id, "", ""},
        {"key.suspend", k.key.id, "investigating", ""},
        {"key.resume", k.key.id, "cleared", ""},
        {"key.reveal", k.key.id, "", ""},
        {"key.revoke", k.key.id, "leaked in CI log", "INC-100"},
        {"key.revoke", child.key.id, "leaked in CI log", "INC-100"},
    };
    const QList<AuditEntry> entries = audit();
    QCOMPARE(entries.size(), expected.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const AuditEntry& e = entries[i];
        QCOMPARE(e.seq, qint64(i + 1));
        QCOMPARE(e.actor, kActor);
        QCOMPARE(e.time, qint64(1'790'000'000'000));
        QCOMPARE(e.action, expected[i].action);
        QCOMPARE(e.target, expected[i].target);
        QCOMPARE(e.reason, expected[i].reason);
        QCOMPARE(e.incident, expected[i].incident);
        QCOMPARE(e.hash.size(), 32);
    }
    // key.create records what was issued, but never the secret.
    QCOMPARE(entries[6].details.value("displayId").toString(), k.key.displayId);
    QCOMPARE(entries[6].details.value("recoverable").toBool(), true);
    QCOMPARE(entries[7].details.value("parentId").toString(), k.key.id);
    QCOMPARE(entries[8].details.value("from").toString(), QStringLiteral("active"));
    QCOMPARE(entries[8].details.value("to").toString(), QStringLiteral("suspended"));

    const QByteArray body = k.secret.mid(k.secret.size() - 49, 43);
    for (const auto& e : entries) {
        const QByteArray json = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
        QVERIFY2(!json.contains(k.secret), json.constData());
        QVERIFY2(!json.contains(body), json.constData());
        QVERIFY(!json.contains(child.secret));
    }
    QVERIFY(b().verifyAudit()->intact);
}

void TestLifecycle::signalsAnnounceChanges()
{
    QSignalSpy org(&b(), &Backend::organizationChanged);
    QSignalSpy changed(&b(), &Backend::keysChanged);
    project(QStringLiteral("shop"));
    QCOMPARE(org.size(), 1);
    QVERIFY(b().createEnvironment(QStringLiteral("shop"), QStringLiteral("dev")));
    QCOMPARE(org.size(), 2);
    QVERIFY(!b().createProject({QStringLiteral("shop"), {}, {}}));
    QCOMPARE(org.size(), 2); // a refused change is not announced

    const Issued k = create(QStringLiteral("shop"), QStringLiteral("dev"), QStringLiteral("k"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{k.key.id});
    QVERIFY(b().suspendKey(k.key.id, QStringLiteral("x")));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).toStringList(), QStringList{k.key.id});
    QVERIFY(!b().suspendKey(k.key.id, QStringLiteral("x")));
    QCOMPARE(changed.size(), 2);
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
