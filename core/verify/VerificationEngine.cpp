#include "verify/VerificationEngine.h"

#include "crypto/KeyFormat.h"
#include "policy/IpAddress.h"
#include "policy/IpRuleSet.h"
#include "policy/PermissionSet.h"
#include "policy/RateLimiterSet.h"
#include "policy/TimeWindow.h"

#include <QMutex>
#include <QTimeZone>

#include <mutex>

namespace kw {

// Runtime form of a key: parsed rules plus the live counters. Static fields never change after build();
// the counters are guarded by `counters` (taken only for keys with a usage limit or quota).
struct VerificationEngine::KeyState {
    QString id;
    QString displayId;
    QString owner;
    QString project;
    QString environment;
    KeyStatus status = KeyStatus::Active;
    qint64 expiresAt = 0;
    qint64 graceMs = 0;
    QStringList services;
    QHash<QString, qint64> unitPriceMicros;
    bool policyBroken = false; // a stored rule failed to parse: deny rather than guess
    QString policyError;

    bool checkIps = false;
    IpRuleSet ips;
    bool checkWindow = false;
    TimeWindow window;
    PermissionSet permissions;
    std::unique_ptr<RateLimiterSet> limits;

    QTimeZone zone = QTimeZone::utc();
    qint64 maxUses = -1;
    std::optional<Quota> refill;
    std::optional<Quota> quota;
    KeyPolicy policy; // kept to decide whether a refresh may keep the live state

    QMutex counters;
    qint64 usesConsumed = 0;
    qint64 usesPeriodStart = 0;
    qint64 usesPeriodEnd = 0; // cached: recomputing periods goes through QTimeZone
    qint64 quotaUsed = 0;
    qint64 quotaPeriodStart = 0;
    qint64 quotaPeriodEnd = 0;

