// The response parsers of the remote backend: every toJson() the server sends reads back to the same value,
// unknown fields are ignored, and a known field of the wrong type is an error that names it.
#include "remote/Codec.h"

#include "crypto/KeyFormat.h"

#include <QtTest>

namespace QTest {
// Readable QCOMPARE failures for the core enums.
template <> inline char* toString(const kw::UsageScope& s)
{
    return qstrdup(qPrintable(kw::codec::toString(s)));
}
} // namespace QTest

using namespace kw;

namespace {

constexpr qint64 kNow = 1'767'225'600'123; // 2026-01-01T00:00:00.123Z

KeyPolicy samplePolicy()
{
    KeyPolicy p;
    p.maxUses = 10;
    p.ttlMs = 90LL * 86'400'000;
    p.permissions = QStringList{"read", "write"};
    p.allowIps = QStringList{"10.0.0.0/8"};
    p.renewalRequiresApproval = true;
    return p;
}

KeyRecord sampleKey()
{
    KeyRecord k;
    k.id = "key_0123456789abcdef";
    k.displayId = "kw_live_AbCdEfGh";
    k.name = "checkout \"prod\"";
    k.project = "web";
    k.environment = "live";
    k.team = "core";
    k.services = {"billing", "search"};
    k.owner = "ana@example.com";
    k.tags = {"pci"};
    k.metadata = QJsonObject{{"ticket", 42}, {"nested", QJsonObject{{"a", true}}}};
    k.status = KeyStatus::Suspended;
    k.createdAt = kNow - 86'400'000;
    k.expiresAt = kNow + 86'400'000;
    k.parentId = "key_parent0000000000";
    k.dependsOn = {"key_dep1", "key_dep2"};
    k.backup = true;
    k.recoverable = true;
    k.statusReason = "incident";
    k.incidentId = "INC-7";
    k.statusChangedAt = kNow - 1000;
    k.lastUsedAt = kNow - 500;
    k.policyTemplate = "strict";
    k.policy = samplePolicy();
    k.successorId = "key_next";
    k.predecessorId = "key_prev";
    k.usesConsumed = 7;
    k.childCount = 3;
    return k;
}

void compareKeys(const KeyRecord& a, const KeyRecord& b)
{
    QCOMPARE(a.toJson(kNow), b.toJson(kNow));
    QCOMPARE(a.id, b.id);
    QCOMPARE(kw::toString(a.status), kw::toString(b.status));
    QCOMPARE(a.metadata, b.metadata);
    QCOMPARE(a.policy.toJson(), b.policy.toJson());
}

UsageTotals sampleTotals()
{
    UsageTotals t;
    t.requests = 100;
    t.valid = 90;
    t.rejected = {{"REVOKED", 4}, {"RATE_LIMITED", 6}};
    t.cost = 120;
    t.amountMicros = 5000;
    t.errors = 3;
    t.latencySumUs = 12345;
    t.latencyCount = 50;
    t.latencyMaxUs = 900;
    t.bytes = 1 << 20;
    t.latencyHistogram[2] = 20;
    t.latencyHistogram[5] = 29;
    t.latencyHistogram[15] = 1;
    return t;
}

} // namespace

class TestCodec : public QObject {
    Q_OBJECT
private slots:
    void keyRecord()
    {
        const KeyRecord k = sampleKey();
        auto back = codec::keyRecordFromJson(k.toJson(kNow));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        compareKeys(*back, k);

        KeyRecord plain;
        plain.id = "key_x";
        plain.name = "x";
        auto p = codec::keyRecordFromJson(plain.toJson(kNow));
        QVERIFY2(p.ok(), qPrintable(p.errorMessage()));
        QVERIFY(p->parentId.isEmpty());
        QVERIFY(p->policyTemplate.isEmpty());
        QCOMPARE(p->expiresAt, 0);
        QCOMPARE(p->toJson(kNow), plain.toJson(kNow));
    }

    void keyRecordEffectiveStatusTravels()
    {
        KeyRecord k = sampleKey();
        k.status = KeyStatus::Active;
        k.expiresAt = kNow - 1000;
        auto back = codec::keyRecordFromJson(k.toJson(kNow));
        QVERIFY(back.ok());
        QCOMPARE(kw::toString(back->status), kw::toString(KeyStatus::Expired));
    }

