#include "compliance/ComplianceEngine.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;

qint64 daysBetween(qint64 fromMs, qint64 toMs)
{
    return std::max<qint64>(0, (toMs - fromMs) / kDayMs);
}

int scoreOf(qint64 weightedChecks, qint64 weightedFailures)
{
    if (weightedChecks <= 0)
        return 100;
    return int(std::lround(100.0 * (1.0 - double(weightedFailures) / double(weightedChecks))));
}

// "*", "billing.*" and any permission with an "admin" segment ("admin", "billing.admin", "admin.users").
QStringList broadPermissions(const QStringList& permissions)
{
    QStringList out;
    for (const QString& p : permissions) {
        const QStringList segments = p.split(u'.');
        if (segments.contains(QLatin1String("*")) || segments.contains(QLatin1String("admin")))
            out << p;
    }
    return out;
}

// How a key's check came out for one rule: not applicable, passed, or failed with a detail.
struct Check {
    bool applies = true;
    bool failed = false;
    QString detail;
};

Check checkKey(const QString& ruleId, const KeyRecord& k, const KeyPolicy& p, const ComplianceConfig& config,
               qint64 now)
{
    Check c;
    if (ruleId == QLatin1String("key.no-expiry")) {
        c.failed = k.expiresAt == 0;
        c.detail = QStringLiteral("never expires");
    } else if (ruleId == QLatin1String("key.rotation-overdue")) {
        const qint64 days = daysBetween(k.createdAt, now);
        c.failed = days > config.thresholdDays(ruleId);
        c.detail = k.predecessorId.isEmpty() ? QStringLiteral("created %1 days ago, never rotated").arg(days)
                                             : QStringLiteral("last rotated %1 days ago").arg(days);
    } else if (ruleId == QLatin1String("key.unused")) {
        const qint64 since = k.lastUsedAt > 0 ? k.lastUsedAt : k.createdAt;
        const qint64 days = daysBetween(since, now);
        c.failed = days > config.thresholdDays(ruleId);
        c.detail = k.lastUsedAt > 0 ? QStringLiteral("last used %1 days ago").arg(days)
                                    : QStringLiteral("never used since it was created %1 days ago").arg(days);
    } else if (ruleId == QLatin1String("key.broad-permissions")) {
        const QStringList broad = broadPermissions(p.permissions.value_or(QStringList()));
        c.failed = !broad.isEmpty();
        c.detail = QStringLiteral("permissions %1").arg(broad.join(QStringLiteral(", ")));
    } else if (ruleId == QLatin1String("key.production-ip-unrestricted")) {
        c.applies = config.production().contains(k.environment, Qt::CaseInsensitive);
        c.failed = c.applies && p.allowIps.value_or(QStringList()).isEmpty();
        c.detail = QStringLiteral("%1 key usable from any address").arg(k.environment);
    } else if (ruleId == QLatin1String("key.no-owner")) {
        const bool noOwner = k.owner.trimmed().isEmpty();
        const bool noTeam = k.team.isEmpty();
        c.failed = noOwner || noTeam;
        c.detail = noOwner && noTeam ? QStringLiteral("no owner, project %1 has no team").arg(k.project)
                   : noOwner         ? QStringLiteral("no owner")
                                     : QStringLiteral("project %1 has no team").arg(k.project);
    } else if (ruleId == QLatin1String("key.recoverable-secret")) {
        c.failed = k.recoverable;
        c.detail = QStringLiteral("secret stored recoverable");
    } else if (ruleId == QLatin1String("key.public-no-rate-limit")) {
        QStringList publicOnes;
        for (const QString& s : k.services)
            if (config.isPublicService(k.project, s))
                publicOnes << s;
        // A key bound to no service is accepted by every service, the public ones included.
        c.applies = !publicOnes.isEmpty() || (k.services.isEmpty() && config.publicServiceList().contains("*"));
        c.failed = c.applies && p.rateLimits.value_or(QList<RateLimitSpec>()).isEmpty();
        c.detail = publicOnes.isEmpty() ? QStringLiteral("no rate limit; accepted by every service")
                                        : QStringLiteral("no rate limit on %1").arg(publicOnes.join(u','));
    }
    return c;
}

} // namespace

