// The verification engine as a backend serves it: every VerifyCode produced through LocalVault::verifyKey with a
// VerifyContext, the order of checks (a rejected attempt costs nothing), grace periods, refills and quotas across
// period boundaries (also in a non-UTC zone), an index that follows suspend/resume/revoke/policy changes without a
// reopen, counters that survive a reopen, and the usage events every decision leaves (with cost allocation).

#include "crypto/KeyFormat.h"
#include "storage/LocalVault.h"

#include "TestSupport.h"

#include <QtTest>

using namespace kw;

// QCOMPARE would find kw::toString (which returns a QString) by argument-dependent lookup for these enums and
// fail to compile, so codes and states are compared by their stable spellings, which also reads well in a failure.
#define KW_COMPARE_STATE(actual, expected) QCOMPARE(kw::toString(actual), kw::toString(expected))

namespace {

const QString kProject = QStringLiteral("acme");
const QString kEnv = QStringLiteral("live");

QByteArray text(const SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

SecureBytes secretOf(const QByteArray& s)
{
    return SecureBytes(s.constData(), std::size_t(s.size()));
}

qint64 at(const char* iso)
{
    const QDateTime dt = QDateTime::fromString(QLatin1StringView(iso), Qt::ISODateWithMs);
    if (!dt.isValid())
        qFatal("bad test time %s", iso);
    return dt.toMSecsSinceEpoch();
}

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

struct Issued {
    KeyRecord key;
    QByteArray secret;
};

} // namespace

class TestVerification : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }

    Issued create(const KeyPolicy& policy = {}, const QStringList& services = {}, qint64 expiresInMs = 0,
                  const QString& env = kEnv)
    {
        static int n = 0;
        KeySpec s;
        s.project = kProject;
        s.environment = env;
        s.name = QStringLiteral("key-%1").arg(++n);
        s.services = services;
        s.policy = policy;
        s.expiresInMs = expiresInMs;
        auto k = b().createKey(s);
        if (!k)
            qFatal("createKey failed: %s", qPrintable(k.errorMessage()));
        return {k->key, text(k->secret)};
    }
    VerifyResult verify(const QByteArray& secret, const VerifyContext& ctx = {})
    {
        auto r = b().verifyKey(secretOf(secret), ctx);
        if (!r)
            qFatal("verifyKey failed: %s", qPrintable(r.errorMessage()));
        return *r;
    }
    VerifyCode code(const QByteArray& secret, const VerifyContext& ctx = {}) { return verify(secret, ctx).code; }
    static VerifyContext withTime(qint64 ms, qint64 cost = 1)
    {
        VerifyContext c;
        c.timeMs = ms;
        c.cost = cost;
        return c;
    }
    static VerifyContext withPermissions(const QStringList& perms)
    {
        VerifyContext c;
        c.permissions = perms;
        return c;
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
        QVERIFY(b().createProject({kProject, {}, {}}).ok());
    }
    void cleanup() { tv.reset(); }

    void valid()
    {
        const Issued k = create();
        const VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QVERIFY(r.valid);
        QCOMPARE(r.keyId, k.key.id);
        QCOMPARE(r.displayId, k.key.displayId);
        QVERIFY(!r.inGrace);
        QCOMPARE(r.remaining, -1);
        QVERIFY(!r.rateLimit.present);
        QVERIFY(!r.quota.present);
        QCOMPARE(toString(r.code), QStringLiteral("VALID"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("garbage") << QByteArray("hello world");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("prefix only") << QByteArray("kw_live_");
        QTest::newRow("bad checksum") << QByteArray("flip");  // filled in below from a real key
        QTest::newRow("truncated") << QByteArray("truncate"); // likewise
    }
    void malformed()
    {
        QFETCH(QByteArray, secret);
        const Issued k = create();
        if (secret == "flip") {
            secret = k.secret;
            char& last = secret[secret.size() - 1];
            last = last == 'A' ? 'B' : 'A';
        } else if (secret == "truncate") {
            secret = k.secret.left(k.secret.size() - 3);
        }
        const VerifyResult r = verify(secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Malformed);
        QVERIFY(!r.valid);
        QVERIFY(r.keyId.isEmpty());
        QVERIFY(!r.message.isEmpty());
        if (!secret.isEmpty() && secret.size() > 12)
            QVERIFY2(!r.message.contains(QString::fromLatin1(secret)), qPrintable(r.message));
        // The real key is untouched by the attempt.
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
    }

    void negativeCostIsMalformed()
    {
        const Issued k = create();
        KW_COMPARE_STATE(code(k.secret, withTime(0, -1)), VerifyCode::Malformed);
    }

    void notFound()
    {
        create();
        auto generated = KeyFormat::generate(u"kw_live_");
        QVERIFY(generated.ok());
        QVERIFY(KeyFormat::isWellFormed(generated->view()));
        KW_COMPARE_STATE(code(text(*generated)), VerifyCode::NotFound);

        // A real key of another vault: well formed, checksum valid, unknown here (another pepper, another index).
        kwtest::TempVault other;
        QVERIFY(other.backend().createProject({kProject, {}, {}}).ok());
        KeySpec s;
        s.project = kProject;
        s.environment = kEnv;
        s.name = QStringLiteral("elsewhere");
        auto foreign = other.backend().createKey(s);
        QVERIFY(foreign.ok());
        const VerifyResult r = verify(text(foreign->secret));
        KW_COMPARE_STATE(r.code, VerifyCode::NotFound);
        QVERIFY(r.keyId.isEmpty());
    }

    void expired()
    {
        const Issued k = create({}, {}, 3'600'000);
        tv->clock().advanceMs(3'600'000 - 1);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        tv->clock().advanceMs(1);
        const VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Expired);
        QCOMPARE(r.keyId, k.key.id);
        QCOMPARE(r.expiresAt, k.key.expiresAt);
    }

    void revoked()
    {
        const Issued k = create();
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        QVERIFY(b().revokeKeys({{k.key.id}, false, QStringLiteral("leaked"), {}}).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Revoked);
    }

    void suspended()
    {
        const Issued k = create();
        QVERIFY(b().suspendKey(k.key.id, QStringLiteral("investigating")).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Suspended);
        QVERIFY(b().resumeKey(k.key.id, QStringLiteral("all clear")).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
    }

    void usageExceeded()
    {
        KeyPolicy p;
        p.maxUses = 3;
        const Issued k = create(p);
        for (qint64 left : {2, 1, 0}) {
            const VerifyResult r = verify(k.secret);
            KW_COMPARE_STATE(r.code, VerifyCode::Valid);
            QCOMPARE(r.remaining, left);
        }
        const VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::UsageExceeded);
        QCOMPARE(r.remaining, 0);
        QCOMPARE((*b().engine())->usesConsumed(k.key.id), 3);
    }

    void rateLimited()
    {
        KeyPolicy p;
        p.rateLimits = rates({"5/s"});
        const Issued k = create(p);
        const qint64 t = tv->clock().nowMs() + 10'000;
        for (int i = 0; i < 5; ++i) {
            const VerifyResult r = verify(k.secret, withTime(t));
            QVERIFY2(r.code == VerifyCode::Valid,
                     qPrintable(QStringLiteral("request %1: %2").arg(i).arg(toString(r.code))));
            QVERIFY(r.rateLimit.present);
            QCOMPARE(r.rateLimit.limit, 5);
            QCOMPARE(r.rateLimit.remaining, 4 - i);
            QCOMPARE(r.rateLimit.retryAfterMs, 0);
        }
        const VerifyResult sixth = verify(k.secret, withTime(t));
        KW_COMPARE_STATE(sixth.code, VerifyCode::RateLimited);
        QVERIFY(sixth.rateLimit.present);
        QVERIFY(sixth.rateLimit.retryAfterMs > 0);
        QVERIFY(sixth.rateLimit.retryAfterMs <= 200);
        QCOMPARE(sixth.rateLimit.remaining, 0);
        // One emission interval (1/5 s) later exactly one more passes.
        KW_COMPARE_STATE(code(k.secret, withTime(t + 199)), VerifyCode::RateLimited);
        KW_COMPARE_STATE(code(k.secret, withTime(t + 200)), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(t + 200)), VerifyCode::RateLimited);
    }

    void rateLimitWithBurstAndSeveralLimits()
    {
        KeyPolicy p;
        p.rateLimits = rates({"2/s:4", "5/m"});
        const Issued k = create(p);
        const qint64 t = tv->clock().nowMs();
        for (int i = 0; i < 4; ++i)
            KW_COMPARE_STATE(code(k.secret, withTime(t)), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(t)), VerifyCode::RateLimited);
        KW_COMPARE_STATE(code(k.secret, withTime(t + 500)), VerifyCode::Valid); // fifth of the minute
        // The per-second limit has room again, the per-minute one has not.
        const VerifyResult r = verify(k.secret, withTime(t + 5'000));
        KW_COMPARE_STATE(r.code, VerifyCode::RateLimited);
        QVERIFY(r.rateLimit.retryAfterMs > 1'000);
    }

    void quotaExceeded()
    {
        KeyPolicy p;
        p.quota = quota("10/day");
        const Issued k = create(p);
        VerifyResult r = verify(k.secret, withTime(0, 4));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QVERIFY(r.quota.present);
        QCOMPARE(r.quota.limit, 10);
        QCOMPARE(r.quota.remaining, 6);
        QCOMPARE(r.quota.resetsAt, at("2026-01-02T00:00:00Z"));
        KW_COMPARE_STATE(code(k.secret, withTime(0, 4)), VerifyCode::Valid);
        r = verify(k.secret, withTime(0, 4)); // 8 + 4 > 10
        KW_COMPARE_STATE(r.code, VerifyCode::QuotaExceeded);
        QCOMPARE(r.quota.remaining, 2);
        r = verify(k.secret, withTime(0, 2)); // the rejection took nothing: exactly 2 units are left
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.quota.remaining, 0);
        KW_COMPARE_STATE(code(k.secret, withTime(0, 1)), VerifyCode::QuotaExceeded);
        KW_COMPARE_STATE(code(k.secret, withTime(0, 0)), VerifyCode::Valid); // a free request fits
    }

    void forbiddenIp_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<VerifyCode>("expected");
        QTest::newRow("v4 allowed") << "10.2.3.4" << VerifyCode::Valid;
        QTest::newRow("v4 deny wins") << "10.1.2.3" << VerifyCode::ForbiddenIp;
        QTest::newRow("v4 outside") << "192.168.1.1" << VerifyCode::ForbiddenIp;
        QTest::newRow("v4 mapped v6") << "::ffff:10.2.3.4" << VerifyCode::Valid;
        QTest::newRow("v6 allowed") << "2001:db8:5::1" << VerifyCode::Valid;
        QTest::newRow("v6 deny wins") << "2001:db8:dead::1" << VerifyCode::ForbiddenIp;
        QTest::newRow("v6 outside") << "2001:db9::1" << VerifyCode::ForbiddenIp;
        QTest::newRow("missing") << "" << VerifyCode::ForbiddenIp;
        QTest::newRow("garbage") << "not-an-ip" << VerifyCode::ForbiddenIp;
    }
    void forbiddenIp()
    {
        QFETCH(QString, ip);
        QFETCH(VerifyCode, expected);
        KeyPolicy p;
        p.allowIps = QStringList{"10.0.0.0/8", "2001:db8::/32"};
        p.denyIps = QStringList{"10.1.0.0/16", "2001:db8:dead::/48"};
        const Issued k = create(p);
        VerifyContext c;
        c.clientIp = ip;
        const VerifyResult r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, expected);
        if (ip.isEmpty())
            QVERIFY2(r.message.contains(QLatin1String("address")), qPrintable(r.message));
    }

    void denyOnlyList()
    {
        KeyPolicy p;
        p.denyIps = QStringList{"203.0.113.0/24"};
        const Issued k = create(p);
        VerifyContext c;
        c.clientIp = QStringLiteral("198.51.100.7");
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        c.clientIp = QStringLiteral("203.0.113.9");
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::ForbiddenIp);
    }

    void outsideTimeWindow_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::addColumn<VerifyCode>("expected");
        // 2026-01-05 is a Monday; Berlin is UTC+1 in January.
        QTest::newRow("mon 09:30 berlin") << at("2026-01-05T08:30:00Z") << VerifyCode::Valid;
        QTest::newRow("mon 09:00 berlin") << at("2026-01-05T08:00:00Z") << VerifyCode::Valid;
        QTest::newRow("mon 08:59 berlin") << at("2026-01-05T07:59:59Z") << VerifyCode::OutsideTimeWindow;
        QTest::newRow("mon 16:59 berlin") << at("2026-01-05T15:59:00Z") << VerifyCode::Valid;
        QTest::newRow("mon 17:00 berlin") << at("2026-01-05T16:00:00Z") << VerifyCode::OutsideTimeWindow;
        QTest::newRow("sat 11:00 berlin") << at("2026-01-10T10:00:00Z") << VerifyCode::OutsideTimeWindow;
        QTest::newRow("fri 16:30 berlin") << at("2026-01-09T15:30:00Z") << VerifyCode::Valid;
        // Summer time: UTC+2, so 07:30 UTC is 09:30 local although it is before 09:00 UTC.
        QTest::newRow("july mon 09:30 berlin") << at("2026-07-06T07:30:00Z") << VerifyCode::Valid;
        QTest::newRow("july mon 17:30 berlin") << at("2026-07-06T15:30:00Z") << VerifyCode::OutsideTimeWindow;
    }
    void outsideTimeWindow()
    {
        QFETCH(qint64, time);
        QFETCH(VerifyCode, expected);
        KeyPolicy p;
        p.hours = QStringLiteral("09:00-17:00");
        p.days = QStringLiteral("mon-fri");
        p.timeZone = QStringLiteral("Europe/Berlin");
        const Issued k = create(p);
        KW_COMPARE_STATE(code(k.secret, withTime(time)), expected);
    }

    void timeWindowDaysFollowTheZone()
    {
        // Monday only, in Tokyo (UTC+9): Sunday 16:00 UTC is already Monday there, Monday 16:00 UTC is Tuesday.
        KeyPolicy p;
        p.days = QStringLiteral("mon");
        p.timeZone = QStringLiteral("Asia/Tokyo");
        const Issued k = create(p);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-04T16:00:00Z"))), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-05T14:59:59Z"))), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-05T15:00:00Z"))), VerifyCode::OutsideTimeWindow);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-04T14:59:59Z"))), VerifyCode::OutsideTimeWindow);
    }

    void overnightHours()
    {
        KeyPolicy p;
        p.hours = QStringLiteral("22:00-06:00"); // UTC
        const Issued k = create(p);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-05T23:00:00Z"))), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-06T05:59:00Z"))), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(at("2026-01-06T12:00:00Z"))), VerifyCode::OutsideTimeWindow);
    }

    void wrongService()
    {
        const Issued k = create({}, {"search", "maps"});
        VerifyContext c;
        c.service = QStringLiteral("search");
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        c.service = QStringLiteral("maps");
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        c.service = QStringLiteral("billing");
        const VerifyResult r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, VerifyCode::WrongService);
        QVERIFY(r.message.contains(QLatin1String("billing")));
        c.service.clear();
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::WrongService);

        // A key bound to no service is valid for any.
        const Issued any = create();
        c.service = QStringLiteral("billing");
        KW_COMPARE_STATE(code(any.secret, c), VerifyCode::Valid);
    }

    void insufficientPermissions_data()
    {
        QTest::addColumn<QStringList>("requested");
        QTest::addColumn<VerifyCode>("expected");
        QTest::newRow("none requested") << QStringList{} << VerifyCode::Valid;
        QTest::newRow("wildcard child") << QStringList{"billing.read"} << VerifyCode::Valid;
        QTest::newRow("wildcard grandchild") << QStringList{"billing.invoices.write"} << VerifyCode::Valid;
        QTest::newRow("wildcard stem itself") << QStringList{"billing"} << VerifyCode::InsufficientPermissions;
        QTest::newRow("exact") << QStringList{"reports.read"} << VerifyCode::Valid;
        QTest::newRow("sibling of exact") << QStringList{"reports.write"} << VerifyCode::InsufficientPermissions;
        QTest::newRow("from role") << QStringList{"audit.export"} << VerifyCode::Valid;
        QTest::newRow("role wildcard") << QStringList{"docs.any.thing"} << VerifyCode::Valid;
        QTest::newRow("all of several") << QStringList{"billing.read", "audit.read"} << VerifyCode::Valid;
        QTest::newRow("one missing") << QStringList{"billing.read", "admin"} << VerifyCode::InsufficientPermissions;
        QTest::newRow("request with wildcard") << QStringList{"billing.*"} << VerifyCode::InsufficientPermissions;
    }
    void insufficientPermissions()
    {
        QFETCH(QStringList, requested);
        QFETCH(VerifyCode, expected);
        QVERIFY(b().saveRole({QStringLiteral("auditor"), {"audit.read", "audit.export", "docs.*"}, 0}).ok());
        KeyPolicy p;
        p.permissions = QStringList{"billing.*", "reports.read"};
        p.roles = QStringList{"auditor"};
        const Issued k = create(p);
        const VerifyResult r = verify(k.secret, withPermissions(requested));
        KW_COMPARE_STATE(r.code, expected);
        if (expected == VerifyCode::InsufficientPermissions)
            QVERIFY2(r.message.contains(QLatin1String("permission")), qPrintable(r.message));
    }

    void roleChangeReachesKeys()
    {
        QVERIFY(b().saveRole({QStringLiteral("reader"), {"docs.read"}, 0}).ok());
        KeyPolicy p;
        p.roles = QStringList{"reader"};
        const Issued k = create(p);
        KW_COMPARE_STATE(code(k.secret, withPermissions({"docs.read"})), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withPermissions({"docs.write"})), VerifyCode::InsufficientPermissions);
        QVERIFY(b().saveRole({QStringLiteral("reader"), {"docs.read", "docs.write"}, 0}).ok());
        KW_COMPARE_STATE(code(k.secret, withPermissions({"docs.write"})), VerifyCode::Valid);
    }

    void wrongEnvironment()
    {
        const Issued k = create();
        VerifyContext c;
        c.environment = QStringLiteral("test");
        const VerifyResult r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, VerifyCode::WrongEnvironment);
        QVERIFY(r.message.contains(kEnv));
        c.environment = kEnv;
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        c.environment.clear();
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
    }

    // The documented order: state before expiry before environment before service before IP before window
    // before permissions before counters.
    void orderOfChecks()
    {
        KeyPolicy p;
        p.maxUses = 1;
        p.permissions = QStringList{"read"};
        p.allowIps = QStringList{"10.0.0.0/8"};
        p.hours = QStringLiteral("09:00-10:00");
        const Issued k = create(p, {"search"}, 3'600'000);
        VerifyContext bad;
        bad.environment = QStringLiteral("test");
        bad.service = QStringLiteral("maps");
        bad.clientIp = QStringLiteral("192.0.2.1");
        bad.permissions = QStringList{"write"};
        bad.timeMs = at("2026-01-01T00:30:00Z"); // outside 09-10 UTC, before expiry
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::WrongEnvironment);
        bad.environment = kEnv;
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::WrongService);
        bad.service = QStringLiteral("search");
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::ForbiddenIp);
        bad.clientIp = QStringLiteral("10.9.9.9");
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::OutsideTimeWindow);
        bad.timeMs = 0;
        tv->clock().setNowMs(at("2026-01-01T09:30:00Z")); // inside the window; the key expired at 01:00
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::Expired);
        QVERIFY(b().suspendKey(k.key.id, QStringLiteral("hold")).ok());
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::Suspended); // stored state is checked before expiry
        QVERIFY(b().revokeKeys({{k.key.id}, false, QStringLiteral("done"), {}}).ok());
        KW_COMPARE_STATE(code(k.secret, bad), VerifyCode::Revoked);
    }

    void rejectedAttemptConsumesNoUse()
    {
        KeyPolicy p;
        p.maxUses = 2;
        p.permissions = QStringList{"read"};
        const Issued k = create(p);
        for (int i = 0; i < 3; ++i)
            KW_COMPARE_STATE(code(k.secret, withPermissions({"write"})), VerifyCode::InsufficientPermissions);
        QCOMPARE((*b().engine())->usesConsumed(k.key.id), 0);
        VerifyResult r = verify(k.secret, withPermissions({"read"}));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 1);
        r = verify(k.secret, withPermissions({"read"}));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 0);
        KW_COMPARE_STATE(code(k.secret, withPermissions({"read"})), VerifyCode::UsageExceeded);
    }

    void quotaRejectionTakesNoRateToken()
    {
        KeyPolicy p;
        p.rateLimits = rates({"10/s"});
        p.quota = quota("5/day");
        const Issued k = create(p);
        const qint64 t = tv->clock().nowMs() + 1'000;
        VerifyResult r = verify(k.secret, withTime(t, 1));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.rateLimit.remaining, 9);
        r = verify(k.secret, withTime(t, 5)); // 1 + 5 > 5
        KW_COMPARE_STATE(r.code, VerifyCode::QuotaExceeded);
        r = verify(k.secret, withTime(t, 1));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.rateLimit.remaining, 8); // not 3: the quota rejection took no tokens
        QCOMPARE(r.quota.remaining, 3);
    }

    void rateRejectionConsumesNoUseAndRejectedPermissionNoToken()
    {
        KeyPolicy p;
        p.maxUses = 3;
        p.rateLimits = rates({"1/s"});
        p.permissions = QStringList{"read"};
        const Issued k = create(p);
        const qint64 t = tv->clock().nowMs() + 1'000;
        VerifyContext c = withTime(t);
        c.permissions = QStringList{"write"};
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::InsufficientPermissions); // takes no token
        c.permissions = QStringList{"read"};
        VerifyResult r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 2);
        r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, VerifyCode::RateLimited);
        QCOMPARE((*b().engine())->usesConsumed(k.key.id), 1);
        c.timeMs = t + 1'000;
        r = verify(k.secret, c);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 1);
    }

    void grace()
    {
        KeyPolicy p;
        p.graceMs = 2 * 3'600'000;
        const Issued k = create(p, {}, 86'400'000);
        VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QVERIFY(!r.inGrace);
        tv->clock().advanceMs(86'400'000 + 3'600'000);
        r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QVERIFY(r.valid);
        QVERIFY(r.inGrace);
        tv->clock().advanceMs(3'600'000 - 1);
        QVERIFY(verify(k.secret).inGrace);
        tv->clock().advanceMs(1);
        r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Expired);
        QVERIFY(!r.valid);
    }

    void refillDaily()
    {
        KeyPolicy p;
        p.refill = quota("3/day");
        const Issued k = create(p);
        tv->clock().setNowMs(at("2026-01-01T20:00:00Z"));
        for (qint64 left : {2, 1, 0})
            QCOMPARE(verify(k.secret).remaining, left);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->clock().setNowMs(at("2026-01-01T23:59:59.999Z"));
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->clock().setNowMs(at("2026-01-02T00:00:00Z"));
        VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 2);
        // Several days later the allowance is full again, not accumulated.
        tv->clock().advanceDays(3);
        for (qint64 left : {2, 1, 0})
            QCOMPARE(verify(k.secret).remaining, left);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
    }

    void refillInTimeZone()
    {
        // Kolkata is UTC+5:30 all year: the local day starts at 18:30 UTC.
        KeyPolicy p;
        p.refill = quota("2/day");
        p.timeZone = QStringLiteral("Asia/Kolkata");
        const Issued k = create(p);
        tv->clock().setNowMs(at("2026-01-05T10:00:00Z"));
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->clock().setNowMs(at("2026-01-05T18:29:59Z"));
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->clock().setNowMs(at("2026-01-05T18:30:00Z"));
        const VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 1);
        // UTC midnight is not a boundary in Kolkata.
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        tv->clock().setNowMs(at("2026-01-06T00:00:01Z"));
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
    }

    // A decision stamped in an earlier period (a clock stepped back, a gateway's late timestamp) must not hand out
    // the current period's allowance again, as the rate limiters promise for their own state.
    void periodCountersSurviveTimeGoingBack()
    {
        KeyPolicy p;
        p.refill = quota("2/day");
        p.quota = quota("5/day");
        const Issued k = create(p);
        const qint64 today = at("2026-01-02T10:00:00Z");
        QCOMPARE(verify(k.secret, withTime(today)).remaining, 1);
        QCOMPARE(verify(k.secret, withTime(today)).remaining, 0);
        KW_COMPARE_STATE(code(k.secret, withTime(today)), VerifyCode::UsageExceeded);
        verify(k.secret, withTime(at("2026-01-01T23:59:00Z"))); // yesterday: whatever it answers
        KW_COMPARE_STATE(code(k.secret, withTime(today + 1'000)), VerifyCode::UsageExceeded);
    }

    void quotaMonthly()
    {
        KeyPolicy p;
        p.quota = quota("10/month");
        const Issued k = create(p);
        tv->clock().setNowMs(at("2026-01-15T12:00:00Z"));
        VerifyResult r = verify(k.secret, withTime(0, 10));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.quota.resetsAt, at("2026-02-01T00:00:00Z"));
        tv->clock().setNowMs(at("2026-01-31T23:59:59Z"));
        KW_COMPARE_STATE(code(k.secret), VerifyCode::QuotaExceeded);
        tv->clock().setNowMs(at("2026-02-01T00:00:00Z"));
        r = verify(k.secret, withTime(0, 3));
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.quota.remaining, 7);
        QCOMPARE(r.quota.resetsAt, at("2026-03-01T00:00:00Z"));
    }

    void engineStaysCurrent()
    {
        const Issued k = create();
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid); // the engine is built now
        VerificationEngine* engine = *b().engine();
        const int size = engine->size();

        // A key created after the engine was built is known at once.
        const Issued later = create();
        KW_COMPARE_STATE(code(later.secret), VerifyCode::Valid);
        QCOMPARE(engine->size(), size + 1);

        QVERIFY(b().suspendKey(k.key.id, QStringLiteral("hold")).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Suspended);
        QVERIFY(b().resumeKey(k.key.id, QStringLiteral("go")).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);

        // A key's own policy.
        KeyPolicy own;
        own.permissions = QStringList{"read"};
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Key, {}, {}, k.key.id}, std::nullopt, own).ok());
        KW_COMPARE_STATE(code(k.secret, withPermissions({"write"})), VerifyCode::InsufficientPermissions);
        KW_COMPARE_STATE(code(k.secret, withPermissions({"read"})), VerifyCode::Valid);

        // An environment's policy reaches every key in it.
        KeyPolicy envPolicy;
        envPolicy.allowIps = QStringList{"10.0.0.0/8"};
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Environment, kProject, kEnv, {}}, std::nullopt, envPolicy).ok());
        KW_COMPARE_STATE(code(later.secret), VerifyCode::ForbiddenIp);

        // A template's update reaches the keys that use it.
        KeyPolicy strict;
        strict.maxUses = 100;
        QVERIFY(b().savePolicyTemplate({QStringLiteral("t"), {}, strict, 0, 0}).ok());
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Project, kProject, {}, {}}, QStringLiteral("t"), {}).ok());
        VerifyContext c;
        c.clientIp = QStringLiteral("10.0.0.1");
        QCOMPARE(verify(later.secret, c).remaining, 99);
        strict.permissions = QStringList{"x"};
        QVERIFY(b().savePolicyTemplate({QStringLiteral("t"), {}, strict, 0, 0}).ok());
        c.permissions = QStringList{"y"};
        KW_COMPARE_STATE(code(later.secret, c), VerifyCode::InsufficientPermissions);
        c.permissions = QStringList{"x"};
        QCOMPARE(verify(later.secret, c).remaining, 98);

        QVERIFY(b().revokeKeys({{k.key.id}, false, QStringLiteral("leaked"), {}}).ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Revoked);
        QCOMPARE(engine, *b().engine()); // same engine throughout: no reopen, no rebuild
    }

    void metadataRefreshKeepsRateState()
    {
        KeyPolicy p;
        p.rateLimits = rates({"2/s"});
        p.maxUses = 10;
        const Issued k = create(p);
        const qint64 t = tv->clock().nowMs() + 1'000;
        KW_COMPARE_STATE(code(k.secret, withTime(t)), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, withTime(t)), VerifyCode::Valid);
        // Suspend/resume refreshes the key in the index; it must not hand out a fresh burst or fresh uses.
        QVERIFY(b().suspendKey(k.key.id, QStringLiteral("x")).ok());
        QVERIFY(b().resumeKey(k.key.id, QStringLiteral("y")).ok());
        KW_COMPARE_STATE(code(k.secret, withTime(t)), VerifyCode::RateLimited);
        QCOMPARE((*b().engine())->usesConsumed(k.key.id), 2);
    }

    // The uses a key has consumed belong to the key, not to its limit: lowering max uses after some were consumed
    // must count those, whether or not the recorder has written them yet.
    void usesKeptWhenLimitChanges()
    {
        KeyPolicy p;
        p.maxUses = 5;
        const Issued k = create(p);
        QCOMPARE(verify(k.secret).remaining, 4);
        QCOMPARE(verify(k.secret).remaining, 3);
        p.maxUses = 3;
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Key, {}, {}, k.key.id}, std::nullopt, p).ok());
        QCOMPARE(verify(k.secret).remaining, 0);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
    }

    void quotaUsedKeptWhenAmountChanges()
    {
        KeyPolicy p;
        p.quota = quota("10/day");
        const Issued k = create(p);
        QCOMPARE(verify(k.secret, withTime(0, 8)).quota.remaining, 2);
        p.quota = quota("9/day");
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Key, {}, {}, k.key.id}, std::nullopt, p).ok());
        KW_COMPARE_STATE(code(k.secret, withTime(0, 2)), VerifyCode::QuotaExceeded);
        QCOMPARE(verify(k.secret, withTime(0, 1)).quota.remaining, 0);
    }

    void usesSurviveReopen()
    {
        KeyPolicy p;
        p.maxUses = 3;
        const Issued k = create(p);
        QVERIFY(b().startUsageRecording().ok());
        QCOMPARE(verify(k.secret).remaining, 2);
        QCOMPARE(verify(k.secret).remaining, 1);
        tv->reopen(); // closing stops the recorder, which writes what it holds
        QVERIFY(tv->ok());
        QCOMPARE(b().key(k.key.id)->usesConsumed, 2);
        QVERIFY(b().startUsageRecording().ok());
        const VerifyResult r = verify(k.secret);
        KW_COMPARE_STATE(r.code, VerifyCode::Valid);
        QCOMPARE(r.remaining, 0);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->reopen();
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
    }

    void refillPeriodSurvivesReopen()
    {
        KeyPolicy p;
        p.refill = quota("2/day");
        const Issued k = create(p);
        QVERIFY(b().startUsageRecording().ok());
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        tv->reopen();
        KW_COMPARE_STATE(code(k.secret), VerifyCode::UsageExceeded);
        tv->clock().advanceDays(1);
        tv->reopen(); // the stored period is yesterday's: the new day starts fresh
        QCOMPARE(verify(k.secret).remaining, 1);
    }

    void usageEventsLand()
    {
        KeyPolicy p;
        p.permissions = QStringList{"read"};
        const Issued k = create(p, {"search"});
        const Issued other = create();
        QVERIFY(b().startUsageRecording().ok());
        const qint64 from = tv->clock().nowMs();
        VerifyContext ok;
        ok.service = QStringLiteral("search");
        ok.permissions = QStringList{"read"};
        for (int i = 0; i < 3; ++i)
            KW_COMPARE_STATE(code(k.secret, ok), VerifyCode::Valid);
        VerifyContext noPerm = ok;
        noPerm.permissions = QStringList{"write"};
        KW_COMPARE_STATE(code(k.secret, noPerm), VerifyCode::InsufficientPermissions);
        KW_COMPARE_STATE(code(k.secret, noPerm), VerifyCode::InsufficientPermissions);
        VerifyContext wrongService = ok;
        wrongService.service = QStringLiteral("maps");
        KW_COMPARE_STATE(code(k.secret, wrongService), VerifyCode::WrongService);
        KW_COMPARE_STATE(code("garbage"), VerifyCode::Malformed);
        KW_COMPARE_STATE(code(other.secret), VerifyCode::Valid);
        QVERIFY(b().flushUsage().ok());

        auto s = b().usageSummary(UsageScope::Key, k.key.id, from - 60'000, from + 3'600'000);
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->totals.requests, 6);
        QCOMPARE(s->totals.valid, 3);
        QCOMPARE(s->totals.rejectedTotal(), 3);
        QCOMPARE(s->totals.rejected.value(QStringLiteral("INSUFFICIENT_PERMISSIONS")), 2);
        QCOMPARE(s->totals.rejected.value(QStringLiteral("WRONG_SERVICE")), 1);
        QCOMPARE(s->totals.rejected.size(), 2);
        QCOMPARE(s->totals.cost, 3); // rejections cost nothing

        auto all = b().usageSummary(UsageScope::All, {}, from - 60'000, from + 3'600'000);
        QVERIFY(all.ok());
        QCOMPARE(all->totals.requests, 8); // including the malformed attempt that names no key
        QCOMPARE(all->totals.valid, 4);
        QCOMPARE(all->totals.rejected.value(QStringLiteral("MALFORMED")), 1);
    }

    void costAllocation()
    {
        const Issued k = create({}, {"search", "maps"});
        QVERIFY(b().startUsageRecording().ok());
        const qint64 from = tv->clock().nowMs();
        VerifyContext c;
        c.service = QStringLiteral("search");
        c.cost = 0;
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid); // engine built before the price is set
        QVERIFY(b().setServicePrice(kProject, QStringLiteral("search"), 2'500).ok());
        c.cost = 4;
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        c.service = QStringLiteral("maps"); // no price: units counted, no amount
        c.cost = 7;
        KW_COMPARE_STATE(code(k.secret, c), VerifyCode::Valid);
        QVERIFY(b().flushUsage().ok());

        auto svc = b().usageSummary(UsageScope::Service, kProject + QStringLiteral("/search"), from - 60'000,
                                    from + 3'600'000);
        QVERIFY2(svc.ok(), qPrintable(svc.errorMessage()));
        QCOMPARE(svc->totals.cost, 8);
        QCOMPARE(svc->totals.amountMicros, 8 * 2'500);
        auto key = b().usageSummary(UsageScope::Key, k.key.id, from - 60'000, from + 3'600'000);
        QVERIFY(key.ok());
        QCOMPARE(key->totals.cost, 15);
        QCOMPARE(key->totals.amountMicros, 20'000);
        auto top = b().usageTop(UsageScope::Project, from - 60'000, from + 3'600'000, 10);
        QVERIFY(top.ok());
        QCOMPARE(top->size(), 1);
        QCOMPARE(top->first().scopeId, kProject);
        QCOMPARE(top->first().amountMicros, 20'000);
        QVERIFY(!b().setServicePrice(kProject, QStringLiteral("search"), -1).ok());
    }
};

QTEST_GUILESS_MAIN(TestVerification)
#include "tst_verification.moc"
