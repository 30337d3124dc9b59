// LocalVault::evaluateAlerts: every enabled alert rule over the vault's keys, usage rollups, raw usage events and
// audit status. Reads rollups and indexes, never scans raw events more than once (a cursor in meta).
#include "storage/LocalVault.h"

#include "policy/Duration.h"
#include "storage/SqlUtil.h"

#include <QHostAddress>
#include <QTimeZone>

namespace kw {

namespace {

constexpr qint64 kAuditCheckEveryMs = 3'600'000; // verify the chain at most hourly; in between, the recorded result
constexpr qint64 kGraceLookBackMs = 366 * usage::kDayMs;
constexpr int kNetworkBatch = 100'000;
const QString kNetworkCursor = QStringLiteral("alerts.network_cursor");

bool inScope(const AlertRule& rule, const QString& project, const QStringList& services)
{
    if (rule.project.isEmpty())
        return true;
    if (rule.project != project)
        return false;
    return rule.service.isEmpty() || services.contains(rule.service);
}

// The key's "network": a.b.c.0/24 for IPv4, the /64 prefix for IPv6; "" for anything else.
QString networkOf(const QString& ip)
{
    QHostAddress a;
    if (ip.isEmpty() || !a.setAddress(ip))
        return {};
    bool v4 = false;
    const quint32 v4addr = a.toIPv4Address(&v4);
    if (v4)
        return QHostAddress(v4addr & 0xFFFFFF00u).toString() + QStringLiteral("/24");
    if (a.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    Q_IPV6ADDR bytes = a.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

LocalVault::AlertDraft draftFor(const AlertRule& rule, const QString& dedupKey, const QString& title,
                                const QString& detail, bool once)
{
    LocalVault::AlertDraft d;
    d.alert.ruleId = rule.id;
    d.alert.kind = rule.kind;
    d.alert.severity = rule.severity;
    d.alert.dedupKey = dedupKey;
    d.alert.title = title;
    d.alert.detail = detail;
    d.once = once;
    d.notifyContacts = rule.notifyContacts;
    d.notifyOwner = rule.notifyOwner;
    return d;
}

void setKey(LocalVault::AlertDraft& d, const QString& id, const QString& project, const QStringList& services,
            const QString& owner)
{
    d.alert.keyId = id;
    d.alert.project = project;
    d.alert.service = services.value(0);
    d.ownerEmail = owner;
}

QString days(qint64 ms)
{
    return QString::number(double(ms) / usage::kDayMs, 'f', 1);
}

} // namespace

Result<QList<Alert>> LocalVault::evaluateAlerts(qint64 nowMs)
{
    if (nowMs <= 0)
        nowMs = m_clock.nowMs();
    auto rules = alertRules();
    if (!rules)
        return rules.error();
    QList<AlertDraft> drafts;
    QHash<QString, std::optional<KeyRecord>> keyCache;
    auto keyFor = [&](const QString& id) -> std::optional<KeyRecord> {
        auto it = keyCache.find(id);
        if (it != keyCache.end())
            return *it;
        auto k = key(id);
        std::optional<KeyRecord> v = k ? std::optional<KeyRecord>(*k) : std::nullopt;
        keyCache.insert(id, v);
        return v;
    };
    QList<AlertRule> networkRules;
    for (const AlertRule& rule : *rules) {
        if (!rule.enabled)
            continue;
        switch (rule.kind) {
        case AlertKind::ExpiryWithin: {
            if (rule.thresholds.isEmpty())
                break;
            const qint64 maxDays = *std::max_element(rule.thresholds.begin(), rule.thresholds.end());
            KeyFilter f;
            f.project = rule.project;
            f.service = rule.service;
            f.expiresAfterMs = nowMs + 1;
            f.expiresBeforeMs = nowMs + maxDays * usage::kDayMs;
            auto ks = keys(f);
            if (!ks)
                return ks.error();
            for (const KeyRecord& k : *ks) {
                const qint64 remaining = k.expiresAt - nowMs;
                qint64 tightest = 0;
                for (qint64 t : rule.thresholds)
                    if (remaining <= t * usage::kDayMs && (tightest == 0 || t < tightest))
                        tightest = t;
                if (tightest == 0)
                    continue;
                auto d = draftFor(
                    rule, QStringLiteral("expiry_within:%1:%2:%3d").arg(k.id).arg(k.expiresAt).arg(tightest),
                    QStringLiteral("Key %1 (%2) expires within %3 day(s)").arg(k.displayId, k.name).arg(tightest),
                    QStringLiteral("Key %1 \"%2\" of %3/%4 expires at %5 (in %6 days).")
                        .arg(k.displayId, k.name, k.project, k.environment,
                             QDateTime::fromMSecsSinceEpoch(k.expiresAt, QTimeZone::utc()).toString(Qt::ISODate),
                             days(remaining)),
                    true);
                setKey(d, k.id, k.project, k.services, k.owner);
                drafts.append(d);
            }
            break;
        }
        case AlertKind::GraceEntered: {
            KeyFilter f;
            f.project = rule.project;
            f.service = rule.service;
            f.expiresAfterMs = nowMs - kGraceLookBackMs;
            f.expiresBeforeMs = nowMs;
            auto ks = keys(f);
            if (!ks)
                return ks.error();
            for (const KeyRecord& k : *ks) {
                if (!k.inGrace(nowMs) || k.status == KeyStatus::Suspended)
                    continue;
                auto d = draftFor(
                    rule, QStringLiteral("grace_entered:%1:%2").arg(k.id).arg(k.expiresAt),
                    QStringLiteral("Key %1 (%2) expired and is in its grace period").arg(k.displayId, k.name),
                    QStringLiteral("Key %1 \"%2\" of %3/%4 expired at %5; it stops working at %6.")
                        .arg(k.displayId, k.name, k.project, k.environment,
                             QDateTime::fromMSecsSinceEpoch(k.expiresAt, QTimeZone::utc()).toString(Qt::ISODate),
                             QDateTime::fromMSecsSinceEpoch(k.expiresAt + k.graceMs, QTimeZone::utc())
                                 .toString(Qt::ISODate)),
                    true);
                setKey(d, k.id, k.project, k.services, k.owner);
                drafts.append(d);
            }
            break;
        }
        case AlertKind::QuotaAbove: {
            auto q = sql::exec(m_vault->db(),
                               QStringLiteral("SELECT id FROM keys WHERE quota_used > 0 AND status <> 'revoked'"), {},
                               QStringLiteral("read the keys' quota use"));
            if (!q)
                return q.error();
            QStringList ids;
            while (q->next())
                ids << q->value(0).toString();
            if (ids.isEmpty())
                break;
            auto specs = runtimeSpecs(ids);
            if (!specs)
                return specs.error();
            for (const KeyRuntimeSpec& s : *specs) {
                if (!s.policy.quota || s.policy.quota->amount <= 0 || !inScope(rule, s.project, s.services))
                    continue;
                const QTimeZone zone = s.policy.timeZone ? QTimeZone(s.policy.timeZone->toUtf8()) : QTimeZone::utc();
                if (nowMs >= Quota::periodEnd(s.policy.quota->period, s.quotaPeriodStart, zone))
                    continue; // a past period: the counter restarts with the next use
                const qint64 percent = s.quotaUsed * 100 / s.policy.quota->amount;
                if (percent < rule.threshold())
                    continue;
                auto d = draftFor(
                    rule,
                    QStringLiteral("quota_above:%1:%2:%3").arg(s.id).arg(s.quotaPeriodStart).arg(rule.threshold()),
                    QStringLiteral("Key %1 used %2% of its quota").arg(s.displayId).arg(percent),
                    QStringLiteral("Key %1 of %2 used %3 of its quota of %4 in the current period "
                                   "(threshold %5%).")
                        .arg(s.displayId, s.project)
                        .arg(s.quotaUsed)
                        .arg(s.policy.quota->toString())
                        .arg(rule.threshold()),
                    true);
                setKey(d, s.id, s.project, s.services, s.owner);
                drafts.append(d);
            }
            break;
        }
        case AlertKind::RateLimitedAbove:
        case AlertKind::ErrorBurst: {
            const bool rate = rule.kind == AlertKind::RateLimitedAbove;
            const qint64 from = usage::bucketStart(nowMs - rule.windowMs, usage::kMinuteMs);
            auto q = sql::exec(
                m_vault->db(),
                rate ? QStringLiteral("SELECT scope_id, SUM(requests), SUM(requests) FROM usage_rollups WHERE "
                                      "granularity = 'm' AND scope = 'k' AND code = 'RATE_LIMITED' AND bucket >= ? "
                                      "AND bucket <= ? GROUP BY scope_id HAVING SUM(requests) >= ?")
                     : QStringLiteral("SELECT scope_id, SUM(errors), SUM(requests) FROM usage_rollups WHERE "
                                      "granularity = 'm' AND scope = 'k' AND bucket >= ? AND bucket <= ? "
                                      "GROUP BY scope_id HAVING SUM(errors) >= ?"),
                {from, nowMs, rule.threshold()}, QStringLiteral("read the usage rollups"));
            if (!q)
                return q.error();
            while (q->next()) {
                const QString id = q->value(0).toString();
                const qint64 count = q->value(1).toLongLong();
                const qint64 requests = q->value(2).toLongLong();
                if (!rate && rule.thresholds.size() > 1 &&
                    (requests <= 0 || count * 100 / requests < rule.threshold(1)))
                    continue;
                const auto k = keyFor(id);
                if (!k || !inScope(rule, k->project, k->services))
                    continue;
                const QString window = Duration::format(rule.windowMs);
                auto d = rate
                             ? draftFor(rule, QStringLiteral("rate_limited_above:%1").arg(id),
                                        QStringLiteral("Key %1 was rate limited %2 times in %3")
                                            .arg(k->displayId)
                                            .arg(count)
                                            .arg(window),
                                        QStringLiteral("Key %1 \"%2\" of %3 got %4 RATE_LIMITED answers in the last %5 "
                                                       "(threshold %6).")
                                            .arg(k->displayId, k->name, k->project)
                                            .arg(count)
                                            .arg(window)
                                            .arg(rule.threshold()),
                                        false)
                             : draftFor(rule, QStringLiteral("error_burst:%1").arg(id),
                                        QStringLiteral("Key %1: %2 upstream errors in %3")
                                            .arg(k->displayId)
                                            .arg(count)
                                            .arg(window),
                                        QStringLiteral("Key %1 \"%2\" of %3: %4 upstream errors out of %5 requests in "
                                                       "the last %6 (threshold %7).")
                                            .arg(k->displayId, k->name, k->project)
                                            .arg(count)
                                            .arg(requests)
                                            .arg(window)
                                            .arg(rule.threshold()),
                                        false);
                setKey(d, k->id, k->project, k->services, k->owner);
                drafts.append(d);
            }
            break;
        }
        case AlertKind::Anomaly: {
            const UsageScope scope = rule.project.isEmpty()   ? UsageScope::All
                                     : rule.service.isEmpty() ? UsageScope::Project
                                                              : UsageScope::Service;
            const QString scopeId = rule.service.isEmpty() ? rule.project : rule.project + '/' + rule.service;
            auto found = usageAnomalies(scope, scopeId, nowMs - rule.windowMs, nowMs);
            if (!found)
                return found.error();
            for (const UsageAnomaly& an : *found) {
                const auto k = keyFor(an.keyId);
                if (!k)
                    continue;
                auto d = draftFor(
                    rule, QStringLiteral("anomaly:%1:%2:%3").arg(an.keyId, an.kind).arg(an.timeMs),
                    QStringLiteral("Unusual traffic (%1) for key %2").arg(an.kind, k->displayId),
                    QStringLiteral("Key %1 \"%2\" of %3: %4 (observed %5, expected %6) at %7.")
                        .arg(k->displayId, k->name, k->project, an.detail)
                        .arg(an.observed)
                        .arg(an.expected, 0, 'f', 1)
                        .arg(QDateTime::fromMSecsSinceEpoch(an.timeMs, QTimeZone::utc()).toString(Qt::ISODate)),
                    true);
                setKey(d, k->id, k->project, k->services, k->owner);
                drafts.append(d);
            }
            break;
        }
        case AlertKind::NewClientNetwork:
            networkRules.append(rule);
            break;
        case AlertKind::AuditChainBroken: {
            auto status = auditStatus();
            if (!status)
                return status.error();
            bool intact = status->lastVerifiedIntact;
            qint64 firstBad = status->lastVerifiedFirstBadSeq;
            QString problem;
            if (status->lastVerifiedAt == 0 || nowMs - status->lastVerifiedAt >= kAuditCheckEveryMs) {
                auto v = verifyAudit();
                if (!v)
                    return v.error();
                intact = v->intact;
                firstBad = v->firstBadSeq;
                problem = v->problem;
            }
            if (intact)
                break;
            drafts.append(draftFor(rule, QStringLiteral("audit_chain_broken:%1").arg(firstBad),
                                   QStringLiteral("The audit trail is broken at entry %1").arg(firstBad),
                                   QStringLiteral("Verification of the audit trail failed at entry %1%2. Entries may "
                                                  "have been edited, deleted or reordered.")
                                       .arg(firstBad)
                                       .arg(problem.isEmpty() ? QString() : QStringLiteral(": ") + problem),
                                   false));
            break;
        }
        case AlertKind::BadKeyRepeated:
            break; // counted by keywardend on the verify path (BadKeyMonitor), recorded through recordAlerts
        }
    }

    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    if (!networkRules.isEmpty()) {
        qint64 cursor = 0;
        auto c = sql::exec(m_vault->db(), QStringLiteral("SELECT value FROM meta WHERE name = ?"), {kNetworkCursor},
                           QStringLiteral("read the network cursor"));
        if (!c)
            return c.error();
        const bool hasCursor = c->next();
        if (hasCursor)
            cursor = c->value(0).toLongLong();
        auto ev = sql::exec(m_vault->db(),
                            QStringLiteral("SELECT id, key_id, project, service, ip FROM usage_events WHERE id > ? AND "
                                           "key_id <> '' AND ip <> '' ORDER BY id LIMIT %1")
                                .arg(kNetworkBatch),
                            {cursor}, QStringLiteral("read the usage events"));
        if (!ev)
            return ev.error();
        QHash<QString, QSet<QString>> known;
        while (ev->next()) {
            cursor = ev->value(0).toLongLong();
            const QString keyId = ev->value(1).toString();
            const QString network = networkOf(ev->value(4).toString());
            if (network.isEmpty())
                continue;
            if (!known.contains(keyId)) {
                auto n = sql::exec(m_vault->db(), QStringLiteral("SELECT network FROM key_networks WHERE key_id = ?"),
                                   {keyId}, QStringLiteral("read the key's networks"));
                if (!n)
                    return n.error();
                QSet<QString> set;
                while (n->next())
                    set.insert(n->value(0).toString());
                known.insert(keyId, set);
            }
            QSet<QString>& nets = known[keyId];
            if (nets.contains(network))
                continue;
            const bool firstEver = nets.isEmpty();
            nets.insert(network);
            if (auto ins =
                    sql::exec(m_vault->db(),
                              QStringLiteral("INSERT INTO key_networks (key_id, network, first_seen) VALUES (?, ?, ?)"),
                              {keyId, network, nowMs}, QStringLiteral("record the key's network"));
                !ins)
                return ins.error();
            if (firstEver)
                continue; // a key's first network is where it lives, not news
            const auto k = keyFor(keyId);
            if (!k)
                continue;
            for (const AlertRule& rule : networkRules) {
                if (!inScope(rule, k->project, k->services))
                    continue;
                auto d =
                    draftFor(rule, QStringLiteral("new_client_network:%1:%2").arg(keyId, network),
                             QStringLiteral("Key %1 used from a new network %2").arg(k->displayId, network),
                             QStringLiteral("Key %1 \"%2\" of %3 was used from %4 (network %5), where it was never "
                                            "used before.")
                                 .arg(k->displayId, k->name, k->project, ev->value(4).toString(), network),
                             true);
                setKey(d, k->id, k->project, k->services, k->owner);
                d.alert.sourceIp = ev->value(4).toString();
                drafts.append(d);
                break;
            }
        }
        auto w = sql::exec(m_vault->db(),
                           hasCursor ? QStringLiteral("UPDATE meta SET value = ? WHERE name = ?")
                                     : QStringLiteral("INSERT INTO meta (value, name) VALUES (?, ?)"),
                           {cursor, kNetworkCursor}, QStringLiteral("store the network cursor"));
        if (!w)
            return w.error();
    }
    auto changed = recordAlerts(drafts, nowMs);
    if (!changed)
        return changed.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return changed;
}

} // namespace kw
