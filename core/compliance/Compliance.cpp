#include "compliance/Compliance.h"

#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QJsonArray>

namespace kw {

QString toString(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return QStringLiteral("medium");
}

std::optional<Severity> severityFromString(QStringView text)
{
    for (Severity s : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

int severityWeight(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return 1;
    case Severity::Medium:
        return 2;
    case Severity::High:
        return 4;
    case Severity::Critical:
        return 8;
    }
    return 2;
}

const QList<ComplianceRule>& ComplianceRule::builtin()
{
    using S = Severity;
    using Scope = ComplianceRule::Scope;
    static const QList<ComplianceRule> rules{
        {QStringLiteral("key.no-expiry"), QStringLiteral("Key without expiry"),
         QStringLiteral("A key that never expires stays valid long after it is forgotten; a leaked copy works "
                        "forever."),
         S::High, Scope::Key, 0},
        {QStringLiteral("key.rotation-overdue"), QStringLiteral("Key not rotated within N days"),
         QStringLiteral("Regular rotation bounds how long a silently leaked secret stays useful."), S::Medium,
         Scope::Key, 90},
        {QStringLiteral("key.unused"), QStringLiteral("Key unused for N days"),
         QStringLiteral("Unused keys are attack surface without a purpose: revoke what nobody needs."), S::Low,
         Scope::Key, 30},
        {QStringLiteral("key.broad-permissions"), QStringLiteral("Wildcard or admin-level permissions"),
         QStringLiteral("Least privilege: a key should carry only the permissions its caller needs, never \"*\" "
                        "or administrative rights."),
         S::High, Scope::Key, 0},
        {QStringLiteral("key.production-ip-unrestricted"), QStringLiteral("Production key without IP restriction"),
         QStringLiteral("A production key limited to known networks is useless to whoever copies it elsewhere."),
         S::High, Scope::Key, 0},
        {QStringLiteral("key.no-owner"), QStringLiteral("Key without owner or team"),
         QStringLiteral("Every key needs someone to ask when it leaks, expires or has to be rotated."), S::Medium,
         Scope::Key, 0},
        {QStringLiteral("key.recoverable-secret"), QStringLiteral("Recoverable secret enabled"),
         QStringLiteral("A recoverable secret is stored encrypted instead of only hashed: whoever unlocks the vault "
                        "can read it."),
         S::Medium, Scope::Key, 0},
        {QStringLiteral("key.public-no-rate-limit"), QStringLiteral("No rate limit on a public service"),
         QStringLiteral("Keys of public services without a rate limit let one leaked key exhaust the service."),
         S::Medium, Scope::Key, 0},
        {QStringLiteral("vault.weak-kdf"), QStringLiteral("Vault KDF below recommended strength"),
         QStringLiteral("The passphrase protects every secret in the vault; Argon2id should use at least 64 MiB and "
                        "3 iterations."),
         S::High, Scope::Vault, 0},
        {QStringLiteral("audit.not-verified"), QStringLiteral("Audit chain not verified within N days"),
         QStringLiteral("Tampering is only found when someone checks: the audit chain should be verified "
                        "regularly and found intact."),
         S::Medium, Scope::Vault, 7},
    };
    return rules;
}

const ComplianceRule* ComplianceRule::find(const QString& id)
{
    for (const auto& r : builtin())
        if (r.id == id)
            return &r;
    return nullptr;
}

QJsonObject ComplianceRule::toJson() const
{
    QJsonObject o{{"id", id},
                  {"title", title},
                  {"rationale", rationale},
                  {"severity", toString(severity)},
                  {"scope", scope == Scope::Key ? QStringLiteral("key") : QStringLiteral("vault")}};
    o.insert("defaultThresholdDays", defaultThreshold > 0 ? QJsonValue(defaultThreshold) : QJsonValue());
    return o;
}

// ---- configuration

bool ComplianceConfig::enabled(const QString& ruleId) const
{
    return rules.value(ruleId).enabled.value_or(true);
}

qint64 ComplianceConfig::thresholdDays(const QString& ruleId) const
{
    const ComplianceRule* r = ComplianceRule::find(ruleId);
    return rules.value(ruleId).thresholdDays.value_or(r ? r->defaultThreshold : 0);
}

Severity ComplianceConfig::severity(const QString& ruleId) const
{
    const ComplianceRule* r = ComplianceRule::find(ruleId);
    return rules.value(ruleId).severity.value_or(r ? r->severity : Severity::Medium);
}

QStringList ComplianceConfig::production() const
{
    return productionEnvironments.value_or(
        QStringList{QStringLiteral("prod"), QStringLiteral("production"), QStringLiteral("live")});
}

QStringList ComplianceConfig::publicServiceList() const
{
    return publicServices.value_or(QStringList{QStringLiteral("*")});
}

bool ComplianceConfig::isPublicService(const QString& project, const QString& service) const
{
    for (const QString& p : publicServiceList())
        if (p == QLatin1String("*") || p == service || p == project + u'/' + service)
            return true;
    return false;
}

Status ComplianceConfig::validate() const
{
    for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
        const ComplianceRule* r = ComplianceRule::find(it.key());
        if (!r)
            return Error::invalid(QStringLiteral("Unknown compliance rule \"%1\"").arg(it.key()));
        if (it->thresholdDays) {
            if (r->defaultThreshold == 0)
                return Error::invalid(QStringLiteral("Rule %1 takes no threshold").arg(it.key()));
            if (*it->thresholdDays < 1 || *it->thresholdDays > 3650)
                return Error::invalid(
                    QStringLiteral("The threshold of rule %1 must be between 1 and 3650 days").arg(it.key()));
        }
    }
    if (productionEnvironments)
        for (const QString& e : *productionEnvironments)
            if (e.trimmed().isEmpty())
                return Error::invalid(QStringLiteral("Production environment names cannot be empty"));
    if (publicServices)
        for (const QString& s : *publicServices)
            if (s.trimmed().isEmpty())
                return Error::invalid(QStringLiteral("Public service names cannot be empty"));
    return {};
}

QJsonObject ComplianceConfig::toJson() const
{
    QJsonObject ruleObjects;
    for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
        if (it->isEmpty())
            continue;
        QJsonObject r;
        if (it->enabled)
            r.insert("enabled", *it->enabled);
        if (it->thresholdDays)
            r.insert("thresholdDays", *it->thresholdDays);
        if (it->severity)
            r.insert("severity", toString(*it->severity));
        ruleObjects.insert(it.key(), r);
    }
    QJsonObject o{{"rules", ruleObjects}};
    if (productionEnvironments)
        o.insert("productionEnvironments", QJsonArray::fromStringList(*productionEnvironments));
    if (publicServices)
        o.insert("publicServices", QJsonArray::fromStringList(*publicServices));
    return o;
}

