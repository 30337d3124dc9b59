// kwctl's policy, verification, rotation, renewal, usage and maintenance commands as scripts use them: the real
// binary in a scratch folder against a real vault file. Checks the option contract (every policy option reaches
// the key's effective policy), verify's JSON, rotate printing the successor's secret once, two-person renewal
// with KEYWARDEN_ACTOR, usage counts after verifies, and that bad policy input exits 2 naming the option.

#include "crypto/KeyFormat.h"

#include "KwctlRunner.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

namespace {

const QByteArray kPassphrase = "cli policy test passphrase";
const qint64 kDayMs = 86'400'000;

using Run = kwtest::KwctlRun;

qint64 timeOf(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const auto& x : v.toArray())
        out << x.toString();
    return out;
}

} // namespace

class TestKwctlPolicy : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vault;
    QString m_passFile;

    Run kwctl(const QStringList& args, const QString& actor = QStringLiteral("alice"))
    {
        kwtest::KwctlCall call;
        call.workingDirectory = m_dir->path();
        call.args = QStringList{"--vault", m_vault, "--passphrase-file", m_passFile} + args;
        call.env.insert(QStringLiteral("KEYWARDEN_ACTOR"), actor);
        call.timeoutMs = 30'000;
        return kwtest::runKwctl(call);
    }
    // Runs a command that must succeed; returns its output.
    Run ok(const QStringList& args, const QString& actor = QStringLiteral("alice"))
    {
        Run r = kwctl(args, actor);
        if (r.code != 0)
            QTest::qFail(qPrintable(args.join(u' ') + u'\n' + r.describe()), __FILE__, __LINE__);
        return r;
    }
    QJsonObject createKey(const QString& name, const QStringList& extra = {})
    {
        return ok(QStringList{"key", "create", "--project", "acme", "--env", "live", "--name", name, "--json"} + extra)
            .object();
    }
    QJsonObject verify(const QString& secret, const QStringList& extra = {}, int expectedExit = 0)
    {
        Run r = kwctl(QStringList{"key", "verify", secret, "--json"} + extra);
        if (r.code != expectedExit)
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
        return r.object();
    }
    QJsonObject keyJson(const QString& id) { return ok({"key", "show", id, "--json"}).object(); }
    QJsonObject effective(const QString& id) { return ok({"policy", "show", "--key", id, "--json"}).object(); }

