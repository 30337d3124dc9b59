#include "PolicyOptions.h"

#include "policy/Duration.h"
#include "policy/IpRuleSet.h"
#include "policy/PermissionSet.h"
#include "policy/TimeWindow.h"

namespace kwctl {

void addPolicyOptions(Args::Spec& spec, bool withTtl)
{
    spec.values += {"max-uses", "refill", "quota", "hours", "days", "tz", "grace", "rotate-every", "rotation-overlap"};
    if (withTtl)
        spec.values += QStringLiteral("ttl");
    spec.multi += {"rate-limit", "permission", "role", "allow-ip", "deny-ip"};
    spec.flags += {"renewal-approval", "no-renewal-approval"};
}

QString policyOptionsUsage()
{
    return QStringLiteral("[--max-uses N] [--refill N/day|N/month] [--rate-limit N/s|N/m|N/h[:burst]]... "
                          "[--quota N/day|N/month] [--permission P]... [--role R]... [--allow-ip CIDR]... "
                          "[--deny-ip CIDR]... [--hours HH:MM-HH:MM] [--days mon-fri] [--tz ZONE] [--grace DURATION] "
                          "[--rotate-every DURATION] [--rotation-overlap DURATION] [--renewal-approval]");
}

kw::Result<kw::KeyPolicy> policyFromArgs(const Args& a)
{
    kw::KeyPolicy p;
    auto duration = [&](const char* name, std::optional<qint64>& into) -> kw::Status {
        const QString key = QString::fromLatin1(name);
        if (!a.has(key))
            return {};
        auto ms = kw::Duration::parseMs(a.value(key));
        if (!ms)
            return kw::Error::invalid(QStringLiteral("--%1: %2").arg(key, ms.errorMessage()));
        into = *ms;
        return {};
    };
    auto quota = [&](const char* name, std::optional<kw::Quota>& into) -> kw::Status {
        const QString key = QString::fromLatin1(name);
        if (!a.has(key))
            return {};
        auto q = kw::Quota::parse(a.value(key));
        if (!q)
            return kw::Error::invalid(QStringLiteral("--%1: %2").arg(key, q.errorMessage()));
        into = *q;
        return {};
    };
    for (auto s :
         {duration("grace", p.graceMs), duration("ttl", p.ttlMs), duration("rotate-every", p.rotateEveryMs),
          duration("rotation-overlap", p.rotationOverlapMs), quota("refill", p.refill), quota("quota", p.quota)}) {
        if (!s)
            return s.error();
    }
    if (a.has("max-uses")) {
        bool ok = false;
        const qint64 n = a.value("max-uses").toLongLong(&ok);
        if (!ok || n <= 0)
            return kw::Error::invalid(QStringLiteral("--max-uses must be a positive whole number"));
        p.maxUses = n;
    }
    if (a.has("rate-limit")) {
        auto specs = kw::RateLimitSpec::parseList(a.values("rate-limit"));
        if (!specs)
            return kw::Error::invalid(QStringLiteral("--rate-limit: %1").arg(specs.errorMessage()));
        p.rateLimits = *specs;
    }
    if (a.has("permission"))
        p.permissions = a.values("permission");
    if (a.has("role"))
        p.roles = a.values("role");
    if (a.has("allow-ip"))
        p.allowIps = a.values("allow-ip");
    if (a.has("deny-ip"))
        p.denyIps = a.values("deny-ip");
    if (a.has("hours"))
        p.hours = a.value("hours");
    if (a.has("days"))
        p.days = a.value("days");
    if (a.has("tz"))
        p.timeZone = a.value("tz");
    if (a.flag("renewal-approval") && a.flag("no-renewal-approval"))
        return kw::Error::invalid(QStringLiteral("--renewal-approval and --no-renewal-approval contradict each other"));
    if (a.flag("renewal-approval"))
        p.renewalRequiresApproval = true;
    if (a.flag("no-renewal-approval"))
        p.renewalRequiresApproval = false;
    // Each option on its own first, so the message names the option that is wrong.
    auto named = [](const char* option, const kw::Status& s) -> kw::Status {
        if (s)
            return {};
        return kw::Error::invalid(QStringLiteral("--%1: %2").arg(QString::fromLatin1(option), s.errorMessage()));
    };
    auto status = [](const auto& result) -> kw::Status {
        if (result)
            return {};
        return result.error();
    };
    for (const auto& s : {
             named("allow-ip", status(kw::IpRuleSet::parse(p.allowIps.value_or(QStringList()), {}))),
             named("deny-ip", status(kw::IpRuleSet::parse({}, p.denyIps.value_or(QStringList())))),
             named("permission", status(kw::PermissionSet::parse(p.permissions.value_or(QStringList())))),
             named("hours", status(kw::TimeWindow::parse(p.hours.value_or(QString())))),
             named("days", status(kw::TimeWindow::parse({}, p.days.value_or(QString())))),
             named("tz", status(kw::TimeWindow::parse({}, {}, p.timeZone.value_or(QString())))),
         }) {
        if (!s)
            return s.error();
    }
    if (auto s = p.validate(); !s)
        return s.error();
    return p;
}

} // namespace kwctl