    bool hasCounters() const { return maxUses >= 0 || quota.has_value(); }
};

VerificationEngine::VerificationEngine(const crypto::HmacSha256& pepper, const Clock& clock)
    : m_pepper(pepper), m_clock(clock)
{
}

VerificationEngine::~VerificationEngine() = default;

std::shared_ptr<VerificationEngine::KeyState> VerificationEngine::build(const KeyRuntimeSpec& spec,
                                                                        const KeyState* previous) const
{
    auto s = std::make_shared<KeyState>();
    s->id = spec.id;
    s->displayId = spec.displayId;
    s->owner = spec.owner;
    s->project = spec.project;
    s->environment = spec.environment;
    s->status = spec.status;
    s->expiresAt = spec.expiresAt;
    s->services = spec.services;
    s->unitPriceMicros = spec.unitPriceMicros;
    s->policy = spec.policy;
    const KeyPolicy& p = spec.policy;
    s->graceMs = p.graceMs.value_or(0);
    auto broken = [&](const QString& why) {
        s->policyBroken = true;
        s->policyError = why;
    };
    if (p.allowIps || p.denyIps) {
        auto r = IpRuleSet::parse(p.allowIps.value_or(QStringList()), p.denyIps.value_or(QStringList()));
        if (r) {
            s->ips = std::move(*r);
            s->checkIps = true;
        } else {
            broken(r.errorMessage());
        }
    }
    if (p.hours || p.days) {
        auto w =
            TimeWindow::parse(p.hours.value_or(QString()), p.days.value_or(QString()), p.timeZone.value_or(QString()));
        if (w) {
            s->window = std::move(*w);
            s->checkWindow = true;
        } else {
            broken(w.errorMessage());
        }
    }
    if (p.permissions) {
        auto perms = PermissionSet::parse(*p.permissions);
        if (perms)
            s->permissions = std::move(*perms);
        else
            broken(perms.errorMessage());
    }
    if (p.timeZone && !p.timeZone->isEmpty()) {
        const QTimeZone z(p.timeZone->toUtf8());
        if (z.isValid())
            s->zone = z;
        else
            broken(QStringLiteral("unknown time zone %1").arg(*p.timeZone));
    }
    if (p.rateLimits && !p.rateLimits->isEmpty())
        s->limits = std::make_unique<RateLimiterSet>(*p.rateLimits);
    // With a refill the allowance per period is the refill amount; without, maxUses is a lifetime total.
    s->refill = p.refill;
    s->maxUses = p.refill ? p.refill->amount : p.maxUses.value_or(-1);
    s->quota = p.quota;

    // Counters: the persisted values, unless this engine already holds newer ones for the same rules.
    s->usesConsumed = spec.usesConsumed;
    s->usesPeriodStart = spec.usesPeriodStart;
    s->quotaUsed = spec.quotaUsed;
    s->quotaPeriodStart = spec.quotaPeriodStart;
    if (previous) {
        auto* prev = const_cast<KeyState*>(previous);
        QMutexLocker lock(&prev->counters);
        // What was used stays used when only the allowance changes; a different period kind or zone starts
        // counting afresh.
        const bool samePeriod = prev->zone == s->zone;
        const bool sameUses = samePeriod && (prev->maxUses >= 0) == (s->maxUses >= 0) &&
                              prev->refill.has_value() == s->refill.has_value() &&
                              (!s->refill || prev->refill->period == s->refill->period);
        if (sameUses) {
            s->usesConsumed = prev->usesConsumed;
            s->usesPeriodStart = prev->usesPeriodStart;
            s->usesPeriodEnd = prev->usesPeriodEnd;
        }
        if (samePeriod && prev->quota.has_value() == s->quota.has_value() &&
            (!s->quota || prev->quota->period == s->quota->period)) {
            s->quotaUsed = prev->quotaUsed;
            s->quotaPeriodStart = prev->quotaPeriodStart;
            s->quotaPeriodEnd = prev->quotaPeriodEnd;
        }
        // Rate-limit state carries over when the limits are the same, so editing a key's metadata does
        // not hand out a fresh burst.
        if (prev->limits && s->limits && prev->policy.rateLimits == s->policy.rateLimits)
            s->limits = std::move(prev->limits);
    }
    return s;
}

void VerificationEngine::replaceAll(const QList<KeyRuntimeSpec>& specs)
{
    decltype(m_byHash) byHash;
    QHash<QString, crypto::Digest> byId;
    byHash.reserve(std::size_t(specs.size()));
    byId.reserve(specs.size());
    for (const auto& spec : specs) {
        byHash.emplace(spec.hash, build(spec, nullptr));
        byId.insert(spec.id, spec.hash);
    }
    std::unique_lock lock(m_lock);
    m_byHash.swap(byHash);
    m_hashById.swap(byId);
}

void VerificationEngine::upsert(const QList<KeyRuntimeSpec>& specs)
{
    std::unique_lock lock(m_lock);
    for (const auto& spec : specs) {
        std::shared_ptr<KeyState> previous;
        if (auto it = m_hashById.constFind(spec.id); it != m_hashById.cend()) {
            auto old = m_byHash.find(*it);
            if (old != m_byHash.end()) {
                previous = old->second;
                m_byHash.erase(old);
            }
        }
        m_byHash[spec.hash] = build(spec, previous.get());
        m_hashById.insert(spec.id, spec.hash);
    }
}

void VerificationEngine::remove(const QStringList& ids)
{
    std::unique_lock lock(m_lock);
    for (const QString& id : ids) {
        if (auto it = m_hashById.find(id); it != m_hashById.end()) {
            m_byHash.erase(*it);
            m_hashById.erase(it);
        }
    }
}

int VerificationEngine::size() const
{
    std::shared_lock lock(m_lock);
    return int(m_byHash.size());
}

qint64 VerificationEngine::usesConsumed(const QString& keyId) const
{
    std::shared_lock lock(m_lock);
    auto it = m_hashById.constFind(keyId);
    if (it == m_hashById.cend())
        return -1;
    auto st = m_byHash.find(*it);
    if (st == m_byHash.end())
        return -1;
    QMutexLocker counters(&st->second->counters);
    return st->second->usesConsumed;
}

void VerificationEngine::emitEvent(const KeyState* state, const VerifyContext& context, const VerifyResult& result,
                                   qint64 now, qint64 cost)
{
    if (!m_sink)
        return;
    UsageEvent e;
    e.timeMs = now;
    e.service = context.service;
    e.clientIp = context.clientIp;
    e.code = toString(result.code);
    if (state) {
        e.keyId = state->id;
        e.project = state->project;
        if (result.valid) {
            e.cost = cost;
            e.amountMicros = cost * state->unitPriceMicros.value(context.service, 0);
        }
    }
    m_sink(std::move(e));
}

VerifyResult VerificationEngine::verify(QByteArrayView secret, const VerifyContext& context)
{
    const qint64 now = context.timeMs ? context.timeMs : m_clock.nowMs();
    VerifyResult r;
    if (auto s = KeyFormat::check(secret); !s) {
        r.code = VerifyCode::Malformed;
        r.message = s.errorMessage();
        emitEvent(nullptr, context, r, now, 0);
        return r;
    }
    if (context.cost < 0) {
        r.code = VerifyCode::Malformed;
        r.message = QStringLiteral("The request's cost must not be negative");
        emitEvent(nullptr, context, r, now, 0);
        return r;
    }
    const crypto::Digest digest = m_pepper.mac(secret);
    std::shared_ptr<KeyState> holder;
    {
        std::shared_lock lock(m_lock);
        auto it = m_byHash.find(digest);
        if (it != m_byHash.end())
            holder = it->second;
    }
    if (!holder) {
        r.code = VerifyCode::NotFound;
        r.message = QStringLiteral("No such key");
        emitEvent(nullptr, context, r, now, 0);
        return r;
    }
    KeyState& k = *holder;
    r.keyId = k.id;
    r.displayId = k.displayId;
    r.owner = k.owner;
    r.project = k.project;
    r.expiresAt = k.expiresAt;

    auto reject = [&](VerifyCode code, QString message = {}) -> VerifyResult {
        r.valid = false;
        r.code = code;
        r.message = std::move(message);
        emitEvent(&k, context, r, now, 0);
        return r;
    };

    if (k.status == KeyStatus::Revoked)
        return reject(VerifyCode::Revoked);
    if (k.status == KeyStatus::Suspended)
        return reject(VerifyCode::Suspended);
    if (k.expiresAt != 0 && now >= k.expiresAt) {
        if (now >= k.expiresAt + k.graceMs)
            return reject(VerifyCode::Expired);
        r.inGrace = true;
    }
    if (k.policyBroken)
        return reject(VerifyCode::InsufficientPermissions,
                      QStringLiteral("The key's policy could not be loaded: %1").arg(k.policyError));
    if (!context.environment.isEmpty() && context.environment != k.environment)
        return reject(VerifyCode::WrongEnvironment,
                      QStringLiteral("The key belongs to environment %1").arg(k.environment));
    if (!k.services.isEmpty() && !k.services.contains(context.service))
        return reject(VerifyCode::WrongService,
                      context.service.isEmpty()
                          ? QStringLiteral("The key is restricted to named services; the "
                                           "request names none")
                          : QStringLiteral("The key is not valid for service %1").arg(context.service));
    if (k.checkIps) {
        const auto ip = IpAddress::parse(QStringView(context.clientIp));
        if (!ip || !k.ips.permits(*ip))
            return reject(VerifyCode::ForbiddenIp, ip ? QStringLiteral("Client address not allowed for this key")
                                                      : QStringLiteral("The key requires a client address"));
    }
    if (k.checkWindow && !k.window.permits(now))
        return reject(VerifyCode::OutsideTimeWindow);
    for (const QString& p : context.permissions) {
        if (!k.permissions.grants(p))
            return reject(VerifyCode::InsufficientPermissions, QStringLiteral("Missing permission %1").arg(p));
    }

    const qint64 cost = context.cost;
    auto takeRate = [&]() -> bool {
        if (!k.limits)
            return true;
        const RateLimitState rl = k.limits->tryAcquire(now, cost);
        r.rateLimit = {true, rl.limit, rl.remaining, rl.resetAfterMs, rl.allowed ? 0 : rl.retryAfterMs};
        return rl.allowed;
    };

    if (!k.hasCounters()) {
        if (!takeRate())
            return reject(VerifyCode::RateLimited);
    } else {
        QMutexLocker lock(&k.counters);
        if (k.maxUses >= 0 && k.refill) {
            if (k.usesPeriodEnd == 0 || now >= k.usesPeriodEnd || now < k.usesPeriodStart) {
                const qint64 start = Quota::periodStart(k.refill->period, now, k.zone);
                // Periods only move forward: a decision stamped in an earlier period (a clock stepped back)
                // must not hand out a fresh allowance.
                if (start > k.usesPeriodStart) {
                    k.usesPeriodStart = start;
                    k.usesConsumed = 0;
                }
                k.usesPeriodEnd = Quota::periodEnd(k.refill->period, now, k.zone);
            }
        }
        if (k.maxUses >= 0 && k.usesConsumed + cost > k.maxUses) {
            r.remaining = std::max<qint64>(0, k.maxUses - k.usesConsumed);
            return reject(VerifyCode::UsageExceeded);
        }
        if (k.quota) {
            if (k.quotaPeriodEnd == 0 || now >= k.quotaPeriodEnd || now < k.quotaPeriodStart) {
                const qint64 start = Quota::periodStart(k.quota->period, now, k.zone);
                if (start > k.quotaPeriodStart) {
                    k.quotaPeriodStart = start;
                    k.quotaUsed = 0;
                }
                k.quotaPeriodEnd = Quota::periodEnd(k.quota->period, now, k.zone);
            }
            r.quota = {true, k.quota->amount, std::max<qint64>(0, k.quota->amount - k.quotaUsed), k.quotaPeriodEnd};
            if (k.quotaUsed + cost > k.quota->amount)
                return reject(VerifyCode::QuotaExceeded);
        }
        // Rate limits last: they are the only check that consumes on its own, and everything before
        // has passed, so a token taken here is never wasted on a request that is then refused.
        if (!takeRate())
            return reject(VerifyCode::RateLimited);
        if (k.maxUses >= 0) {
            k.usesConsumed += cost;
            r.remaining = k.maxUses - k.usesConsumed;
        }
        if (k.quota) {
            k.quotaUsed += cost;
            r.quota.remaining = k.quota->amount - k.quotaUsed;
        }
        if (m_sink) {
            UsageEvent e;
            e.timeMs = now;
            e.keyId = k.id;
            e.project = k.project;
            e.service = context.service;
            e.clientIp = context.clientIp;
            e.code = toString(VerifyCode::Valid);
            e.cost = cost;
            e.amountMicros = cost * k.unitPriceMicros.value(context.service, 0);
            if (k.maxUses >= 0) {
                e.usesConsumed = k.usesConsumed;
                e.usesPeriodStart = k.usesPeriodStart;
            }
            if (k.quota) {
                e.quotaUsed = k.quotaUsed;
                e.quotaPeriodStart = k.quotaPeriodStart;
            }
            m_sink(std::move(e));
        }
        r.valid = true;
        r.code = VerifyCode::Valid;
        return r;
    }
    r.valid = true;
    r.code = VerifyCode::Valid;
    emitEvent(&k, context, r, now, cost);
    return r;
}

} // namespace kw