Result<ComplianceConfig> ComplianceConfig::fromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("compliance config"));
    ComplianceConfig c;
    const QJsonObject ruleObjects = r.object(QStringLiteral("rules"));
    if (r.has(QStringLiteral("productionEnvironments")))
        c.productionEnvironments = r.stringList(QStringLiteral("productionEnvironments"));
    if (r.has(QStringLiteral("publicServices")))
        c.publicServices = r.stringList(QStringLiteral("publicServices"));
    if (auto s = r.finish(); !s)
        return s.error();
    for (auto it = ruleObjects.constBegin(); it != ruleObjects.constEnd(); ++it) {
        if (!it->isObject())
            return Error::invalid(QStringLiteral("compliance config: rule \"%1\" must be an object").arg(it.key()));
        JsonReader rr(it->toObject(), QStringLiteral("rule %1").arg(it.key()));
        RuleSetting s;
        if (rr.has(QStringLiteral("enabled")))
            s.enabled = rr.boolean(QStringLiteral("enabled"));
        if (rr.has(QStringLiteral("thresholdDays")))
            s.thresholdDays = rr.integer(QStringLiteral("thresholdDays"), 0);
        if (rr.has(QStringLiteral("severity"))) {
            const QString text = rr.string(QStringLiteral("severity"));
            s.severity = severityFromString(text);
            if (!s.severity)
                return Error::invalid(QStringLiteral("rule %1: severity must be low, medium, high or critical, not "
                                                     "\"%2\"")
                                          .arg(it.key(), text));
        }
        if (auto st = rr.finish(); !st)
            return st.error();
        c.rules.insert(it.key(), s);
    }
    if (auto s = c.validate(); !s)
        return s.error();
    return c;
}

// ---- results

QJsonObject ComplianceFinding::toJson() const
{
    return {{"rule", ruleId},     {"severity", toString(severity)}, {"keyId", keyId},
            {"keyName", keyName}, {"displayId", displayId},         {"team", team},
            {"project", project}, {"environment", environment},     {"detail", detail}};
}

QJsonObject ComplianceRuleResult::toJson() const
{
    return {{"rule", ruleId},
            {"title", title},
            {"severity", toString(severity)},
            {"enabled", enabled},
            {"thresholdDays", thresholdDays > 0 ? QJsonValue(thresholdDays) : QJsonValue()},
            {"checked", checked},
            {"violations", violations}};
}

QJsonObject ComplianceProjectResult::toJson() const
{
    return {{"team", team},         {"project", project}, {"keys", keys}, {"keysWithFindings", keysWithFindings},
            {"findings", findings}, {"score", score}};
}

QJsonObject ComplianceKeyResult::toJson() const
{
    return {{"keyId", keyId},          {"keyName", keyName},         {"displayId", displayId},
            {"project", project},      {"environment", environment}, {"rules", QJsonArray::fromStringList(ruleIds)},
            {"worst", toString(worst)}};
}

namespace {

template <typename T> QJsonArray arrayOf(const QList<T>& items)
{
    QJsonArray a;
    for (const auto& i : items)
        a.append(i.toJson());
    return a;
}

} // namespace

QJsonObject ComplianceReport::toJson() const
{
    return {{"time", json::time(time)},       {"score", score},
            {"keysEvaluated", keysEvaluated}, {"rules", arrayOf(rules)},
            {"findings", arrayOf(findings)},  {"projects", arrayOf(projects)},
            {"keys", arrayOf(keys)}};
}

QJsonObject ComplianceRunSummary::toJson() const
{
    QJsonObject byRule;
    for (auto it = violationsByRule.cbegin(); it != violationsByRule.cend(); ++it)
        byRule.insert(it.key(), it.value());
    return {{"time", json::time(time)},
            {"score", score},
            {"keys", keys},
            {"findings", findings},
            {"violationsByRule", byRule}};
}

} // namespace kw
