// The audit, compliance and report contract for both backends: every test function runs on a LocalVault and on a
// RemoteBackend talking to a real keywardend on loopback, with the same assertions. Role enforcement of the new
// routes and strict query parsing run on the remote row only.
#include "ReportCheck.h"
#include "ServerProcess.h"
#include "TestSupport.h"

#include "crypto/Ed25519.h"
#include "remote/HttpClient.h"
#include "remote/RemoteBackend.h"

#include <QtTest>

#include <memory>

using namespace kw;

namespace {

template <typename R> QString describe(const R& r)
{
    return r.ok() ? QStringLiteral("ok")
                  : QStringLiteral("error %1: %2").arg(int(r.error().code)).arg(r.errorMessage());
}

#define EXPECT_OK(expr)                                                                                                \
    do {                                                                                                               \
        const auto& _r = (expr);                                                                                       \
        QVERIFY2(_r.ok(), qPrintable(describe(_r)));                                                                   \
    } while (0)

class Fixture {
public:
    virtual ~Fixture() = default;
    virtual Backend& backend() = 0;
    virtual qint64 nowMs() const = 0;
    virtual bool isRemote() const = 0;
    virtual void elapse(qint64 ms) = 0;
    // How the backend names its own actor in audit entries, and with which role.
    virtual QString auditActor() = 0;
    virtual QString auditRole() const = 0;
};

class LocalFixture final : public Fixture {
public:
    bool ok() const { return m_vault.ok(); }
    Backend& backend() override { return m_vault.backend(); }
    qint64 nowMs() const override { return const_cast<kwtest::TempVault&>(m_vault).clock().nowMs(); }
    bool isRemote() const override { return false; }
    void elapse(qint64 ms) override { m_vault.clock().advanceMs(ms); }
    QString auditActor() override { return QStringLiteral("test:admin"); }
    QString auditRole() const override { return QStringLiteral("local"); }

private:
    kwtest::TempVault m_vault;
};

class RemoteFixture final : public Fixture {
public:
    QString start()
    {
        if (!m_vault.ok())
            return QStringLiteral("cannot create the vault");
        auto admin = m_vault.backend().createOperator(QStringLiteral("admin"), OperatorRole::Admin);
        if (!admin)
            return admin.errorMessage();
        m_adminToken = std::move(admin->token);
        m_vault.close();
        m_server = std::make_unique<kwtest::ServerProcess>(m_vault.path());
        if (!m_server->start())
            return m_server->errorString();
        auto b = connect(m_adminToken.clone());
        if (!b)
            return b.errorMessage();
        m_admin = std::move(*b);
        return {};
    }
    Result<std::unique_ptr<RemoteBackend>> connect(SecureBytes token)
    {
        return RemoteBackend::create(QUrl(m_server->url()), std::move(token));
    }
    Backend& backend() override { return *m_admin; }
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    bool isRemote() const override { return true; }
    void elapse(qint64 ms) override { QTest::qSleep(int(ms)); }
    QString auditActor() override { return QStringLiteral("operator:admin"); }
    QString auditRole() const override { return QStringLiteral("admin"); }
    kwtest::ServerProcess& server() { return *m_server; }

private:
    kwtest::TempVault m_vault;
    SecureBytes m_adminToken;
    std::unique_ptr<kwtest::ServerProcess> m_server;
    std::unique_ptr<RemoteBackend> m_admin;
};

} // namespace

class TestAuditContract : public QObject {
    Q_OBJECT

    std::unique_ptr<Fixture> m_fixture;
    Backend& b() { return m_fixture->backend(); }
    RemoteFixture* remote() { return dynamic_cast<RemoteFixture*>(m_fixture.get()); }

    // web (team core) with two live keys; one revoked in INC-42 with a reason full of URL-special characters.
    std::vector<IssuedKey> seed()
    {
        std::vector<IssuedKey> keys;
        if (!b().createProject({QStringLiteral("web"), QStringLiteral("core"), {}}))
            return keys;
        for (const char* name : {"alpha", "beta"}) {
            KeySpec s;
            s.project = "web";
            s.environment = "live";
            s.name = QString::fromLatin1(name);
            s.owner = "ana@example.com";
            s.services = {"billing"};
            auto k = b().createKey(s);
            if (!k)
                return keys;
            keys.push_back(std::move(*k));
        }
        if (!b().revokeKeys({{keys[1].key.id}, false, QStringLiteral("a+b & c=50% #leak?"), QStringLiteral("INC-42")}))
            keys.clear();
        return keys;
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
        const QString started = f->start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        m_fixture = std::move(f);
    }

