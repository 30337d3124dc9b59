// The demo organisation (kw::seedDemoVault): its shape, the consistency of its usage rollups across scopes and
// granularities, its rhythms, and the one anomaly it hides.
#include "TestSupport.h"

#include "demo/DemoSeeder.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>

using namespace kw;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
// A Tuesday afternoon, not on an hour boundary.
constexpr qint64 kNow = 1'781'618'125'000; // 2026-06-16T13:55:25Z

// Opens `vault` the way `kwctl vault demo` does: issued at the clock set back, then brought to the present.
Status seed(kwtest::TempVault& vault, quint32 seedValue)
{
    vault.clock().setNowMs(kNow - demo::kSetupLeadMs);
    Status s = seedDemoVault(vault.backend(), kNow, seedValue);
    vault.clock().setNowMs(kNow);
    return s;
}

qint64 requests(const QList<UsagePoint>& points)
{
    qint64 n = 0;
    for (const UsagePoint& p : points)
        n += p.totals.requests + p.totals.reported;
    return n;
}

} // namespace

class TestDemo : public QObject {
    Q_OBJECT

    kwtest::TempVault m_vault; // seeded once (seed 7) for the read-only checks
    qint64 m_seedMs = 0;

    Backend& b() { return m_vault.backend(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_vault.ok());
        QElapsedTimer t;
        t.start();
        const Status s = seed(m_vault, 7);
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        m_seedMs = t.elapsed();
        qInfo("seeded the demo vault in %lld ms", m_seedMs);
    }

