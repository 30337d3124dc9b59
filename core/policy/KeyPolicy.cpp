#include "policy/KeyPolicy.h"

#include "policy/Duration.h"
#include "policy/IpRuleSet.h"
#include "policy/PermissionSet.h"
#include "policy/TimeWindow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace kw {

namespace {

template <typename T> void overlay(std::optional<T>& out, const std::optional<T>& top)
{
    if (top)
        out = top;
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

Result<QStringList> stringList(const QJsonValue& v, const QString& field)
{
    if (!v.isArray())
        return Error::invalid(QStringLiteral("Policy field \"%1\" must be a list of strings").arg(field));
    QStringList out;
    for (const auto& item : v.toArray()) {
        if (!item.isString())
            return Error::invalid(QStringLiteral("Policy field \"%1\" must be a list of strings").arg(field));
        out << item.toString();
    }
    return out;
}

Result<qint64> duration(const QJsonValue& v, const QString& field)
{
    if (!v.isString())
        return Error::invalid(QStringLiteral("Policy field \"%1\" must be a duration such as \"90d\"").arg(field));
    auto ms = Duration::parseMs(v.toString());
    if (!ms)
        return Error::invalid(QStringLiteral("Policy field \"%1\": %2").arg(field, ms.errorMessage()));
    return ms;
}

} // namespace

KeyPolicy KeyPolicy::overlaidOn(const KeyPolicy& base) const
{
    KeyPolicy out = base;
    overlay(out.ttlMs, ttlMs);
    overlay(out.graceMs, graceMs);
    overlay(out.maxUses, maxUses);
    overlay(out.refill, refill);
    overlay(out.rateLimits, rateLimits);
    overlay(out.quota, quota);
    overlay(out.permissions, permissions);
    overlay(out.roles, roles);
    overlay(out.allowIps, allowIps);
    overlay(out.denyIps, denyIps);
    overlay(out.hours, hours);
    overlay(out.days, days);
    overlay(out.timeZone, timeZone);
    overlay(out.rotateEveryMs, rotateEveryMs);
    overlay(out.rotationOverlapMs, rotationOverlapMs);
    overlay(out.renewalRequiresApproval, renewalRequiresApproval);
    return out;
}

Status KeyPolicy::validate() const
{
    if (maxUses && *maxUses <= 0)
        return Error::invalid(QStringLiteral("Maximum uses must be a positive number"));
    if (refill && refill->amount <= 0)
        return Error::invalid(QStringLiteral("A refill must restore at least one use"));
    if (permissions)
        if (auto p = PermissionSet::parse(*permissions); !p)
            return p.error();
    if (allowIps || denyIps)
        if (auto r = IpRuleSet::parse(allowIps.value_or(QStringList()), denyIps.value_or(QStringList())); !r)
            return r.error();
    if (hours || days || timeZone)
        if (auto w =
                TimeWindow::parse(hours.value_or(QString()), days.value_or(QString()), timeZone.value_or(QString()));
            !w)
            return w.error();
    if (rotationOverlapMs && rotateEveryMs && *rotationOverlapMs >= *rotateEveryMs)
        return Error::invalid(QStringLiteral("The rotation overlap must be shorter than the rotation interval"));
    return {};
}

QJsonObject KeyPolicy::toJson() const
{
    QJsonObject o;
    if (ttlMs)
        o.insert("ttl", Duration::format(*ttlMs));
    if (graceMs)
        o.insert("grace", Duration::format(*graceMs));
    if (maxUses)
        o.insert("maxUses", *maxUses);
    if (refill)
        o.insert("refill", refill->toString());
    if (rateLimits) {
        QJsonArray a;
        for (const auto& r : *rateLimits)
            a.append(r.toString());
        o.insert("rateLimits", a);
    }
    if (quota)
        o.insert("quota", quota->toString());
    if (permissions)
        o.insert("permissions", toArray(*permissions));
    if (roles)
        o.insert("roles", toArray(*roles));
    if (allowIps)
        o.insert("allowIps", toArray(*allowIps));
    if (denyIps)
        o.insert("denyIps", toArray(*denyIps));
    if (hours)
        o.insert("hours", *hours);
    if (days)
        o.insert("days", *days);
    if (timeZone)
        o.insert("timeZone", *timeZone);
    if (rotateEveryMs)
        o.insert("rotateEvery", Duration::format(*rotateEveryMs));
    if (rotationOverlapMs)
        o.insert("rotationOverlap", Duration::format(*rotationOverlapMs));
    if (renewalRequiresApproval)
        o.insert("renewalRequiresApproval", *renewalRequiresApproval);
    return o;
}

Result<KeyPolicy> KeyPolicy::fromJson(const QJsonObject& o)
{
    KeyPolicy p;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString k = it.key();
        const QJsonValue v = it.value();
        auto setDuration = [&](std::optional<qint64>& into) -> Status {
            auto d = duration(v, k);
            if (!d)
                return d.error();
            into = *d;
            return {};
        };
        auto setList = [&](std::optional<QStringList>& into) -> Status {
            auto l = stringList(v, k);
            if (!l)
                return l.error();
            into = *l;
            return {};
        };
        auto setString = [&](std::optional<QString>& into) -> Status {
            if (!v.isString())
                return Error::invalid(QStringLiteral("Policy field \"%1\" must be a string").arg(k));
            into = v.toString();
            return {};
        };
        auto setQuota = [&](std::optional<Quota>& into) -> Status {
            if (!v.isString())
                return Error::invalid(
                    QStringLiteral("Policy field \"%1\" must be a string such as \"1000/day\"").arg(k));
            auto q = Quota::parse(v.toString());
            if (!q)
                return Error::invalid(QStringLiteral("Policy field \"%1\": %2").arg(k, q.errorMessage()));
            into = *q;
            return {};
        };
        Status s;
        if (k == QLatin1String("ttl"))
            s = setDuration(p.ttlMs);
        else if (k == QLatin1String("grace"))
            s = setDuration(p.graceMs);
        else if (k == QLatin1String("maxUses")) {
            if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
                s = Error::invalid(QStringLiteral("Policy field \"maxUses\" must be a whole number"));
            else
                p.maxUses = v.toInteger();
        } else if (k == QLatin1String("refill"))
            s = setQuota(p.refill);
        else if (k == QLatin1String("rateLimits")) {
            auto l = stringList(v, k);
            if (!l)
                s = l.error();
            else if (auto specs = RateLimitSpec::parseList(*l); !specs)
                s = Error::invalid(QStringLiteral("Policy field \"rateLimits\": %1").arg(specs.errorMessage()));
            else
                p.rateLimits = *specs;
        } else if (k == QLatin1String("quota"))
            s = setQuota(p.quota);
        else if (k == QLatin1String("permissions"))
            s = setList(p.permissions);
        else if (k == QLatin1String("roles"))
            s = setList(p.roles);
        else if (k == QLatin1String("allowIps"))
            s = setList(p.allowIps);
        else if (k == QLatin1String("denyIps"))
            s = setList(p.denyIps);
        else if (k == QLatin1String("hours"))
            s = setString(p.hours);
        else if (k == QLatin1String("days"))
            s = setString(p.days);
        else if (k == QLatin1String("timeZone"))
            s = setString(p.timeZone);
        else if (k == QLatin1String("rotateEvery"))
            s = setDuration(p.rotateEveryMs);
        else if (k == QLatin1String("rotationOverlap"))
            s = setDuration(p.rotationOverlapMs);
        else if (k == QLatin1String("renewalRequiresApproval")) {
            if (!v.isBool())
                s = Error::invalid(QStringLiteral("Policy field \"renewalRequiresApproval\" must be true or false"));
            else
                p.renewalRequiresApproval = v.toBool();
        } else
            s = Error::invalid(QStringLiteral("Unknown policy field \"%1\"").arg(k));
        if (!s)
            return s.error();
    }
    if (auto s = p.validate(); !s)
        return s.error();
    return p;
}

Result<KeyPolicy> KeyPolicy::fromJsonText(const QString& text)
{
    if (text.trimmed().isEmpty())
        return KeyPolicy{};
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::invalid(QStringLiteral("A policy must be a JSON object (%1)").arg(err.errorString()));
    return fromJson(doc.object());
}

QString KeyPolicy::toJsonText() const
{
    return QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

} // namespace kw
