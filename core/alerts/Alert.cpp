#include "alerts/Alert.h"

#include "util/Json.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace kw {

namespace {

constexpr std::array<std::pair<AlertKind, const char*>, 9> kKinds{{
    {AlertKind::ExpiryWithin, "expiry_within"},
    {AlertKind::GraceEntered, "grace_entered"},
    {AlertKind::QuotaAbove, "quota_above"},
    {AlertKind::RateLimitedAbove, "rate_limited_above"},
    {AlertKind::ErrorBurst, "error_burst"},
    {AlertKind::Anomaly, "anomaly"},
    {AlertKind::BadKeyRepeated, "bad_key_repeated"},
    {AlertKind::NewClientNetwork, "new_client_network"},
    {AlertKind::AuditChainBroken, "audit_chain_broken"},
}};

constexpr qint64 kMaxWindowMs = 31LL * 86'400'000;

} // namespace

QString toString(AlertKind kind)
{
    for (const auto& [k, name] : kKinds)
        if (k == kind)
            return QString::fromLatin1(name);
    return {};
}

std::optional<AlertKind> alertKindFromString(QStringView text)
{
    for (const auto& [k, name] : kKinds)
        if (text == QLatin1String(name))
            return k;
    return std::nullopt;
}

QStringList alertKindNames()
{
    QStringList out;
    for (const auto& entry : kKinds)
        out << QString::fromLatin1(entry.second);
    return out;
}