    void fastEnough()
    {
        // A few seconds on a quiet machine; generous here for a loaded CI runner.
        QVERIFY2(m_seedMs < 30'000, qPrintable(QString::number(m_seedMs)));
    }

    void organisation()
    {
        auto teams = b().teams();
        QVERIFY(teams.ok());
        QVERIFY(teams->size() >= 4 && teams->size() <= 5);
        auto projects = b().projects();
        QVERIFY(projects.ok());
        QCOMPARE(projects->size(), 8);
        QStringList names;
        for (const Project& p : *projects) {
            names << p.name;
            QVERIFY2(!p.team.isEmpty(), qPrintable(p.name));
            auto envs = b().environments(p.name);
            QVERIFY(envs.ok());
            QStringList envNames;
            for (const Environment& e : *envs)
                envNames << e.name;
            QCOMPARE(envNames, (QStringList{"dev", "prod", "staging"}));
            auto services = b().services(p.name);
            QVERIFY(services.ok());
            QVERIFY2(services->size() >= 2 && services->size() <= 4, qPrintable(p.name));
        }
        for (const char* expected :
             {"payments", "search", "mobile-api", "internal-tools", "data-pipeline", "partner-gateway"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        auto templates = b().policyTemplates();
        QVERIFY(templates.ok());
        QVERIFY(templates->size() >= 3);
        auto roles = b().roles();
        QVERIFY(roles.ok());
        QVERIFY(roles->size() >= 2);
        // Production keys of payments only from the payment network, with rate limits from the template.
        KeyFilter f;
        f.project = "payments";
        f.environment = "prod";
        f.limit = 1;
        auto payKey = b().keys(f);
        QVERIFY(payKey.ok() && !payKey->isEmpty());
        auto eff = b().effectivePolicy(payKey->first().id);
        QVERIFY(eff.ok());
        QVERIFY(eff->allowIps && !eff->allowIps->isEmpty());
        QVERIFY(eff->rateLimits && !eff->rateLimits->isEmpty());
    }

    void keys()
    {
        auto all = b().keys({});
        QVERIFY(all.ok());
        QVERIFY2(all->size() >= 300 && all->size() <= 400, qPrintable(QString::number(all->size())));
        QCOMPARE(b().countKeys({}).value_or(-1), qint64(all->size()));
        int suspended = 0, revoked = 0, withIncident = 0, backups = 0, parents = 0, dependents = 0, soon = 0,
            inGrace = 0, expired = 0, rotated = 0, owners = 0, tagged = 0;
        for (const KeyRecord& k : *all) {
            const KeyStatus st = k.effectiveStatus(kNow);
            suspended += st == KeyStatus::Suspended;
            if (st == KeyStatus::Revoked) {
                ++revoked;
                QVERIFY2(!k.statusReason.isEmpty(), qPrintable(k.name));
                withIncident += !k.incidentId.isEmpty();
            }
            if (st == KeyStatus::Suspended)
                QVERIFY2(!k.statusReason.isEmpty(), qPrintable(k.name));
            backups += k.backup;
            parents += k.childCount >= 2 && k.childCount <= 3;
            dependents += !k.dependsOn.isEmpty();
            soon += st == KeyStatus::Active && k.expiresAt > kNow && k.expiresAt <= kNow + 7 * kDay;
            inGrace += k.status == KeyStatus::Active && k.inGrace(kNow);
            expired += st == KeyStatus::Expired;
            rotated += !k.successorId.isEmpty();
            owners += k.owner.contains(u'@');
            tagged += !k.tags.isEmpty();
            if (k.expiresAt > kNow)
                QVERIFY2(k.expiresAt <= kNow + 190 * kDay, qPrintable(k.name));
        }
        QVERIFY2(suspended >= 3, qPrintable(QString::number(suspended)));
        QVERIFY2(revoked >= 3 && withIncident >= 2, qPrintable(QString::number(revoked)));
        QVERIFY(backups >= 3);
        QVERIFY(parents >= 3);
        QVERIFY(dependents >= 5);
        QVERIFY2(soon >= 3, qPrintable(QString::number(soon)));
        QVERIFY2(inGrace >= 2, qPrintable(QString::number(inGrace)));
        QVERIFY(expired >= 2);
        QVERIFY(rotated >= 1);
        QCOMPARE(owners, int(all->size()));
        QVERIFY(tagged > all->size() / 2);
        auto renewals = b().renewalRequests(true);
        QVERIFY(renewals.ok());
        QCOMPARE(renewals->size(), 1);
        // The counts the console's tree shows add up to the same keys.
        auto counts = b().keyCounts({}, KeyGrouping::Environment);
        QVERIFY(counts.ok());
        QCOMPARE(counts->size(), 24);
        qint64 total = 0;
        for (const KeyCount& c : *counts)
            total += c.total;
        QCOMPARE(total, qint64(all->size()));
    }

    void usageIsConsistent()
    {
        const qint64 to = kNow - kNow % kHour;
        const qint64 from = to - demo::kUsageDays * kDay;
        auto all = b().usageSummary(UsageScope::All, {}, from, to);
        QVERIFY(all.ok());
        QVERIFY(all->totals.requests > 1'000'000);
        QVERIFY(all->totals.reported > 0);
        QVERIFY(all->totals.errors > 0);
        QVERIFY(all->totals.amountMicros > 0);
        for (const char* code : {"RATE_LIMITED", "REVOKED", "SUSPENDED", "EXPIRED", "FORBIDDEN_IP"})
            QVERIFY2(all->totals.rejected.value(QLatin1String(code)) > 0, code);
        // Nothing before the 90 days, nothing after now.
        auto before = b().usageSummary(UsageScope::All, {}, from - 30 * kDay, from);
        QVERIFY(before.ok());
        QCOMPARE(before->totals.requests, 0);

        // Hour series = summary (the summary reads days, the series hours).
        auto hours = b().usageSeries(UsageGranularity::Hour, UsageScope::All, {}, from, to);
        QVERIFY(hours.ok());
        QCOMPARE(hours->size(), demo::kUsageDays * 24);
        QCOMPARE(requests(*hours), all->totals.requests + all->totals.reported);
        // Day series over whole days = summary over them.
        const qint64 dayFrom = from - from % kDay + kDay;
        const qint64 dayTo = to - to % kDay;
        auto days = b().usageSeries(UsageGranularity::Day, UsageScope::All, {}, dayFrom, dayTo);
        auto daySummary = b().usageSummary(UsageScope::All, {}, dayFrom, dayTo);
        QVERIFY(days.ok() && daySummary.ok());
        QCOMPARE(requests(*days), daySummary->totals.requests + daySummary->totals.reported);
        // Minute series of the last day = summary, which reads hours there.
        auto minutes = b().usageSeries(UsageGranularity::Minute, UsageScope::All, {}, to - kDay, to);
        auto lastDay = b().usageSummary(UsageScope::All, {}, to - kDay, to);
        QVERIFY(minutes.ok() && lastDay.ok());
        QVERIFY(lastDay->totals.requests > 0);
        QCOMPARE(requests(*minutes), lastDay->totals.requests + lastDay->totals.reported);
        // A range that ends mid-hour reads minutes at the edge, and still agrees.
        auto edge = b().usageSummary(UsageScope::All, {}, to - 2 * kHour - 17 * 60'000, to - 23 * 60'000);
        auto edgeSeries = b().usageSeries(UsageGranularity::Minute, UsageScope::All, {}, to - 2 * kHour - 17 * 60'000,
                                          to - 23 * 60'000);
        QVERIFY(edge.ok() && edgeSeries.ok());
        QCOMPARE(requests(*edgeSeries), edge->totals.requests + edge->totals.reported);

        // Projects, services and keys add up to all usage; the rankings agree with the summaries.
        auto projects = b().usageTop(UsageScope::Project, from, to, 100);
        QVERIFY(projects.ok());
        QCOMPARE(projects->size(), 8);
        qint64 byProject = 0;
        for (const TopEntry& e : *projects) {
            byProject += e.requests;
            auto s = b().usageSummary(UsageScope::Project, e.scopeId, from, to);
            QVERIFY(s.ok());
            QCOMPARE(s->totals.requests, e.requests);
            QCOMPARE(s->totals.valid, e.valid);
            QCOMPARE(s->totals.amountMicros, e.amountMicros);
        }
        QCOMPARE(byProject, all->totals.requests);
        auto keys = b().usageTop(UsageScope::Key, from, to, 100'000);
        QVERIFY(keys.ok());
        qint64 byKey = 0;
        for (const TopEntry& e : *keys)
            byKey += e.requests;
        QCOMPARE(byKey, all->totals.requests);
        auto topKey = b().usageSummary(UsageScope::Key, keys->first().scopeId, from, to);
        QVERIFY(topKey.ok());
        QCOMPARE(topKey->totals.requests, keys->first().requests);
        auto services = b().usageTop(UsageScope::Service, from, to, 1000);
        QVERIFY(services.ok());
        QVERIFY(services->size() >= 15);
        for (const TopEntry& e : *services)
            QVERIFY2(e.scopeId.contains(u'/'), qPrintable(e.scopeId));
    }

    void lastUsed()
    {
        const qint64 to = kNow - kNow % kHour;
        auto all = b().keys({});
        QVERIFY(all.ok());
        int used = 0;
        for (const KeyRecord& k : *all) {
            auto s = b().usageSummary(UsageScope::Key, k.id, to - demo::kUsageDays * kDay, to);
            QVERIFY(s.ok());
            if (s->totals.valid > 0) {
                ++used;
                QVERIFY2(k.lastUsedAt > kNow - demo::kUsageDays * kDay && k.lastUsedAt < kNow, qPrintable(k.name));
            } else {
                QCOMPARE(k.lastUsedAt, 0);
            }
            if (k.backup) // standby keys wait for their primary's revocation
                QCOMPARE(s->totals.requests, 0);
        }
        QVERIFY2(used >= 100 && used < all->size(), qPrintable(QString::number(used)));
    }

    void rhythms()
    {
        const qint64 to = kNow - kNow % kHour;
        const qint64 from = to - 28 * kDay;
        auto hours = b().usageSeries(UsageGranularity::Hour, UsageScope::All, {}, from, to);
        QVERIFY(hours.ok());
        double business = 0, night = 0, weekday = 0, weekend = 0;
        int businessN = 0, nightN = 0, weekdayN = 0, weekendN = 0;
        for (const UsagePoint& p : *hours) {
            const int hour = int((p.bucketMs % kDay) / kHour);
            const int dow = int(((p.bucketMs / kDay) + 3) % 7); // 0 = Monday
            const double n = double(p.totals.valid);
            if (dow < 5 && hour >= 9 && hour < 17) {
                business += n;
                ++businessN;
            }
            if (dow < 5 && hour >= 0 && hour < 5) {
                night += n;
                ++nightN;
            }
            (dow < 5 ? weekday : weekend) += n;
            ++(dow < 5 ? weekdayN : weekendN);
        }
        // Nights carry the batch runs, and the last three the anomaly; working hours still lead clearly.
        QVERIFY2(business / businessN > 2 * (night / nightN),
                 qPrintable(QStringLiteral("business %1, night %2").arg(business / businessN).arg(night / nightN)));
        QVERIFY2(weekday / weekdayN > 1.5 * (weekend / weekendN),
                 qPrintable(QStringLiteral("weekday %1, weekend %2").arg(weekday / weekdayN).arg(weekend / weekendN)));
    }

    // Exactly one key whose night traffic in the last three days far exceeds its usual nights.
    void oneAnomaly()
    {
        const qint64 to = kNow - kNow % kHour;
        const qint64 recentFrom = to - 3 * kDay;
        const qint64 baselineFrom = to - 31 * kDay;
        auto all = b().keys({});
        QVERIFY(all.ok());
        QStringList anomalies;
        for (const KeyRecord& k : *all) {
            auto series = b().usageSeries(UsageGranularity::Hour, UsageScope::Key, k.id, baselineFrom, to);
            QVERIFY(series.ok());
            double recent = 0, baseline = 0;
            int recentN = 0, baselineN = 0;
            for (const UsagePoint& p : *series) {
                const int hour = int((p.bucketMs % kDay) / kHour);
                if (hour >= 5)
                    continue;
                const double n = double(p.totals.requests);
                if (p.bucketMs >= recentFrom) {
                    recent += n;
                    ++recentN;
                } else {
                    baseline += n;
                    ++baselineN;
                }
            }
            const double recentAvg = recent / std::max(recentN, 1);
            const double baselineAvg = baseline / std::max(baselineN, 1);
            if (recentAvg >= 100 && recentAvg > 10 * std::max(baselineAvg, 1.0))
                anomalies << QStringLiteral("%1/%2 %3: %4 vs %5")
                                 .arg(k.project, k.environment, k.name)
                                 .arg(recentAvg)
                                 .arg(baselineAvg);
        }
        QVERIFY2(anomalies.size() == 1, qPrintable(anomalies.join(QStringLiteral("; "))));
        qInfo("%s", qPrintable(anomalies.first()));
    }

    // The detector finds what the demo hides: the night-time spike on the production key, and night-time use of
    // its staging twin, a key only ever used in office hours.
    void anomaliesDetected()
    {
        const qint64 to = kNow - kNow % kHour;
        auto found = b().usageAnomalies(UsageScope::Project, QStringLiteral("partner-gateway"), to - 3 * kDay, to);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QSet<QString> seen;
        for (const UsageAnomaly& a : *found) {
            auto k = b().key(a.keyId);
            QVERIFY(k.ok());
            if (k->name == QLatin1String("partner tyrell orders"))
                seen.insert(k->environment + u':' + a.kind);
        }
        QVERIFY2(seen.contains(QStringLiteral("prod:spike")), qPrintable(QStringList(seen.values()).join(u',')));
        QVERIFY2(seen.contains(QStringLiteral("staging:off-hours")), qPrintable(QStringList(seen.values()).join(u',')));
        // Everything: the spike is among the busiest keys' anomalies too.
        auto all = b().usageAnomalies(UsageScope::All, {}, to - 3 * kDay, to);
        QVERIFY(all.ok());
        QVERIFY(std::any_of(all->cbegin(), all->cend(),
                            [](const UsageAnomaly& a) { return a.kind == QLatin1String("spike"); }));
    }

    // Every project has an emergency contact; the revocations with an incident told them (queued, not sent).
    void contactsAndNotifications()
    {
        auto projects = b().projects();
        QVERIFY(projects.ok());
        for (const Project& p : *projects) {
            auto contacts = b().contacts(p.name);
            QVERIFY(contacts.ok());
            QVERIFY2(!contacts->isEmpty(), qPrintable(p.name));
        }
        NotificationQuery q;
        q.incident = QStringLiteral("INC-2041");
        auto queued = b().notifications(q);
        QVERIFY(queued.ok());
        QVERIFY(!queued->isEmpty());
        for (const Notification& n : *queued) {
            QCOMPARE(n.state, QStringLiteral("queued"));
            QCOMPARE(n.kind, QStringLiteral("revocation"));
        }
    }

    // Gateway reports carry latencies: the demo's charts have percentiles.
    void latencyPercentiles()
    {
        const qint64 to = kNow - kNow % kDay;
        auto s = b().usageSummary(UsageScope::Project, QStringLiteral("payments"), to - 7 * kDay, to);
        QVERIFY(s.ok());
        QVERIFY(s->totals.latencyCount > 0);
        qint64 histogram = 0;
        for (qint64 n : s->totals.latencyHistogram)
            histogram += n;
        QCOMPARE(histogram, s->totals.latencyCount);
        const qint64 p50 = s->totals.latencyPercentileUs(0.5);
        QVERIFY(p50 > 0);
        QVERIFY(p50 <= s->totals.latencyPercentileUs(0.95));
        QVERIFY(s->totals.latencyPercentileUs(0.95) <= s->totals.latencyPercentileUs(0.99));
    }

    void auditTrailIntact()
    {
        auto v = b().verifyAudit();
        QVERIFY(v.ok());
        QVERIFY2(v->intact, qPrintable(v->problem));
        AuditQuery q;
        q.action = "usage.import";
        auto imports = b().auditEntries(q);
        QVERIFY(imports.ok());
        QCOMPARE(imports->size(), 1);
    }

    void deterministic()
    {
        kwtest::TempVault again;
        QVERIFY(again.ok());
        const Status s = seed(again, 7);
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        auto shape = [](Backend& backend) {
            QStringList out;
            for (const KeyRecord& k : backend.keys({}).value_or({}))
                out << QStringLiteral("%1/%2/%3 %4 %5 %6 %7")
                           .arg(k.project, k.environment, k.name, kw::toString(k.effectiveStatus(kNow)))
                           .arg(k.expiresAt)
                           .arg(k.services.join(u','), k.owner);
            out.sort();
            return out;
        };
        QCOMPARE(shape(again.backend()), shape(b()));
        const qint64 to = kNow - kNow % kHour;
        auto first = b().usageSummary(UsageScope::All, {}, to - 90 * kDay, to);
        auto second = again.backend().usageSummary(UsageScope::All, {}, to - 90 * kDay, to);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(second->totals, first->totals);

        kwtest::TempVault other;
        QVERIFY(other.ok());
        QVERIFY(seed(other, 8).ok());
        auto third = other.backend().usageSummary(UsageScope::All, {}, to - 90 * kDay, to);
        QVERIFY(third.ok());
        QVERIFY(third->totals.requests != first->totals.requests);
    }

    void refusesWhatItCannotSeed()
    {
        // A vault with an organisation already in it.
        const auto before = b().countKeys({}).value_or(-1);
        m_vault.clock().setNowMs(kNow - demo::kSetupLeadMs);
        const Status twice = seedDemoVault(m_vault.backend(), kNow, 7);
        m_vault.clock().setNowMs(kNow);
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().code, Error::Code::Conflict);
        QCOMPARE(b().countKeys({}).value_or(-1), before);

        // A clock that is not set back: keys would be issued after the usage they are said to have had.
        kwtest::TempVault fresh;
        QVERIFY(fresh.ok());
        fresh.clock().setNowMs(kNow);
        const Status late = seedDemoVault(fresh.backend(), kNow, 7);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, Error::Code::Invalid);
        QVERIFY2(late.errorMessage().contains("clock"), qPrintable(late.errorMessage()));
        QVERIFY(fresh.backend().teams().value_or({Team{}}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
