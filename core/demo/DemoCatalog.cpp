#include "demo/DemoCatalog.h"

namespace kw::demo {

quint64 stableHash(const QString& text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    return h;
}

quint64 mix(quint32 seed, quint64 purpose, quint64 a, quint64 b)
{
    Rng r((quint64(seed) << 32) ^ (purpose * 0x9e3779b97f4a7c15ULL) ^ (a * 0xc2b2ae3d27d4eb4fULL) ^
          (b * 0x165667b19e3779f9ULL));
    return r.next();
}

const QList<TeamDef>& teams()
{
    static const QList<TeamDef> list{
        {"core-platform", {"ana.silva", "ben.okafor", "chen.wei"}},
        {"fintech", {"dana.kowalski", "emeka.obi", "fatima.haddad", "gustav.lind"}},
        {"growth", {"hana.sato", "ivan.petrov", "julia.costa"}},
        {"data", {"kofi.mensah", "lena.fischer"}},
        {"partners", {"marco.rossi", "nadia.rahman", "omar.khalil"}},
    };
    return list;
}

const QList<ProjectDef>& projects()
{
    static const QList<ProjectDef> list{
        {"payments",
         "fintech",
         "pay",
         {"checkout", "refunds", "payouts", "fraud-check"},
         {"checkout web", "checkout ios", "checkout android", "refund worker", "payout batch", "fraud scorer",
          "ledger sync", "reconciliation job", "merchant dashboard", "pos terminal fleet", "subscription renewals",
          "chargeback handler", "settlement export", "risk rules engine", "support console", "finance reporting"},
         true,
         180'000},
        {"billing",
         "fintech",
         "bill",
         {"invoices", "subscriptions", "metering"},
         {"invoice renderer", "dunning worker", "plan catalog sync", "usage meter", "tax calculator", "crm sync",
          "billing portal", "revenue reports", "proration service", "credit notes job", "erp export",
          "customer emails"},
         false,
         0},
        {"search",
         "growth",
         "srch",
         {"query", "suggest", "indexing"},
         {"web storefront", "ios app", "android app", "autocomplete edge", "catalog indexer", "ranking trainer",
          "merchandising tool", "seo sitemap job", "recommendations", "price feed", "synonyms editor",
          "analytics beacon", "ab testing service", "search console"},
         true,
         45'000},
        {"mobile-api",
         "growth",
         "mob",
         {"auth", "feed", "push", "media"},
         {"ios app", "android app", "watch app", "feed ranker", "push fanout", "media transcoder", "session service",
          "crash reporter", "deep link router", "content moderation", "image cdn purge", "release dashboard",
          "beta testers app", "widget backend"},
         false,
         0},
        {"internal-tools",
         "core-platform",
         "int",
         {"admin", "reports"},
         {"backoffice", "on-call bot", "grafana exporter", "access review tool", "cost dashboard", "hr sync",
          "wiki search", "status page", "runbook automation", "audit exporter"},
         false,
         0},
        {"data-pipeline",
         "data",
         "dp",
         {"ingest", "export", "warehouse"},
         {"clickstream collector", "cdc connector", "warehouse loader", "dbt runner", "bi dashboards", "ml features",
          "gdpr eraser", "partner export", "data quality checks", "airflow scheduler", "notebook cluster",
          "s3 archiver"},
         false,
         0},
        {"partner-gateway",
         "partners",
         "ptnr",
         {"orders", "catalog", "webhooks", "inventory"},
         {"partner acme orders", "partner globex orders", "partner initech catalog", "partner umbrella inventory",
          "partner stark webhooks", "partner wayne orders", "partner hooli catalog", "partner soylent inventory",
          "partner tyrell orders", "partner cyberdyne webhooks", "partner wonka catalog", "partner oscorp orders",
          "partner monarch inventory", "partner vandelay orders"},
         true,
         95'000},
        {"notifications",
         "core-platform",
         "ntf",
         {"email", "sms", "push"},
         {"transactional mailer", "marketing mailer", "sms gateway", "push relay", "digest builder",
          "preference center", "bounce processor", "template editor", "delivery reports", "otp sender"},
         false,
         0},
    };
    return list;
}

const QList<std::pair<QString, qint64>>& servicePrices()
{
    static const QList<std::pair<QString, qint64>> list{
        {"data-pipeline/export", 50},     {"notifications/email", 200},   {"notifications/sms", 7500},
        {"partner-gateway/orders", 1000}, {"payments/fraud-check", 2500}, {"search/query", 400},
        {"search/suggest", 100},
    };
    return list;
}

qint64 servicePrice(const QString& project, const QString& service)
{
    const QString name = project + u'/' + service;
    for (const auto& [s, price] : servicePrices())
        if (s == name)
            return price;
    return 0;
}

const TeamDef& teamOf(const ProjectDef& project)
{
    for (const TeamDef& t : teams())
        if (t.name == project.team)
            return t;
    return teams().first();
}

const ProjectDef* findProject(const QString& name)
{
    for (const ProjectDef& p : projects())
        if (p.name == name)
            return &p;
    return nullptr;
}

qint64 unitCost(const QString& project, const QString& service)
{
    if (project == QLatin1String("search") && service == QLatin1String("indexing"))
        return 5;
    if (project == QLatin1String("data-pipeline") && service == QLatin1String("ingest"))
        return 10;
    return 1;
}

} // namespace kw::demo