QString toString(AlertSeverity severity)
{
    switch (severity) {
    case AlertSeverity::Info:
        return QStringLiteral("info");
    case AlertSeverity::Warning:
        return QStringLiteral("warning");
    case AlertSeverity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

std::optional<AlertSeverity> alertSeverityFromString(QStringView text)
{
    for (AlertSeverity s : {AlertSeverity::Info, AlertSeverity::Warning, AlertSeverity::Critical})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

QString toString(AlertState state)
{
    switch (state) {
    case AlertState::Open:
        return QStringLiteral("open");
    case AlertState::Acknowledged:
        return QStringLiteral("acknowledged");
    case AlertState::Resolved:
        return QStringLiteral("resolved");
    }
    return {};
}

std::optional<AlertState> alertStateFromString(QStringView text)
{
    for (AlertState s : {AlertState::Open, AlertState::Acknowledged, AlertState::Resolved})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

Status AlertRule::validate() const
{
    const QString k = toString(kind);
    if (!service.isEmpty() && project.isEmpty())
        return Error::invalid(QStringLiteral("Alert rule: a service scope (\"%1\") needs a project").arg(service));
    if (thresholds.size() > 10)
        return Error::invalid(QStringLiteral("Alert rule: at most 10 thresholds"));
    for (qint64 t : thresholds)
        if (t <= 0)
            return Error::invalid(QStringLiteral("Alert rule %1: thresholds must be positive (got %2)").arg(k).arg(t));
    if (windowMs < 0 || windowMs > kMaxWindowMs)
        return Error::invalid(QStringLiteral("Alert rule %1: the window must be between 0 and 31 days").arg(k));
    if (blockMs < 0 || blockMs > kMaxWindowMs)
        return Error::invalid(QStringLiteral("Alert rule %1: the block must be between 0 and 31 days").arg(k));
    if (blockMs > 0 && kind != AlertKind::BadKeyRepeated)
        return Error::invalid(QStringLiteral("Alert rule %1: only bad_key_repeated rules can block").arg(k));
    const bool needsThreshold = kind == AlertKind::ExpiryWithin || kind == AlertKind::QuotaAbove ||
                                kind == AlertKind::RateLimitedAbove || kind == AlertKind::ErrorBurst ||
                                kind == AlertKind::BadKeyRepeated;
    if (needsThreshold && thresholds.isEmpty())
        return Error::invalid(QStringLiteral("Alert rule %1 needs a threshold").arg(k));
    const bool needsWindow = kind == AlertKind::RateLimitedAbove || kind == AlertKind::ErrorBurst ||
                             kind == AlertKind::BadKeyRepeated || kind == AlertKind::Anomaly;
    if (needsWindow && windowMs < 1000)
        return Error::invalid(QStringLiteral("Alert rule %1 needs a window of at least 1 s").arg(k));
    if (kind == AlertKind::QuotaAbove && threshold() > 100)
        return Error::invalid(QStringLiteral("Alert rule quota_above: the threshold is a percentage (1-100)"));
    if (kind == AlertKind::ErrorBurst && thresholds.size() > 2)
        return Error::invalid(QStringLiteral("Alert rule error_burst takes a count and an optional percentage"));
    if (kind == AlertKind::ErrorBurst && thresholds.size() == 2 && threshold(1) > 100)
        return Error::invalid(QStringLiteral("Alert rule error_burst: the second threshold is a percentage (1-100)"));
    if (kind == AlertKind::ExpiryWithin && threshold() > 3650)
        return Error::invalid(QStringLiteral("Alert rule expiry_within: thresholds are days (at most 3650)"));
    if ((kind == AlertKind::BadKeyRepeated || kind == AlertKind::AuditChainBroken) && !project.isEmpty())
        return Error::invalid(QStringLiteral("Alert rule %1 watches the whole server and takes no project").arg(k));
    return {};
}

QJsonObject AlertRule::toJson() const
{
    QJsonArray t;
    for (qint64 v : thresholds)
        t.append(v);
    return QJsonObject{{"id", id},
                       {"kind", toString(kind)},
                       {"enabled", enabled},
                       {"thresholds", t},
                       {"windowMs", windowMs},
                       {"project", project},
                       {"service", service},
                       {"severity", toString(severity)},
                       {"notifyContacts", notifyContacts},
                       {"notifyOwner", notifyOwner},
                       {"blockMs", blockMs},
                       {"createdAt", json::time(createdAt)},
                       {"updatedAt", json::time(updatedAt)}};
}

QList<AlertRule> AlertRule::defaults()
{
    auto rule = [](AlertKind kind, QList<qint64> thresholds, qint64 windowMs, AlertSeverity severity) {
        AlertRule r;
        r.kind = kind;
        r.thresholds = std::move(thresholds);
        r.windowMs = windowMs;
        r.severity = severity;
        return r;
    };
    QList<AlertRule> out;
    AlertRule expiry = rule(AlertKind::ExpiryWithin, {30, 7, 1}, 0, AlertSeverity::Warning);
    expiry.notifyOwner = true;
    out << expiry;
    AlertRule grace = rule(AlertKind::GraceEntered, {}, 0, AlertSeverity::Critical);
    grace.notifyOwner = true;
    out << grace;
    out << rule(AlertKind::QuotaAbove, {80}, 0, AlertSeverity::Warning);
    out << rule(AlertKind::BadKeyRepeated, {20}, 60'000, AlertSeverity::Critical);
    out << rule(AlertKind::AuditChainBroken, {}, 0, AlertSeverity::Critical);
    return out;
}

QJsonObject Alert::toJson() const
{
    return QJsonObject{{"id", id},
                       {"ruleId", ruleId},
                       {"kind", toString(kind)},
                       {"dedupKey", dedupKey},
                       {"severity", toString(severity)},
                       {"title", title},
                       {"detail", detail},
                       {"keyId", keyId},
                       {"project", project},
                       {"service", service},
                       {"sourceIp", sourceIp},
                       {"firstSeen", json::time(firstSeen)},
                       {"lastSeen", json::time(lastSeen)},
                       {"count", count},
                       {"state", toString(state)},
                       {"acknowledgedBy", acknowledgedBy},
                       {"acknowledgedAt", json::time(acknowledgedAt)},
                       {"resolvedBy", resolvedBy},
                       {"resolvedAt", json::time(resolvedAt)},
                       {"note", note}};
}

} // namespace kw