    void cleanup() { m_fixture.reset(); }

    void queriesAndCounts()
    {
        const auto keys = seed();
        QCOMPARE(keys.size(), std::size_t(2));
        auto check = [&](AuditQuery q, qint64 expected, const char* what) {
            q.limit = 0;
            auto list = b().auditEntries(q);
            EXPECT_OK(list);
            QVERIFY2(list->size() == expected, qPrintable(QStringLiteral("%1: %2").arg(what).arg(list->size())));
            auto n = b().countAuditEntries(q);
            EXPECT_OK(n);
            QCOMPARE(*n, expected);
        };
        AuditQuery q;
        q.action = "key.";
        check(q, 3, "key.*"); // two creates, one revoke
        q = {};
        q.incident = "INC-42";
        check(q, 1, "incident");
        q = {};
        q.actor = m_fixture->auditActor();
        check(q, b().countAuditEntries({}).value() - (m_fixture->isRemote() ? 1 : 0), "actor"); // remote: + operator
        q = {};
        q.text = "a+b & c=50% #leak?"; // every character that means something in a URL
        check(q, 1, "text with URL-special characters");
        q.text = "% #";
        check(q, 1, "short-ish text");
        q = {};
        q.target = keys[0].key.id;
        check(q, 1, "target");
        q = {};
        q.fromMs = m_fixture->nowMs() + 3'600'000;
        check(q, 0, "future");

        // Newest first, paged by seq and by offset.
        AuditQuery page;
        page.newestFirst = true;
        page.limit = 2;
        auto first = b().auditEntries(page);
        EXPECT_OK(first);
        QCOMPARE(first->size(), 2);
        QVERIFY(first->at(0).seq > first->at(1).seq);
        page.beforeSeq = first->at(1).seq;
        auto second = b().auditEntries(page);
        EXPECT_OK(second);
        QCOMPARE(second->first().seq, first->at(1).seq - 1);
        page.beforeSeq = 0;
        page.offset = 1;
        QCOMPARE(b().auditEntries(page)->first().seq, first->at(1).seq);

        // Who did it, with which role.
        const AuditEntry revoke = b().auditEntries({0, 0, {}, QStringLiteral("key.revoke")})->first();
        QCOMPARE(revoke.actor, m_fixture->auditActor());
        QCOMPARE(revoke.role, m_fixture->auditRole());
        QCOMPARE(revoke.reason, QStringLiteral("a+b & c=50% #leak?"));
        QCOMPARE(revoke.prevHash.size(), 32);
    }

    void verifyAndStatus()
    {
        seed();
        auto before = b().auditStatus();
        EXPECT_OK(before);
        QCOMPARE(before->lastVerifiedAt, qint64(0));
        QVERIFY(before->headSeq >= 4);
        QCOMPARE(before->entries, before->headSeq);
        auto v = b().verifyAudit();
        EXPECT_OK(v);
        QVERIFY2(v->intact, qPrintable(v->problem));
        QCOMPARE(v->lastGoodSeq, before->headSeq);
        auto after = b().auditStatus();
        EXPECT_OK(after);
        QVERIFY(after->lastVerifiedAt > 0);
        QVERIFY(after->lastVerifiedIntact);
        QCOMPARE(after->lastVerifiedHeadSeq, before->headSeq);
        QCOMPARE(after->headSeq, before->headSeq + 1);
        const AuditEntry recorded = b().auditEntries({before->headSeq, 0, {}, {}})->first();
        QCOMPARE(recorded.action, QStringLiteral("audit.verify"));
        QCOMPARE(recorded.role, m_fixture->auditRole());
    }

