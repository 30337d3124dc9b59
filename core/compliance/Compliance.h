#pragma once

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <optional>

namespace kw {

enum class Severity { Low, Medium, High, Critical };
QString toString(Severity severity);
std::optional<Severity> severityFromString(QStringView text);
// What one failed check costs in the score.
int severityWeight(Severity severity);

// One built-in compliance rule. Key rules are checked once per live key (not revoked, not expired); vault rules once
// per evaluation.
struct ComplianceRule {
    enum class Scope { Key, Vault };
    QString id; // stable, e.g. "key.no-expiry"
    QString title;
    QString rationale;
    Severity severity = Severity::Medium;
    Scope scope = Scope::Key;
    qint64 defaultThreshold = 0; // days, for rules that take one; 0: the rule has no threshold
    QJsonObject toJson() const;

    // The built-in rule set, in a fixed order.
    static const QList<ComplianceRule>& builtin();
    static const ComplianceRule* find(const QString& id);
};

// What an administrator changed about the rule set: per rule, whether it runs, its threshold and its severity;
// and which environments count as production and which services as public. Unset means the built-in default.
struct ComplianceConfig {
    struct RuleSetting {
        std::optional<bool> enabled;
        std::optional<qint64> thresholdDays;
        std::optional<Severity> severity;
        bool isEmpty() const { return !enabled && !thresholdDays && !severity; }
    };
    QMap<QString, RuleSetting> rules;
    // Environments whose keys must be IP-restricted. Default: prod, production, live.
    std::optional<QStringList> productionEnvironments;
    // Services ("service" or "project/service") whose keys must carry a rate limit; "*" is every service. Default: *.
    std::optional<QStringList> publicServices;

    bool enabled(const QString& ruleId) const;
    qint64 thresholdDays(const QString& ruleId) const;
    Severity severity(const QString& ruleId) const;
    QStringList production() const;
    QStringList publicServiceList() const;
    bool isPublicService(const QString& project, const QString& service) const;

    // Every setting must name a known rule; thresholds are whole days from 1 to 3650 and only on rules that have one.
    Status validate() const;
    QJsonObject toJson() const;
    // Strict: unknown fields and rules are errors that name them.
    static Result<ComplianceConfig> fromJson(const QJsonObject& object);
};

// One violation: a rule and the key (or, for vault rules, nothing) it was found on.
struct ComplianceFinding {
    QString ruleId;
    Severity severity = Severity::Medium;
    QString keyId; // empty for vault rules
    QString keyName;
    QString displayId;
    QString team;
    QString project;
    QString environment;
    QString detail; // for a person: "created 120 days ago, never rotated"
    QJsonObject toJson() const;
};

struct ComplianceRuleResult {
    QString ruleId;
    QString title;
    Severity severity = Severity::Medium;
    bool enabled = true;
    qint64 thresholdDays = 0;
    qint64 checked = 0;
    qint64 violations = 0;
    QJsonObject toJson() const;
};

// Results per project: how many of its live keys have findings, and its own score over the key rules.
struct ComplianceProjectResult {
    QString team;
    QString project;
    qint64 keys = 0;
    qint64 keysWithFindings = 0;
    qint64 findings = 0;
    int score = 100;
    QJsonObject toJson() const;
};

// Results per key with at least one finding.
struct ComplianceKeyResult {
    QString keyId;
    QString keyName;
    QString displayId;
    QString project;
    QString environment;
    QStringList ruleIds;
    Severity worst = Severity::Low;
    QJsonObject toJson() const;
};

// One evaluation of the rule set over the whole inventory. The score is 100 × (1 − weighted failed checks ÷
// weighted checks), each check weighted by its rule's severity (low 1, medium 2, high 4, critical 8).
struct ComplianceReport {
    qint64 time = 0;
    int score = 100;
    qint64 keysEvaluated = 0;
    QList<ComplianceRuleResult> rules;
    QList<ComplianceFinding> findings;
    QList<ComplianceProjectResult> projects;
    QList<ComplianceKeyResult> keys;
    QJsonObject toJson() const;
};

// A recorded evaluation, for the score's trend.
struct ComplianceRunSummary {
    qint64 time = 0;
    int score = 100;
    qint64 keys = 0;
    qint64 findings = 0;
    QMap<QString, qint64> violationsByRule;
    QJsonObject toJson() const;
};

} // namespace kw
