// One contract for both backends. Every test function runs twice (global data rows "local" and "remote"):
// on a LocalVault over a fresh vault file, and on a RemoteBackend talking to a real keywardend on loopback
// that serves a fresh vault. Both must pass the same assertions. Role enforcement, TLS and kwctl --server
// run on the remote row only.
#include "ServerProcess.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"

#include "crypto/KeyFormat.h"
#include "remote/Codec.h"
#include "remote/HttpClient.h"
#include "remote/RemoteBackend.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include <memory>

namespace QTest {
// Readable QCOMPARE failures for the core enums.
template <> inline char* toString(const kw::UsageScope& s)
{
    return qstrdup(qPrintable(kw::codec::toString(s)));
}
} // namespace QTest

using namespace kw;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;

QString codeName(Error::Code c)
{
    switch (c) {
    case Error::Code::Invalid:
        return "Invalid";
    case Error::Code::NotFound:
        return "NotFound";
    case Error::Code::Conflict:
        return "Conflict";
    case Error::Code::Unauthorized:
        return "Unauthorized";
    case Error::Code::Forbidden:
        return "Forbidden";
    case Error::Code::Storage:
        return "Storage";
    case Error::Code::Crypto:
        return "Crypto";
    case Error::Code::Io:
        return "Io";
    case Error::Code::Internal:
        return "Internal";
    }
    return "?";
}

template <typename R> QString describe(const R& r)
{
    return r.ok() ? QStringLiteral("ok") : codeName(r.error().code) + QStringLiteral(": ") + r.errorMessage();
}

#define EXPECT_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto& _r = (expr);                                                                                       \
        QVERIFY2(_r.ok(), qPrintable(describe(_r)));                                                                   \
    } while (0)

#define EXPECT_ERROR(expr, errorCode)                                                                                  \
    do {                                                                                                               \
        const auto& _r = (expr);                                                                                       \
        QVERIFY2(!_r.ok(), "expected an error, got success");                                                          \
        QVERIFY2(_r.error().code == (errorCode),                                                                       \
                 qPrintable(QStringLiteral("expected %1, got %2").arg(codeName(errorCode), describe(_r))));            \
    } while (0)

SecureBytes bytes(const QString& text)
{
    const QByteArray b = text.toUtf8();
    return SecureBytes(b.constData(), std::size_t(b.size()));
}

// A fresh backend of one kind for one test function.
class Fixture {
public:
    virtual ~Fixture() = default;
    virtual Backend& backend() = 0;
    virtual qint64 nowMs() const = 0;
    virtual void flushUsage() {}
    virtual bool isRemote() const = 0;
    // Lets time pass for the backend: a test clock moves, a real server's clock is waited for.
    virtual void elapse(qint64 ms) = 0;
    // Writes into the vault behind the backend with what only a local vault offers (bulk usage imports): directly
    // for a local vault; a server is stopped, the vault written, and the server started again (backend() is then
    // a new object). Empty on success, else what went wrong.
    virtual QString seed(const std::function<Status(LocalVault&)>& write) = 0;
};

class LocalFixture final : public Fixture {
public:
    LocalFixture()
    {
        if (m_vault.ok())
            m_recording = m_vault.backend().startUsageRecording();
    }
    bool ok() const { return m_vault.ok() && m_recording.ok(); }
    Backend& backend() override { return m_vault.backend(); }
    qint64 nowMs() const override { return const_cast<kwtest::TempVault&>(m_vault).clock().nowMs(); }
    void flushUsage() override { QVERIFY(m_vault.backend().flushUsage().ok()); }
    bool isRemote() const override { return false; }
    void elapse(qint64 ms) override { m_vault.clock().advanceMs(ms); }
    QString seed(const std::function<Status(LocalVault&)>& write) override
    {
        auto s = write(m_vault.backend());
        return s ? QString() : s.errorMessage();
    }
    QString vaultPath() const { return m_vault.path(); }

private:
    kwtest::TempVault m_vault;
    Status m_recording = Error{Error::Code::Internal, QStringLiteral("not started")};
};

class RemoteFixture final : public Fixture {
public:
    // Creates the admin operator on the vault, then starts the server over it.
    QString start(const QStringList& serverArgs = {})
    {
        if (!m_vault.ok())
            return QStringLiteral("cannot create the vault");
        auto admin = m_vault.backend().createOperator(QStringLiteral("admin"), OperatorRole::Admin);
        if (!admin)
            return admin.errorMessage();
        m_adminToken = std::move(admin->token);
        m_vault.close();
        m_serverArgs = serverArgs;
        m_server = std::make_unique<kwtest::ServerProcess>(m_vault.path(), serverArgs);
        if (!m_server->start())
            return m_server->errorString();
        return {};
    }
    QString seed(const std::function<Status(LocalVault&)>& write) override
    {
        m_admin.reset();
        m_server->stop();
        m_server.reset();
        m_vault.reopen();
        if (!m_vault.ok())
            return QStringLiteral("cannot reopen the vault");
        auto s = write(m_vault.backend());
        m_vault.close();
        if (!s)
            return s.errorMessage();
        m_server = std::make_unique<kwtest::ServerProcess>(m_vault.path(), m_serverArgs);
        if (!m_server->start())
            return m_server->errorString();
        return open();
    }
    // A backend acting with `token` against this server.
    Result<std::unique_ptr<RemoteBackend>> connect(SecureBytes token, RemoteBackend::Options options = {})
    {
        return RemoteBackend::create(QUrl(m_server->url()), std::move(token), options);
    }
    QString open()
    {
        auto b = connect(m_adminToken.clone());
        if (!b)
            return b.errorMessage();
        m_admin = std::move(*b);
        return {};
    }
    Backend& backend() override { return *m_admin; }
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    bool isRemote() const override { return true; }
    void elapse(qint64 ms) override { QTest::qSleep(int(ms)); }
    kwtest::ServerProcess& server() { return *m_server; }
    const SecureBytes& adminToken() const { return m_adminToken; }
    QString vaultDir() const { return m_vault.dir(); }

private:
    kwtest::TempVault m_vault;
    QStringList m_serverArgs;
    SecureBytes m_adminToken;
    std::unique_ptr<kwtest::ServerProcess> m_server;
    std::unique_ptr<RemoteBackend> m_admin;
};

} // namespace

class TestBackendContract : public QObject {
    Q_OBJECT

    std::unique_ptr<Fixture> m_fixture;

    Backend& b() { return m_fixture->backend(); }
    RemoteFixture* remote() { return dynamic_cast<RemoteFixture*>(m_fixture.get()); }

    // web (team core) with environments live and test.
    void makeOrg()
    {
        EXPECT_OK(b().createTeam("core"));
        EXPECT_OK(b().createProject(ProjectSpec{"web", "core", {}}));
        EXPECT_OK(b().createEnvironment("web", "live"));
        EXPECT_OK(b().createEnvironment("web", "test"));
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
        if (!k) {
            qWarning("createKey(%s): %s", qPrintable(name), qPrintable(describe(k)));
            return {};
        }
        return std::move(*k);
    }

    KeyRecord issueRecord(const QString& name, const std::function<void(KeySpec&)>& adjust = {})
    {
        return issue(name, adjust).key;
    }

    VerifyCode verify(const SecureBytes& secret, const QString& service = "billing", qint64 cost = 1)
    {
        VerifyContext ctx;
        ctx.service = service;
        ctx.cost = cost;
        auto r = b().verifyKey(secret, ctx);
        if (!r) {
            qWarning("verifyKey: %s", qPrintable(describe(r)));
            return VerifyCode::Malformed;
        }
        return r->code;
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("remote");
        QTest::newRow("local") << false;
        QTest::newRow("remote") << true;
    }

    void init()
    {
        QFETCH_GLOBAL(bool, remote);
        if (!remote) {
            auto f = std::make_unique<LocalFixture>();
            QVERIFY(f->ok());
            m_fixture = std::move(f);
            return;
        }
        auto f = std::make_unique<RemoteFixture>();
        // The server's own dispatcher stays off: delivery passes run when a test asks (deliverNotifications).
        const QString started = f->start({QStringLiteral("--notify"), QStringLiteral("false")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString opened = f->open();
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        m_fixture = std::move(f);
    }

    void cleanup() { m_fixture.reset(); }

    void identity()
    {
        auto me = b().whoami();
        EXPECT_OK(me);
        QCOMPARE(kw::toString(me->role), kw::toString(OperatorRole::Admin));
        QCOMPARE(b().actor(), me->name);
        QVERIFY(!b().location().isEmpty());
        if (m_fixture->isRemote()) {
            QCOMPARE(me->name, QStringLiteral("admin"));
            QCOMPARE(b().location(), remote()->server().url());
        }
    }

    void organization()
    {
        QSignalSpy orgChanged(&b(), &Backend::organizationChanged);
        auto team = b().createTeam("core");
        EXPECT_OK(team);
        QCOMPARE(team->name, QStringLiteral("core"));
        QVERIFY(team->createdAt > 0);
        EXPECT_ERROR(b().createTeam("core"), Error::Code::Conflict);
        EXPECT_ERROR(b().createTeam("bad name!"), Error::Code::Invalid);
        EXPECT_ERROR(b().createTeam(""), Error::Code::Invalid);

        auto project = b().createProject(ProjectSpec{"web", "core", {}});
        EXPECT_OK(project);
        QCOMPARE(project->team, QStringLiteral("core"));
        QCOMPARE(project->keyPrefix, QStringLiteral("kw"));
        EXPECT_OK(b().createProject(ProjectSpec{"api", {}, "acme"}));
        EXPECT_ERROR(b().createProject(ProjectSpec{"web", {}, {}}), Error::Code::Conflict);
        EXPECT_ERROR(b().createProject(ProjectSpec{"we b", {}, {}}), Error::Code::Invalid);

        auto env = b().createEnvironment("web", "live");
        EXPECT_OK(env);
        QCOMPARE(env->project, QStringLiteral("web"));
        QCOMPARE(env->keyPrefix, QStringLiteral("kw_live_"));
        auto custom = b().createEnvironment("api", "staging", "acme_stg_");
        EXPECT_OK(custom);
        QCOMPARE(custom->keyPrefix, QStringLiteral("acme_stg_"));
        EXPECT_ERROR(b().createEnvironment("web", "live"), Error::Code::Conflict);
        EXPECT_ERROR(b().createEnvironment("web", "Live!"), Error::Code::Invalid);
        EXPECT_ERROR(b().createEnvironment("nope", "live"), Error::Code::NotFound);

        auto teams = b().teams();
        EXPECT_OK(teams);
        QCOMPARE(teams->size(), 1);
        QCOMPARE(teams->first().name, QStringLiteral("core"));
        auto projects = b().projects();
        EXPECT_OK(projects);
        QStringList names;
        for (const auto& p : *projects)
            names << p.name;
        names.sort();
        QCOMPARE(names, (QStringList{"api", "web"}));
        auto envs = b().environments("web");
        EXPECT_OK(envs);
        QCOMPARE(envs->size(), 1);
        QCOMPARE(envs->first().name, QStringLiteral("live"));
        EXPECT_ERROR(b().environments("nope"), Error::Code::NotFound);
        QCOMPARE(orgChanged.count(), 5);
    }

    void keysCreateListShow()
    {
        makeOrg();
        QSignalSpy changed(&b(), &Backend::keysChanged);
        IssuedKey a = issue("alpha", [](KeySpec& s) {
            s.tags = {"pci", "blue"};
            s.metadata = QJsonObject{{"ticket", 7}};
            s.expiresInMs = 30 * kDay;
        });
        QVERIFY(!a.key.id.isEmpty());
        QVERIFY(KeyFormat::isWellFormed(a.secret.view()));
        QVERIFY(a.secret.toUtf8String().startsWith("kw_live_"));
        QCOMPARE(a.key.displayId, KeyFormat::displayIdOf(a.secret.view()));
        QCOMPARE(kw::toString(a.key.status), kw::toString(KeyStatus::Active));
        QCOMPARE(a.key.tags, (QStringList{"pci", "blue"}));
        QCOMPARE(a.key.metadata.value("ticket").toInt(), 7);
        QCOMPARE(a.key.team, QStringLiteral("core"));
        QVERIFY(a.key.expiresAt > a.key.createdAt);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toStringList(), QStringList{a.key.id});

        IssuedKey bKey = issue("beta", [](KeySpec& s) { s.environment = "test"; });
        IssuedKey c = issue("gamma", [](KeySpec& s) { s.owner = "zoe@example.com"; });
        QVERIFY(bKey.secret.toUtf8String().startsWith("kw_test_"));

        auto all = b().keys({});
        EXPECT_OK(all);
        QCOMPARE(all->size(), 3);
        KeyFilter f;
        f.environment = "test";
        auto test = b().keys(f);
        EXPECT_OK(test);
        QCOMPARE(test->size(), 1);
        QCOMPARE(test->first().id, bKey.key.id);
        f = {};
        f.text = "zoe@";
        auto byOwner = b().keys(f);
        EXPECT_OK(byOwner);
        QCOMPARE(byOwner->size(), 1);
        QCOMPARE(byOwner->first().id, c.key.id);
        f = {};
        f.text = "pci";
        auto byTag = b().keys(f);
        EXPECT_OK(byTag);
        QCOMPARE(byTag->size(), 1);
        f = {};
        f.project = "web";
        f.limit = 2;
        auto page1 = b().keys(f);
        f.offset = 2;
        auto page2 = b().keys(f);
        EXPECT_OK(page1);
        EXPECT_OK(page2);
        QCOMPARE(page1->size(), 2);
        QCOMPARE(page2->size(), 1);
        f = {};
        f.project = "nope";
        auto none = b().keys(f);
        QVERIFY(!none.ok() || none->isEmpty());

        auto byId = b().key(a.key.id);
        EXPECT_OK(byId);
        QCOMPARE(byId->name, QStringLiteral("alpha"));
        QCOMPARE(byId->toJson(0), a.key.toJson(0));
        auto byDisplay = b().key(a.key.displayId);
        EXPECT_OK(byDisplay);
        QCOMPARE(byDisplay->id, a.key.id);
        EXPECT_ERROR(b().key("key_doesnotexist0000"), Error::Code::NotFound);

        // Bad specs.
        KeySpec bad;
        bad.project = "web";
        bad.environment = "live";
        EXPECT_ERROR(b().createKey(bad), Error::Code::Invalid);
        bad.name = "x";
        bad.project = "nope";
        EXPECT_ERROR(b().createKey(bad), Error::Code::NotFound);
    }

    void suspendResume()
    {
        makeOrg();
        IssuedKey k = issue("alpha");
        QSignalSpy changed(&b(), &Backend::keysChanged);
        auto s = b().suspendKey(k.key.displayId, "investigating");
        EXPECT_OK(s);
        QCOMPARE(kw::toString(s->status), kw::toString(KeyStatus::Suspended));
        QCOMPARE(s->statusReason, QStringLiteral("investigating"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Suspended));
        EXPECT_ERROR(b().suspendKey(k.key.id, "again"), Error::Code::Conflict);
        auto r = b().resumeKey(k.key.id, "false alarm");
        EXPECT_OK(r);
        QCOMPARE(kw::toString(r->status), kw::toString(KeyStatus::Active));
        QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Valid));
        EXPECT_ERROR(b().resumeKey(k.key.id, "again"), Error::Code::Conflict);
        EXPECT_ERROR(b().suspendKey("key_doesnotexist0000", "x"), Error::Code::NotFound);