ComplianceReport ComplianceEngine::evaluate(const ComplianceInput& in, const ComplianceConfig& config)
{
    ComplianceReport report;
    report.time = in.nowMs;
    const QList<ComplianceRule>& rules = ComplianceRule::builtin();

    QList<const KeyRecord*> live;
    for (const KeyRecord& k : in.keys) {
        const KeyStatus s = k.effectiveStatus(in.nowMs);
        if (s != KeyStatus::Revoked && s != KeyStatus::Expired)
            live << &k;
    }
    report.keysEvaluated = live.size();

    struct ProjectTally {
        ComplianceProjectResult result;
        qint64 weightedChecks = 0;
        qint64 weightedFailures = 0;
    };
    QMap<QString, ProjectTally> projects;
    QMap<QString, ComplianceKeyResult> keyResults;
    qint64 weightedChecks = 0;
    qint64 weightedFailures = 0;

    for (const ComplianceRule& rule : rules) {
        ComplianceRuleResult rr;
        rr.ruleId = rule.id;
        rr.title = rule.title;
        rr.severity = config.severity(rule.id);
        rr.enabled = config.enabled(rule.id);
        rr.thresholdDays = rule.defaultThreshold > 0 ? config.thresholdDays(rule.id) : 0;
        if (rr.thresholdDays > 0)
            rr.title.replace(QStringLiteral("N days"), QStringLiteral("%1 days").arg(rr.thresholdDays));
        const int weight = severityWeight(rr.severity);
        if (!rr.enabled) {
            report.rules << rr;
            continue;
        }
        if (rule.scope == ComplianceRule::Scope::Key) {
            for (const KeyRecord* k : live) {
                const KeyPolicy policy = in.effectivePolicies.value(k->id, k->policy);
                const Check c = checkKey(rule.id, *k, policy, config, in.nowMs);
                ProjectTally& pt = projects[k->project];
                pt.result.project = k->project;
                pt.result.team = k->team;
                if (!c.applies)
                    continue;
                ++rr.checked;
                weightedChecks += weight;
                pt.weightedChecks += weight;
                if (!c.failed)
                    continue;
                ++rr.violations;
                weightedFailures += weight;
                pt.weightedFailures += weight;
                ++pt.result.findings;
                report.findings << ComplianceFinding{rule.id, rr.severity, k->id,          k->name, k->displayId,
                                                     k->team, k->project,  k->environment, c.detail};
                ComplianceKeyResult& kr = keyResults[k->id];
                if (kr.keyId.isEmpty()) {
                    kr.keyId = k->id;
                    kr.keyName = k->name;
                    kr.displayId = k->displayId;
                    kr.project = k->project;
                    kr.environment = k->environment;
                    kr.worst = rr.severity;
                }
                kr.ruleIds << rule.id;
                kr.worst = std::max(kr.worst, rr.severity);
            }
        } else {
            Check c;
            if (rule.id == QLatin1String("vault.weak-kdf")) {
                c.failed = in.kdf.belowRecommended();
                c.detail = QStringLiteral("Argon2id with %1 MiB and %2 iterations (recommended: at least %3 MiB and 3)")
                               .arg(in.kdf.memoryKiB / 1024)
                               .arg(in.kdf.iterations)
                               .arg(crypto::KdfParams::kRecommendedMemoryKiB / 1024);
            } else if (rule.id == QLatin1String("audit.not-verified")) {
                const qint64 limit = rr.thresholdDays * kDayMs;
                if (in.auditLastVerifiedAt == 0) {
                    c.failed = true;
                    c.detail = QStringLiteral("the audit chain was never verified");
                } else if (in.nowMs - in.auditLastVerifiedAt > limit) {
                    c.failed = true;
                    c.detail =
                        QStringLiteral("last verified %1 days ago").arg(daysBetween(in.auditLastVerifiedAt, in.nowMs));
                } else if (!in.auditLastIntact) {
                    c.failed = true;
                    c.detail = QStringLiteral("the last verification found the chain broken at entry %1")
                                   .arg(in.auditFirstBadSeq);
                }
            }
            ++rr.checked;
            weightedChecks += weight;
            if (c.failed) {
                ++rr.violations;
                weightedFailures += weight;
                ComplianceFinding f;
                f.ruleId = rule.id;
                f.severity = rr.severity;
                f.detail = c.detail;
                report.findings << f;
            }
        }
        report.rules << rr;
    }

    report.score = scoreOf(weightedChecks, weightedFailures);
    for (const KeyRecord* k : live)
        ++projects[k->project].result.keys;
    for (const auto& kr : keyResults)
        ++projects[kr.project].result.keysWithFindings;
    for (auto& pt : projects) {
        pt.result.score = scoreOf(pt.weightedChecks, pt.weightedFailures);
        report.projects << pt.result;
    }
    report.keys = keyResults.values();
    std::sort(report.keys.begin(), report.keys.end(), [](const auto& a, const auto& b) {
        if (a.worst != b.worst)
            return a.worst > b.worst;
        if (a.ruleIds.size() != b.ruleIds.size())
            return a.ruleIds.size() > b.ruleIds.size();
        return a.keyId < b.keyId;
    });
    QHash<QString, int> order;
    for (int i = 0; i < rules.size(); ++i)
        order.insert(rules[i].id, i);
    std::stable_sort(report.findings.begin(), report.findings.end(), [&](const auto& a, const auto& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.ruleId != b.ruleId)
            return order.value(a.ruleId) < order.value(b.ruleId);
        if (a.project != b.project)
            return a.project < b.project;
        return a.keyName < b.keyName;
    });
    return report;
}

ComplianceRunSummary ComplianceEngine::summarize(const ComplianceReport& report)
{
    ComplianceRunSummary s;
    s.time = report.time;
    s.score = report.score;
    s.keys = report.keysEvaluated;
    s.findings = report.findings.size();
    for (const auto& r : report.rules)
        if (r.enabled)
            s.violationsByRule.insert(r.ruleId, r.violations);
    return s;
}

} // namespace kw