    void toleratesUnknownFields()
    {
        QJsonObject o = sampleKey().toJson(kNow);
        o.insert("someFutureField", QJsonObject{{"x", 1}});
        o.insert("rotationCount", 3);
        auto back = codec::keyRecordFromJson(o);
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        compareKeys(*back, sampleKey());

        QJsonObject team = Team{1, "core", kNow}.toJson();
        team.insert("members", QJsonArray{"a"});
        QVERIFY(codec::teamFromJson(team).ok());
    }

    void strictAboutTypes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id number") << "id" << QJsonValue(5);
        QTest::newRow("createdAt number") << "createdAt" << QJsonValue(12345);
        QTest::newRow("createdAt garbage") << "createdAt" << QJsonValue("yesterday");
        QTest::newRow("services string") << "services" << QJsonValue("billing");
        QTest::newRow("backup string") << "backup" << QJsonValue("yes");
        QTest::newRow("usesConsumed fraction") << "usesConsumed" << QJsonValue(1.5);
        QTest::newRow("childCount string") << "childCount" << QJsonValue("3");
        QTest::newRow("status unknown") << "status" << QJsonValue("sleeping");
        QTest::newRow("metadata list") << "metadata" << QJsonValue(QJsonArray{});
        QTest::newRow("policy unknown rule") << "policy" << QJsonValue(QJsonObject{{"maxUsez", 3}});
    }
    void strictAboutTypes()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject o = sampleKey().toJson(kNow);
        o.insert(field, value);
        auto back = codec::keyRecordFromJson(o);
        QVERIFY(!back.ok());
        QCOMPARE(back.error().code, Error::Code::Invalid);
        QVERIFY2(back.errorMessage().contains(field), qPrintable(back.errorMessage()));
    }

    void requiredFields()
    {
        QJsonObject o = sampleKey().toJson(kNow);
        o.remove("id");
        QVERIFY(!codec::keyRecordFromJson(o).ok());
        QVERIFY(!codec::teamFromJson(QJsonObject{{"id", 1}}).ok());
        QVERIFY(!codec::verifyResultFromJson(QJsonObject{{"valid", true}}).ok());
    }

    void organization()
    {
        const Team t{7, "core", kNow};
        auto tb = codec::teamFromJson(t.toJson());
        QVERIFY(tb.ok());
        QCOMPARE(tb->toJson(), t.toJson());

        const Project p{3, "web", "core", "kw", kNow};
        auto pb = codec::projectFromJson(p.toJson());
        QVERIFY(pb.ok());
        QCOMPARE(pb->toJson(), p.toJson());

        const Environment e{9, "web", "live", "kw_live_"};
        auto eb = codec::environmentFromJson(e.toJson());
        QVERIFY(eb.ok());
        QCOMPARE(eb->toJson(), e.toJson());

        const Service s{4, "web", "billing"};
        auto sb = codec::serviceFromJson(s.toJson());
        QVERIFY(sb.ok());
        QCOMPARE(sb->toJson(), s.toJson());
        QVERIFY(!codec::serviceFromJson(QJsonObject{{"id", 4}, {"project", "web"}}).ok());
        auto badService = codec::serviceFromJson(QJsonObject{{"name", 5}});
        QVERIFY(!badService.ok());
        QVERIFY(badService.errorMessage().contains("name"));
    }

    void childCountTravels()
    {
        auto back = codec::keyRecordFromJson(sampleKey().toJson(kNow));
        QVERIFY(back.ok());
        QCOMPARE(back->childCount, 3);
        QJsonObject old = sampleKey().toJson(kNow);
        old.remove("childCount"); // an older server
        auto fromOld = codec::keyRecordFromJson(old);
        QVERIFY(fromOld.ok());
        QCOMPARE(fromOld->childCount, 0);
    }

    void keyCount()
    {
        KeyCount c;
        c.team = "core";
        c.project = "web";
        c.environment = "live";
        c.service = "billing";
        c.total = 10;
        c.active = 5;
        c.expired = 2;
        c.suspended = 1;
        c.revoked = 2;
        auto back = codec::keyCountFromJson(codec::toJson(c));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(codec::toJson(*back), codec::toJson(c));
        QJsonObject wrong = codec::toJson(c);
        wrong.insert("active", "5");
        auto bad = codec::keyCountFromJson(wrong);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains("active"), qPrintable(bad.errorMessage()));
        wrong = codec::toJson(c);
        wrong.remove("total");
        QVERIFY(!codec::keyCountFromJson(wrong).ok());
        wrong = codec::toJson(c);
        wrong.insert("newerField", 1);
        QVERIFY(codec::keyCountFromJson(wrong).ok());

        QCOMPARE(codec::toString(KeyGrouping::Environment), QStringLiteral("environment"));
        QCOMPARE(codec::toString(KeyGrouping::Service), QStringLiteral("service"));
        QVERIFY(codec::keyGroupingFromString(u"service") == KeyGrouping::Service);
        QVERIFY(codec::keyGroupingFromString(u"environment") == KeyGrouping::Environment);
        QVERIFY(!codec::keyGroupingFromString(u"team"));
    }

    void keyUpdateRequest()
    {
        KeyUpdate u;
        u.name = "renamed";
        u.owner = "zoe@example.com";
        u.tags = QStringList{"pci", "eu"};
        u.metadata = QJsonObject{{"ticket", "SEC-9"}};
        u.services = QStringList{"billing"};
        u.dependsOn = QStringList{"key_a"};
        auto back = codec::keyUpdateRequestFromJson(codec::toJson(u, "rename"));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->reason, QStringLiteral("rename"));
        QCOMPARE(back->update.name, u.name);
        QCOMPARE(back->update.owner, u.owner);
        QCOMPARE(back->update.tags, u.tags);
        QCOMPARE(back->update.metadata, u.metadata);
        QCOMPARE(back->update.services, u.services);
        QCOMPARE(back->update.dependsOn, u.dependsOn);

        // Only what is given changes; an empty list clears, null leaves alone.
        KeyUpdate clear;
        clear.tags = QStringList();
        const QJsonObject clearJson = codec::toJson(clear, "clear");
        QVERIFY(clearJson.contains("tags"));
        QVERIFY(!clearJson.contains("name") && !clearJson.contains("services"));
        auto cleared = codec::keyUpdateRequestFromJson(clearJson);
        QVERIFY(cleared.ok());
        QVERIFY(cleared->update.tags && cleared->update.tags->isEmpty());
        QVERIFY(!cleared->update.name && !cleared->update.services && !cleared->update.metadata);
        auto nulls = codec::keyUpdateRequestFromJson(
            QJsonObject{{"reason", "x"}, {"tags", QJsonValue::Null}, {"name", QJsonValue::Null}});
        QVERIFY2(nulls.ok(), qPrintable(nulls.errorMessage()));
        QVERIFY(nulls->update.isEmpty());
    }

    void keyUpdateRequestStrict_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("named");
        QTest::newRow("no reason") << QJsonObject{{"name", "x"}} << "reason";
        QTest::newRow("unknown field") << QJsonObject{{"reason", "r"}, {"colour", "red"}} << "colour";
        QTest::newRow("name number") << QJsonObject{{"reason", "r"}, {"name", 5}} << "name";
        QTest::newRow("tags string") << QJsonObject{{"reason", "r"}, {"tags", "pci"}} << "tags";
        QTest::newRow("tags numbers") << QJsonObject{{"reason", "r"}, {"tags", QJsonArray{1}}} << "tags";
        QTest::newRow("metadata list") << QJsonObject{{"reason", "r"}, {"metadata", QJsonArray{}}} << "metadata";
        QTest::newRow("services object") << QJsonObject{{"reason", "r"}, {"services", QJsonObject{}}} << "services";
        QTest::newRow("dependsOn string") << QJsonObject{{"reason", "r"}, {"dependsOn", "key_a"}} << "dependsOn";
    }
    void keyUpdateRequestStrict()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, named);
        auto r = codec::keyUpdateRequestFromJson(body);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY2(r.errorMessage().contains(named), qPrintable(r.errorMessage()));
    }

    void keyFilterQuery()
    {
        KeyFilter f;
        f.team = "core";
        f.project = "web & co";
        f.environment = "live";
        f.service = "billing";
        f.status = KeyStatus::Expired;
        f.tag = "pci=1";
        f.expiresBeforeMs = kNow;
        f.parentId = QString("kw_live_AbCd");
        f.text = "ana+ops@example.com #1";
        f.limit = 20;
        f.offset = 40;
        f.owner = "Ana+ops@Example.com";
        f.createdFromMs = kNow - 86'400'000;
        f.createdToMs = kNow;
        f.expiresAfterMs = kNow - 3'600'000;
        f.clientIp = "2001:db8::1";
        // Through the wire form, as the server receives it.
        const QUrlQuery sent(codec::toQuery(f).toString(QUrl::FullyEncoded));
        auto back = codec::keyFilterFromQuery(sent);
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->team, f.team);
        QCOMPARE(back->project, f.project);
        QCOMPARE(back->environment, f.environment);
        QCOMPARE(back->service, f.service);
        QVERIFY(back->status == KeyStatus::Expired);
        QCOMPARE(back->tag, f.tag);
        QCOMPARE(back->expiresBeforeMs, f.expiresBeforeMs);
        QCOMPARE(back->parentId, f.parentId);
        QCOMPARE(back->text, f.text);
        QCOMPARE(back->limit, 20);
        QCOMPARE(back->offset, 40);
        QCOMPARE(back->owner, f.owner);
        QCOMPARE(back->createdFromMs, f.createdFromMs);
        QCOMPARE(back->createdToMs, f.createdToMs);
        QCOMPARE(back->expiresAfterMs, f.expiresAfterMs);
        QCOMPARE(back->clientIp, f.clientIp);
        QVERIFY(!back->withoutService);

        // "Keys without a parent" and "without a service" survive too; an empty filter is an empty query.
        KeyFilter roots;
        roots.parentId = QString();
        roots.withoutService = true;
        auto rootsBack = codec::keyFilterFromQuery(QUrlQuery(codec::toQuery(roots).toString(QUrl::FullyEncoded)));
        QVERIFY(rootsBack.ok());
        QVERIFY(rootsBack->parentId && rootsBack->parentId->isEmpty());
        QVERIFY(rootsBack->withoutService);
        QVERIFY(codec::toQuery(KeyFilter{}).isEmpty());
        auto none = codec::keyFilterFromQuery(QUrlQuery());
        QVERIFY(none.ok());
        QVERIFY(!none->parentId && !none->status);
    }

    void keyFilterQueryStrict_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown") << "projekt=web"
                                 << "projekt";
        QTest::newRow("status") << "status=sleeping"
                                << "status";
        QTest::newRow("limit") << "limit=ten"
                               << "limit";
        QTest::newRow("negative offset") << "offset=-1"
                                         << "offset";
        QTest::newRow("expiresBefore") << "expiresBefore=tomorrow"
                                       << "expiresBefore";
        QTest::newRow("withoutService") << "withoutService=yes"
                                        << "withoutService";
        QTest::newRow("groupBy not allowed here") << "groupBy=service"
                                                  << "groupBy";
        QTest::newRow("createdFrom") << "createdFrom=yesterday"
                                     << "createdFrom";
        QTest::newRow("expiresAfter") << "expiresAfter=1"
                                      << "expiresAfter";
    }
    void keyFilterQueryStrict()
    {
        QFETCH(QString, query);
        QFETCH(QString, named);
        auto r = codec::keyFilterFromQuery(QUrlQuery(query));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Code::Invalid);
        QVERIFY2(r.errorMessage().contains(named), qPrintable(r.errorMessage()));
        // Parameters a route adds itself are allowed there.
        QVERIFY(codec::keyFilterFromQuery(QUrlQuery("groupBy=service"), {"groupBy"}).ok());
    }

    void revocationPlan()
    {
        RevocationPlan plan;
        plan.executed = true;
        plan.entries.append({"key_a", "kw_live_A", "a", "web", "live", "selected", false, {"billing", "search"}});
        plan.entries.append({"key_b", "kw_live_B", "b", "web", "live", "child of key_a", true});
        auto back = codec::revocationPlanFromJson(plan.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->toJson(), plan.toJson());
        QCOMPARE(back->toRevokeCount(), 1);
        QCOMPARE(back->entries.first().services, (QStringList{"billing", "search"}));

        QJsonObject bad = plan.toJson();
        bad.insert("keys", QJsonArray{QJsonObject{{"keyId", 5}}});
        auto err = codec::revocationPlanFromJson(bad);
        QVERIFY(!err.ok());
        QVERIFY2(err.errorMessage().contains("keyId"), qPrintable(err.errorMessage()));
    }

    void verifyResult_data()
    {
        QTest::addColumn<bool>("limits");
        QTest::newRow("plain") << false;
        QTest::newRow("rate limit and quota") << true;
    }
    void verifyResult()
    {
        QFETCH(bool, limits);
        for (int c = int(VerifyCode::Valid); c <= int(VerifyCode::WrongEnvironment); ++c) {
            VerifyResult v;
            v.valid = c == 0;
            v.code = VerifyCode(c);
            v.keyId = c == int(VerifyCode::Malformed) ? QString() : QStringLiteral("key_abc");
            v.displayId = "kw_live_X";
            v.owner = "ops";
            v.expiresAt = kNow;
            v.inGrace = c % 2;
            v.remaining = c == 1 ? -1 : c;
            v.message = "why";
            if (limits) {
                v.rateLimit = {true, 100, 42, 900, c == int(VerifyCode::RateLimited) ? 250 : 0};
                v.quota = {true, 1000, 10, kNow + 3'600'000};
            }
            auto back = codec::verifyResultFromJson(v.toJson());
            QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
            QCOMPARE(back->toJson(), v.toJson());
            QCOMPARE(kw::toString(back->code), kw::toString(v.code));
            QCOMPARE(back->remaining, v.remaining);
            QCOMPARE(back->rateLimit.present, limits);
            QCOMPARE(back->quota.resetsAt, v.quota.resetsAt);
        }
        QJsonObject bad = VerifyResult{}.toJson();
        bad.insert("ratelimit", QJsonObject{{"limit", "many"}});
        auto err = codec::verifyResultFromJson(bad);
        QVERIFY(!err.ok());
        QVERIFY2(err.errorMessage().contains("ratelimit") && err.errorMessage().contains("limit"),
                 qPrintable(err.errorMessage()));
        bad = VerifyResult{}.toJson();
        bad.insert("code", "MAYBE");
        QVERIFY(!codec::verifyResultFromJson(bad).ok());
    }

    void audit()
    {
        AuditEntry e;
        e.seq = 12;
        e.time = kNow;
        e.actor = "op:alice";
        e.action = "key.revoke";
        e.target = "key_abc";
        e.reason = "leak";
        e.incident = "INC-1";
        e.details = QJsonObject{{"cascade", true}};
        e.hash = QByteArray::fromHex("00ff10aa");
        auto back = codec::auditEntryFromJson(e.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->toJson(), e.toJson());
        QCOMPARE(back->hash, e.hash);

        QJsonObject bad = e.toJson();
        bad.insert("hash", "not hex!");
        auto err = codec::auditEntryFromJson(bad);
        QVERIFY(!err.ok());
        QVERIFY(err.errorMessage().contains("hash"));

        AuditVerification v;
        v.intact = false;
        v.checked = 100;
        v.lastGoodSeq = 40;
        v.firstBadSeq = 41;
        v.problem = "edited";
        v.headHash = QByteArray::fromHex("abcdef");
        auto vb = codec::auditVerificationFromJson(v.toJson());
        QVERIFY2(vb.ok(), qPrintable(vb.errorMessage()));
        QCOMPARE(vb->toJson(), v.toJson());
        QCOMPARE(vb->intact, false);
    }

    void lifecycle()
    {
        PolicyTemplate t{"strict", "at most ten uses", samplePolicy(), kNow - 5, kNow};
        auto tb = codec::policyTemplateFromJson(t.toJson());
        QVERIFY2(tb.ok(), qPrintable(tb.errorMessage()));
        QCOMPARE(tb->toJson(), t.toJson());

        Role r{"reader", {"read", "list"}, kNow};
        auto rb = codec::roleFromJson(r.toJson());
        QVERIFY(rb.ok());
        QCOMPARE(rb->toJson(), r.toJson());

        RenewalRequest q{5, "key_a", "op:bob", kNow, 30LL * 86'400'000, "pending", {}, 0, "please"};
        auto qb = codec::renewalRequestFromJson(q.toJson());
        QVERIFY2(qb.ok(), qPrintable(qb.errorMessage()));
        QCOMPARE(qb->toJson(), q.toJson());
        QCOMPARE(qb->extendMs, q.extendMs);
        q.status = "approved";
        q.decidedBy = "op:carol";
        q.decidedAt = kNow + 1;
        qb = codec::renewalRequestFromJson(q.toJson());
        QVERIFY(qb.ok());
        QCOMPARE(qb->toJson(), q.toJson());

        RenewalOutcome o{true, sampleKey(), 5, "approved"};
        auto ob = codec::renewalOutcomeFromJson(o.toJson(kNow));
        QVERIFY2(ob.ok(), qPrintable(ob.errorMessage()));
        QCOMPARE(ob->toJson(kNow), o.toJson(kNow));

        ExpirationEvent ev{kNow, "key_a", "renewed", kNow - 10, kNow + 10, "op:bob", QJsonObject{{"requestId", 5}}};
        auto evb = codec::expirationEventFromJson(ev.toJson());
        QVERIFY(evb.ok());
        QCOMPARE(evb->toJson(), ev.toJson());

        MaintenanceReport m{{"key_a"}, {"key_b"}, {"key_c", "key_d"}, {"key_e", "key_f"}};
        auto mb = codec::maintenanceReportFromJson(m.toJson());
        QVERIFY(mb.ok());
        QCOMPARE(mb->toJson(), m.toJson());
    }

    void usage()
    {
        const UsageTotals t = sampleTotals();
        auto tb = codec::usageTotalsFromJson(t.toJson());
        QVERIFY2(tb.ok(), qPrintable(tb.errorMessage()));
        QCOMPARE(*tb, t);

        UsageSummary s{UsageScope::Service, "web/billing", kNow - 3'600'000, kNow, t};
        auto sb = codec::usageSummaryFromJson(s.toJson());
        QVERIFY2(sb.ok(), qPrintable(sb.errorMessage()));
        QCOMPARE(sb->toJson(), s.toJson());
        QCOMPARE(sb->scope, UsageScope::Service);
        QCOMPARE(sb->totals, t);

        UsagePoint p{kNow - 60'000, t};
        auto pb = codec::usagePointFromJson(p.toJson());
        QVERIFY(pb.ok());
        QCOMPARE(pb->toJson(), p.toJson());

        TopEntry e{"key_a", 10, 8, 12, 300, 1};
        auto eb = codec::topEntryFromJson(e.toJson());
        QVERIFY(eb.ok());
        QCOMPARE(eb->toJson(), e.toJson());

        QJsonObject bad = t.toJson();
        bad.insert("rejectedByCode", QJsonObject{{"REVOKED", "four"}});
        QVERIFY(!codec::usageTotalsFromJson(bad).ok());
        // The histogram: its size and its counts are checked; an older server without one reads as empty.
        QCOMPARE(tb->latencyPercentileUs(0.5), 5'000);
        for (const QJsonValue wrong : {QJsonValue(QJsonArray{1, 2, 3}), QJsonValue("many")}) {
            QJsonObject h = t.toJson();
            h.insert("latencyHistogram", wrong);
            auto r = codec::usageTotalsFromJson(h);
            QVERIFY(!r.ok());
            QVERIFY2(r.errorMessage().contains("latencyHistogram"), qPrintable(r.errorMessage()));
        }
        QJsonObject negative = t.toJson();
        QJsonArray buckets = negative.value("latencyHistogram").toArray();
        buckets[4] = -1;
        negative.insert("latencyHistogram", buckets);
        QVERIFY(!codec::usageTotalsFromJson(negative).ok());
        QJsonObject old = t.toJson();
        old.remove("latencyHistogram");
        auto oldBack = codec::usageTotalsFromJson(old);
        QVERIFY(oldBack.ok());
        QCOMPARE(oldBack->latencyPercentileUs(0.5), 0);

        UsageRecorder::Settings settings;
        settings.rawRetentionMs = 7LL * 86'400'000;
        settings.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Truncate;
        auto setb = codec::usageSettingsFromJson(codec::toJson(settings));
        QVERIFY(setb.ok());
        QCOMPARE(setb->rawRetentionMs, settings.rawRetentionMs);
        QCOMPARE(setb->ipPrivacy, settings.ipPrivacy);
        settings.rawRetentionMs = 0;
        settings.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Drop;
        setb = codec::usageSettingsFromJson(codec::toJson(settings));
        QVERIFY(setb.ok());
        QCOMPARE(setb->rawRetentionMs, 0);
        QVERIFY(!codec::usageSettingsFromJson(QJsonObject{{"rawRetention", "1d"}, {"ipPrivacy", "blur"}}).ok());
    }

    void calendarAndSchedule()
    {
        const ExpiryDay d{kNow - 123 - 7'200'000, 12, 3, 4};
        auto db = codec::expiryDayFromJson(d.toJson());
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QCOMPARE(*db, d);
        QVERIFY(!codec::expiryDayFromJson(QJsonObject{{"expiring", 1}}).ok()); // no day
        QJsonObject bad = d.toJson();
        bad.insert("inGrace", "three");
        auto err = codec::expiryDayFromJson(bad);
        QVERIFY(!err.ok());
        QVERIFY(err.errorMessage().contains("inGrace"));

        const ScheduledRotation r{"key_a", "kw_live_A", "checkout", "web", "live", "ana@example.com", kNow + 5};
        auto rb = codec::scheduledRotationFromJson(r.toJson());
        QVERIFY2(rb.ok(), qPrintable(rb.errorMessage()));
        QCOMPARE(*rb, r);
    }

    void anomalies()
    {
        const UsageAnomaly a{kNow, "key_a", "spike", 2000, 101.5, 17.25, "2000 requests on Thursday 00:00 UTC"};
        auto ab = codec::usageAnomalyFromJson(a.toJson());
        QVERIFY2(ab.ok(), qPrintable(ab.errorMessage()));
        QCOMPARE(*ab, a);
        QJsonObject bad = a.toJson();
        bad.insert("score", "high");
        QVERIFY(!codec::usageAnomalyFromJson(bad).ok());
    }

    void contactsAndNotifications()
    {
        const Contact c{7,        "web",  "billing", "Ops \"A\"", "ops@example.com", "https://hooks.example.com/x",
                        "+1 555", "first"};
        auto cb = codec::contactFromJson(c.toJson());
        QVERIFY2(cb.ok(), qPrintable(cb.errorMessage()));
        QCOMPARE(*cb, c);
        // The request body carries no id (it travels in the path) and is strict.
        auto req = codec::contactRequestFromJson(codec::contactRequestToJson(c));
        QVERIFY2(req.ok(), qPrintable(req.errorMessage()));
        Contact noId = c;
        noId.id = 0;
        QCOMPARE(*req, noId);
        QJsonObject extra = codec::contactRequestToJson(c);
        extra.insert("id", 9);
        QVERIFY(!codec::contactRequestFromJson(extra).ok());
        QVERIFY(!codec::contactRequestFromJson(QJsonObject{{"name", "x"}}).ok()); // no project

        Notification n;
        n.id = 3;
        n.createdAt = kNow;
        n.kind = "revocation";
        n.channel = "email";
        n.recipient = "ops@example.com";
        n.subject = "[KeyWarden] INC-1: 1 key revoked in web";
        n.body = "line 1\nline 2";
        n.incident = "INC-1";
        n.keyIds = {"key_a", "key_b"};
        n.state = "failed";
        n.attempts = 2;
        n.sentAt = kNow + 1;
        n.lastError = "550 mailbox unavailable";
        auto nb = codec::notificationFromJson(n.toJson());
        QVERIFY2(nb.ok(), qPrintable(nb.errorMessage()));
        QCOMPARE(*nb, n);
        auto draft = codec::notificationDraftFromJson(codec::notificationDraftToJson(n));
        QVERIFY2(draft.ok(), qPrintable(draft.errorMessage()));
        QCOMPARE(draft->subject, n.subject);
        QCOMPARE(draft->keyIds, n.keyIds);
        QCOMPARE(draft->state, QStringLiteral("queued"));
        QJsonObject stateful = codec::notificationDraftToJson(n);
        stateful.insert("state", "sent"); // a draft cannot claim to be sent
        QVERIFY(!codec::notificationDraftFromJson(stateful).ok());
    }

    void lookupAndIncidentActions()
    {
        auto secret = KeyFormat::generate(u"kw_live_");
        QVERIFY(secret.ok());
        auto parsed = codec::lookupRequestFromJson(
            QJsonObject{{"secrets", QJsonArray{secret->toUtf8String(), QStringLiteral("kw_live_other")}}});
        QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
        QCOMPARE(parsed->size(), std::size_t(2));
        QVERIFY(parsed->at(0) == *secret);
        auto notString = codec::lookupRequestFromJson(QJsonObject{{"secrets", QJsonArray{"a", 5}}});
        QVERIFY(!notString.ok());
        QVERIFY2(notString.errorMessage().contains("item 1"), qPrintable(notString.errorMessage()));
        QVERIFY(!codec::lookupRequestFromJson(QJsonObject{{"secrets", QJsonArray{""}}}).ok());
        QVERIFY(!codec::lookupRequestFromJson(QJsonObject{{"secret", QJsonArray{}}}).ok());
        QVERIFY(!codec::lookupRequestFromJson(QJsonObject{}).ok());

        const QList<std::optional<KeyRecord>> keys{sampleKey(), std::nullopt};
        auto back = codec::lookupResponseFromJson(codec::lookupResponseToJson(keys, kNow));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->size(), 2);
        QVERIFY(back->at(0).has_value());
        compareKeys(*back->at(0), sampleKey());
        QVERIFY(!back->at(1).has_value());
        QVERIFY(!codec::lookupResponseFromJson(QJsonObject{{"keys", QJsonArray{5}}}).ok());

        auto action = codec::incidentActionFromJson(codec::toJson(codec::IncidentAction{"leaked", "INC-2"}));
        QVERIFY(action.ok());
        QCOMPARE(action->reason, QStringLiteral("leaked"));
        QCOMPARE(action->incident, QStringLiteral("INC-2"));
        QVERIFY(!codec::incidentActionFromJson(QJsonObject{{"incident", "INC-2"}}).ok()); // reason required
    }

    void operators()
    {
        Operator op{"alice", OperatorRole::Responder, kNow, kNow + 5, "kwop_AbCdEfGh"};
        auto ob = codec::operatorFromJson(op.toJson());
        QVERIFY2(ob.ok(), qPrintable(ob.errorMessage()));
        QCOMPARE(ob->toJson(), op.toJson());

        auto me = codec::operatorFromJson(QJsonObject{{"name", "bob"}, {"role", "verifier"}});
        QVERIFY(me.ok());
        QCOMPARE(kw::toString(me->role), kw::toString(OperatorRole::Verifier));
        QVERIFY(!codec::operatorFromJson(QJsonObject{{"name", "bob"}, {"role", "king"}}).ok());

        auto token = KeyFormat::generate(u"kwop_");
        QVERIFY(token.ok());
        auto issued = codec::issuedOperatorFromJson(
            QJsonObject{{"name", "carol"}, {"role", "admin"}, {"token", token->toUtf8String()}});
        QVERIFY2(issued.ok(), qPrintable(issued.errorMessage()));
        QVERIFY(issued->token == *token);
        QCOMPARE(kw::toString(issued->op.role), kw::toString(OperatorRole::Admin));
        QCOMPARE(issued->op.tokenDisplayId, KeyFormat::displayIdOf(token->view()));
    }

    void issuedKey()
    {
        auto secret = KeyFormat::generate(u"kw_live_");
        QVERIFY(secret.ok());
        const KeyRecord k = sampleKey();
        const QJsonObject o{
            {"id", k.id}, {"secret", secret->toUtf8String()}, {"displayId", k.displayId}, {"key", k.toJson(kNow)}};
        auto issued = codec::issuedKeyFromJson(o);
        QVERIFY2(issued.ok(), qPrintable(issued.errorMessage()));
        QVERIFY(issued->secret == *secret);
        compareKeys(issued->key, k);
        QJsonObject noKey = o;
        noKey.remove("key");
        auto err = codec::issuedKeyFromJson(noKey);
        QVERIFY(!err.ok());
        QVERIFY(!err.errorMessage().contains(secret->toUtf8String()));
    }

    void lists()
    {
        QJsonArray arr{Team{1, "a", kNow}.toJson(), Team{2, "b", 0}.toJson()};
        auto teams = codec::listFromJson<Team>(arr, &codec::teamFromJson);
        QVERIFY(teams.ok());
        QCOMPARE(teams->size(), 2);
        QCOMPARE(teams->at(1).name, QStringLiteral("b"));
        arr.append(5);
        auto bad = codec::listFromJson<Team>(arr, &codec::teamFromJson);
        QVERIFY(!bad.ok());
        QVERIFY(bad.errorMessage().contains("item 2"));
    }
};

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