        EXPECT_OK(b().revokeKeys(RevocationRequest{{k.key.id}, false, "leaked", {}}));
        EXPECT_ERROR(b().resumeKey(k.key.id, "undo"), Error::Code::Conflict);
        EXPECT_ERROR(b().suspendKey(k.key.id, "x"), Error::Code::Conflict);
    }

    void cascadingRevocation()
    {
        makeOrg();
        IssuedKey root = issue("root");
        IssuedKey child = issue("child", [&](KeySpec& s) { s.parentId = root.key.id; });
        IssuedKey grandchild = issue("grandchild", [&](KeySpec& s) { s.parentId = child.key.displayId; });
        IssuedKey dependent = issue("dependent", [&](KeySpec& s) { s.dependsOn = {child.key.id}; });
        IssuedKey bystander = issue("bystander");
        QCOMPARE(grandchild.key.parentId, child.key.id);

        auto single = b().planRevocation({root.key.id}, false);
        EXPECT_OK(single);
        QCOMPARE(single->keyIds(), QStringList{root.key.id});
        QVERIFY(!single->executed);

        auto plan = b().planRevocation({root.key.displayId}, true);
        EXPECT_OK(plan);
        QStringList ids = plan->keyIds();
        ids.sort();
        QStringList expected{root.key.id, child.key.id, grandchild.key.id, dependent.key.id};
        expected.sort();
        QCOMPARE(ids, expected);
        QCOMPARE(plan->toRevokeCount(), 4);
        for (const auto& e : plan->entries) {
            if (e.keyId == root.key.id)
                QCOMPARE(e.relation, QStringLiteral("selected"));
            else if (e.keyId == dependent.key.id)
                QVERIFY2(e.relation.startsWith("depends on"), qPrintable(e.relation));
            else
                QVERIFY2(e.relation.startsWith("child of"), qPrintable(e.relation));
        }
        // Planning changed nothing.
        QCOMPARE(kw::toString(verify(child.secret)), kw::toString(VerifyCode::Valid));

        QSignalSpy revokedSpy(&b(), &Backend::keysRevoked);
        auto done = b().revokeKeys(RevocationRequest{{root.key.id}, true, "root leaked", "INC-42"});
        EXPECT_OK(done);
        QVERIFY(done->executed);
        QCOMPARE(done->toRevokeCount(), 4);
        QCOMPARE(revokedSpy.count(), 1);
        QStringList signalled = revokedSpy.first().first().toStringList();
        signalled.sort();
        QCOMPARE(signalled, expected);

        for (const IssuedKey* k : {&root, &child, &grandchild, &dependent}) {
            auto rec = b().key(k->key.id);
            EXPECT_OK(rec);
            QCOMPARE(kw::toString(rec->status), kw::toString(KeyStatus::Revoked));
            QCOMPARE(rec->incidentId, QStringLiteral("INC-42"));
            QCOMPARE(kw::toString(verify(k->secret)), kw::toString(VerifyCode::Revoked));
        }
        QCOMPARE(kw::toString(verify(bystander.secret)), kw::toString(VerifyCode::Valid));

        auto again = b().planRevocation({root.key.id}, true);
        EXPECT_OK(again);
        QCOMPARE(again->toRevokeCount(), 0);
        EXPECT_ERROR(b().planRevocation({"key_doesnotexist0000"}, false), Error::Code::NotFound);
        EXPECT_ERROR(b().revokeKeys(RevocationRequest{{}, false, "x", {}}), Error::Code::Invalid);
        // Children of a revoked key cannot be issued.
        KeySpec orphan;
        orphan.project = "web";
        orphan.environment = "live";
        orphan.name = "orphan";
        orphan.parentId = root.key.id;
        EXPECT_ERROR(b().createKey(orphan), Error::Code::Conflict);
    }

    void verifyCodes()
    {
        makeOrg();
        IssuedKey k = issue("alpha");
        VerifyContext ctx;
        ctx.service = "billing";
        auto ok = b().verifyKey(k.secret, ctx);
        EXPECT_OK(ok);
        QVERIFY(ok->valid);
        QCOMPARE(kw::toString(ok->code), kw::toString(VerifyCode::Valid));
        QCOMPARE(ok->keyId, k.key.id);
        QCOMPARE(ok->displayId, k.key.displayId);
        QCOMPARE(ok->remaining, -1);

        QCOMPARE(kw::toString(verify(k.secret, "search")), kw::toString(VerifyCode::WrongService));
        QCOMPARE(kw::toString(verify(bytes("definitely not a key"))), kw::toString(VerifyCode::Malformed));
        auto unknown = KeyFormat::generate(u"kw_live_");
        QVERIFY(unknown.ok());
        QCOMPARE(kw::toString(verify(*unknown)), kw::toString(VerifyCode::NotFound));

        ctx.environment = "test";
        auto wrongEnv = b().verifyKey(k.secret, ctx);
        EXPECT_OK(wrongEnv);
        QCOMPARE(kw::toString(wrongEnv->code), kw::toString(VerifyCode::WrongEnvironment));
        QVERIFY(!wrongEnv->valid);

        IssuedKey limited = issue("limited", [](KeySpec& s) { s.policy.maxUses = 2; });
        ctx = {};
        ctx.service = "billing";
        auto first = b().verifyKey(limited.secret, ctx);
        EXPECT_OK(first);
        QCOMPARE(kw::toString(first->code), kw::toString(VerifyCode::Valid));
        QCOMPARE(first->remaining, 1);
        QCOMPARE(kw::toString(verify(limited.secret)), kw::toString(VerifyCode::Valid));
        auto third = b().verifyKey(limited.secret, ctx);
        EXPECT_OK(third);
        QCOMPARE(kw::toString(third->code), kw::toString(VerifyCode::UsageExceeded));
        QVERIFY(!third->valid);

        EXPECT_OK(b().suspendKey(k.key.id, "x"));
        QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Suspended));
        EXPECT_OK(b().revokeKeys(RevocationRequest{{k.key.id}, false, "x", {}}));
        QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Revoked));
    }

    void rotateRenewHistory()
    {
        makeOrg();
        IssuedKey k = issue("alpha", [](KeySpec& s) { s.expiresInMs = 10 * kDay; });
        QSignalSpy changed(&b(), &Backend::keysChanged);
        auto next = b().rotateKey(k.key.id, kHour);
        EXPECT_OK(next);
        QVERIFY(!(next->secret == k.secret));
        QCOMPARE(next->key.predecessorId, k.key.id);
        QCOMPARE(next->key.name, k.key.name);
        QCOMPARE(next->key.services, k.key.services);
        QStringList signalled;
        for (const auto& args : changed)
            signalled += args.first().toStringList();
        QVERIFY(signalled.contains(next->key.id));
        auto old = b().key(k.key.id);
        EXPECT_OK(old);
        QCOMPARE(kw::toString(old->status), kw::toString(KeyStatus::Rotating));
        QCOMPARE(old->successorId, next->key.id);
        QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Valid)); // within the overlap
        QCOMPARE(kw::toString(verify(next->secret)), kw::toString(VerifyCode::Valid));
        EXPECT_ERROR(b().rotateKey("key_doesnotexist0000", std::nullopt), Error::Code::NotFound);

        auto renewed = b().renewKey(next->key.id, 30 * kDay, "project extended");
        EXPECT_OK(renewed);
        QVERIFY(renewed->renewed);
        QVERIFY(renewed->key.expiresAt >= next->key.expiresAt + 30 * kDay - 1000);

        auto history = b().expirationHistory(next->key.id);
        EXPECT_OK(history);
        QStringList events;
        for (const auto& e : *history)
            events << e.event;
        QVERIFY2(events.contains("created") && events.contains("renewed"), qPrintable(events.join(',')));
        auto oldHistory = b().expirationHistory(k.key.id);
        EXPECT_OK(oldHistory);
        events.clear();
        for (const auto& e : *oldHistory)
            events << e.event;
        QVERIFY2(events.contains("rotated"), qPrintable(events.join(',')));

        // A key whose policy needs approval files a request; the requester may not approve it.
        IssuedKey gated = issue("gated", [](KeySpec& s) {
            s.expiresInMs = 10 * kDay;
            s.policy.renewalRequiresApproval = true;
        });
        auto pending = b().renewKey(gated.key.id, 5 * kDay, "please");
        EXPECT_OK(pending);
        QVERIFY(!pending->renewed);
        QCOMPARE(pending->status, QStringLiteral("pending"));
        QVERIFY(pending->requestId > 0);
        auto requests = b().renewalRequests(true);
        EXPECT_OK(requests);
        QCOMPARE(requests->size(), 1);
        QCOMPARE(requests->first().keyId, gated.key.id);
        QCOMPARE(requests->first().extendMs, 5 * kDay);
        EXPECT_ERROR(b().decideRenewal(pending->requestId, true, {}), Error::Code::Forbidden);
        auto denied = b().decideRenewal(pending->requestId, false, "no");
        QVERIFY(!denied.ok() || denied->status == QLatin1String("denied"));
        EXPECT_ERROR(b().decideRenewal(999999, true, {}), Error::Code::NotFound);

        auto report = b().runMaintenance();
        EXPECT_OK(report);
    }

    void policiesAndRoles()
    {
        makeOrg();
        PolicyTemplate t;
        t.name = "limited";
        t.description = "five uses";
        t.policy.maxUses = 5;
        t.policy.graceMs = kHour;
        auto saved = b().savePolicyTemplate(t);
        EXPECT_OK(saved);
        QCOMPARE(saved->name, QStringLiteral("limited"));
        QCOMPARE(saved->policy.maxUses, std::optional<qint64>(5));
        auto list = b().policyTemplates();
        EXPECT_OK(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().description, QStringLiteral("five uses"));

        IssuedKey k = issue("alpha");
        PolicyTarget project;
        project.kind = PolicyTarget::Kind::Project;
        project.project = "web";
        EXPECT_OK(b().applyPolicy(project, QStringLiteral("limited"), KeyPolicy{}));
        auto eff = b().effectivePolicy(k.key.id);
        EXPECT_OK(eff);
        QCOMPARE(eff->maxUses, std::optional<qint64>(5));
        QCOMPARE(eff->graceMs, std::optional<qint64>(kHour));

        PolicyTarget key;
        key.kind = PolicyTarget::Kind::Key;
        key.key = k.key.displayId;
        KeyPolicy own;
        own.maxUses = 3;
        QSignalSpy changed(&b(), &Backend::keysChanged);
        EXPECT_OK(b().applyPolicy(key, std::nullopt, own));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toStringList(), QStringList{k.key.id});
        eff = b().effectivePolicy(k.key.displayId);
        EXPECT_OK(eff);
        QCOMPARE(eff->maxUses, std::optional<qint64>(3));
        auto rec = b().key(k.key.id);
        EXPECT_OK(rec);
        QCOMPARE(rec->policy.maxUses, std::optional<qint64>(3));

        EXPECT_ERROR(b().applyPolicy(project, QStringLiteral("no-such-template"), KeyPolicy{}), Error::Code::NotFound);
        EXPECT_ERROR(b().effectivePolicy("key_doesnotexist0000"), Error::Code::NotFound);
        KeyPolicy broken;
        broken.allowIps = QStringList{"not-an-ip"};
        EXPECT_ERROR(b().applyPolicy(project, std::nullopt, broken), Error::Code::Invalid);

        auto role = b().saveRole(Role{"reader", {"read", "list"}, 0});
        EXPECT_OK(role);
        QCOMPARE(role->permissions, (QStringList{"read", "list"}));
        auto roles = b().roles();
        EXPECT_OK(roles);
        QCOMPARE(roles->size(), 1);
        QCOMPARE(roles->first().name, QStringLiteral("reader"));

        EXPECT_OK(b().setServicePrice("web", "billing", 250));
        EXPECT_ERROR(b().setServicePrice("nope", "billing", 250), Error::Code::NotFound);

        UsageRecorder::Settings s;
        s.rawRetentionMs = 7 * kDay;
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Truncate;
        EXPECT_OK(b().setUsageSettings(s));
        auto back = b().usageSettings();
        EXPECT_OK(back);
        QCOMPARE(back->rawRetentionMs, 7 * kDay);
        QCOMPARE(back->ipPrivacy, UsageRecorder::Settings::IpPrivacy::Truncate);
    }

    void audit()
    {
        makeOrg();
        IssuedKey k = issue("alpha");
        EXPECT_OK(b().suspendKey(k.key.id, "check"));
        EXPECT_OK(b().revokeKeys(RevocationRequest{{k.key.id}, false, "leaked", "INC-9"}));
        AuditQuery q;
        q.limit = 1000;
        auto entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QVERIFY(entries->size() >= 7);
        QStringList actions;
        qint64 lastSeq = 0;
        for (const auto& e : *entries) {
            actions << e.action;
            QVERIFY(e.seq > lastSeq);
            lastSeq = e.seq;
            QVERIFY(!e.hash.isEmpty());
            // The fixture's admin operator was created on the vault before the server ran. The server
            // records operators as "operator:NAME" while whoami() names them "NAME".
            if (!e.action.startsWith(QLatin1String("operator.")))
                QVERIFY2(e.actor == b().actor() || e.actor == "operator:" + b().actor(), qPrintable(e.actor));
            QVERIFY(!QJsonDocument(e.details).toJson().contains(k.secret.view()));
        }
        QVERIFY2(actions.contains("key.create") && actions.contains("key.revoke"), qPrintable(actions.join(',')));
        q.target = k.key.id;
        auto forKey = b().auditEntries(q);
        EXPECT_OK(forKey);
        QVERIFY(forKey->size() >= 3);
        for (const auto& e : *forKey)
            QCOMPARE(e.target, k.key.id);
        q = {};
        q.afterSeq = lastSeq - 2;
        auto tail = b().auditEntries(q);
        EXPECT_OK(tail);
        QCOMPARE(tail->size(), 2);

        auto v = b().verifyAudit();
        EXPECT_OK(v);
        QVERIFY2(v->intact, qPrintable(v->problem));
        QVERIFY(v->checked >= entries->size());
        QCOMPARE(v->firstBadSeq, 0);
        QCOMPARE(v->headHash, entries->last().hash);
    }

    void usageSummary()
    {
        makeOrg();
        IssuedKey k = issue("alpha");
        IssuedKey other = issue("beta");
        for (int i = 0; i < 3; ++i)
            QCOMPARE(kw::toString(verify(k.secret)), kw::toString(VerifyCode::Valid));
        QCOMPARE(kw::toString(verify(k.secret, "search")), kw::toString(VerifyCode::WrongService));
        QCOMPARE(kw::toString(verify(other.secret)), kw::toString(VerifyCode::Valid));
        m_fixture->flushUsage();

        const qint64 now = m_fixture->nowMs();
        auto s = b().usageSummary(UsageScope::Key, k.key.id, now - kHour, now + kHour);
        EXPECT_OK(s);
        QCOMPARE(s->scope, UsageScope::Key);
        QCOMPARE(s->scopeId, k.key.id);
        QCOMPARE(s->totals.requests, 4);
        QCOMPARE(s->totals.valid, 3);
        QCOMPARE(s->totals.rejected.value("WRONG_SERVICE"), 1);

        auto all = b().usageSummary(UsageScope::All, {}, now - kHour, now + kHour);
        EXPECT_OK(all);
        QCOMPARE(all->totals.requests, 5);
        auto project = b().usageSummary(UsageScope::Project, "web", now - kHour, now + kHour);
        EXPECT_OK(project);
        QCOMPARE(project->totals.requests, 5);

        auto series = b().usageSeries(UsageGranularity::Hour, UsageScope::Key, k.key.id, now - 2 * kHour, now + kHour);
        EXPECT_OK(series);
        qint64 total = 0;
        for (const auto& p : *series)
            total += p.totals.requests;
        QCOMPARE(total, 4);

        auto top = b().usageTop(UsageScope::Key, now - kHour, now + kHour, 10);
        EXPECT_OK(top);
        QVERIFY(top->size() >= 2);
        QCOMPARE(top->first().scopeId, k.key.id);
        QCOMPARE(top->first().requests, 4);

        auto past = b().usageSummary(UsageScope::Key, k.key.id, now - 10 * kDay, now - 9 * kDay);
        EXPECT_OK(past);
        QCOMPARE(past->totals.requests, 0);
    }

    void services()
    {
        makeOrg();
        QSignalSpy orgChanged(&b(), &Backend::organizationChanged);
        auto billing = b().createService("web", "billing");
        EXPECT_OK(billing);
        QCOMPARE(billing->name, QStringLiteral("billing"));
        QCOMPARE(billing->project, QStringLiteral("web"));
        QVERIFY(billing->id > 0);
        QCOMPARE(orgChanged.count(), 1);
        EXPECT_ERROR(b().createService("web", "billing"), Error::Code::Conflict);
        auto bad = b().createService("web", "Bad Service");
        EXPECT_ERROR(bad, Error::Code::Invalid);
        QVERIFY2(bad.errorMessage().contains("Service"), qPrintable(bad.errorMessage()));
        EXPECT_ERROR(b().createService("nope", "billing"), Error::Code::NotFound);
        EXPECT_ERROR(b().services("nope"), Error::Code::NotFound);
        // Keys create the services they name on first use; the list is by name.
        issue("alpha", [](KeySpec& s) { s.services = {"search"}; });
        EXPECT_OK(b().createService("web", "archive"));
        auto list = b().services("web");
        EXPECT_OK(list);
        QStringList names;
        for (const Service& sv : *list) {
            names << sv.name;
            QCOMPARE(sv.project, QStringLiteral("web"));
        }
        QCOMPARE(names, (QStringList{"archive", "billing", "search"}));
        AuditQuery q;
        q.action = "service.create";
        auto entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QCOMPARE(entries->size(), 3);
    }

    // A fixed set of keys over two teams, three environments and three services, with a parent and children, a
    // suspended, a revoked and an expired key. Returns the keys by name.
    QHash<QString, KeyRecord> seedFilterSet()
    {
        QHash<QString, KeyRecord> k;
        makeOrg();
        if (!b().createTeam("growth") || !b().createProject(ProjectSpec{"app", "growth", "app"}))
            return {};
        k["alpha"] = issueRecord("alpha", [](KeySpec& s) {
            s.tags = {"pci", "eu"};
            s.expiresInMs = 5 * kDay;
        });
        k["beta"] = issueRecord("beta", [](KeySpec& s) {
            s.services = {"billing", "search"};
            s.tags = {"pci-dss"};
            s.expiresInMs = 30 * kDay;
        });
        k["gamma"] = issueRecord("gamma", [](KeySpec& s) { s.services = {}; });
        const QString alpha = k["alpha"].id;
        k["delta"] = issueRecord("delta", [&](KeySpec& s) {
            s.services = {"search"};
            s.tags = {"eu"};
            s.parentId = alpha;
        });
        k["epsilon"] = issueRecord("epsilon", [&](KeySpec& s) { s.parentId = alpha; });
        k["zeta"] = issueRecord("zeta", [](KeySpec& s) { s.expiresInMs = 2 * kDay; });
        k["eta"] = issueRecord("eta", [](KeySpec& s) {
            s.services = {"search"};
            s.expiresInMs = 1500;
        });
        k["theta"] = issueRecord("theta", [](KeySpec& s) {
            s.environment = "test";
            s.tags = {"pci"};
        });
        k["iota"] = issueRecord("iota", [](KeySpec& s) {
            s.project = "app";
            s.services = {"api"};
            s.tags = {"eu"};
            s.owner = "ivan@example.com";
        });
        if (!b().suspendKey(k["epsilon"].id, "check") ||
            !b().revokeKeys(RevocationRequest{{k["zeta"].id}, false, "gone", {}}))
            return {};
        m_fixture->elapse(2000); // eta expires
        return k;
    }

    // keys() and countKeys() agree on a filter, and name exactly `expected`.
    void expectKeys(const KeyFilter& f, const QHash<QString, KeyRecord>& k, QStringList expected, const char* what)
    {
        auto list = b().keys(f);
        QVERIFY2(list.ok(), qPrintable(QString::fromLatin1(what) + ": " + describe(list)));
        QStringList names;
        for (const KeyRecord& r : *list)
            names << r.name;
        names.sort();
        expected.sort();
        QVERIFY2(names == expected,
                 qPrintable(QStringLiteral("%1: got %2, expected %3").arg(what, names.join(','), expected.join(','))));
        auto count = b().countKeys(f);
        QVERIFY2(count.ok(), qPrintable(QString::fromLatin1(what) + ": " + describe(count)));
        QCOMPARE(*count, qint64(expected.size()));
        Q_UNUSED(k);
    }

    void keyFilters()
    {
        const auto k = seedFilterSet();
        QCOMPARE(k.size(), 9);
        const QStringList webKeys{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        KeyFilter f;
        expectKeys(f, k, webKeys + QStringList{"iota"}, "no filter");
        f.team = "core";
        expectKeys(f, k, webKeys, "team core");
        f.team = "growth";
        expectKeys(f, k, {"iota"}, "team growth");
        f = {};
        f.service = "billing";
        expectKeys(f, k, {"alpha", "beta", "epsilon", "zeta", "theta"}, "service billing");
        f.project = "web";
        f.environment = "live";
        expectKeys(f, k, {"alpha", "beta", "epsilon", "zeta"}, "service billing in web/live");
        f = {};
        f.service = "api";
        expectKeys(f, k, {"iota"}, "service api");
        f = {};
        f.withoutService = true;
        expectKeys(f, k, {"gamma"}, "without service");
        f = {};
        f.tag = "pci";
        expectKeys(f, k, {"alpha", "theta"}, "tag pci (not pci-dss)");
        f.tag = "eu";
        expectKeys(f, k, {"alpha", "delta", "iota"}, "tag eu");
        f.tag = "pc";
        expectKeys(f, k, {}, "tag pc");
        f = {};
        f.expiresBeforeMs = m_fixture->nowMs() + 10 * kDay;
        expectKeys(f, k, {"alpha", "eta"}, "expiring within 10 days (revoked excluded)");
        f = {};
        f.parentId = QString();
        expectKeys(f, k, {"alpha", "beta", "gamma", "zeta", "eta", "theta", "iota"}, "without parent");
        f.parentId = k["alpha"].id;
        expectKeys(f, k, {"delta", "epsilon"}, "children of alpha");
        f.parentId = k["alpha"].displayId;
        expectKeys(f, k, {"delta", "epsilon"}, "children of alpha by display id");
        f = {};
        f.status = KeyStatus::Expired;
        expectKeys(f, k, {"eta"}, "expired");
        f.status = KeyStatus::Suspended;
        expectKeys(f, k, {"epsilon"}, "suspended");
        f.status = KeyStatus::Revoked;
        expectKeys(f, k, {"zeta"}, "revoked");
        f = {};
        f.team = "core";
        f.service = "search";
        f.status = KeyStatus::Active;
        expectKeys(f, k, {"beta", "delta"}, "team, service and status");
        f.text = "del";
        expectKeys(f, k, {"delta"}, "and text");

        f = {};
        f.service = "billing";
        f.withoutService = true;
        EXPECT_ERROR(b().keys(f), Error::Code::Invalid);
        EXPECT_ERROR(b().countKeys(f), Error::Code::Invalid);
        EXPECT_ERROR(b().keyCounts(f, KeyGrouping::Environment), Error::Code::Invalid);
        f = {};
        f.parentId = QStringLiteral("key_doesnotexist0000");
        EXPECT_ERROR(b().keys(f), Error::Code::NotFound);
        EXPECT_ERROR(b().countKeys(f), Error::Code::NotFound);

        // childCount in lists and single reads.
        auto alpha = b().key(k["alpha"].id);
        EXPECT_OK(alpha);
        QCOMPARE(alpha->childCount, 2);
        auto all = b().keys({});
        EXPECT_OK(all);
        for (const KeyRecord& r : *all)
            QCOMPARE(r.childCount, r.id == k["alpha"].id ? 2 : 0);
        // countKeys ignores paging.
        f = {};
        f.limit = 2;
        f.offset = 1;
        auto page = b().keys(f);
        EXPECT_OK(page);
        QCOMPARE(page->size(), 2);
        auto total = b().countKeys(f);
        EXPECT_OK(total);
        QCOMPARE(*total, 9);
    }

    static QString describeCount(const KeyCount& c)
    {
        return QStringLiteral("%1/%2/%3/%4 total %5 active %6 expired %7 suspended %8 revoked %9")
            .arg(c.team, c.project, c.environment, c.service)
            .arg(c.total)
            .arg(c.active)
            .arg(c.expired)
            .arg(c.suspended)
            .arg(c.revoked);
    }

    void expectCounts(const Result<QList<KeyCount>>& counts, const QStringList& expected, const char* what)
    {
        QVERIFY2(counts.ok(), qPrintable(QString::fromLatin1(what) + ": " + describe(counts)));
        QStringList got;
        for (const KeyCount& c : *counts)
            got << describeCount(c);
        QVERIFY2(got == expected, qPrintable(QStringLiteral("%1:\ngot      %2\nexpected %3")
                                                 .arg(what, got.join(QStringLiteral("\n         ")),
                                                      expected.join(QStringLiteral("\n         ")))));
    }

    void keyCounts()
    {
        const auto k = seedFilterSet();
        QCOMPARE(k.size(), 9);
        expectCounts(b().keyCounts({}, KeyGrouping::Environment),
                     {"core/web/live/ total 7 active 4 expired 1 suspended 1 revoked 1",
                      "core/web/test/ total 1 active 1 expired 0 suspended 0 revoked 0",
                      "growth/app/live/ total 1 active 1 expired 0 suspended 0 revoked 0"},
                     "by environment");
        KeyFilter f;
        f.status = KeyStatus::Active;
        expectCounts(b().keyCounts(f, KeyGrouping::Environment),
                     {"core/web/live/ total 4 active 4 expired 0 suspended 0 revoked 0",
                      "core/web/test/ total 1 active 1 expired 0 suspended 0 revoked 0",
                      "growth/app/live/ total 1 active 1 expired 0 suspended 0 revoked 0"},
                     "active, by environment");
        f.status = KeyStatus::Expired;
        expectCounts(b().keyCounts(f, KeyGrouping::Environment),
                     {"core/web/live/ total 1 active 0 expired 1 suspended 0 revoked 0"}, "expired, by environment");
        f = {};
        f.team = "growth";
        expectCounts(b().keyCounts(f, KeyGrouping::Environment),
                     {"growth/app/live/ total 1 active 1 expired 0 suspended 0 revoked 0"}, "team growth");

        // By service within web/live: a key with two services counts in both, keys with none form "".
        f = {};
        f.project = "web";
        f.environment = "live";
        expectCounts(b().keyCounts(f, KeyGrouping::Service),
                     {"core/web/live/ total 1 active 1 expired 0 suspended 0 revoked 0",
                      "core/web/live/billing total 4 active 2 expired 0 suspended 1 revoked 1",
                      "core/web/live/search total 3 active 2 expired 1 suspended 0 revoked 0"},
                     "web/live by service");
        f.environment.clear();
        expectCounts(b().keyCounts(f, KeyGrouping::Service),
                     {"core/web// total 1 active 1 expired 0 suspended 0 revoked 0",
                      "core/web//billing total 5 active 3 expired 0 suspended 1 revoked 1",
                      "core/web//search total 3 active 2 expired 1 suspended 0 revoked 0"},
                     "web by service");
        f.status = KeyStatus::Suspended;
        expectCounts(b().keyCounts(f, KeyGrouping::Service),
                     {"core/web//billing total 1 active 0 expired 0 suspended 1 revoked 0"}, "suspended, by service");
        f = {};
        f.project = "nope";
        expectCounts(b().keyCounts(f, KeyGrouping::Environment), {}, "unknown project");

        // The totals agree with the plain count.
        auto counts = b().keyCounts({}, KeyGrouping::Environment);
        EXPECT_OK(counts);
        qint64 sum = 0;
        for (const KeyCount& c : *counts) {
            QCOMPARE(c.active + c.expired + c.suspended + c.revoked, c.total);
            sum += c.total;
        }
        QCOMPARE(sum, b().countKeys({}).value_or(-1));
    }

    void updateKey()
    {
        makeOrg();
        IssuedKey k = issue("alpha", [](KeySpec& s) {
            s.tags = {"pci"};
            s.metadata = QJsonObject{{"ticket", "SEC-1"}, {"note", "do-not-log-me"}};
        });
        IssuedKey dep = issue("dependency");
        QSignalSpy changed(&b(), &Backend::keysChanged);
        KeyUpdate u;
        u.name = "alpha v2";
        u.owner = "zoe@example.com";
        u.tags = QStringList{"eu", "gdpr"};
        u.metadata = QJsonObject{{"ticket", "SEC-2"}, {"note", "still-secret-ish"}};
        u.services = QStringList{"search", "reports"};
        u.dependsOn = QStringList{dep.key.displayId};
        auto updated = b().updateKey(k.key.displayId, u, "team reorganisation");
        EXPECT_OK(updated);
        QCOMPARE(updated->id, k.key.id);
        QCOMPARE(updated->name, QStringLiteral("alpha v2"));
        QCOMPARE(updated->owner, QStringLiteral("zoe@example.com"));
        QCOMPARE(updated->tags, (QStringList{"eu", "gdpr"}));
        QCOMPARE(updated->metadata, *u.metadata);
        QCOMPARE(updated->services, (QStringList{"reports", "search"}));
        QCOMPARE(updated->dependsOn, QStringList{dep.key.id});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toStringList(), QStringList{k.key.id});
        auto reread = b().key(k.key.id);
        EXPECT_OK(reread);
        QCOMPARE(reread->toJson(0), updated->toJson(0));
        // The services are created on first use, and verification follows the new binding at once.
        auto services = b().services("web");
        EXPECT_OK(services);
        QStringList names;
        for (const Service& s : *services)
            names << s.name;
        QVERIFY2(names.contains("reports"), qPrintable(names.join(',')));
        QCOMPARE(kw::toString(verify(k.secret, "search")), kw::toString(VerifyCode::Valid));
        QCOMPARE(kw::toString(verify(k.secret, "billing")), kw::toString(VerifyCode::WrongService));
        // The dependency is real: a cascade from it reaches the key.
        auto plan = b().planRevocation({dep.key.id}, true);
        EXPECT_OK(plan);
        QVERIFY(plan->keyIds().contains(k.key.id));

        // One audit entry naming the changed fields, never their values.
        AuditQuery q;
        q.target = k.key.id;
        q.action = "key.update";
        auto entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QCOMPARE(entries->size(), 1);
        const AuditEntry& e = entries->first();
        QCOMPARE(e.reason, QStringLiteral("team reorganisation"));
        QCOMPARE(e.details.value("changed").toArray(),
                 (QJsonArray{"name", "owner", "tags", "metadata", "services", "dependsOn"}));
        const QByteArray details = QJsonDocument(e.details).toJson();
        for (const char* value : {"SEC-2", "still-secret-ish", "do-not-log-me", "zoe@example.com", "alpha v2"})
            QVERIFY2(!details.contains(value), details.constData());

        // Giving the current values changes nothing and records nothing.
        KeyUpdate same;
        same.name = "alpha v2";
        same.tags = QStringList{"eu", "gdpr"};
        EXPECT_OK(b().updateKey(k.key.id, same, "no-op"));
        entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QCOMPARE(entries->size(), 1);
        // Clearing tags; only that field is named.
        KeyUpdate clear;
        clear.tags = QStringList();
        auto cleared = b().updateKey(k.key.id, clear, "tags obsolete");
        EXPECT_OK(cleared);
        QVERIFY(cleared->tags.isEmpty());
        QCOMPARE(cleared->name, QStringLiteral("alpha v2"));
        entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->last().details.value("changed").toArray(), QJsonArray{"tags"});

        // Bad input: a clear error naming the field, and nothing written.
        const QJsonObject before = b().key(k.key.id)->toJson(0);
        EXPECT_ERROR(b().updateKey(k.key.id, KeyUpdate{}, "nothing"), Error::Code::Invalid);
        KeyUpdate rename;
        rename.name = "beta";
        EXPECT_ERROR(b().updateKey(k.key.id, rename, "  "), Error::Code::Invalid);
        for (const QString& badName : {QString(), QStringLiteral("   "), QStringLiteral("bad\x01name")}) {
            KeyUpdate bad;
            bad.name = badName;
            bad.owner = "mallory@example.com";
            auto r = b().updateKey(k.key.id, bad, "rename");
            EXPECT_ERROR(r, Error::Code::Invalid);
            QVERIFY2(r.errorMessage().contains("name"), qPrintable(r.errorMessage()));
        }
        KeyUpdate badTag;
        badTag.tags = QStringList{"ok", QString(65, u'x')};
        auto tagError = b().updateKey(k.key.id, badTag, "tags");
        EXPECT_ERROR(tagError, Error::Code::Invalid);
        QVERIFY2(tagError.errorMessage().contains("ag"), qPrintable(tagError.errorMessage()));
        KeyUpdate badService;
        badService.services = QStringList{"search", "Not A Service"};
        auto serviceError = b().updateKey(k.key.id, badService, "services");
        EXPECT_ERROR(serviceError, Error::Code::Invalid);
        QVERIFY2(serviceError.errorMessage().contains("Service"), qPrintable(serviceError.errorMessage()));
        KeyUpdate self;
        self.dependsOn = QStringList{k.key.id};
        auto selfError = b().updateKey(k.key.id, self, "loop");
        EXPECT_ERROR(selfError, Error::Code::Invalid);
        QVERIFY2(selfError.errorMessage().contains("itself"), qPrintable(selfError.errorMessage()));
        KeyUpdate unknown;
        unknown.dependsOn = QStringList{"key_doesnotexist0000"};
        EXPECT_ERROR(b().updateKey(k.key.id, unknown, "dep"), Error::Code::NotFound);
        EXPECT_ERROR(b().updateKey("key_doesnotexist0000", rename, "x"), Error::Code::NotFound);
        QCOMPARE(b().key(k.key.id)->toJson(0), before);

        // Revocation is final: the record stays as it was.
        EXPECT_OK(b().revokeKeys(RevocationRequest{{k.key.id}, false, "leaked", {}}));
        auto revoked = b().updateKey(k.key.id, rename, "after the fact");
        EXPECT_ERROR(revoked, Error::Code::Conflict);
        QVERIFY2(revoked.errorMessage().contains("revoked"), qPrintable(revoked.errorMessage()));
        QCOMPARE(b().key(k.key.id)->name, QStringLiteral("alpha v2"));
    }

    // Remote only: the new routes parse strictly, like the rest of the API.
    void strictKeyRoutes()
    {
        if (!remote())
            QSKIP("remote only");
        makeOrg();
        IssuedKey k = issue("alpha");
        auto http = HttpClient::create(QUrl(remote()->server().url()));
        EXPECT_OK(http);
        auto send = [&](const QByteArray& method, const QByteArray& target, const QByteArray& body = {}) {
            HttpClient::Request req;
            req.method = method;
            req.target = target;
            req.body = body;
            req.bearer = &remote()->adminToken();
            return (*http)->send(req);
        };
        struct Case {
            QByteArray method, target, body, named;
        };
        const QList<Case> cases{
            {"GET", "/v1/keys?projekt=web", {}, "projekt"},
            {"GET", "/v1/keys/count?status=sleeping", {}, "status"},
            {"GET", "/v1/keys/counts?groupBy=team", {}, "groupBy"},
            {"GET", "/v1/keys/counts?limit=x", {}, "limit"},
            {"PATCH", "/v1/keys/" + k.key.id.toLatin1(), R"({"reason":"x","colour":"red"})", "colour"},
            {"PATCH", "/v1/keys/" + k.key.id.toLatin1(), R"({"name":"x"})", "reason"},
            {"PATCH", "/v1/keys/" + k.key.id.toLatin1(), R"({"reason":"x","tags":"pci"})", "tags"},
            {"POST", "/v1/projects/web/services", R"({"name":"x","price":1})", "price"},
        };
        for (const Case& c : cases) {
            auto r = send(c.method, c.target, c.body);
            EXPECT_OK(r);
            QVERIFY2(r->status == 400, qPrintable(c.method + ' ' + c.target + ": " + QString::number(r->status)));
            QVERIFY2(r->body.contains(c.named), r->body.constData());
        }
        auto count = send("GET", "/v1/keys/count?project=web");
        EXPECT_OK(count);
        QCOMPARE(count->status, 200);
        QCOMPARE(QJsonDocument::fromJson(count->body).object().value("count").toInteger(), 1);
        // "count" and "counts" are routes, not key references.
        auto counts = send("GET", "/v1/keys/counts");
        EXPECT_OK(counts);
        QCOMPARE(counts->status, 200);
        QVERIFY(QJsonDocument::fromJson(counts->body).isArray());
    }

    void operators()
    {
        auto alice = b().createOperator("alice", OperatorRole::Auditor);
        EXPECT_OK(alice);
        QVERIFY(alice->token.toUtf8String().startsWith("kwop_"));
        QCOMPARE(kw::toString(alice->op.role), kw::toString(OperatorRole::Auditor));
        QCOMPARE(alice->op.tokenDisplayId, KeyFormat::displayIdOf(alice->token.view()));
        EXPECT_ERROR(b().createOperator("alice", OperatorRole::Admin), Error::Code::Conflict);
        EXPECT_ERROR(b().createOperator("bad name!", OperatorRole::Admin), Error::Code::Invalid);
        EXPECT_OK(b().createOperator("bob", OperatorRole::Verifier));

        auto list = b().operators();
        EXPECT_OK(list);
        QMap<QString, Operator> byName;
        for (const auto& op : *list)
            byName.insert(op.name, op);
        QVERIFY(byName.contains("alice") && byName.contains("bob"));
        QCOMPARE(kw::toString(byName["alice"].role), kw::toString(OperatorRole::Auditor));
        QCOMPARE(byName["alice"].revokedAt, 0);
        QCOMPARE(byName["alice"].tokenDisplayId, alice->op.tokenDisplayId);

        std::unique_ptr<RemoteBackend> asAlice;
        if (auto* r = remote()) {
            auto conn = r->connect(alice->token.clone());
            EXPECT_OK(conn);
            asAlice = std::move(*conn);
            auto me = asAlice->whoami();
            EXPECT_OK(me);
            QCOMPARE(me->name, QStringLiteral("alice"));
            QCOMPARE(kw::toString(me->role), kw::toString(OperatorRole::Auditor));
            QCOMPARE(asAlice->actor(), QStringLiteral("alice"));
        }

        EXPECT_OK(b().revokeOperator("alice"));
        EXPECT_ERROR(b().revokeOperator("alice"), Error::Code::NotFound);
        EXPECT_ERROR(b().revokeOperator("nobody"), Error::Code::NotFound);
        list = b().operators();
        EXPECT_OK(list);
        for (const auto& op : *list)
            if (op.name == QLatin1String("alice"))
                QVERIFY(op.revokedAt > 0);
        if (asAlice)
            EXPECT_ERROR(asAlice->whoami(), Error::Code::Unauthorized);
    }

    // Remote only: who may call what. Verify < read < respond < administer, each role holding the ones before.
    // ---- issue #6: filters for incident response, the calendar, leaked secrets, backups, contacts, anomalies

    void keyFiltersForIncidents()
    {
        makeOrg();
        KeyRecord a = issueRecord("alpha", [](KeySpec& s) {
            s.owner = "Ana@Example.com";
            s.expiresInMs = 10 * kDay;
        });
        m_fixture->elapse(20);
        KeyRecord bRec = issueRecord("beta", [](KeySpec& s) {
            s.owner = "bo@example.com";
            s.expiresInMs = 40 * kDay;
        });
        m_fixture->elapse(20);
        IssuedKey c = issue("gamma", [](KeySpec& s) { s.owner = "ana@example.com"; });

        auto names = [this](const KeyFilter& f) {
            QStringList out;
            auto list = b().keys(f);
            if (!list) {
                qWarning("keys: %s", qPrintable(describe(list)));
                return QStringList{QStringLiteral("<error>")};
            }
            for (const auto& k : *list)
                out << k.name;
            out.sort();
            return out;
        };
        KeyFilter owner;
        owner.owner = "ANA@example.COM";
        QCOMPARE(names(owner), (QStringList{"alpha", "gamma"}));
        auto counted = b().countKeys(owner);
        EXPECT_OK(counted);
        QCOMPARE(*counted, 2);

        KeyFilter created;
        created.createdFromMs = bRec.createdAt;
        QCOMPARE(names(created), (QStringList{"beta", "gamma"}));
        created.createdToMs = c.key.createdAt;
        QCOMPARE(names(created), QStringList{"beta"});
        KeyFilter backwards;
        backwards.createdFromMs = c.key.createdAt;
        backwards.createdToMs = a.createdAt;
        EXPECT_ERROR(b().keys(backwards), Error::Code::Invalid);

        const qint64 now = m_fixture->nowMs();
        KeyFilter after;
        after.expiresAfterMs = now + 20 * kDay;
        QCOMPARE(names(after), QStringList{"beta"});
        after.expiresAfterMs = now + kDay;
        after.expiresBeforeMs = now + 20 * kDay; // a day range, as the calendar's day view asks
        QCOMPARE(names(after), QStringList{"alpha"});

        // Keys used from an address (raw usage events).
        VerifyContext ctx;
        ctx.service = "billing";
        ctx.clientIp = "203.0.113.7";
        EXPECT_OK(b().verifyKey(c.secret, ctx));
        m_fixture->flushUsage();
        KeyFilter ip;
        ip.clientIp = "203.0.113.7";
        QCOMPARE(names(ip), QStringList{"gamma"});
        ip.clientIp = "198.51.100.1";
        QCOMPARE(names(ip), QStringList{});
        ip.clientIp = "not-an-address";
        EXPECT_ERROR(b().keys(ip), Error::Code::Invalid);
    }

    void expiryCalendarAndRotationSchedule()
    {
        makeOrg();
        // An environment policy every key there inherits: rotate weekly.
        KeyPolicy weekly;
        weekly.rotateEveryMs = 7 * kDay;
        EXPECT_OK(
            b().applyPolicy(PolicyTarget{PolicyTarget::Kind::Environment, "web", "test", {}}, std::nullopt, weekly));
        KeyPolicy graceful;
        graceful.graceMs = 3 * kDay;
        KeyRecord soon1 = issueRecord("soon-1", [](KeySpec& s) { s.expiresInMs = 2 * kDay; });
        KeyRecord soon2 = issueRecord("soon-2", [](KeySpec& s) { s.expiresInMs = 2 * kDay; });
        KeyRecord later = issueRecord("later", [](KeySpec& s) { s.expiresInMs = 10 * kDay; });
        KeyRecord gone = issueRecord("gone", [](KeySpec& s) { s.expiresInMs = 2 * kDay; });
        EXPECT_OK(b().revokeKeys(RevocationRequest{{gone.id}, false, "test", {}}));
        KeyRecord grace = issueRecord("grace", [&](KeySpec& s) {
            s.expiresInMs = 1000;
            s.policy = graceful;
        });
        KeyRecord own = issueRecord("own-rotation", [](KeySpec& s) { s.policy.rotateEveryMs = 5 * kDay; });
        KeyRecord inherited = issueRecord("weekly", [](KeySpec& s) { s.environment = "test"; });
        // A key template's rotation, and a grace period the project gives.
        PolicyTemplate quick;
        quick.name = "quick";
        quick.policy.rotateEveryMs = 3 * kDay;
        EXPECT_OK(b().savePolicyTemplate(quick));
        KeyRecord templated = issueRecord("templated", [](KeySpec& s) { s.policyTemplate = "quick"; });
        KeyPolicy projectGrace;
        projectGrace.graceMs = 2 * kDay;
        EXPECT_OK(
            b().applyPolicy(PolicyTarget{PolicyTarget::Kind::Project, "web", {}, {}}, std::nullopt, projectGrace));
        KeyRecord inheritsGrace = issueRecord("inherits-grace", [](KeySpec& s) { s.expiresInMs = 1000; });
        m_fixture->elapse(1500); // "grace" and "inherits-grace" have expired and are in their grace periods now

        const qint64 now = m_fixture->nowMs();
        const qint64 from = now / kDay * kDay - kDay;
        const qint64 to = from + 20 * kDay;
        // What the calendar must say, computed from the keys themselves.
        QMap<qint64, ExpiryDay> want;
        for (const KeyRecord& k : {soon1, soon2, later, grace, inheritsGrace})
            ++want[k.expiresAt / kDay * kDay].expiring;
        ++want[grace.expiresAt / kDay * kDay].inGrace;
        ++want[inheritsGrace.expiresAt / kDay * kDay].inGrace;
        ++want[(own.createdAt + 5 * kDay) / kDay * kDay].rotations;
        ++want[(inherited.createdAt + 7 * kDay) / kDay * kDay].rotations;
        ++want[(templated.createdAt + 3 * kDay) / kDay * kDay].rotations;
        auto days = b().expiryCalendar({}, from, to, 0);
        EXPECT_OK(days);
        QCOMPARE(days->size(), want.size());
        for (const ExpiryDay& d : *days) {
            QVERIFY2(want.contains(d.dayStartMs), qPrintable(QString::number(d.dayStartMs)));
            const ExpiryDay& w = want[d.dayStartMs];
            QCOMPARE(d.expiring, w.expiring);
            QCOMPARE(d.inGrace, w.inGrace);
            QCOMPARE(d.rotations, w.rotations);
        }

        // Local days: midnight moves with the offset, the totals do not.
        auto shifted = b().expiryCalendar({}, from, to, 10 * 3600);
        EXPECT_OK(shifted);
        qint64 expiring = 0, rotations = 0;
        for (const ExpiryDay& d : *shifted) {
            QCOMPARE((d.dayStartMs + 10 * kHour) % kDay, 0);
            expiring += d.expiring;
            rotations += d.rotations;
        }
        QCOMPARE(expiring, 5);
        QCOMPARE(rotations, 3);

        // A scope: only the test environment.
        KeyFilter testEnv;
        testEnv.environment = "test";
        auto scoped = b().expiryCalendar(testEnv, from, to, 0);
        EXPECT_OK(scoped);
        QCOMPARE(scoped->size(), 1);
        QCOMPARE(scoped->first().rotations, 1);
        QCOMPARE(scoped->first().expiring, 0);

        auto due = b().scheduledRotations({}, from, to);
        EXPECT_OK(due);
        QCOMPARE(due->size(), 3);
        QCOMPARE(due->at(0).keyId, templated.id);
        QCOMPARE(due->at(1).keyId, own.id);
        QCOMPARE(due->at(1).dueAt, own.createdAt + 5 * kDay);
        QCOMPARE(due->at(1).displayId, own.displayId);
        QCOMPARE(due->at(1).owner, own.owner);
        QCOMPARE(due->at(2).keyId, inherited.id);
        QCOMPARE(due->at(2).environment, QStringLiteral("test"));
        KeyFilter one;
        one.limit = 1;
        auto first = b().scheduledRotations(one, from, to);
        EXPECT_OK(first);
        QCOMPARE(first->size(), 1);
        QCOMPARE(first->first().keyId, templated.id);

        EXPECT_ERROR(b().expiryCalendar({}, to, from, 0), Error::Code::Invalid);
        EXPECT_ERROR(b().expiryCalendar({}, from, to, 20 * 3600), Error::Code::Invalid);
        EXPECT_ERROR(b().scheduledRotations({}, to, from), Error::Code::Invalid);

        if (!m_fixture->isRemote()) {
            // The schedule is the maintenance run's rule: six days on, exactly the 3- and 5-day rotations are done.
            m_fixture->elapse(6 * kDay);
            auto dueNow = b().scheduledRotations({}, 0, m_fixture->nowMs() + 1);
            EXPECT_OK(dueNow);
            QCOMPARE(dueNow->size(), 2);
            auto report = b().runMaintenance();
            EXPECT_OK(report);
            QCOMPARE(report->rotated, (QStringList{templated.id, own.id}));
            auto after = b().scheduledRotations({}, 0, m_fixture->nowMs() + 1);
            EXPECT_OK(after);
            QCOMPARE(after->size(), 0);
        }
    }

    void lookupLeakedSecrets()
    {
        makeOrg();
        IssuedKey live = issue("live");
        IssuedKey revoked = issue("revoked");
        EXPECT_OK(b().revokeKeys(RevocationRequest{{revoked.key.id}, false, "leaked", "INC-7"}));
        auto unknown = KeyFormat::generate(u"kw_live_");
        QVERIFY(unknown.ok());

        std::vector<SecureBytes> secrets;
        secrets.push_back(live.secret.clone());
        secrets.push_back(unknown->clone());
        secrets.push_back(revoked.secret.clone());
        auto found = b().lookupSecrets(secrets);
        EXPECT_OK(found);
        QCOMPARE(found->size(), 3);
        QVERIFY(found->at(0).has_value());
        QCOMPARE(found->at(0)->id, live.key.id);
        QVERIFY(!found->at(1).has_value());
        QVERIFY(found->at(2).has_value());
        QCOMPARE(kw::toString(found->at(2)->status), kw::toString(KeyStatus::Revoked));
        QCOMPARE(found->at(2)->incidentId, QStringLiteral("INC-7"));

        // A lookup is not a use: no usage, no last-used time.
        m_fixture->flushUsage();
        auto k = b().key(live.key.id);
        EXPECT_OK(k);
        QCOMPARE(k->lastUsedAt, 0);
        const qint64 now = m_fixture->nowMs();
        auto usage = b().usageSummary(UsageScope::Key, live.key.id, now - kHour, now + kHour);
        EXPECT_OK(usage);
        QCOMPARE(usage->totals.requests, 0);

        // Audited once, with counts and never the secrets.
        AuditQuery q;
        q.action = "key.lookup";
        auto entries = b().auditEntries(q);
        EXPECT_OK(entries);
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->first().details.value("secrets").toInteger(), 3);
        QCOMPARE(entries->first().details.value("matches").toInteger(), 2);
        const QString recorded = QString::fromUtf8(QJsonDocument(entries->first().details).toJson());
        QVERIFY(!recorded.contains(live.secret.toUtf8String()));
        QVERIFY(!recorded.contains(revoked.secret.toUtf8String()));

        // A malformed secret is named by its position and not repeated.
        std::vector<SecureBytes> bad;
        bad.push_back(live.secret.clone());
        bad.push_back(bytes("kw_live_notakeyatall"));
        auto rejected = b().lookupSecrets(bad);
        EXPECT_ERROR(rejected, Error::Code::Invalid);
        QVERIFY2(rejected.errorMessage().contains("Secret 1"), qPrintable(rejected.errorMessage()));
        QVERIFY(!rejected.errorMessage().contains("notakeyatall"));

        auto none = b().lookupSecrets({});
        EXPECT_OK(none);
        QCOMPARE(none->size(), 0);
    }

    void backupKeysAndReplacements()
    {
        makeOrg();
        KeyRecord parent = issueRecord("parent");
        IssuedKey primary = issue("primary", [&](KeySpec& s) {
            s.tags = {"pci"};
            s.metadata = QJsonObject{{"ticket", "SEC-1"}};
            s.owner = "ops@example.com";
            s.parentId = parent.id;
            s.expiresInMs = 30 * kDay;
            s.policy.maxUses = 1000;
        });
        KeyRecord sameService = issueRecord("standby-billing", [](KeySpec& s) { s.backup = true; });
        KeyRecord otherService = issueRecord("standby-search", [](KeySpec& s) {
            s.backup = true;
            s.services = {"search"};
        });
        KeyRecord noService = issueRecord("standby-any", [](KeySpec& s) {
            s.backup = true;
            s.services = {};
        });
        issueRecord("standby-test", [](KeySpec& s) {
            s.backup = true;
            s.environment = "test";
        });
        KeyRecord unbound = issueRecord("unbound", [](KeySpec& s) { s.services = {}; });

        auto ids = [](const Result<QList<KeyRecord>>& list) {
            QStringList out;
            if (list)
                for (const auto& k : *list)
                    out << k.name;
            out.sort();
            return out;
        };
        QCOMPARE(ids(b().backupKeysFor(primary.key.id)), QStringList{"standby-billing"});
        QCOMPARE(ids(b().backupKeysFor(unbound.displayId)),
                 (QStringList{"standby-any", "standby-billing", "standby-search"}));
        EXPECT_ERROR(b().backupKeysFor("key_doesnotexist0000"), Error::Code::NotFound);

        // Activation: the flag goes, a suspended standby is resumed, the incident is recorded.
        EXPECT_OK(b().suspendKey(sameService.id, "standby"));
        EXPECT_ERROR(b().activateBackup(sameService.id, "", "INC-3"), Error::Code::Invalid);
        EXPECT_ERROR(b().activateBackup(primary.key.id, "failover", "INC-3"), Error::Code::Conflict);
        QSignalSpy changed(&b(), &Backend::keysChanged);
        auto activated = b().activateBackup(sameService.id, "failover", "INC-3");
        EXPECT_OK(activated);
        QVERIFY(!activated->backup);
        QCOMPARE(kw::toString(activated->status), kw::toString(KeyStatus::Active));
        QCOMPARE(activated->incidentId, QStringLiteral("INC-3"));
        QCOMPARE(changed.count(), 1);
        EXPECT_ERROR(b().activateBackup(sameService.id, "again", "INC-3"), Error::Code::Conflict);
        EXPECT_OK(b().revokeKeys(RevocationRequest{{otherService.id}, false, "gone", {}}));
        EXPECT_ERROR(b().activateBackup(otherService.id, "failover", "INC-3"), Error::Code::Conflict);
        QCOMPARE(ids(b().backupKeysFor(unbound.id)), QStringList{"standby-any"});
        AuditQuery aq;
        aq.action = "key.backup.activate";
        auto audited = b().auditEntries(aq);
        EXPECT_OK(audited);
        QCOMPARE(audited->size(), 1);
        QCOMPARE(audited->first().incident, QStringLiteral("INC-3"));
        QCOMPARE(audited->first().target, sameService.id);

        // Replacement of a revoked key: everything but the secret carried over.
        EXPECT_ERROR(b().issueReplacement(primary.key.id, "replace", "INC-3"), Error::Code::Conflict); // not revoked
        EXPECT_OK(b().revokeKeys(RevocationRequest{{primary.key.id}, false, "leaked", "INC-3"}));
        EXPECT_ERROR(b().issueReplacement(primary.key.id, " ", "INC-3"), Error::Code::Invalid);
        auto replacement = b().issueReplacement(primary.key.displayId, "leaked, replaced", "INC-3");
        EXPECT_OK(replacement);
        const KeyRecord& r = replacement->key;
        QVERIFY(r.id != primary.key.id);
        QCOMPARE(r.predecessorId, primary.key.id);
        QCOMPARE(r.project, primary.key.project);
        QCOMPARE(r.environment, primary.key.environment);
        QCOMPARE(r.services, primary.key.services);
        QCOMPARE(r.owner, primary.key.owner);
        QCOMPARE(r.tags, primary.key.tags);
        QCOMPARE(r.metadata, primary.key.metadata);
        QCOMPARE(r.parentId, parent.id);
        QCOMPARE(r.policy.maxUses, primary.key.policy.maxUses);
        QCOMPARE(r.expiresAt - r.createdAt, primary.key.expiresAt - primary.key.createdAt);
        QCOMPARE(kw::toString(r.status), kw::toString(KeyStatus::Active));
        QVERIFY(KeyFormat::isWellFormed(replacement->secret.view()));
        QVERIFY(!(replacement->secret == primary.secret));
        QCOMPARE(kw::toString(verify(replacement->secret)), kw::toString(VerifyCode::Valid));
        QCOMPARE(kw::toString(verify(primary.secret)), kw::toString(VerifyCode::Revoked));
        EXPECT_ERROR(b().issueReplacement(primary.key.id, "twice", "INC-3"), Error::Code::Conflict);
        aq.action = "key.replace";
        audited = b().auditEntries(aq);
        EXPECT_OK(audited);
        QCOMPARE(audited->size(), 1);
        QCOMPARE(audited->first().incident, QStringLiteral("INC-3"));
        QCOMPARE(audited->first().details.value("replacementId").toString(), r.id);

        // A revoked parent is not carried over.
        KeyRecord child = issueRecord("child", [&](KeySpec& s) { s.parentId = unbound.id; });
        EXPECT_OK(b().revokeKeys(RevocationRequest{{unbound.id}, true, "cascade", {}}));
        auto orphan = b().issueReplacement(child.id, "replace", {});
        EXPECT_OK(orphan);
        QVERIFY(orphan->key.parentId.isEmpty());
    }

    void contactsAndNotifications()
    {
        makeOrg();
        Contact bad;
        bad.project = "web";
        bad.name = "Ops";
        bad.email = "not an address";
        EXPECT_ERROR(b().saveContact(bad), Error::Code::Invalid);
        bad.email.clear();
        bad.webhookUrl = "ftp://hooks.example.com/x";
        EXPECT_ERROR(b().saveContact(bad), Error::Code::Invalid);
        bad.webhookUrl.clear();
        EXPECT_ERROR(b().saveContact(bad), Error::Code::Invalid); // no channel at all
        bad.email = "ops@example.com";
        bad.project = "nope";
        EXPECT_ERROR(b().saveContact(bad), Error::Code::NotFound);
        bad.project = "web";
        bad.service = "no-such-service";
        EXPECT_ERROR(b().saveContact(bad), Error::Code::NotFound);

        IssuedKey billing = issue("billing-key"); // creates service billing
        issue("search-key", [](KeySpec& s) { s.services = {"search"}; });
        Contact ops{0,
                    "web",
                    "",
                    "Ops on call",
                    "ops@example.com",
                    "https://hooks.example.com/kw",
                    "+1 555 0100",
                    "pager first"};
        auto savedOps = b().saveContact(ops);
        EXPECT_OK(savedOps);
        QVERIFY(savedOps->id > 0);
        QCOMPARE(savedOps->webhookUrl, ops.webhookUrl);
        auto savedBilling =
            b().saveContact(Contact{0, "web", "billing", "Billing team", "billing@example.com", {}, {}, {}});
        EXPECT_OK(savedBilling);
        auto savedSearch =
            b().saveContact(Contact{0, "web", "search", "Search team", "search@example.com", {}, {}, {}});
        EXPECT_OK(savedSearch);
        Contact renamed = *savedOps;
        renamed.name = "Ops (24/7)";
        auto updated = b().saveContact(renamed);
        EXPECT_OK(updated);
        QCOMPARE(updated->id, savedOps->id);
        Contact missing = renamed;
        missing.id = 999'999;
        EXPECT_ERROR(b().saveContact(missing), Error::Code::NotFound);

        auto all = b().contacts("web");
        EXPECT_OK(all);
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->first().name, QStringLiteral("Ops (24/7)"));
        QCOMPARE(all->first().phone, QStringLiteral("+1 555 0100"));
        QCOMPARE(all->first().note, QStringLiteral("pager first"));
        auto everywhere = b().contacts({});
        EXPECT_OK(everywhere);
        QCOMPARE(everywhere->size(), 3);
        EXPECT_ERROR(b().contacts("nope"), Error::Code::NotFound);
        EXPECT_OK(b().removeContact(savedSearch->id));
        EXPECT_ERROR(b().removeContact(savedSearch->id), Error::Code::NotFound);
        QCOMPARE(b().contacts("web")->size(), 2);

        if (auto* local = dynamic_cast<LocalFixture*>(m_fixture.get())) {
            // At rest the contact is ciphertext: no address in the file's contacts table.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(local->vaultPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT sealed FROM contacts")));
            int rows = 0;
            while (q.next()) {
                ++rows;
                QVERIFY(!q.value(0).toByteArray().contains("example.com"));
            }
            QCOMPARE(rows, 2);
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        }

        // A revocation tells the project's contacts and those of the key's service, by email and webhook.
        auto plan = b().revokeKeys(RevocationRequest{{billing.key.id}, false, "pasted in a ticket", "INC-9"});
        EXPECT_OK(plan);
        QCOMPARE(plan->entries.first().services, QStringList{"billing"});
        auto queued = b().notifyRevocation("INC-9", *plan, "pasted in a ticket");
        EXPECT_OK(queued);
        QCOMPARE(queued->size(), 3);
        QStringList channels;
        for (const Notification& n : *queued) {
            channels << n.channel + ':' + n.recipient;
            QCOMPARE(n.state, QStringLiteral("queued"));
            QCOMPARE(n.kind, QStringLiteral("revocation"));
            QCOMPARE(n.incident, QStringLiteral("INC-9"));
            QCOMPARE(n.keyIds, QStringList{billing.key.id});
            QVERIFY(n.subject.contains("INC-9"));
            QVERIFY2(n.body.contains(billing.key.displayId), qPrintable(n.body));
            QVERIFY(!n.body.contains(billing.secret.toUtf8String()));
            QVERIFY(n.id > 0);
            QVERIFY(n.createdAt > 0);
        }
        channels.sort();
        QCOMPARE(channels, (QStringList{"email:billing@example.com", "email:ops@example.com",
                                        "webhook:https://hooks.example.com/kw"}));
        NotificationQuery nq;
        nq.incident = "INC-9";
        auto listed = b().notifications(nq);
        EXPECT_OK(listed);
        QCOMPARE(listed->size(), 3);
        QCOMPARE(listed->first().id, queued->last().id); // newest first
        nq.kind = "expiry";
        QCOMPARE(b().notifications(nq)->size(), 0);
        AuditQuery aq;
        aq.action = "notification.record";
        auto audited = b().auditEntries(aq);
        EXPECT_OK(audited);
        QCOMPARE(audited->size(), 1);
        QCOMPARE(audited->first().incident, QStringLiteral("INC-9"));

        Notification draft;
        draft.kind = "alert";
        draft.channel = "pager";
        draft.recipient = "ops@example.com";
        draft.subject = "x";
        auto rejected = b().recordNotifications({draft});
        EXPECT_ERROR(rejected, Error::Code::Invalid);
        QVERIFY(rejected.errorMessage().contains("Notification 0"));
        EXPECT_ERROR(b().recordNotifications({}), Error::Code::Invalid);
        draft.channel = "desktop";
        auto desktop = b().recordNotifications({draft});
        EXPECT_OK(desktop);
        QCOMPARE(desktop->first().state, QStringLiteral("queued"));
    }

    void notificationDelivery()
    {
        makeOrg();
        kwtest::WebhookReceiver receiver({500}, 200);
        QVERIFY(receiver.listen());
        IssuedKey k = issue("leaky");
        Contact hook{0, "web", "", "Hooks", {}, receiver.url(), {}, {}};
        EXPECT_OK(b().saveContact(hook));
        Contact pd{0, "web", "billing", "PagerDuty", {}, receiver.url("/pd"), {}, {}};
        pd.webhookFormat = "pagerduty";
        EXPECT_ERROR(b().saveContact(pd), Error::Code::Invalid); // needs a routing key
        pd.pagerDutyRoutingKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        auto savedPd = b().saveContact(pd);
        EXPECT_OK(savedPd);
        QCOMPARE(savedPd->webhookFormat, QStringLiteral("pagerduty"));
        auto listedContacts = b().contacts("web");
        EXPECT_OK(listedContacts);
        QCOMPARE(listedContacts->last().pagerDutyRoutingKey, pd.pagerDutyRoutingKey);
        QCOMPARE(listedContacts->first().webhookFormat, QStringLiteral("generic"));

        auto plan = b().revokeKeys(RevocationRequest{{k.key.id}, false, "leaked", "INC-D"});
        EXPECT_OK(plan);
        auto queued = b().notifyRevocation("INC-D", *plan, "leaked");
        EXPECT_OK(queued);
        QCOMPARE(queued->size(), 2);
        for (const Notification& n : *queued) {
            QVERIFY(n.nextAttemptAt > 0);
            QVERIFY(n.routingKey.isEmpty()); // never read back
        }

        // First pass: the generic hook answers 500 (retry), PagerDuty 200.
        auto pass = b().deliverNotifications();
        EXPECT_OK(pass);
        QCOMPARE(pass->claimed, 2);
        QCOMPARE(pass->sent, 1);
        QCOMPARE(pass->retrying, 1);
        QCOMPARE(b().deliverNotifications()->claimed, 0); // backing off
        NotificationQuery nq;
        nq.state = "queued";
        auto waiting = b().notifications(nq);
        EXPECT_OK(waiting);
        QCOMPARE(waiting->size(), 1);
        const qint64 id = waiting->first().id;
        QCOMPARE(waiting->first().attempts, 1);
        QVERIFY(waiting->first().lastError.contains("HTTP 500"));
        auto retried = b().retryNotification(id);
        EXPECT_OK(retried);
        QCOMPARE(retried->state, QStringLiteral("queued"));
        QCOMPARE(b().deliverNotifications()->sent, 1);
        auto log = b().notificationDeliveries(id);
        EXPECT_OK(log);
        QCOMPARE(log->size(), 2);
        QCOMPARE(log->at(0).outcome, QStringLiteral("retry"));
        QCOMPARE(log->at(0).status, 500);
        QCOMPARE(log->at(1).outcome, QStringLiteral("sent"));
        QCOMPARE(log->at(1).attempt, 2);
        EXPECT_ERROR(b().retryNotification(id), Error::Code::Conflict);
        EXPECT_ERROR(b().retryNotification(999'999), Error::Code::NotFound);
        EXPECT_ERROR(b().notificationDeliveries(999'999), Error::Code::NotFound);
        nq.state = "bogus";
        EXPECT_ERROR(b().notifications(nq), Error::Code::Invalid);

        // Signed with the vault's secret, which is stable until rotated.
        auto secret = b().webhookSigningSecret();
        EXPECT_OK(secret);
        const QByteArray key(std::as_const(*secret).data(), qsizetype(secret->size()));
        QVERIFY(key.startsWith("whsec_"));
        for (const auto& r : receiver.requests())
            QVERIFY(kwtest::signatureValid(r, key));
        auto again = b().webhookSigningSecret();
        QCOMPARE(QByteArray(std::as_const(*again).data(), qsizetype(again->size())), key);
        auto rotated = b().rotateWebhookSigningSecret();
        EXPECT_OK(rotated);
        QVERIFY(QByteArray(std::as_const(*rotated).data(), qsizetype(rotated->size())) != key);

        // Test messages are sent now, not queued.
        auto test = b().sendTestNotification("webhook", receiver.url("/test"));
        EXPECT_OK(test);
        QCOMPARE(test->outcome, QStringLiteral("sent"));
        QCOMPARE(test->status, 200);
        EXPECT_ERROR(b().sendTestNotification("sms", "+1 555 0100"), Error::Code::Invalid);

        // Resolving the incident queues one resolution per receiver; twice is a conflict.
        auto resolved = b().resolveIncident("INC-D", "replaced");
        EXPECT_OK(resolved);
        QCOMPARE(resolved->size(), 2);
        for (const Notification& n : *resolved)
            QCOMPARE(n.kind, QStringLiteral("resolution"));
        EXPECT_ERROR(b().resolveIncident("INC-D", {}), Error::Code::Conflict);
        EXPECT_ERROR(b().resolveIncident("INC-NONE", {}), Error::Code::NotFound);
        QCOMPARE(b().deliverNotifications()->sent, 2);
        const QJsonObject resolve = QJsonDocument::fromJson(receiver.requests().last().body).object();
        const QJsonObject firstResolve =
            QJsonDocument::fromJson(receiver.requests().at(receiver.requests().size() - 2).body).object();
        QVERIFY(resolve.value("event_action").toString() == "resolve" ||
                firstResolve.value("event_action").toString() == "resolve");

        // SMTP settings: stored without echoing the password.
        auto none = b().smtpSettings();
        EXPECT_OK(none);
        QVERIFY(none->host.isEmpty());
        SmtpSettings smtp;
        smtp.host = "smtp.example.com";
        smtp.port = 2525;
        smtp.security = "opportunistic";
        smtp.username = "mailer";
        smtp.from = "keywarden@example.com";
        auto saved = b().setSmtpSettings(smtp, SecureBytes("pw-123", 6));
        EXPECT_OK(saved);
        QVERIFY(saved->hasPassword);
        auto read = b().smtpSettings();
        EXPECT_OK(read);
        QCOMPARE(read->host, smtp.host);
        QCOMPARE(read->port, 2525);
        QCOMPARE(read->security, smtp.security);
        QCOMPARE(read->username, smtp.username);
        QVERIFY(read->hasPassword);
        EXPECT_OK(b().setSmtpSettings(smtp, std::nullopt)); // keeps the password
        QVERIFY(b().smtpSettings()->hasPassword);
        EXPECT_OK(b().setSmtpSettings(smtp, SecureBytes()));
        QVERIFY(!b().smtpSettings()->hasPassword);
        smtp.port = 0;
        EXPECT_ERROR(b().setSmtpSettings(smtp, std::nullopt), Error::Code::Invalid);
        AuditQuery aq;
        aq.action = "notification.smtp";
        auto audited = b().auditEntries(aq);
        EXPECT_OK(audited);
        QCOMPARE(audited->size(), 3);
        for (const AuditEntry& e : *audited)
            QVERIFY(!QJsonDocument(e.toJson()).toJson().contains("pw-123"));
    }

    void usageAnomaliesAndLatencyPercentiles()
    {
        makeOrg();
        KeyRecord k = issueRecord("busy");
        const qint64 today = m_fixture->nowMs() / kDay * kDay;
        const qint64 historyFrom = today - 35 * kDay;
        // Five weeks of office hours (09-17 UTC): 100 decisions an hour, and gateway reports with latencies: half
        // under 1 ms, 45% under 10 ms, 5% under 100 ms. Then today: a spike at 10:00, use at 03:00, errors at 14:00.
        QList<UsageAggregate> rows;
        auto row = [&](qint64 hour, const QString& code, qint64 requests) {
            UsageAggregate a;
            a.bucketMs = hour;
            a.keyId = k.id;
            a.project = "web";
            a.service = "billing";
            a.code = code;
            a.requests = requests;
            if (code == QLatin1String("REPORTED")) {
                a.latencyCount = requests;
                a.latencyHistogram[3] = requests / 2;
                a.latencyHistogram[6] = requests * 45 / 100;
                a.latencyHistogram[9] = requests - requests / 2 - requests * 45 / 100;
                a.latencySumUs = requests * 5'000;
                a.latencyMaxUs = 80'000;
            }
            rows << a;
        };
        for (qint64 day = historyFrom; day < today; day += kDay) {
            for (int h = 9; h < 17; ++h) {
                row(day + h * kHour, "VALID", 100);
                row(day + h * kHour, "REPORTED", 100);
            }
        }
        row(today + 3 * kHour, "VALID", 40);
        row(today + 10 * kHour, "VALID", 2000);
        row(today + 14 * kHour, "VALID", 60);
        row(today + 14 * kHour, "RATE_LIMITED", 40);
        const QString seeded = m_fixture->seed([&](LocalVault& v) -> Status {
            auto s = v.importUsageRollups(rows);
            if (!s)
                return s.error();
            return {};
        });
        QVERIFY2(seeded.isEmpty(), qPrintable(seeded));

        auto found = b().usageAnomalies(UsageScope::Key, k.id, today, today + kDay);
        EXPECT_OK(found);
        QMap<QString, qint64> kinds;
        for (const UsageAnomaly& a : *found) {
            kinds.insert(a.kind, a.timeMs);
            QCOMPARE(a.keyId, k.id);
            QVERIFY(!a.detail.isEmpty());
        }
        QCOMPARE(kinds.keys(), (QStringList{"error-burst", "off-hours", "spike"}));
        QCOMPARE(kinds.value("off-hours"), today + 3 * kHour);
        QCOMPARE(kinds.value("spike"), today + 10 * kHour);
        QCOMPARE(kinds.value("error-burst"), today + 14 * kHour);
        for (const UsageAnomaly& a : *found) {
            if (a.kind == QLatin1String("spike")) {
                QCOMPARE(a.observed, 2000.0);
                QVERIFY(a.expected > 90 && a.expected < 110);
                QVERIFY(a.score > 4);
            }
        }
        // The busiest keys of a project are examined the same way; nothing before today.
        auto project = b().usageAnomalies(UsageScope::Project, "web", today, today + kDay);
        EXPECT_OK(project);
        QCOMPARE(project->size(), found->size());
        auto quiet = b().usageAnomalies(UsageScope::Key, k.id, today - 7 * kDay, today - 6 * kDay);
        EXPECT_OK(quiet);
        QCOMPARE(quiet->size(), 0);
        EXPECT_ERROR(b().usageAnomalies(UsageScope::Key, k.id, today, today - 1), Error::Code::Invalid);

        // Percentiles from the merged histograms: p50 <= 1 ms, p95 <= 10 ms, p99 <= 100 ms.
        auto summary = b().usageSummary(UsageScope::Key, k.id, historyFrom, today);
        EXPECT_OK(summary);
        const UsageTotals& t = summary->totals;
        QCOMPARE(t.latencyCount, 35 * 8 * 100);
        qint64 histogramTotal = 0;
        for (qint64 n : t.latencyHistogram)
            histogramTotal += n;
        QCOMPARE(histogramTotal, t.latencyCount);
        QCOMPARE(t.latencyPercentileUs(0.50), 1'000);
        QCOMPARE(t.latencyPercentileUs(0.95), 10'000);
        QCOMPARE(t.latencyPercentileUs(0.99), 100'000);
        auto series = b().usageSeries(UsageGranularity::Day, UsageScope::All, {}, historyFrom, today);
        EXPECT_OK(series);
        QCOMPARE(series->size(), 35);
        for (const UsagePoint& p : *series) {
            QCOMPARE(p.totals.latencyHistogram[3], 400);
            QCOMPARE(p.totals.latencyPercentileUs(0.99), 100'000);
        }
    }

    void newClientAddress()
    {
        makeOrg();
        IssuedKey k = issue("key");
        VerifyContext ctx;
        ctx.service = "billing";
        ctx.clientIp = "192.0.2.10";
        EXPECT_OK(b().verifyKey(k.secret, ctx));
        m_fixture->flushUsage();
        m_fixture->elapse(50);
        const qint64 from = m_fixture->nowMs();
        m_fixture->elapse(5);
        ctx.clientIp = "198.51.100.77";
        EXPECT_OK(b().verifyKey(k.secret, ctx));
        ctx.clientIp = "192.0.2.10";
        EXPECT_OK(b().verifyKey(k.secret, ctx));
        m_fixture->flushUsage();
        auto found = b().usageAnomalies(UsageScope::Key, k.key.id, from, from + kHour);
        EXPECT_OK(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().kind, QStringLiteral("new-ip"));
        QVERIFY2(found->first().detail.contains("198.51.100.77"), qPrintable(found->first().detail));
        QVERIFY(found->first().timeMs >= from);
        // Over the whole history, the key has no earlier traffic: nothing is "new".
        auto whole = b().usageAnomalies(UsageScope::Key, k.key.id, from - kHour, from + kHour);
        EXPECT_OK(whole);
        QCOMPARE(whole->size(), 0);
    }

    void roleMatrix()
    {
        if (!remote())
            QSKIP("the local vault has no operators to enforce");
        makeOrg();
        IssuedKey target = issue("target");
        struct Who {
            OperatorRole role;
            bool read, respond, administer;
        };
        const QList<Who> matrix{{OperatorRole::Verifier, false, false, false},
                                {OperatorRole::Auditor, true, false, false},
                                {OperatorRole::Responder, true, true, false},
                                {OperatorRole::Admin, true, true, true}};
        int n = 0;
        for (const Who& who : matrix) {
            const QString name = QStringLiteral("op%1").arg(++n);
            auto issued = b().createOperator(name, who.role);
            EXPECT_OK(issued);
            auto conn = remote()->connect(issued->token.clone());
            EXPECT_OK(conn);
            RemoteBackend& as = **conn;
            const QString label = kw::toString(who.role);
            auto expect = [&](const char* what, bool allowed, const auto& result) {
                if (allowed)
                    QVERIFY2(result.ok(), qPrintable(label + ' ' + what + ": " + describe(result)));
                else
                    QVERIFY2(!result.ok() && result.error().code == Error::Code::Forbidden,
                             qPrintable(label + ' ' + what + ": expected Forbidden, got " + describe(result)));
            };
            VerifyContext ctx;
            ctx.service = "billing";
            auto v = as.verifyKey(target.secret, ctx);
            expect("verify", true, v);
            if (v)
                QCOMPARE(kw::toString(v->code), kw::toString(VerifyCode::Valid));
            auto me = as.whoami();
            expect("whoami", true, me);
            QCOMPARE(kw::toString(me->role), kw::toString(who.role));

            expect("list keys", who.read, as.keys({}));
            expect("show key", who.read, as.key(target.key.id));
            expect("audit", who.read, as.auditEntries({}));
            expect("verify audit", who.read, as.verifyAudit());
            expect("policies", who.read, as.policyTemplates());
            expect("count keys", who.read, as.countKeys({}));
            expect("key counts", who.read, as.keyCounts({}, KeyGrouping::Environment));
            expect("services", who.read, as.services("web"));

            expect("suspend", who.respond, as.suspendKey(target.key.id, "drill"));
            if (who.respond)
                expect("resume", true, as.resumeKey(target.key.id, "drill over"));
            expect("plan revocation", who.respond, as.planRevocation({target.key.id}, true));

            KeySpec spec;
            spec.project = "web";
            spec.environment = "live";
            spec.name = "by " + name;
            expect("create key", who.administer, as.createKey(spec));
            PolicyTemplate t;
            t.name = "t-" + name;
            t.policy.maxUses = 1;
            expect("save policy", who.administer, as.savePolicyTemplate(t));
            expect("create operator", who.administer, as.createOperator("sub-" + name, OperatorRole::Verifier));
            expect("list operators", who.administer, as.operators());
            expect("create team", who.administer, as.createTeam("team-" + name));
            expect("create service", who.administer, as.createService("web", "svc-" + name));
            KeyUpdate owner;
            owner.owner = name + "@example.com";
            expect("update key", who.administer, as.updateKey(target.key.id, owner, "drill"));

            // Issue #6: reads for every reader; incident actions for responders; contacts for admins.
            const qint64 now = m_fixture->nowMs();
            expect("calendar", who.read, as.expiryCalendar({}, now, now + 30 * kDay, 0));
            expect("rotation schedule", who.read, as.scheduledRotations({}, now, now + 30 * kDay));
            std::vector<SecureBytes> leaked;
            leaked.push_back(target.secret.clone());
            expect("lookup secrets", who.read, as.lookupSecrets(leaked));
            expect("backup keys", who.read, as.backupKeysFor(target.key.id));
            expect("contacts", who.read, as.contacts({}));
            expect("notifications", who.read, as.notifications({}));
            expect("anomalies", who.read, as.usageAnomalies(UsageScope::All, {}, now - kDay, now));
            KeyRecord standby = issueRecord("standby " + name, [](KeySpec& s) { s.backup = true; });
            expect("activate backup", who.respond, as.activateBackup(standby.id, "drill", "INC-DRILL"));
            KeyRecord old = issueRecord("old " + name);
            EXPECT_OK(b().revokeKeys(RevocationRequest{{old.id}, false, "drill", {}}));
            expect("issue replacement", who.respond, as.issueReplacement(old.id, "drill", "INC-DRILL"));
            Notification n;
            n.kind = "alert";
            n.channel = "desktop";
            n.subject = "drill";
            expect("record notifications", who.respond, as.recordNotifications({n}));
            expect("save contact", who.administer,
                   as.saveContact(Contact{0, "web", {}, "Drill " + name, "drill@example.com", {}, {}, {}}));
        }
        // Revocation by a responder, then nobody can use the key.
        auto responder = b().createOperator("responder2", OperatorRole::Responder);
        EXPECT_OK(responder);
        auto asResponder = remote()->connect(responder->token.clone());
        EXPECT_OK(asResponder);
        EXPECT_OK((*asResponder)->revokeKeys(RevocationRequest{{target.key.id}, false, "drill", {}}));
        QCOMPARE(kw::toString(verify(target.secret)), kw::toString(VerifyCode::Revoked));

        // No token, a garbage token, a well-formed unknown token: 401, and never echoed back.
        auto http = HttpClient::create(QUrl(remote()->server().url()));
        EXPECT_OK(http);
        HttpClient::Request req;
        req.method = "GET";
        req.target = "/v1/keys";
        auto none = (*http)->send(req);
        EXPECT_OK(none);
        QCOMPARE(none->status, 401);
        QVERIFY(none->body.contains("unauthorized"));
        for (const QString& token :
             {QStringLiteral("garbage-token-XYZ"), KeyFormat::generate(u"kwop_")->toUtf8String()}) {
            auto bad = remote()->connect(bytes(token));
            EXPECT_OK(bad);
            auto r = (*bad)->keys({});
            EXPECT_ERROR(r, Error::Code::Unauthorized);
            QVERIFY(!r.errorMessage().contains(token));
            EXPECT_ERROR((*bad)->whoami(), Error::Code::Unauthorized);
            QVERIFY((*bad)->actor().startsWith("operator at"));
        }
    }

    // Remote only: errors a person can act on when the server is not there or answers oddly.
    void transportErrors()
    {
        if (!remote())
            QSKIP("remote only");
        const quint16 port = remote()->server().port();
        QCOMPARE(remote()->server().stop(), 0);
        auto gone = remote()->backend().teams();
        EXPECT_ERROR(gone, Error::Code::Io);
        QVERIFY2(gone.errorMessage().contains(
                     QStringLiteral("Cannot connect to http://127.0.0.1:%1: connection refused").arg(port)),
                 qPrintable(gone.errorMessage()));
        QVERIFY(!gone.errorMessage().contains(remote()->adminToken().toUtf8String()));

        EXPECT_ERROR(RemoteBackend::create(QUrl("ftp://127.0.0.1:1"), bytes("kwop_x")), Error::Code::Invalid);
        EXPECT_ERROR(RemoteBackend::create(QUrl("http://127.0.0.1:1/v1"), bytes("kwop_x")), Error::Code::Invalid);
        EXPECT_ERROR(RemoteBackend::create(QUrl("http://127.0.0.1:1"), SecureBytes()), Error::Code::Invalid);
        RemoteBackend::Options o;
        o.caFile = remote()->vaultDir() + "/missing.pem";
        EXPECT_ERROR(RemoteBackend::create(QUrl("https://127.0.0.1:1"), bytes("kwop_x"), o), Error::Code::Io);
    }

    // Remote only: keywardend over TLS with a private CA; an untrusted certificate is refused by name.
    void tls()
    {
        if (!remote())
            QSKIP("remote only");
        const QString dir = remote()->vaultDir();
        auto run = [&](const QStringList& args) {
            QProcess p;
            p.setWorkingDirectory(dir);
            p.start("openssl", args);
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        if (!run({"version"}))
            QSKIP("openssl is not installed");
        // A CA, and a server certificate for 127.0.0.1 signed by it.
        QVERIFY(run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                     "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=KeyWarden Test CA"}));
        QVERIFY(run({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
                     "-out", "server.csr", "-subj", "/CN=127.0.0.1"}));
        {
            QFile ext(dir + "/ext.cnf");
            QVERIFY(ext.open(QIODevice::WriteOnly));
            ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                      "extendedKeyUsage=serverAuth\n");
        }
        QVERIFY(run({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"}));
        // A second, unrelated CA.
        QVERIFY(run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                     "other.key", "-out", "other.pem", "-days", "2", "-subj", "/CN=Someone Else"}));

        // The fixture's plain server goes; a TLS one serves a fresh vault with its own admin.
        kwtest::TempVault vault;
        QVERIFY(vault.ok());
        auto admin = vault.backend().createOperator("admin", OperatorRole::Admin);
        EXPECT_OK(admin);
        vault.close();
        kwtest::ServerProcess server(vault.path(),
                                     {"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key"});
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.url().startsWith("https://"));

        RemoteBackend::Options trusted;
        trusted.caFile = dir + "/ca.pem";
        auto good = RemoteBackend::create(QUrl(server.url()), admin->token.clone(), trusted);
        EXPECT_OK(good);
        auto me = (*good)->whoami();
        EXPECT_OK(me);
        QCOMPARE(me->name, QStringLiteral("admin"));
        EXPECT_OK((*good)->createTeam("core"));
        EXPECT_OK((*good)->teams()); // over the kept-alive connection

        RemoteBackend::Options wrong;
        wrong.caFile = dir + "/other.pem";
        auto bad = RemoteBackend::create(QUrl(server.url()), admin->token.clone(), wrong);
        EXPECT_OK(bad);
        auto refused = (*bad)->whoami();
        EXPECT_ERROR(refused, Error::Code::Io);
        QVERIFY2(
            refused.errorMessage().startsWith(QStringLiteral("TLS certificate of %1 not trusted").arg(server.url())),
            qPrintable(refused.errorMessage()));

        auto system = RemoteBackend::create(QUrl(server.url()), admin->token.clone());
        EXPECT_OK(system);
        EXPECT_ERROR((*system)->whoami(), Error::Code::Io);

        // Plain HTTP to the TLS port is not mistaken for an answer.
        QString plainUrl = server.url();
        plainUrl.replace("https://", "http://");
        auto plain = RemoteBackend::create(QUrl(plainUrl), admin->token.clone());
        EXPECT_OK(plain);
        EXPECT_ERROR((*plain)->whoami(), Error::Code::Io);
    }

    // Remote only: kwctl --server through the real binary.
    void kwctlServer()
    {
        if (!remote())
            QSKIP("remote only");
        const QString dir = remote()->vaultDir();
        const QString tokenFile = dir + "/admin.token";
        {
            QFile f(tokenFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(remote()->adminToken().view() + '\n');
        }
        auto kwctl = [&](const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr,
                         const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(kwtest::builtProgram("app/kwctl/kwctl"), args);
            if (!p.waitForFinished(30000))
                return -1;
            if (out)
                *out = p.readAllStandardOutput();
            if (err)
                *err = p.readAllStandardError();
            return p.exitCode();
        };
        const QStringList server{"--server", remote()->server().url(), "--token-file", tokenFile};
        QByteArray out, err;
        QCOMPARE(kwctl(server + QStringList{"whoami"}, &out, &err), 0);
        QVERIFY2(out.startsWith("admin (admin)"), out.constData());

        QCOMPARE(
            kwctl(server + QStringList{"operator", "create", "carol", "--role", "responder", "--json"}, &out, &err), 0);
        const QJsonObject created = QJsonDocument::fromJson(out).object();
        QCOMPARE(created.value("name").toString(), QStringLiteral("carol"));
        const QString carolToken = created.value("token").toString();
        QVERIFY(carolToken.startsWith("kwop_"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("KEYWARDEN_TOKEN", carolToken);
        QCOMPARE(kwctl({"--server", remote()->server().url(), "whoami", "--json"}, &out, &err, env), 0);
        QCOMPARE(QJsonDocument::fromJson(out).object().value("role").toString(), QStringLiteral("responder"));
        // A responder may not create operators: the server says so, kwctl passes it on.
        QCOMPARE(kwctl({"--server", remote()->server().url(), "operator", "create", "dave", "--role", "admin"}, &out,
                       &err, env),
                 1);
        QVERIFY2(!err.isEmpty() && !err.contains(carolToken.toUtf8()), err.constData());

        QCOMPARE(kwctl(server + QStringList{"operator", "list", "--json"}, &out, &err), 0);
        const QJsonArray ops = QJsonDocument::fromJson(out).array();
        QCOMPARE(ops.size(), 2);
        QVERIFY(!out.contains(carolToken.toUtf8()));
        QCOMPARE(kwctl(server + QStringList{"operator", "revoke", "carol"}, &out, &err), 0);
        QCOMPARE(kwctl({"--server", remote()->server().url(), "whoami"}, &out, &err, env), 1);

        QCOMPARE(kwctl(server + QStringList{"team", "create", "core"}, &out, &err), 0);
        QCOMPARE(kwctl(server + QStringList{"team", "list", "--json"}, &out, &err), 0);
        QCOMPARE(QJsonDocument::fromJson(out).array().size(), 1);

        QCOMPARE(kwctl(server + QStringList{"vault", "info"}, &out, &err), 1);
        QVERIFY2(err.contains("local vault"), err.constData());
        QCOMPARE(kwctl(server + QStringList{"key", "reveal", "key_x"}, &out, &err), 1);
        QVERIFY2(err.contains("local vault"), err.constData());
        QCOMPARE(kwctl({"--server", remote()->server().url(), "--vault", "x", "whoami"}, &out, &err), 2);
        QCOMPARE(kwctl({"--token-file", tokenFile, "whoami"}, &out, &err), 2);
        QProcessEnvironment noToken = QProcessEnvironment::systemEnvironment();
        noToken.remove("KEYWARDEN_TOKEN");
        QCOMPARE(kwctl({"--server", remote()->server().url(), "whoami"}, &out, &err, noToken), 1);
        QVERIFY2(err.contains("--token-file"), err.constData());
    }

    void alertRules()
    {
        makeOrg();
        auto defaults = b().alertRules();
        EXPECT_OK(defaults);
        QCOMPARE(defaults->size(), AlertRule::defaults().size());
        QCOMPARE(kw::toString(defaults->first().kind), kw::toString(AlertKind::ExpiryWithin));
        QCOMPARE(defaults->first().thresholds, (QList<qint64>{30, 7, 1}));

        AlertRule r;
        r.kind = AlertKind::ErrorBurst;
        r.thresholds = {25, 40};
        r.windowMs = 5 * 60'000;
        r.project = "web";
        r.service = "billing";
        r.severity = AlertSeverity::Critical;
        r.notifyContacts = false;
        auto saved = b().saveAlertRule(r);
        EXPECT_OK(saved);
        QVERIFY(saved->id > 0);
        QCOMPARE(saved->thresholds, r.thresholds);
        QCOMPARE(saved->service, QStringLiteral("billing"));
        QCOMPARE(kw::toString(saved->severity), kw::toString(AlertSeverity::Critical));
        QCOMPARE(saved->notifyContacts, false);
        saved->enabled = false;
        saved->thresholds = {30};
        auto updated = b().saveAlertRule(*saved);
        EXPECT_OK(updated);
        QCOMPARE(updated->id, saved->id);
        QVERIFY(b().alertRules()->last() == *updated);

        AlertRule bad = r;
        bad.thresholds = {};
        EXPECT_ERROR(b().saveAlertRule(bad), Error::Code::Invalid);
        bad = r;
        bad.blockMs = 1000;
        EXPECT_ERROR(b().saveAlertRule(bad), Error::Code::Invalid);
        bad = r;
        bad.id = 9999;
        EXPECT_ERROR(b().saveAlertRule(bad), Error::Code::NotFound);
        EXPECT_OK(b().removeAlertRule(updated->id));
        EXPECT_ERROR(b().removeAlertRule(updated->id), Error::Code::NotFound);
        QCOMPARE(b().alertRules()->size(), defaults->size());
        AuditQuery q;
        q.action = "alert.rule.";
        QCOMPARE(b().countAuditEntries(q).value_or(0), qint64(3));
    }

    void alertsEvaluateAcknowledgeResolve()
    {
        makeOrg();
        Contact c;
        c.project = "web";
        c.name = "ops";
        c.webhookUrl = "https://hooks.example.com/web";
        EXPECT_OK(b().saveContact(c));
        const KeyRecord k = issueRecord("soon", [](KeySpec& s) { s.expiresInMs = 3 * kDay; });
        auto raised = b().evaluateAlerts(m_fixture->nowMs());
        EXPECT_OK(raised);
        QCOMPARE(raised->size(), 1);
        const Alert a = raised->first();
        QCOMPARE(kw::toString(a.kind), kw::toString(AlertKind::ExpiryWithin));
        QCOMPARE(a.keyId, k.id);
        QCOMPARE(a.project, QStringLiteral("web"));
        QCOMPARE(kw::toString(a.state), kw::toString(AlertState::Open));
        QVERIFY(a.dedupKey.endsWith(":7d"));
        QVERIFY(a.title.contains(k.displayId));
        QVERIFY(b().evaluateAlerts(m_fixture->nowMs())->isEmpty()); // once per key and threshold

        NotificationQuery nq;
        nq.incident = a.dedupKey;
        auto sent = b().notifications(nq);
        EXPECT_OK(sent);
        QStringList routes;
        for (const Notification& n : *sent)
            routes << n.channel + ' ' + n.recipient;
        routes.sort();
        QCOMPARE(routes, (QStringList{"email ana@example.com", "webhook https://hooks.example.com/web"}));

        AlertQuery open;
        open.state = AlertState::Open;
        QCOMPARE(b().alerts(open)->size(), 1);
        auto got = b().alert(a.id);
        EXPECT_OK(got);
        QVERIFY(*got == a);
        EXPECT_ERROR(b().alert(a.id + 100), Error::Code::NotFound);

        auto acked = b().acknowledgeAlert(a.id, "renewing");
        EXPECT_OK(acked);
        QCOMPARE(kw::toString(acked->state), kw::toString(AlertState::Acknowledged));
        QVERIFY2(acked->acknowledgedBy == b().actor() || acked->acknowledgedBy == "operator:" + b().actor(),
                 qPrintable(acked->acknowledgedBy));
        QCOMPARE(acked->note, QStringLiteral("renewing"));
        EXPECT_ERROR(b().acknowledgeAlert(a.id, {}), Error::Code::Conflict);
        QCOMPARE(b().alerts(open)->size(), 0);
        auto resolved = b().resolveAlert(a.id, {});
        EXPECT_OK(resolved);
        QCOMPARE(kw::toString(resolved->state), kw::toString(AlertState::Resolved));
        EXPECT_ERROR(b().resolveAlert(a.id, {}), Error::Code::Conflict);
        AlertQuery active;
        active.activeOnly = true;
        QCOMPARE(b().alerts(active)->size(), 0);
        AlertQuery byKey;
        byKey.keyId = k.id;
        QCOMPARE(b().alerts(byKey)->size(), 1);
        AuditQuery q;
        q.target = QStringLiteral("alert:%1").arg(a.id);
        QCOMPARE(b().countAuditEntries(q).value_or(0), qint64(2));
    }
};

QTEST_GUILESS_MAIN(TestBackendContract)
#include "tst_backend_contract.moc"
