// Rotation, renewal and scheduled maintenance on a test clock: a successor with the same rules and place in the
// hierarchy, the old key valid for the overlap and then expired, conflicts, renewal from the later of now and the
// current expiry, two-person approval across two backends on one vault file, the expiration history, and a
// maintenance run that records grace/expiry once and rotates due keys automatically.

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
const qint64 kDayMs = 86'400'000;
const qint64 kHourMs = 3'600'000;

QByteArray text(const SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

SecureBytes secretOf(const QByteArray& s)
{
    return SecureBytes(s.constData(), std::size_t(s.size()));
}

struct Issued {
    KeyRecord key;
    QByteArray secret;
};

QStringList events(const QList<ExpirationEvent>& history)
{
    QStringList out;
    for (const auto& e : history)
        out << e.event;
    return out;
}

} // namespace

class TestRotation : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }

    Issued create(const QString& name, const KeyPolicy& policy = {}, qint64 expiresInMs = 0, const QString& parent = {},
                  const QStringList& services = {})
    {
        KeySpec s;
        s.project = kProject;
        s.environment = kEnv;
        s.name = name;
        s.policy = policy;
        s.expiresInMs = expiresInMs;
        s.parentId = parent;
        s.services = services;
        auto k = b().createKey(s);
        if (!k)
            qFatal("createKey(%s) failed: %s", qPrintable(name), qPrintable(k.errorMessage()));
        return {k->key, text(k->secret)};
    }
    KeyRecord record(const QString& id)
    {
        auto k = b().key(id);
        if (!k)
            qFatal("key(%s) failed: %s", qPrintable(id), qPrintable(k.errorMessage()));
        return *k;
    }
    VerifyCode code(LocalVault& backend, const QByteArray& secret, const VerifyContext& ctx = {})
    {
        auto r = backend.verifyKey(secretOf(secret), ctx);
        if (!r)
            qFatal("verifyKey failed: %s", qPrintable(r.errorMessage()));
        return r->code;
    }
    VerifyCode code(const QByteArray& secret, const VerifyContext& ctx = {}) { return code(b(), secret, ctx); }
    QStringList history(const QString& id)
    {
        auto h = b().expirationHistory(id);
        if (!h)
            qFatal("expirationHistory failed: %s", qPrintable(h.errorMessage()));
        return events(*h);
    }
    // A second person working on the same vault file.
    std::unique_ptr<LocalVault> second()
    {
        auto v = Vault::open(tv->path(), kwtest::passphrase());
        if (!v)
            qFatal("second open failed: %s", qPrintable(v.errorMessage()));
        return std::make_unique<LocalVault>(std::move(*v), QStringLiteral("test:second"), tv->clock());
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
        QVERIFY(b().createProject({kProject, {}, {}}).ok());
    }
    void cleanup() { tv.reset(); }

    void rotateWithOverlap()
    {
        const Issued parent = create(QStringLiteral("parent"));
        KeyPolicy p;
        p.permissions = QStringList{"billing.*"};
        p.allowIps = QStringList{"10.0.0.0/8"};
        p.maxUses = 100;
        const Issued old = create(QStringLiteral("api"), p, 0, parent.key.id, {"search", "billing"});
        const Issued child = create(QStringLiteral("child"), {}, 0, old.key.id);
        VerifyContext ctx;
        ctx.service = QStringLiteral("billing");
        ctx.clientIp = QStringLiteral("10.1.2.3");
        ctx.permissions = QStringList{"billing.read"};
        KW_COMPARE_STATE(code(old.secret, ctx), VerifyCode::Valid);

        tv->clock().advanceDays(3);
        const qint64 now = tv->clock().nowMs();
        auto issued = b().rotateKey(old.key.id, kHourMs);
        QVERIFY2(issued.ok(), qPrintable(issued.errorMessage()));
        const KeyRecord succ = issued->key;
        const QByteArray succSecret = text(issued->secret);
        QVERIFY(succ.id != old.key.id);
        QVERIFY(succSecret != old.secret);
        QCOMPARE(succ.name, old.key.name);
        QCOMPARE(succ.project, old.key.project);
        QCOMPARE(succ.environment, old.key.environment);
        QStringList services = succ.services;
        services.sort();
        QCOMPARE(services, (QStringList{"billing", "search"}));
        QCOMPARE(succ.parentId, parent.key.id);
        QCOMPARE(succ.policy.toJson(), p.toJson());
        QCOMPARE(b().effectivePolicy(succ.id)->toJson(), b().effectivePolicy(old.key.id)->toJson());
        QCOMPARE(succ.predecessorId, old.key.id);
        KW_COMPARE_STATE(succ.status, KeyStatus::Active);
        QCOMPARE(succ.createdAt, now);

        const KeyRecord was = record(old.key.id);
        KW_COMPARE_STATE(was.status, KeyStatus::Rotating);
        QCOMPARE(was.successorId, succ.id);
        QCOMPARE(was.expiresAt, now + kHourMs);

        // Both pass during the overlap, with the same rules.
        KW_COMPARE_STATE(code(old.secret, ctx), VerifyCode::Valid);
        KW_COMPARE_STATE(code(succSecret, ctx), VerifyCode::Valid);
        VerifyContext outside = ctx;
        outside.clientIp = QStringLiteral("192.0.2.1");
        KW_COMPARE_STATE(code(succSecret, outside), VerifyCode::ForbiddenIp);
        VerifyContext wrongService = ctx;
        wrongService.service = QStringLiteral("maps");
        KW_COMPARE_STATE(code(succSecret, wrongService), VerifyCode::WrongService);

        tv->clock().advanceMs(kHourMs - 1);
        KW_COMPARE_STATE(code(old.secret, ctx), VerifyCode::Valid);
        tv->clock().advanceMs(1);
        KW_COMPARE_STATE(code(old.secret, ctx), VerifyCode::Expired);
        KW_COMPARE_STATE(record(old.key.id).effectiveStatus(tv->clock().nowMs()), KeyStatus::Expired);
        KW_COMPARE_STATE(code(succSecret, ctx), VerifyCode::Valid);

        // The hierarchy follows the successor: a cascade from it reaches the old key's children.
        QCOMPARE(record(child.key.id).parentId, succ.id);
        auto plan = b().planRevocation({succ.id}, true);
        QVERIFY(plan.ok());
        QStringList planned;
        for (const auto& e : plan->entries)
            planned << e.keyId;
        QVERIFY2(planned.contains(child.key.id), qPrintable(planned.join(u',')));
        QVERIFY(b().revokeKeys({{succ.id}, true, QStringLiteral("compromised"), {}}).ok());
        KW_COMPARE_STATE(code(child.secret), VerifyCode::Revoked);
        KW_COMPARE_STATE(code(succSecret, ctx), VerifyCode::Revoked);
        KW_COMPARE_STATE(code(parent.secret), VerifyCode::Valid);

        const auto audit = b().auditEntries({0, 1000, old.key.id, QStringLiteral("key.rotate")});
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->at(0).details.value("successorId").toString(), succ.id);
    }

    void rotateKeepsExpiryRuleAndShortOverlap()
    {
        // The old key expires sooner than the overlap: it stays valid only until its own expiry.
        const Issued k = create(QStringLiteral("short"), {}, 30 * 60'000);
        auto issued = b().rotateKey(k.key.id, kDayMs);
        QVERIFY(issued.ok());
        QCOMPARE(record(k.key.id).expiresAt, k.key.expiresAt);
        // The successor gets the old key's lifetime again.
        QCOMPARE(issued->key.expiresAt, tv->clock().nowMs() + 30 * 60'000);

        // No overlap: the old key stops at once.
        const Issued n = create(QStringLiteral("now"));
        QVERIFY(b().rotateKey(n.key.id, 0).ok());
        KW_COMPARE_STATE(code(n.secret), VerifyCode::Expired);

        // Default overlap: the policy's rotationOverlap.
        KeyPolicy p;
        p.rotationOverlapMs = 2 * kHourMs;
        const Issued d = create(QStringLiteral("policy-overlap"), p);
        QVERIFY(b().rotateKey(d.key.id, std::nullopt).ok());
        QCOMPARE(record(d.key.id).expiresAt, tv->clock().nowMs() + 2 * kHourMs);
        QVERIFY(!b().rotateKey(create(QStringLiteral("neg")).key.id, -1).ok());
    }

    void rotateConflicts()
    {
        const Issued k = create(QStringLiteral("k"));
        auto first = b().rotateKey(k.key.id, kHourMs);
        QVERIFY(first.ok());
        auto again = b().rotateKey(k.key.id, kHourMs);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, Error::Code::Conflict);
        QVERIFY(again.errorMessage().contains(first->key.id));

        const Issued revoked = create(QStringLiteral("revoked"));
        QVERIFY(b().revokeKeys({{revoked.key.id}, false, QStringLiteral("x"), {}}).ok());
        auto r = b().rotateKey(revoked.key.id, kHourMs);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Conflict);

        const Issued suspended = create(QStringLiteral("suspended"));
        QVERIFY(b().suspendKey(suspended.key.id, QStringLiteral("x")).ok());
        auto s = b().rotateKey(suspended.key.id, kHourMs);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Code::Conflict);

        const Issued expired = create(QStringLiteral("expired"), {}, kHourMs);
        tv->clock().advanceDays(1);
        auto e = b().rotateKey(expired.key.id, kHourMs);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, Error::Code::Conflict);

        // None of the refused rotations issued a key.
        QCOMPARE(b().keys({})->size(), 5);
    }

    void renewExtendsFromLaterOfNowAndExpiry()
    {
        const Issued k = create(QStringLiteral("k"), {}, 10 * kDayMs);
        tv->clock().advanceDays(2);
        auto r = b().renewKey(k.key.id, 30 * kDayMs, QStringLiteral("still needed"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(r->renewed);
        QCOMPARE(r->status, QStringLiteral("renewed"));
        QCOMPARE(r->key.expiresAt, k.key.expiresAt + 30 * kDayMs); // from the current expiry, not from now

        // Already expired: from now.
        const Issued e = create(QStringLiteral("e"), {}, kDayMs);
        tv->clock().advanceDays(5);
        KW_COMPARE_STATE(code(e.secret), VerifyCode::Expired);
        r = b().renewKey(e.key.id, 30 * kDayMs, {});
        QVERIFY(r.ok());
        QCOMPARE(r->key.expiresAt, tv->clock().nowMs() + 30 * kDayMs);
        KW_COMPARE_STATE(code(e.secret), VerifyCode::Valid); // the engine follows the renewal

        // A key without expiry gets one, from now.
        const Issued never = create(QStringLiteral("never"));
        r = b().renewKey(never.key.id, kDayMs, {});
        QVERIFY(r.ok());
        QCOMPARE(r->key.expiresAt, tv->clock().nowMs() + kDayMs);

        QVERIFY(!b().renewKey(k.key.id, 0, {}).ok());
        QVERIFY(!b().renewKey(k.key.id, -kDayMs, {}).ok());
        QVERIFY(b().revokeKeys({{k.key.id}, false, QStringLiteral("x"), {}}).ok());
        auto revoked = b().renewKey(k.key.id, kDayMs, {});
        QVERIFY(!revoked.ok());
        QCOMPARE(revoked.error().code, Error::Code::Conflict);
    }

    void historyInOrder()
    {
        const qint64 t0 = tv->clock().nowMs();
        const Issued k = create(QStringLiteral("k"), {}, 10 * kDayMs);
        tv->clock().advanceDays(1);
        QVERIFY(b().renewKey(k.key.id, 5 * kDayMs, {}).ok());
        tv->clock().advanceDays(1);
        auto succ = b().rotateKey(k.key.id, kHourMs);
        QVERIFY(succ.ok());
        QCOMPARE(history(k.key.id), (QStringList{"created", "renewed", "rotated"}));
        auto h = b().expirationHistory(k.key.id);
        QCOMPARE(h->at(0).time, t0);
        QCOMPARE(h->at(0).newExpiresAt, t0 + 10 * kDayMs);
        QCOMPARE(h->at(1).oldExpiresAt, t0 + 10 * kDayMs);
        QCOMPARE(h->at(1).newExpiresAt, t0 + 15 * kDayMs);
        QCOMPARE(h->at(1).actor, QStringLiteral("test:admin"));
        QCOMPARE(h->at(2).oldExpiresAt, t0 + 15 * kDayMs);
        QCOMPARE(h->at(2).newExpiresAt, tv->clock().nowMs() + kHourMs);
        QCOMPARE(h->at(2).details.value("successorId").toString(), succ->key.id);
        QVERIFY(h->at(0).time < h->at(1).time && h->at(1).time < h->at(2).time);
        QCOMPARE(history(succ->key.id), QStringList{"created"});
        // The display id works as a reference too.
        QCOMPARE(history(k.key.displayId), (QStringList{"created", "renewed", "rotated"}));
        // A rotated key is renewed through its successor.
        auto renewOld = b().renewKey(k.key.id, kDayMs, {});
        QVERIFY(!renewOld.ok());
        QCOMPARE(renewOld.error().code, Error::Code::Conflict);
    }

    void renewalNeedsApproval()
    {
        KeyPolicy p;
        p.renewalRequiresApproval = true;
        const Issued k = create(QStringLiteral("k"), p, 10 * kDayMs);
        auto r = b().renewKey(k.key.id, 30 * kDayMs, QStringLiteral("quarterly"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(!r->renewed);
        QCOMPARE(r->status, QStringLiteral("pending"));
        QVERIFY(r->requestId > 0);
        QCOMPARE(r->key.expiresAt, k.key.expiresAt); // unchanged until approved
        const qint64 requestId = r->requestId;

        auto pending = b().renewalRequests(true);
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->at(0).id, requestId);
        QCOMPARE(pending->at(0).keyId, k.key.id);
        QCOMPARE(pending->at(0).requestedBy, QStringLiteral("test:admin"));
        QCOMPARE(pending->at(0).extendMs, 30 * kDayMs);
        QCOMPARE(pending->at(0).status, QStringLiteral("pending"));

        // The requester cannot approve their own request.
        auto self = b().decideRenewal(requestId, true, {});
        QVERIFY(!self.ok());
        QCOMPARE(self.error().code, Error::Code::Forbidden);
        auto selfDeny = b().decideRenewal(requestId, false, QStringLiteral("no"));
        QVERIFY(!selfDeny.ok());
        QCOMPARE(selfDeny.error().code, Error::Code::Forbidden);
        QCOMPARE(record(k.key.id).expiresAt, k.key.expiresAt);

        // A second person on the same vault file approves.
        tv->clock().advanceDays(1);
        auto other = second();
        auto approved = other->decideRenewal(requestId, true, QStringLiteral("ok"));
        QVERIFY2(approved.ok(), qPrintable(approved.errorMessage()));
        QVERIFY(approved->renewed);
        QCOMPARE(approved->status, QStringLiteral("approved"));
        QCOMPARE(approved->key.expiresAt, k.key.expiresAt + 30 * kDayMs);
        QCOMPARE(record(k.key.id).expiresAt, k.key.expiresAt + 30 * kDayMs); // seen by the first backend too

        auto all = b().renewalRequests(false);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->at(0).status, QStringLiteral("approved"));
        QCOMPARE(all->at(0).decidedBy, QStringLiteral("test:second"));
        QVERIFY(b().renewalRequests(true)->isEmpty());
        QCOMPARE(history(k.key.id), (QStringList{"created", "renewal-requested", "renewed"}));
        auto twice = other->decideRenewal(requestId, true, {});
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, Error::Code::Conflict);
        QCOMPARE(other->decideRenewal(9999, true, {}).error().code, Error::Code::NotFound);

        AuditQuery q;
        q.target = k.key.id;
        const auto audit = b().auditEntries(q);
        QStringList actions;
        for (const auto& e : *audit)
            actions << e.action + u'@' + e.actor;
        QVERIFY2(actions.contains(QStringLiteral("key.renewal.request@test:admin")), qPrintable(actions.join(u' ')));
        QVERIFY2(actions.contains(QStringLiteral("key.renew@test:second")), qPrintable(actions.join(u' ')));
    }

    void renewalDenied()
    {
        KeyPolicy p;
        p.renewalRequiresApproval = true;
        QVERIFY(b().applyPolicy({PolicyTarget::Kind::Project, kProject, {}, {}}, std::nullopt, p).ok());
        const Issued k = create(QStringLiteral("k"), {}, 10 * kDayMs);
        auto r = b().renewKey(k.key.id, 30 * kDayMs, {});
        QVERIFY(r.ok());
        QVERIFY(!r->renewed); // the project's policy asks for approval
        auto other = second();
        auto denied = other->decideRenewal(r->requestId, false, QStringLiteral("not justified"));
        QVERIFY2(denied.ok(), qPrintable(denied.errorMessage()));
        QVERIFY(!denied->renewed);
        QCOMPARE(denied->status, QStringLiteral("denied"));
        QCOMPARE(record(k.key.id).expiresAt, k.key.expiresAt);
        auto all = b().renewalRequests(false);
        QCOMPARE(all->at(0).status, QStringLiteral("denied"));
        QCOMPARE(all->at(0).decidedBy, QStringLiteral("test:second"));
        QCOMPARE(history(k.key.id), (QStringList{"created", "renewal-requested", "renewal-denied"}));
        QCOMPARE(other->decideRenewal(r->requestId, true, {}).error().code, Error::Code::Conflict);
        QCOMPARE(record(k.key.id).expiresAt, k.key.expiresAt);
    }

    void maintenanceRecordsGraceAndExpiryOnce()
    {
        KeyPolicy grace;
        grace.graceMs = 2 * kDayMs;
        const Issued g = create(QStringLiteral("graceful"), grace, kDayMs);
        const Issued plain = create(QStringLiteral("plain"), {}, kDayMs);
        const Issued eternal = create(QStringLiteral("eternal"));

        auto r = b().runMaintenance();
        QVERIFY(r.ok());
        QVERIFY(r->expired.isEmpty() && r->graceEntered.isEmpty() && r->rotated.isEmpty());

        tv->clock().advanceMs(kDayMs + kHourMs);
        r = b().runMaintenance();
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->graceEntered, QStringList{g.key.id});
        QCOMPARE(r->expired, QStringList{plain.key.id});
        r = b().runMaintenance(); // nothing new
        QVERIFY(r->graceEntered.isEmpty());
        QVERIFY(r->expired.isEmpty());

        tv->clock().advanceDays(2);
        r = b().runMaintenance();
        QCOMPARE(r->expired, QStringList{g.key.id});
        QVERIFY(r->graceEntered.isEmpty());
        r = b().runMaintenance();
        QVERIFY(r->expired.isEmpty());
        QVERIFY(r->graceEntered.isEmpty());

        QCOMPARE(history(g.key.id), (QStringList{"created", "grace-entered", "expired"}));
        QCOMPARE(history(plain.key.id), (QStringList{"created", "expired"}));
        QCOMPARE(history(eternal.key.id), QStringList{"created"});
        QCOMPARE(b().auditEntries({0, 1000, {}, QStringLiteral("key.grace")})->size(), 1);
        QCOMPARE(b().auditEntries({0, 1000, {}, QStringLiteral("key.expire")})->size(), 2);

        // Renewed and expired again: a new expiry date is recorded again, once.
        QVERIFY(b().renewKey(plain.key.id, kDayMs, {}).ok());
        tv->clock().advanceDays(2);
        r = b().runMaintenance();
        QVERIFY(r->expired.contains(plain.key.id));
        QCOMPARE(history(plain.key.id), (QStringList{"created", "expired", "renewed", "expired"}));
        QVERIFY(!b().runMaintenance()->expired.contains(plain.key.id));
    }

    void automaticRotation()
    {
        KeyPolicy p;
        p.rotateEveryMs = 30 * kDayMs;
        p.rotationOverlapMs = 2 * kDayMs;
        p.permissions = QStringList{"read"};
        const Issued k = create(QStringLiteral("auto"), p);
        const Issued manual = create(QStringLiteral("manual"));

        tv->clock().advanceDays(29);
        auto r = b().runMaintenance();
        QVERIFY(r.ok());
        QVERIFY(r->rotated.isEmpty());

        tv->clock().advanceDays(2); // 31 days
        r = b().runMaintenance();
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->rotated, QStringList{k.key.id});
        QCOMPARE(r->successors.size(), 1);
        const QString succId = r->successors[0];
        const KeyRecord succ = record(succId);
        QCOMPARE(succ.predecessorId, k.key.id);
        QVERIFY(succ.recoverable); // nobody saw its secret: the owner fetches it
        KW_COMPARE_STATE(record(k.key.id).status, KeyStatus::Rotating);
        QCOMPARE(record(k.key.id).expiresAt, tv->clock().nowMs() + 2 * kDayMs);

        auto secret = b().revealSecret(succId);
        QVERIFY2(secret.ok(), qPrintable(secret.errorMessage()));
        VerifyContext read;
        read.permissions = QStringList{"read"};
        KW_COMPARE_STATE(code(text(*secret), read), VerifyCode::Valid);
        read.permissions = QStringList{"write"};
        KW_COMPARE_STATE(code(text(*secret), read), VerifyCode::InsufficientPermissions);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Valid);
        KW_COMPARE_STATE(code(manual.secret), VerifyCode::Valid);

        // Once only: running again rotates nothing (the successor is new, the old key already rotated).
        r = b().runMaintenance();
        QVERIFY(r->rotated.isEmpty());
        QCOMPARE(b().auditEntries({0, 1000, {}, QStringLiteral("key.rotate.auto")})->size(), 1);

        tv->clock().advanceDays(2);
        KW_COMPARE_STATE(code(k.secret), VerifyCode::Expired);
        KW_COMPARE_STATE(code(text(*secret)), VerifyCode::Valid);
        r = b().runMaintenance();
        QCOMPARE(r->expired, QStringList{k.key.id});
        QVERIFY(r->rotated.isEmpty());

        // The successor is due 30 days after its own creation.
        tv->clock().advanceDays(29);
        r = b().runMaintenance();
        QCOMPARE(r->rotated, QStringList{succId});
        QCOMPARE(history(k.key.id), (QStringList{"created", "rotated", "expired"}));
    }
};

QTEST_GUILESS_MAIN(TestRotation)
#include "tst_rotation.moc"
