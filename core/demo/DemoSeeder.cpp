#include "demo/DemoSeeder.h"

#include "demo/DemoCatalog.h"
#include "demo/DemoTraffic.h"

#include "policy/Quota.h"
#include "policy/RateLimitSpec.h"
#include "storage/LocalVault.h"
#include "storage/SqlUtil.h"
#include "usage/UsageImport.h"

#include <QFile>
#include <QList>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <tuple>
#include <vector>

namespace kw {

namespace {

using namespace demo;

constexpr qint64 kDay = kDayMs;

QString email(const QString& person)
{
    return person + QStringLiteral("@acme-corp.example");
}

// Builds the organisation through the Backend API, as a person would with kwctl, within the caller's transaction.
class Builder {
public:
    Builder(LocalVault& vault, qint64 nowMs, quint32 seed)
        : m_vault(vault), m_now(nowMs), m_setup(vault.clock().nowMs()), m_seed(seed), m_rng(mix(seed, 1))
    {
    }

    Status run();

private:
    Status organisation();
    Status policies();
    Status issueKeys();
    Status incidents();
    Status usage();

    Result<DemoKey*> issue(const ProjectDef& p, Tier tier, const QString& name,
                           const std::function<void(KeySpec&, DemoKey&)>& adjust = {});
    qint64 pickExpiry(Tier tier);
    DemoKey* find(const QString& projectName, Tier tier, const QString& name);