private slots:
    void initTestCase()
    {
        const QString program = kwtest::builtProgram(QStringLiteral("app/kwctl/kwctl"));
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QLatin1String(" not built")));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_vault = m_dir->filePath(QStringLiteral("policy.kwvault"));
        m_passFile = m_dir->filePath(QStringLiteral("pass.txt"));
        QFile f(m_passFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kPassphrase + "\n");
        f.close();
        CHECK_EXIT(kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}), 0);
        CHECK_EXIT(kwctl({"team", "create", "payments"}), 0);
        CHECK_EXIT(kwctl({"project", "create", "acme", "--team", "payments"}), 0);
    }
    void cleanup() { m_dir.reset(); }

    void keyCreateWithEveryPolicyOption()
    {
        ok({"role", "create", "billing-reader", "--permission", "billing.read", "--permission", "billing.list"});
        ok({"policy", "create", "prod-90d", "--ttl", "90d", "--description", "production"});
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject k = createKey(
            "full", {"--max-uses", "500",         "--refill",     "100/day",       "--rate-limit", "10/s:20",
                     "--quota",    "100/day",     "--permission", "reports.*",     "--role",       "billing-reader",
                     "--allow-ip", "10.0.0.0/8",  "--allow-ip",   "2001:db8::/32", "--deny-ip",    "10.1.0.0/16",
                     "--hours",    "09:00-17:00", "--days",       "mon-fri",       "--tz",         "Europe/Berlin",
                     "--grace",    "1d",          "--policy",     "prod-90d",      "--recoverable"});
        const QString id = k.value("id").toString();
        QVERIFY(id.startsWith(QLatin1String("key_")));
        QVERIFY(kw::KeyFormat::isWellFormed(k.value("secret").toString().toLatin1()));

        const QJsonObject e = effective(id);
        QCOMPARE(e.value("maxUses").toInteger(), 500);
        QCOMPARE(e.value("refill").toString(), QStringLiteral("100/day"));
        QCOMPARE(strings(e.value("rateLimits")), QStringList{"10/s:20"});
        QCOMPARE(e.value("quota").toString(), QStringLiteral("100/day"));
        QStringList perms = strings(e.value("permissions"));
        perms.sort();
        QCOMPARE(perms, (QStringList{"billing.list", "billing.read", "reports.*"})); // the role expanded
        QCOMPARE(strings(e.value("roles")), QStringList{"billing-reader"});
        QCOMPARE(strings(e.value("allowIps")), (QStringList{"10.0.0.0/8", "2001:db8::/32"}));
        QCOMPARE(strings(e.value("denyIps")), QStringList{"10.1.0.0/16"});
        QCOMPARE(e.value("hours").toString(), QStringLiteral("09:00-17:00"));
        QCOMPARE(e.value("days").toString(), QStringLiteral("mon-fri"));
        QCOMPARE(e.value("timeZone").toString(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(e.value("grace").toString(), QStringLiteral("1d"));
        QCOMPARE(e.value("ttl").toString(), QStringLiteral("90d")); // from the template

        const QJsonObject shown = keyJson(id);
        QCOMPARE(shown.value("recoverable").toBool(), true);
        QCOMPARE(shown.value("policyTemplate").toString(), QStringLiteral("prod-90d"));
        const qint64 expires = timeOf(shown.value("expiresAt"));
        QVERIFY(expires >= before + 90 * kDayMs && expires <= QDateTime::currentMSecsSinceEpoch() + 90 * kDayMs);
        // Recoverable: the secret can be shown again.
        QCOMPARE(QString::fromUtf8(ok({"key", "reveal", id}).out.trimmed()), k.value("secret").toString());
    }

    void verifyJsonContract()
    {
        const QJsonObject k = createKey("api", {"--service", "search", "--permission", "billing.*", "--allow-ip",
                                                "10.0.0.0/8", "--rate-limit", "10/s:20", "--max-uses", "3"});
        const QString secret = k.value("secret").toString();
        const QJsonObject v =
            verify(secret, {"--service", "search", "--ip", "10.1.2.3", "--permission", "billing.read", "--cost", "1"});
        QCOMPARE(v.value("valid").toBool(), true);
        QCOMPARE(v.value("code").toString(), QStringLiteral("VALID"));
        QCOMPARE(v.value("keyId").toString(), k.value("id").toString());
        QCOMPARE(v.value("remaining").toInteger(), 2);
        const QJsonObject rl = v.value("ratelimit").toObject();
        QCOMPARE(rl.value("limit").toInteger(), 20);
        QCOMPARE(rl.value("remaining").toInteger(), 19);
        QVERIFY(rl.contains("resetMs"));
        QCOMPARE(rl.value("retryAfterMs").toInteger(), 0);

        // Each rejection: exit 1 and its code; none consumes a use.
        auto rejected = [&](const QStringList& extra, const char* expected) {
            const QJsonObject r = verify(secret, extra, 1);
            QCOMPARE(r.value("valid").toBool(true), false);
            QCOMPARE(r.value("code").toString(), QString::fromLatin1(expected));
        };
        rejected({"--service", "maps", "--ip", "10.1.2.3"}, "WRONG_SERVICE");
        rejected({"--service", "search", "--ip", "192.0.2.1"}, "FORBIDDEN_IP");
        rejected({"--service", "search"}, "FORBIDDEN_IP");
        rejected({"--service", "search", "--ip", "10.1.2.3", "--permission", "admin"}, "INSUFFICIENT_PERMISSIONS");
        rejected({"--service", "search", "--ip", "10.1.2.3", "--env", "test"}, "WRONG_ENVIRONMENT");
        rejected({"--service", "search", "--ip", "10.1.2.3", "--cost", "5"}, "USAGE_EXCEEDED");

        // Uses persist across processes: 2 left, then 1, 0, exhausted.
        const QStringList good{"--service", "search", "--ip", "10.1.2.3"};
        QCOMPARE(verify(secret, good).value("remaining").toInteger(), 1);
        QCOMPARE(verify(secret, good).value("remaining").toInteger(), 0);
        rejected(good, "USAGE_EXCEEDED");

        // Text output: first word valid/invalid, then the code.
        const Run text = kwctl({"key", "verify", secret, "--service", "search", "--ip", "10.1.2.3"});
        CHECK_EXIT(text, 1);
        QVERIFY(text.out.startsWith("invalid USAGE_EXCEEDED"));
        CHECK_EXIT(kwctl({"key", "verify", secret, "--cost", "-1"}), 2);
        CHECK_EXIT(kwctl({"key", "verify", secret, "--cost", "many"}), 2);
    }

    void verifyQuotaAndTimeWindow()
    {
        const QString q = createKey("q", {"--quota", "10/day"}).value("secret").toString();
        QJsonObject v = verify(q, {"--cost", "6"});
        QCOMPARE(v.value("quota").toObject().value("limit").toInteger(), 10);
        QCOMPARE(v.value("quota").toObject().value("remaining").toInteger(), 4);
        v = verify(q, {"--cost", "6"}, 1);
        QCOMPARE(v.value("code").toString(), QStringLiteral("QUOTA_EXCEEDED"));
        QCOMPARE(verify(q, {"--cost", "4"}).value("quota").toObject().value("remaining").toInteger(), 0);

        // A window that excludes the current UTC hour.
        const int hour = QDateTime::currentDateTimeUtc().time().hour();
        const QString hours = QStringLiteral("%1:00-%2:00")
                                  .arg((hour + 2) % 24, 2, 10, QChar(u'0'))
                                  .arg((hour + 3) % 24, 2, 10, QChar(u'0'));
        const QString w = createKey("w", {"--hours", hours, "--tz", "UTC"}).value("secret").toString();
        QCOMPARE(verify(w, {}, 1).value("code").toString(), QStringLiteral("OUTSIDE_TIME_WINDOW"));
    }

    void rotatePrintsSuccessorOnce()
    {
        const QJsonObject k = createKey("rot", {"--service", "search"});
        const QString oldId = k.value("id").toString();
        const Run r = kwctl({"key", "rotate", oldId, "--overlap", "1h", "--json"});
        CHECK_EXIT(r, 0);
        const QJsonObject o = r.object();
        const QString succId = o.value("id").toString();
        const QString secret = o.value("secret").toString();
        QVERIFY(succId.startsWith(QLatin1String("key_")) && succId != oldId);
        QVERIFY(kw::KeyFormat::isWellFormed(secret.toLatin1()));
        QVERIFY(secret.startsWith(o.value("displayId").toString()));
        QCOMPARE(o.value("predecessorId").toString(), oldId);
        const qint64 until = timeOf(o.value("predecessorValidUntil"));
        QVERIFY(qAbs(until - (QDateTime::currentMSecsSinceEpoch() + 3'600'000)) < 60'000);
        QVERIFY(!r.err.contains(secret.toLatin1()));

        QCOMPARE(verify(secret, {"--service", "search"}).value("keyId").toString(), succId);
        QCOMPARE(verify(k.value("secret").toString(), {"--service", "search"}).value("keyId").toString(), oldId);
        QCOMPARE(keyJson(oldId).value("status").toString(), QStringLiteral("rotating"));
        QCOMPARE(keyJson(oldId).value("successorId").toString(), succId);
        // Never shown again: not in show/list output, and not revealable (not recoverable).
        QVERIFY(!ok({"key", "show", succId, "--json"}).out.contains(secret.toLatin1()));
        QVERIFY(!ok({"key", "list", "--json"}).out.contains(secret.toLatin1()));
        CHECK_EXIT(kwctl({"key", "reveal", succId}), 1);

        // Rotating again conflicts; text mode prints the secret alone on stdout.
        CHECK_EXIT(kwctl({"key", "rotate", oldId}), 1);
        const Run plain = kwctl({"key", "rotate", succId, "--overlap", "0"});
        CHECK_EXIT(plain, 0);
        QCOMPARE(plain.out.count('\n'), 1);
        QVERIFY(kw::KeyFormat::isWellFormed(plain.out.trimmed()));
        CHECK_EXIT(kwctl({"key", "rotate", oldId, "--overlap", "soon"}), 2);
    }

    void renewExtends()
    {
        const QJsonObject k = createKey("r", {"--expires-in", "10d"});
        const QString id = k.value("id").toString();
        const qint64 was = timeOf(k.value("key").toObject().value("expiresAt"));
        QVERIFY(was > 0);
        const Run r = kwctl({"key", "renew", id, "--expires-in", "30d", "--json"});
        CHECK_EXIT(r, 0);
        QCOMPARE(r.object().value("renewed").toBool(), true);
        QCOMPARE(timeOf(keyJson(id).value("expiresAt")), was + 30 * kDayMs);
        const QJsonArray history = ok({"key", "history", id, "--json"}).array();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[0].toObject().value("event").toString(), QStringLiteral("created"));
        QCOMPARE(history[1].toObject().value("event").toString(), QStringLiteral("renewed"));
        QCOMPARE(history[1].toObject().value("actor").toString(), QStringLiteral("alice"));
        CHECK_EXIT(kwctl({"key", "renew", id}), 2);
        CHECK_EXIT(kwctl({"key", "renew", id, "--expires-in", "forever"}), 2);
    }

    void policyTemplatesAndScopes()
    {
        ok({"policy", "create", "prod-90d", "--ttl", "90d", "--grace", "7d", "--description", "prod keys"});
        ok({"policy", "create", "dev", "--ttl", "7d"});
        QJsonArray list = ok({"policy", "list", "--json"}).array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[1].toObject().value("name").toString(), QStringLiteral("prod-90d"));
        QCOMPARE(list[1].toObject().value("policy").toObject().value("ttl").toString(), QStringLiteral("90d"));
        QVERIFY(ok({"policy", "list"}).out.contains("prod keys"));
        // Update in place.
        ok({"policy", "create", "prod-90d", "--ttl", "60d", "--grace", "7d"});
        list = ok({"policy", "list", "--json"}).array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[1].toObject().value("policy").toObject().value("ttl").toString(), QStringLiteral("60d"));

        ok({"policy", "apply", "prod-90d", "--project", "acme"});
        CHECK_EXIT(kwctl({"policy", "set", "--env", "acme/live", "--grace", "2h"}), 1); // no such environment yet
        ok({"env", "create", "acme", "live"});
        ok({"policy", "set", "--env", "acme/live", "--grace", "2h"});
        ok({"policy", "set", "--workspace", "--rate-limit", "100/s"});
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject k = createKey("k");
        const QJsonObject e = effective(k.value("id").toString());
        QCOMPARE(e.value("ttl").toString(), QStringLiteral("60d"));
        QCOMPARE(e.value("grace").toString(), QStringLiteral("2h"));
        QCOMPARE(strings(e.value("rateLimits")), QStringList{"100/s"});
        const qint64 expires = timeOf(k.value("key").toObject().value("expiresAt"));
        QVERIFY(expires >= before + 60 * kDayMs - 1000 && expires <= before + 60 * kDayMs + 60'000);

        // A key's own rules and template.
        ok({"policy", "set", "--key", k.value("id").toString(), "--max-uses", "9"});
        ok({"policy", "apply", "dev", "--key", k.value("id").toString()});
        const QJsonObject e2 = effective(k.value("id").toString());
        QCOMPARE(e2.value("maxUses").toInteger(), 9); // kept when the template is applied
        QCOMPARE(e2.value("ttl").toString(), QStringLiteral("7d"));
        CHECK_EXIT(kwctl({"policy", "set", "--key", k.value("id").toString(), "--ttl", "1d"}), 2);

        // Target errors.
        CHECK_EXIT(kwctl({"policy", "apply", "prod-90d"}), 2);
        CHECK_EXIT(kwctl({"policy", "apply", "prod-90d", "--project", "acme", "--workspace"}), 2);
        CHECK_EXIT(kwctl({"policy", "set", "--env", "acme"}), 2);
        CHECK_EXIT(kwctl({"policy", "apply", "nope", "--project", "acme"}), 1);
        CHECK_EXIT(kwctl({"policy", "apply", "dev", "--project", "ghost"}), 1);
        CHECK_EXIT(kwctl({"policy", "show"}), 2);

        // Audited.
        QStringList actions;
        for (const auto& v : ok({"audit", "list", "--json"}).array())
            actions << v.toObject().value("action").toString();
        QVERIFY(actions.contains("policy.template.create"));
        QVERIFY(actions.contains("policy.template.update"));
        QCOMPARE(actions.count("policy.apply"), 5);
    }

    void rolesGrantPermissions()
    {
        const Run created = kwctl({"role", "create", "reader", "--permission", "docs.read", "--json"});
        CHECK_EXIT(created, 0);
        QCOMPARE(created.object().value("name").toString(), QStringLiteral("reader"));
        ok({"role", "create", "admin", "--permission", "*"});
        const QJsonArray roles = ok({"role", "list", "--json"}).array();
        QCOMPARE(roles.size(), 2);
        QCOMPARE(roles[1].toObject().value("name").toString(), QStringLiteral("reader"));
        QCOMPARE(strings(roles[1].toObject().value("permissions")), QStringList{"docs.read"});

        const QString secret = createKey("r", {"--role", "reader"}).value("secret").toString();
        verify(secret, {"--permission", "docs.read"});
        QCOMPARE(verify(secret, {"--permission", "docs.write"}, 1).value("code").toString(),
                 QStringLiteral("INSUFFICIENT_PERMISSIONS"));

        // Unknown roles and bad permissions are refused.
        const Run ghost =
            kwctl({"key", "create", "--project", "acme", "--env", "live", "--name", "g", "--role", "ghost"});
        QVERIFY2(ghost.code != 0, qPrintable(ghost.describe()));
        QVERIFY(ghost.err.contains("ghost"));
        const Run badPerm = kwctl({"role", "create", "bad", "--permission", "Not Valid"});
        QVERIFY2(badPerm.code != 0, qPrintable(badPerm.describe()));
        QVERIFY(badPerm.err.contains("Not Valid"));
    }

    void renewalWithApproval()
    {
        const QJsonObject k = createKey("guarded", {"--renewal-approval", "--expires-in", "10d"});
        const QString id = k.value("id").toString();
        const qint64 was = timeOf(k.value("key").toObject().value("expiresAt"));
        const Run requested = kwctl({"key", "renew", id, "--expires-in", "30d", "--reason", "quarterly", "--json"});
        CHECK_EXIT(requested, 0);
        QCOMPARE(requested.object().value("renewed").toBool(true), false);
        QCOMPARE(requested.object().value("status").toString(), QStringLiteral("pending"));
        const qint64 requestId = requested.object().value("requestId").toInteger();
        QVERIFY(requestId > 0);
        QCOMPARE(timeOf(keyJson(id).value("expiresAt")), was);

        const QJsonArray pending = ok({"renewal", "list", "--json"}).array();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending[0].toObject().value("id").toInteger(), requestId);
        QCOMPARE(pending[0].toObject().value("requestedBy").toString(), QStringLiteral("alice"));
        QCOMPARE(pending[0].toObject().value("extendBy").toString(), QStringLiteral("30d"));

        // The requester cannot approve; a second person can.
        const Run self = kwctl({"renewal", "approve", QString::number(requestId)});
        CHECK_EXIT(self, 1);
        QVERIFY(self.err.contains("second person"));
        const Run approved = kwctl({"renewal", "approve", QString::number(requestId), "--json"}, "bob");
        CHECK_EXIT(approved, 0);
        QCOMPARE(approved.object().value("renewed").toBool(), true);
        QCOMPARE(timeOf(keyJson(id).value("expiresAt")), was + 30 * kDayMs);
        QVERIFY(ok({"renewal", "list", "--json"}).array().isEmpty());

        // Deny path.
        const qint64 second =
            kwctl({"key", "renew", id, "--expires-in", "5d", "--json"}).object().value("requestId").toInteger();
        QVERIFY(second > requestId);
        CHECK_EXIT(kwctl({"renewal", "deny", QString::number(second)}, "bob"), 2); // a reason is required
        CHECK_EXIT(kwctl({"renewal", "deny", QString::number(second), "--reason", "no"}, "bob"), 0);
        const QJsonArray all = ok({"renewal", "list", "--all", "--json"}).array();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].toObject().value("status").toString(), QStringLiteral("approved"));
        QCOMPARE(all[1].toObject().value("status").toString(), QStringLiteral("denied"));
        QCOMPARE(all[1].toObject().value("decidedBy").toString(), QStringLiteral("bob"));
        QCOMPARE(timeOf(keyJson(id).value("expiresAt")), was + 30 * kDayMs);
        CHECK_EXIT(kwctl({"renewal", "approve", "x"}, "bob"), 2);
        CHECK_EXIT(kwctl({"renewal", "approve", "999"}, "bob"), 1);
    }

    void usageAfterVerifies()
    {
        ok({"service", "price", "acme", "search", "0.002"});
        const QJsonObject k = createKey("u", {"--service", "search", "--permission", "read"});
        const QString id = k.value("id").toString();
        const QString secret = k.value("secret").toString();
        for (int i = 0; i < 3; ++i)
            verify(secret, {"--service", "search", "--permission", "read", "--cost", "5"});
        verify(secret, {"--service", "search", "--permission", "write"}, 1);
        verify(secret, {"--service", "maps"}, 1);
        verify(QStringLiteral("garbage"), {}, 1);

        const Run s = kwctl({"usage", "summary", "--key", id, "--json"});
        CHECK_EXIT(s, 0);
        const QJsonObject o = s.object();
        QCOMPARE(o.value("requests").toInteger(), 5);
        QCOMPARE(o.value("valid").toInteger(), 3);
        QCOMPARE(o.value("rejected").toInteger(), 2);
        QCOMPARE(o.value("rejectedByCode").toObject().value("INSUFFICIENT_PERMISSIONS").toInteger(), 1);
        QCOMPARE(o.value("rejectedByCode").toObject().value("WRONG_SERVICE").toInteger(), 1);
        QCOMPARE(o.value("cost").toInteger(), 15);
        QCOMPARE(o.value("amountMicros").toInteger(), 15 * 2'000);
        // The display id works too, and the text form shows the same counts.
        const Run text = ok({"usage", "summary", "--key", k.value("displayId").toString()});
        QVERIFY2(text.out.contains("5 (3 valid, 2 rejected)"), text.out.constData());

        // Cost allocation per team.
        const Run top = kwctl({"usage", "top", "--by", "team", "--json"});
        CHECK_EXIT(top, 0);
        const QJsonArray rows = top.array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("id").toString(), QStringLiteral("payments"));
        QCOMPARE(rows[0].toObject().value("amountMicros").toInteger(), 30'000);
        QCOMPARE(rows[0].toObject().value("valid").toInteger(), 3);
        CHECK_EXIT(kwctl({"usage", "top", "--by", "colour"}), 2);
        CHECK_EXIT(kwctl({"service", "price", "acme", "search", "cheap"}), 2);
        CHECK_EXIT(kwctl({"service", "price", "acme", "search", "-1"}), 2);
    }

    void maintenanceRun()
    {
        const QString expiring = createKey("e", {"--expires-in", "1s"}).value("id").toString();
        const QString graceful = createKey("g", {"--expires-in", "1s", "--grace", "1d"}).value("id").toString();
        const QJsonObject autoKey = createKey("a", {"--rotate-every", "1s", "--rotation-overlap", "500ms"});
        const QString rotating = autoKey.value("id").toString();
        createKey("steady");
        QThread::msleep(1'300);
        const Run r = kwctl({"maintenance", "run", "--json"});
        CHECK_EXIT(r, 0);
        const QJsonObject o = r.object();
        QCOMPARE(strings(o.value("expired")), QStringList{expiring});
        QCOMPARE(strings(o.value("graceEntered")), QStringList{graceful});
        QCOMPARE(strings(o.value("rotated")), QStringList{rotating});
        QCOMPARE(o.value("successors").toArray().size(), 1);
        const QString succ = o.value("successors").toArray()[0].toString();

        // The successor's secret is fetched with reveal, and it verifies; the old key points to it.
        const QString secret = QString::fromUtf8(ok({"key", "reveal", succ}).out.trimmed());
        QCOMPARE(verify(secret).value("keyId").toString(), succ);
        QCOMPARE(keyJson(rotating).value("successorId").toString(), succ);

        // Nothing recorded twice (the old key's overlap may have ended meanwhile: that is a new expiry).
        const QJsonObject again = ok({"maintenance", "run", "--json"}).object();
        QVERIFY(!strings(again.value("expired")).contains(expiring));
        QVERIFY(!strings(again.value("rotated")).contains(rotating));
        QVERIFY(again.value("graceEntered").toArray().isEmpty());
        QVERIFY(ok({"maintenance", "run"}).out.contains("Expired:"));
        CHECK_EXIT(kwctl({"maintenance", "walk"}), 2);
    }

    void badPolicyInputIsNamed_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("option");
        QTest::newRow("rate-limit unit") << QStringList{"--rate-limit", "5/x"} << "--rate-limit";
        QTest::newRow("allow-ip prefix") << QStringList{"--allow-ip", "10.0.0.0/33"} << "--allow-ip";
        QTest::newRow("deny-ip garbage") << QStringList{"--deny-ip", "nonsense"} << "--deny-ip";
        QTest::newRow("tz") << QStringList{"--tz", "Mars/Olympus"} << "--tz";
        QTest::newRow("refill period") << QStringList{"--refill", "10/week"} << "--refill";
        QTest::newRow("quota zero") << QStringList{"--quota", "0/day"} << "--quota";
        QTest::newRow("max-uses") << QStringList{"--max-uses", "-1"} << "--max-uses";
        QTest::newRow("grace") << QStringList{"--grace", "1x"} << "--grace";
        QTest::newRow("hours") << QStringList{"--hours", "25:00-26:00"} << "--hours";
        QTest::newRow("days") << QStringList{"--days", "funday"} << "--days";
        QTest::newRow("permission") << QStringList{"--permission", "Not Valid"} << "--permission";
        QTest::newRow("rotate-every") << QStringList{"--rotate-every", "often"} << "--rotate-every";
    }
    void badPolicyInputIsNamed()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, option);
        const int auditBefore = int(ok({"audit", "list", "--json"}).array().size());
        for (const QStringList& command :
             {QStringList{"key", "create", "--project", "acme", "--env", "live", "--name", "bad"},
              QStringList{"policy", "create", "bad"}, QStringList{"policy", "set", "--project", "acme"}}) {
            const Run r = kwctl(command + args);
            QVERIFY2(r.code == 2, qPrintable(command.join(u' ') + u'\n' + r.describe()));
            const QByteArray message = r.err.left(r.err.indexOf('\n')); // the usage line after it names every option
            QVERIFY2(message.startsWith("kwctl: ") && message.contains(option.toLatin1()),
                     qPrintable(QStringLiteral("%1: the message does not name %2\n%3")
                                    .arg(command.join(u' '), option, QString::fromUtf8(r.err))));
            QVERIFY(r.out.isEmpty());
        }
        // Nothing was written.
        QCOMPARE(int(ok({"audit", "list", "--json"}).array().size()), auditBefore);
        QVERIFY(ok({"key", "list", "--json"}).array().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKwctlPolicy)
#include "tst_kwctl_policy.moc"