    void retentionAndPruning()
    {
        seed();
        AuditSettings s;
        s.retentionMs = 30LL * 86'400'000;
        EXPECT_OK(b().setAuditSettings(s));
        auto back = b().auditSettings();
        EXPECT_OK(back);
        QCOMPARE(back->retentionMs, s.retentionMs);
        AuditSettings tooShort;
        tooShort.retentionMs = 1000;
        QCOMPARE(b().setAuditSettings(tooShort).error().code, Error::Code::Invalid);

        const qint64 head = b().auditStatus()->headSeq;
        m_fixture->elapse(20);
        auto pruned = b().pruneAudit(m_fixture->nowMs() - 5);
        EXPECT_OK(pruned);
        QCOMPARE(pruned->pruned, head);
        QCOMPARE(pruned->checkpoint.seq, head);
        QCOMPARE(pruned->checkpoint.signature.size(), 64);
        auto v = b().verifyAudit();
        EXPECT_OK(v);
        QVERIFY2(v->intact, qPrintable(v->problem));
        QCOMPARE(v->checkpointSeq, head);
        QCOMPARE(b().auditStatus()->checkpoint.seq, head);
        QCOMPARE(b().auditEntries({})->first().seq, head + 1);
        QCOMPARE(b().pruneAudit(m_fixture->nowMs() + 60'000).error().code, Error::Code::Invalid);
    }

    void compliance()
    {
        seed();
        ComplianceConfig c;
        c.rules["key.unused"].thresholdDays = 10;
        c.rules["vault.weak-kdf"].enabled = false;
        c.productionEnvironments = QStringList{"live"};
        EXPECT_OK(b().setComplianceConfig(c));
        auto back = b().complianceConfig();
        EXPECT_OK(back);
        QCOMPARE(back->toJson(), c.toJson());
        ComplianceConfig bad;
        bad.rules["no.such.rule"].enabled = true;
        QCOMPARE(b().setComplianceConfig(bad).error().code, Error::Code::Invalid);

        auto r = b().runCompliance();
        EXPECT_OK(r);
        QCOMPARE(r->keysEvaluated, qint64(1)); // beta is revoked
        QCOMPARE(r->rules.size(), 10);
        QStringList rules;
        for (const auto& f : r->findings)
            rules << f.ruleId;
        QVERIFY2(rules.contains("key.no-expiry") && rules.contains("key.production-ip-unrestricted") &&
                     rules.contains("audit.not-verified") && !rules.contains("vault.weak-kdf"),
                 qPrintable(rules.join(',')));
        QCOMPARE(r->projects.size(), 1);
        QCOMPARE(r->projects.first().team, QStringLiteral("core"));
        QCOMPARE(r->keys.size(), 1);
        auto history = b().complianceHistory(5);
        EXPECT_OK(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().score, r->score);
        QCOMPARE(b().complianceHistory(0).error().code, Error::Code::Invalid);
    }

    void signedReports_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << "csv";
        QTest::newRow("json") << "json";
        QTest::newRow("pdf") << "pdf";
    }

    void signedReports()
    {
        QFETCH(QString, format);
        const auto keys = seed();
        ReportRequest req;
        req.type = ReportType::Inventory;
        req.format = *reportFormatFromString(format);
        auto r = b().createReport(req);
        EXPECT_OK(r);
        QCOMPARE(r->rows, qint64(2));
        QVERIFY(r->fileName.endsWith('.' + format));
        auto pem = b().reportPublicKey();
        EXPECT_OK(pem);
        const QByteArray pub = crypto::ed25519::publicKeyFromPem(pem->toLatin1()).value();
        QVERIFY2(r->signature.verify(r->content, pub).ok(),
                 qPrintable(r->signature.verify(r->content, pub).errorMessage()));
        QByteArray changed = r->content;
        changed[changed.size() / 2] = char(changed[changed.size() / 2] ^ 1);
        QVERIFY(!r->signature.verify(changed, pub));
        QString text = QString::fromUtf8(r->content);
        if (format == QLatin1String("pdf")) {
            QString error;
            auto extracted = kwtest::pdfText(r->content, &error);
            QVERIFY2(extracted, qPrintable(error));
            text = *extracted;
        }
        for (const auto& k : keys) {
            QVERIFY2(text.contains(k.key.id), qPrintable(k.key.id));
            QVERIFY(!text.contains(k.secret.toUtf8String()));
        }
        const AuditEntry audited = b().auditEntries({0, 0, {}, QStringLiteral("report.create")})->last();
        QCOMPARE(audited.actor, m_fixture->auditActor());
        QCOMPARE(audited.details.value("sha256").toString(), QString::fromLatin1(r->signature.sha256.toHex()));
        // Errors name what is wrong.
        ReportRequest missing;
        missing.project = "nope";
        QCOMPARE(b().createReport(missing).error().code, Error::Code::NotFound);
    }

    void roleMatrix()
    {
        if (!remote())
            QSKIP("the local vault has no operators to enforce");
        seed();
        struct Who {
            OperatorRole role;
            bool read, administer;
        };
        int n = 0;
        for (const Who& who : {Who{OperatorRole::Verifier, false, false}, Who{OperatorRole::Auditor, true, false},
                               Who{OperatorRole::Responder, true, false}, Who{OperatorRole::Admin, true, true}}) {
            auto issued = b().createOperator(QStringLiteral("op%1").arg(++n), who.role);
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
            expect("audit entries", who.read, as.auditEntries({}));
            expect("audit count", who.read, as.countAuditEntries({}));
            expect("audit status", who.read, as.auditStatus());
            expect("audit settings", who.read, as.auditSettings());
            expect("verify", who.read, as.verifyAudit());
            expect("compliance config", who.read, as.complianceConfig());
            expect("run compliance", who.read, as.runCompliance());
            expect("compliance history", who.read, as.complianceHistory(3));
            expect("create report", who.read, as.createReport({}));
            expect("public key", who.read, as.reportPublicKey());
            expect("set audit settings", who.administer, as.setAuditSettings({}));
            expect("set compliance config", who.administer, as.setComplianceConfig({}));
            expect("prune", who.administer, as.pruneAudit(QDateTime::currentMSecsSinceEpoch() - 3'600'000));
        }
        // The auditor's report is recorded under the auditor's name and role.
        const AuditEntry e = b().auditEntries({0, 0, {}, QStringLiteral("report.create")})->first();
        QCOMPARE(e.actor, QStringLiteral("operator:op2"));
        QCOMPARE(e.role, QStringLiteral("auditor"));
    }

    void strictQueries()
    {
        if (!remote())
            QSKIP("remote only");
        auto http = HttpClient::create(QUrl(remote()->server().url()));
        EXPECT_OK(http);
        auto r = static_cast<RemoteBackend&>(b()).call("GET", "/v1/audit?colour=red");
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY2(r.errorMessage().contains(QLatin1String("colour")), qPrintable(r.errorMessage()));
        r = static_cast<RemoteBackend&>(b()).call("GET", "/v1/audit?from=yesterday");
        QVERIFY(r.errorMessage().contains(QLatin1String("from")));
        r = static_cast<RemoteBackend&>(b()).call("GET", "/v1/audit/count?limit=-1");
        QCOMPARE(r.error().code, Error::Code::Invalid);
        r = static_cast<RemoteBackend&>(b()).call("GET", "/v1/compliance/history?limit=0");
        QCOMPARE(r.error().code, Error::Code::Invalid);
        const QJsonObject bogus{{"type", "inventory"}, {"extra", 1}};
        r = static_cast<RemoteBackend&>(b()).call("POST", "/v1/reports", &bogus);
        QVERIFY(r.errorMessage().contains(QLatin1String("extra")));
        const QJsonObject badSettings{{"retention", "soon"}};
        r = static_cast<RemoteBackend&>(b()).call("PUT", "/v1/audit/settings", &badSettings);
        QCOMPARE(r.error().code, Error::Code::Invalid);
        auto rules = static_cast<RemoteBackend&>(b()).call("GET", "/v1/compliance/rules");
        EXPECT_OK(rules);
        QCOMPARE(rules->toArray().size(), 10);
    }
};

QTEST_MAIN(TestAuditContract) // a QGuiApplication: the local row renders PDFs in process
#include "tst_audit_contract.moc"