    LocalVault& m_vault;
    const qint64 m_now;
    const qint64 m_setup;
    const quint32 m_seed;
    Rng m_rng;
    QList<DemoKey*> m_keys;
    std::vector<std::unique_ptr<DemoKey>> m_owned;
    int m_soonLeft = 8;  // expiries within 7 days still to hand out
    int m_graceLeft = 5; // keys to put in their grace period
    int m_pastLeft = 6;  // keys long expired
};

Status Builder::run()
{
    if (auto s = organisation(); !s)
        return s;
    if (auto s = policies(); !s)
        return s;
    if (auto s = issueKeys(); !s)
        return s;
    if (auto s = incidents(); !s)
        return s;
    return usage();
}

Status Builder::organisation()
{
    for (const TeamDef& t : teams())
        if (auto r = m_vault.createTeam(t.name); !r)
            return r.error();
    for (const ProjectDef& p : projects()) {
        if (auto r = m_vault.createProject({p.name, p.team, p.prefix}); !r)
            return r.error();
        for (const char* env : {"dev", "staging", "prod"})
            if (auto r = m_vault.createEnvironment(p.name, QString::fromLatin1(env)); !r)
                return r.error();
        for (const QString& s : p.services)
            if (auto r = m_vault.createService(p.name, s); !r)
                return r.error();
    }
    for (const auto& [name, price] : servicePrices())
        if (auto s = m_vault.setServicePrice(name.section(u'/', 0, 0), name.section(u'/', 1), price); !s)
            return s;
    // Emergency contacts: each team's on-call rota for its projects (mail and a chat webhook), and the first person
    // of the team for the project's first service. No random draws: the rest of the demo stays as it was.
    for (const ProjectDef& p : projects()) {
        const TeamDef& team = teamOf(p);
        Contact oncall{0,
                       p.name,
                       {},
                       QStringLiteral("%1 on-call").arg(team.name),
                       QStringLiteral("%1-oncall@acme-corp.example").arg(team.name),
                       QStringLiteral("https://chat.acme-corp.example/hooks/keywarden-%1").arg(p.name),
                       QStringLiteral("+1 555 01%1").arg(stableHash(p.name) % 90 + 10),
                       QStringLiteral("Page first; the rota is in the team wiki")};
        if (auto c = m_vault.saveContact(oncall); !c)
            return c.error();
        if (!p.services.isEmpty() && !team.people.isEmpty()) {
            const QString person = team.people.first();
            Contact owner{0,
                          p.name,
                          p.services.first(),
                          person.section(u'.', 0, 0) + u' ' + person.section(u'.', 1),
                          email(person),
                          {},
                          {},
                          QStringLiteral("Service owner")};
            owner.name[0] = owner.name[0].toUpper();
            if (auto c = m_vault.saveContact(owner); !c)
                return c.error();
        }
    }
    return {};
}

Status Builder::policies()
{
    for (const Role& r : {Role{"orders-reader", {"orders.read", "catalog.read", "inventory.read"}, 0},
                          Role{"payments-operator", {"payments.charge", "payments.refund", "payments.read"}, 0},
                          Role{"support-agent", {"orders.read", "customers.read", "refunds.create"}, 0}})
        if (auto s = m_vault.saveRole(r); !s)
            return s.error();

    PolicyTemplate prod{
        "prod-standard", "Production defaults: 200 requests/s, a week of grace, one-day overlap", {}, 0, 0};
    prod.policy.rateLimits = QList<RateLimitSpec>{*RateLimitSpec::parse(u"200/s:400")};
    prod.policy.graceMs = 7 * kDay;
    prod.policy.rotationOverlapMs = kDay;
    PolicyTemplate partner{
        "partner-restricted", "Partners: known address ranges, 50 requests/s, daily quota", {}, 0, 0};
    partner.policy.allowIps = QStringList{"203.0.113.0/24", "198.51.100.0/24"};
    partner.policy.rateLimits = QList<RateLimitSpec>{*RateLimitSpec::parse(u"50/s")};
    partner.policy.quota = *Quota::parse(u"500000/day");
    PolicyTemplate internal{"internal-only", "Office networks, working hours in Berlin", {}, 0, 0};
    internal.policy.allowIps = QStringList{"10.0.0.0/8", "172.16.0.0/12"};
    internal.policy.hours = QStringLiteral("06:00-21:00");
    internal.policy.days = QStringLiteral("mon-fri");
    internal.policy.timeZone = QStringLiteral("Europe/Berlin");
    PolicyTemplate ci{"ci-short-lived", "CI pipelines: 30-day keys, 20 requests/s", {}, 0, 0};
    ci.policy.ttlMs = 30 * kDay;
    ci.policy.rateLimits = QList<RateLimitSpec>{*RateLimitSpec::parse(u"20/s")};
    for (const PolicyTemplate& t : {prod, partner, internal, ci})
        if (auto s = m_vault.savePolicyTemplate(t); !s)
            return s.error();

    KeyPolicy workspace;
    workspace.graceMs = 3 * kDay;
    if (auto s = m_vault.applyPolicy(PolicyTarget{}, std::nullopt, workspace); !s)
        return s;
    for (const ProjectDef& p : projects()) {
        PolicyTarget env{PolicyTarget::Kind::Environment, p.name, QStringLiteral("prod"), {}};
        KeyPolicy own;
        if (p.name == QLatin1String("payments")) // card data: only from the payment network's ranges
            own.allowIps = QStringList{"10.20.0.0/16", "192.0.2.0/24"};
        if (auto s = m_vault.applyPolicy(env, QStringLiteral("prod-standard"), own); !s)
            return s;
    }
    PolicyTarget partners{PolicyTarget::Kind::Project, "partner-gateway", {}, {}};
    if (auto s = m_vault.applyPolicy(partners, QStringLiteral("partner-restricted"), KeyPolicy{}); !s)
        return s;
    PolicyTarget internalTools{PolicyTarget::Kind::Project, "internal-tools", {}, {}};
    if (auto s = m_vault.applyPolicy(internalTools, QStringLiteral("internal-only"), KeyPolicy{}); !s)
        return s;
    return {};
}

qint64 Builder::pickExpiry(Tier tier)
{
    // The special cases first, on production and staging keys, then the ordinary spread.
    if (tier != Tier::Dev) {
        if (m_soonLeft > 0 && m_rng.chance(0.06)) {
            --m_soonLeft;
            return m_now + qint64(m_rng.uniform(0.5, 6.5) * double(kDay));
        }
        if (m_graceLeft > 0 && m_rng.chance(0.04)) {
            --m_graceLeft;
            return m_now - qint64(m_rng.uniform(0.25, 2.0) * double(kDay)); // inside the 3-day (or 7-day) grace
        }
        if (m_pastLeft > 0 && m_rng.chance(0.04)) {
            --m_pastLeft;
            return m_now - qint64(m_rng.uniform(12, 60) * double(kDay));
        }
    }
    const double withExpiry = tier == Tier::Prod ? 0.75 : tier == Tier::Staging ? 0.6 : 0.3;
    if (!m_rng.chance(withExpiry))
        return 0;
    return m_now + qint64(m_rng.uniform(8, 182) * double(kDay));
}

Result<DemoKey*> Builder::issue(const ProjectDef& p, Tier tier, const QString& name,
                                const std::function<void(KeySpec&, DemoKey&)>& adjust)
{
    static const QStringList envs{"dev", "staging", "prod"};
    static const QStringList commonTags{"customer-facing", "internal", "batch", "eu", "us", "gdpr", "legacy", "sox"};
    auto k = std::make_unique<DemoKey>();
    k->name = name;
    k->project = &p;
    k->tier = tier;
    KeySpec spec;
    spec.project = p.name;
    spec.environment = envs[int(tier)];
    spec.name = name;
    spec.owner = email(m_rng.pick(teamOf(p).people));
    // One service mostly, two sometimes, none for a few (keys that may call anything in the project).
    const double r = m_rng.uniform();
    if (r < 0.72) {
        spec.services = {m_rng.pick(p.services)};
    } else if (r < 0.88 && p.services.size() > 1) {
        const int a = m_rng.range(0, int(p.services.size()) - 1);
        spec.services = {p.services[a], p.services[(a + 1) % p.services.size()]};
    }
    if (m_rng.chance(0.5))
        spec.tags << m_rng.pick(commonTags);
    if (p.name == QLatin1String("payments"))
        spec.tags << QStringLiteral("pci");
    if (p.name == QLatin1String("partner-gateway"))
        spec.tags << QStringLiteral("partner");
    if (tier == Tier::Prod && m_rng.chance(0.3))
        spec.tags << QStringLiteral("tier-1");
    spec.tags.removeDuplicates();
    spec.metadata = QJsonObject{{"costCenter", QStringLiteral("CC-%1").arg(100 + m_rng.range(0, 40) * 10)},
                                {"ticket", QStringLiteral("SEC-%1").arg(m_rng.range(1000, 4999))}};
    if (m_rng.chance(0.2))
        spec.metadata.insert(
            "runbook",
            QStringLiteral("https://wiki.acme-corp.example/runbooks/%1").arg(QString(name).replace(u' ', u'-')));
    k->expiresAt = pickExpiry(tier);
    if (tier == Tier::Prod && p.name == QLatin1String("payments") && m_rng.chance(0.6))
        spec.policy.roles = QStringList{QStringLiteral("payments-operator")};
    if (p.name == QLatin1String("partner-gateway") && tier == Tier::Prod)
        spec.policy.roles = QStringList{QStringLiteral("orders-reader")};
    if (adjust)
        adjust(spec, *k);
    if (k->expiresAt != 0)
        spec.expiresInMs = std::max<qint64>(k->expiresAt - m_setup, 1);
    spec.services.removeDuplicates();
    k->services = spec.services;
    k->graceMs = tier == Tier::Prod ? 7 * kDay : 3 * kDay;
    k->rateLimited = tier == Tier::Prod || p.name == QLatin1String("partner-gateway") || !spec.policy.isEmpty();
    k->ipRestricted = (tier == Tier::Prod && p.name == QLatin1String("payments")) ||
                      p.name == QLatin1String("partner-gateway") || p.name == QLatin1String("internal-tools");
    k->quotaLimited = p.name == QLatin1String("partner-gateway");
    k->businessHoursOnly = tier == Tier::Dev || p.name == QLatin1String("internal-tools");
    auto issued = m_vault.createKey(spec);
    if (!issued)
        return Error(
            issued.error().code,
            QStringLiteral("Demo key \"%1\" in %2/%3: %4").arg(name, p.name, spec.environment, issued.errorMessage()));
    k->id = issued->key.id;
    if (k->expiresAt != 0)
        k->expiresAt = issued->key.expiresAt;
    DemoKey* out = k.get();
    m_keys << out;
    m_owned.push_back(std::move(k));
    return out;
}

DemoKey* Builder::find(const QString& projectName, Tier tier, const QString& name)
{
    for (DemoKey* k : m_keys)
        if (k->project->name == projectName && k->tier == tier && k->name == name)
            return k;
    return nullptr;
}

Status Builder::issueKeys()
{
    static const QStringList devNames{"local dev",       "integration tests", "load test harness",
                                      "ci pipeline",     "feature preview",   "contract tests",
                                      "fixtures loader", "sandbox",           "demo environment"};
    for (const ProjectDef& p : projects()) {
        const TeamDef* team = &teamOf(p);
        // Production: every consumer.
        for (const QString& c : p.consumers) {
            auto k = issue(p, Tier::Prod, c, [&](KeySpec&, DemoKey& d) {
                if (c == QLatin1String(kAnomalyKey) && p.name == QLatin1String(kAnomalyProject))
                    d.expiresAt = m_now + 120 * kDay; // stays valid: its traffic is the anomaly to find
            });
            if (!k)
                return k.error();
        }
        // Staging: every consumer too.
        for (const QString& c : p.consumers) {
            auto k = issue(p, Tier::Staging, c, [&](KeySpec&, DemoKey& d) {
                if (c == QLatin1String(kAnomalyKey) && p.name == QLatin1String(kAnomalyProject))
                    d.expiresAt = m_now + 120 * kDay; // stays valid: its night-time use is the off-hours anomaly
            });
            if (!k)
                return k.error();
        }
        // Development: per person and per tool; CI keys follow the short-lived template and can be shown again.
        for (const QString& person : team->people)
            if (auto k = issue(p, Tier::Dev, QStringLiteral("%1 %2").arg(person.section(u'.', 0, 0), devNames[0])); !k)
                return k.error();
        for (qsizetype i = 1; i < devNames.size(); ++i) {
            auto k = issue(p, Tier::Dev, devNames[i], [&](KeySpec& s, DemoKey& d) {
                if (devNames[i] == QLatin1String("ci pipeline")) {
                    s.policyTemplate = QStringLiteral("ci-short-lived");
                    s.recoverable = true;
                    s.tags << QStringLiteral("ci");
                    d.expiresAt = m_now + qint64(m_rng.uniform(3, 29) * double(kDay));
                }
            });
            if (!k)
                return k.error();
        }
    }

    // Hierarchies: a parent per partner or platform with regional or per-app children.
    struct Family {
        QString project;
        QString parent;
        QStringList children;
    };
    const QList<Family> families{
        {"partner-gateway", "partner acme master", {"acme eu orders", "acme us orders", "acme apac orders"}},
        {"partner-gateway", "partner globex master", {"globex orders sync", "globex catalog sync"}},
        {"mobile-api", "mobile release signing", {"ios release", "android release"}},
        {"payments", "checkout gateway", {"checkout gateway eu", "checkout gateway us", "checkout gateway latam"}},
        {"data-pipeline", "warehouse root", {"warehouse finance share", "warehouse marketing share"}},
        {"notifications", "sms provider master", {"sms provider twilio", "sms provider vonage"}},
    };
    for (const Family& f : families) {
        const ProjectDef* p = findProject(f.project);
        auto parent = issue(*p, Tier::Prod, f.parent);
        if (!parent)
            return parent.error();
        const QString parentId = (*parent)->id;
        for (const QString& c : f.children)
            if (auto k = issue(*p, Tier::Prod, c, [&](KeySpec& s, DemoKey&) { s.parentId = parentId; }); !k)
                return k.error();
    }

    // Standby keys for the most critical consumers: never used until their primary is revoked.
    for (const auto& [project, name] : QList<std::pair<QString, QString>>{{"payments", "checkout web"},
                                                                          {"payments", "payout batch"},
                                                                          {"mobile-api", "ios app"},
                                                                          {"search", "web storefront"},
                                                                          {"notifications", "otp sender"}}) {
        DemoKey* primary = find(project, Tier::Prod, name);
        if (!primary)
            continue;
        const QStringList services = primary->services;
        auto backup =
            issue(*primary->project, Tier::Prod, name + QStringLiteral(" (standby)"), [&](KeySpec& s, DemoKey& d) {
                s.backup = true;
                s.services = services;
                s.tags << QStringLiteral("backup");
                d.peakPerHour = -1; // marks "never used"
            });
        if (!backup)
            return backup.error();
    }

    // Dependencies: workers that fail when the key they call through is revoked.
    for (const auto& [project, dependent, on] : QList<std::tuple<QString, QString, QString>>{
             {"payments", "refund worker", "checkout gateway"},
             {"payments", "chargeback handler", "checkout gateway"},
             {"payments", "settlement export", "ledger sync"},
             {"billing", "dunning worker", "invoice renderer"},
             {"billing", "customer emails", "invoice renderer"},
             {"search", "ranking trainer", "catalog indexer"},
             {"search", "recommendations", "catalog indexer"},
             {"mobile-api", "push fanout", "session service"},
             {"data-pipeline", "dbt runner", "warehouse loader"},
             {"data-pipeline", "bi dashboards", "warehouse loader"},
             {"notifications", "digest builder", "transactional mailer"},
             {"partner-gateway", "partner wayne orders", "partner acme master"}}) {
        DemoKey* d = find(project, Tier::Prod, dependent);
        DemoKey* target = find(project, Tier::Prod, on);
        if (!d || !target)
            continue;
        KeyUpdate u;
        u.dependsOn = QStringList{target->id};
        if (auto r = m_vault.updateKey(d->id, u, QStringLiteral("record the call path for cascading revocation")); !r)
            return r.error();
    }
    for (DemoKey* k : m_keys)
        planTraffic(*k, m_seed);
    return {};
}

Status Builder::incidents()
{
    auto key = [&](const QString& project, Tier tier, const QString& name) -> DemoKey* {
        return find(project, tier, name);
    };
    // Suspensions: reversible, each with its reason.
    const QList<std::tuple<QString, Tier, QString, QString>> suspensions{
        {"billing", Tier::Prod, "crm sync", "CRM vendor reported a breach; paused until their audit report arrives"},
        {"search", Tier::Staging, "ranking trainer", "runaway job hammered staging; owner investigating"},
        {"mobile-api", Tier::Prod, "beta testers app", "beta programme paused for the holidays"},
        {"data-pipeline", Tier::Prod, "notebook cluster", "unusual export volume from a new ASN, investigating"},
        {"internal-tools", Tier::Prod, "hr sync", "owner on leave; access paused per policy AC-7"},
        {"partner-gateway", Tier::Prod, "partner hooli catalog", "partner contract in renegotiation"},
    };
    for (const auto& [project, tier, name, reason] : suspensions) {
        DemoKey* k = key(project, tier, name);
        if (!k)
            continue;
        if (auto r = m_vault.suspendKey(k->id, reason); !r)
            return r.error();
        k->blockedFrom = m_setup;
        k->blockedCode = QStringLiteral("SUSPENDED");
        k->attemptsPerHour = k->peakPerHour * 0.05;
    }
    // Revocations: single ones with incidents, a batch at an offboarding, and one cascade over a family.
    struct Revocation {
        QList<std::pair<QString, QString>> keys; // project, prod key name
        bool cascade;
        QString reason;
        QString incident;
        bool leaked; // the secret is out there: attempts keep coming
    };
    const QList<Revocation> revocations{
        {{{"payments", "merchant dashboard"}},
         false,
         "secret committed to a public GitHub repository",
         "INC-2041",
         true},
        {{{"notifications", "marketing mailer"}}, false, "key pasted into a support ticket", "INC-2058", true},
        {{{"internal-tools", "status page"}, {"internal-tools", "wiki search"}, {"data-pipeline", "s3 archiver"}},
         false,
         "contractor offboarding",
         "CHG-7710",
         false},
        {{{"partner-gateway", "partner globex master"}},
         true,
         "partner Globex terminated; all of its keys go",
         "INC-2102",
         false},
        {{{"search", "seo sitemap job"}}, false, "service decommissioned", {}, false},
    };
    for (const Revocation& r : revocations) {
        QStringList ids;
        for (const auto& [project, name] : r.keys)
            if (DemoKey* k = key(project, Tier::Prod, name))
                ids << k->id;
        if (ids.isEmpty())
            continue;
        auto plan = m_vault.revokeKeys(RevocationRequest{ids, r.cascade, r.reason, r.incident});
        if (!plan)
            return plan.error();
        // The responders told the emergency contacts (the messages wait in the outbox: no sender is configured).
        if (!r.incident.isEmpty())
            if (auto n = m_vault.notifyRevocation(r.incident, *plan, r.reason); !n)
                return n.error();
        for (const auto& e : plan->entries) {
            for (DemoKey* k : m_keys) {
                if (k->id != e.keyId)
                    continue;
                k->blockedFrom = m_setup;
                k->blockedCode = QStringLiteral("REVOKED");
                k->attemptsPerHour = r.leaked ? 2.5 : 0.0;
            }
        }
    }
    // Rotations: the successor carries the traffic; the old key's overlap ended long ago.
    for (const auto& [project, name] :
         QList<std::pair<QString, QString>>{{"billing", "invoice renderer"}, {"search", "catalog indexer"}}) {
        DemoKey* old = key(project, Tier::Prod, name);
        if (!old || old->blockedFrom != 0)
            continue;
        auto next = m_vault.rotateKey(old->id, kDay);
        if (!next)
            return next.error();
        auto k = std::make_unique<DemoKey>(*old);
        k->id = next->key.id;
        k->expiresAt = next->key.expiresAt;
        old->peakPerHour = 0;
        m_keys << k.get();
        m_owned.push_back(std::move(k));
    }
    // A renewal waiting for a second person's approval.
    if (DemoKey* k = key("payments", Tier::Prod, "finance reporting")) {
        auto current = m_vault.key(k->id);
        if (!current)
            return current.error();
        PolicyTarget t{PolicyTarget::Kind::Key, {}, {}, k->id};
        KeyPolicy own = current->policy;
        own.renewalRequiresApproval = true;
        if (auto s = m_vault.applyPolicy(t, std::nullopt, own); !s)
            return s;
        if (auto r = m_vault.renewKey(k->id, 90 * kDay, QStringLiteral("quarterly reporting continues")); !r)
            return r.error();
    }
    return {};
}

Status Builder::usage()
{
    auto imported = m_vault.importUsageRollups(demo::trafficRows(m_keys, m_now, m_seed));
    if (!imported)
        return imported.error();
    return {};
}

} // namespace

Status seedDemoVault(LocalVault& vault, qint64 nowMs, quint32 seed)
{
    const qint64 setup = vault.clock().nowMs();
    if (setup > nowMs - qint64(demo::kUsageDays + 1) * kDay)
        return Error::invalid(QStringLiteral("The demo organisation is set up at the vault's clock, which must read at "
                                             "least %1 days before the demo's present; open the vault over a clock "
                                             "set back by demo::kSetupLeadMs")
                                  .arg(demo::kUsageDays + 1));
    auto existingTeams = vault.teams();
    auto existingProjects = vault.projects();
    if (!existingTeams)
        return existingTeams.error();
    if (!existingProjects)
        return existingProjects.error();
    if (!existingTeams->isEmpty() || !existingProjects->isEmpty())
        return Error::conflict(QStringLiteral("The vault %1 already holds teams or projects; demo data goes into an "
                                              "empty vault only")
                                   .arg(vault.location()));
    // One transaction for everything (each step's own becomes a savepoint): all of the demo, or nothing.
    sql::Transaction tx(vault.vault().db());
    if (!tx.started())
        return sql::error(vault.vault().db(), QStringLiteral("start a transaction"));
    Builder builder(vault, nowMs, seed);
    if (auto s = builder.run(); !s)
        return s;
    return tx.commit();
}

Result<DemoVaultSummary> createDemoVault(const QString& path, const SecureBytes& passphrase,
                                         const Vault::CreateOptions& options, qint64 nowMs, quint32 seed)
{
    auto vault = Vault::create(path, passphrase, options);
    if (!vault)
        return vault.error();
    // The demo's history starts months ago: its keys are issued at a clock set back, usage runs up to now.
    TestClock setupClock(nowMs - demo::kSetupLeadMs);
    Status seeded;
    DemoVaultSummary summary;
    {
        LocalVault backend(std::move(*vault), QStringLiteral("demo-seeder"), setupClock);
        seeded = seedDemoVault(backend, nowMs, seed);
        if (seeded) {
            summary.keys = backend.countKeys({}).value_or(0);
            auto usage = backend.usageSummary(UsageScope::All, {}, nowMs - demo::kUsageDays * 86'400'000LL, nowMs);
            summary.requests = usage ? usage->totals.requests : 0;
        }
    }
    if (!seeded) {
        // Nothing half-made stays behind: the file was created here.
        for (const char* suffix : {"", "-wal", "-shm", ".lock"})
            QFile::remove(path + QLatin1String(suffix));
        return seeded.error();
    }
    return summary;
}

} // namespace kw
