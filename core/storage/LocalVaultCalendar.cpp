// LocalVault, part six: the expiration calendar and the schedule of automatic rotations, counted in SQL.
//
// A key's grace period and rotation interval are inherited (workspace -> project -> environment -> key template ->
// key). The inherited part depends only on (environment, key template), so it is resolved once per such pair here
// and handed to SQL as a small VALUES table; the key's own values are columns (keys.grace_ms, keys.rotate_every_ms).
// Every count is then one indexed GROUP BY, whatever the number of keys.
#include "storage/LocalVault.h"

#include "storage/KeyFilterSql.h"
#include "storage/SqlUtil.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kMaxUtcOffsetSeconds = 14 * 3600;

} // namespace

Result<LocalVault::InheritedTiming> LocalVault::inheritedTiming()
{
    InheritedTiming out;
    auto envs = sql::exec(m_vault->db(), QStringLiteral("SELECT id, project_id FROM environments"), {},
                          QStringLiteral("list environments"));
    if (!envs)
        return envs.error();
    QList<std::pair<qint64, qint64>> pairs;
    while (envs->next())
        pairs.append({envs->value(0).toLongLong(), envs->value(1).toLongLong()});
    auto templates = m_policies.templates();
    if (!templates)
        return templates.error();
    QStringList names{QStringLiteral("")}; // "" stands for "no key template" (keys.template IS NULL)
    for (const auto& t : *templates)
        names << t.name;
    QStringList rows;
    for (const auto& [envId, projectId] : pairs) {
        for (const QString& tmpl : names) {
            auto eff = m_policies.effective(projectId, envId, tmpl, KeyPolicy{});
            if (!eff)
                return eff.error();
            if (!eff->graceMs && !eff->rotateEveryMs)
                continue;
            rows << QStringLiteral("(?, ?, ?, ?)");
            out.binds << envId << tmpl << QVariant(eff->graceMs.value_or(0))
                      << (eff->rotateEveryMs ? QVariant(*eff->rotateEveryMs) : QVariant(QMetaType::fromType<qint64>()));
            if (eff->rotateEveryMs)
                out.rotationIntervals.insert(*eff->rotateEveryMs);
        }
    }
    if (!rows.isEmpty()) {
        out.with = QStringLiteral("WITH inh (env_id, tmpl, grace_ms, rotate_ms) AS (VALUES %1) ").arg(rows.join(u','));
        out.join =
            QStringLiteral(" LEFT JOIN inh i ON i.env_id = k.environment_id AND i.tmpl = COALESCE(k.template, '')");
        out.grace = QStringLiteral("COALESCE(k.grace_ms, i.grace_ms, 0)");
        out.rotation = QStringLiteral("COALESCE(k.rotate_every_ms, i.rotate_ms)");
    } else {
        out.grace = QStringLiteral("COALESCE(k.grace_ms, 0)");
        out.rotation = QStringLiteral("k.rotate_every_ms");
    }
    // Intervals the keys set themselves.
    auto own = sql::exec(m_vault->db(),
                         QStringLiteral("SELECT DISTINCT rotate_every_ms FROM keys WHERE rotate_every_ms IS NOT NULL"),
                         {}, QStringLiteral("read the keys' rotation intervals"));
    if (!own)
        return own.error();
    while (own->next())
        out.rotationIntervals.insert(own->value(0).toLongLong());
    return out;
}

Result<sql::Condition> LocalVault::scopeCondition(const KeyFilter& scope)
{
    KeyFilter f = scope;
    f.limit = 0;
    f.offset = 0;
    auto parent = filterParent(f);
    if (!parent)
        return parent.error();
    return sql::keyFilterCondition(f, m_clock.nowMs(), *parent);
}

Status LocalVault::forEachScheduledRotation(const KeyFilter& scope, qint64 fromMs, qint64 toMs, bool perDay,
                                            int utcOffsetSeconds,
                                            const std::function<void(const QSqlQuery&, qint64 interval)>& row)
{
    if (fromMs >= toMs)
        return {};
    auto condition = scopeCondition(scope);
    if (!condition)
        return condition.error();
    auto timing = inheritedTiming();
    if (!timing)
        return timing.error();
    const qint64 now = m_clock.nowMs();
    // One indexed range per interval: a key rotating every R is due in [from, to) iff it was created in
    // [from - R, to - R) (keys_by_creation).
    QList<qint64> intervals(timing->rotationIntervals.cbegin(), timing->rotationIntervals.cend());
    std::sort(intervals.begin(), intervals.end());
    for (const qint64 interval : intervals) {
        if (interval <= 0)
            continue;
        const QString due = QStringLiteral("(k.created_at + %1)").arg(interval);
        QString select;
        QVariantList binds = timing->binds;
        if (perDay) {
            select =
                QStringLiteral("SELECT (%1 + ?) / %2, COUNT(*) FROM keys k%3").arg(due).arg(kDayMs).arg(timing->join);
            binds << utcOffsetSeconds * 1000ll;
        } else {
            select = QStringLiteral(
                         "SELECT k.id, k.display_id, k.name, p.name, e.name, k.owner, %1 FROM keys k "
                         "JOIN projects p ON p.id = k.project_id JOIN environments e ON e.id = k.environment_id%2")
                         .arg(due, timing->join);
        }
        QString where =
            QStringLiteral(" WHERE k.status = 'active' AND k.created_at >= ? AND k.created_at < ? AND %1 = ? "
                           "AND k.successor_id IS NULL AND (k.expires_at IS NULL OR (k.expires_at > ? AND "
                           "k.expires_at > %2))")
                .arg(timing->rotation, due);
        // Bounds clamped so that from - R cannot overflow.
        binds << std::max(fromMs, std::numeric_limits<qint64>::min() / 2) - interval
              << std::min(toMs, std::numeric_limits<qint64>::max() / 2) - interval << interval << now;
        if (!condition->where.isEmpty()) {
            where += QStringLiteral(" AND ") + condition->where;
            binds += condition->binds;
        }
        const QString tail = perDay ? QStringLiteral(" GROUP BY 1") : QString();
        auto q = sql::exec(m_vault->db(), timing->with + select + where + tail, binds,
                           QStringLiteral("find scheduled rotations"));
        if (!q)
            return q.error();
        while (q->next())
            row(*q, interval);
    }
    return {};
}

Result<QList<ExpiryDay>> LocalVault::expiryCalendar(const KeyFilter& scope, qint64 fromMs, qint64 toMs,
                                                    int utcOffsetSeconds)
{
    if (fromMs >= toMs)
        return Error::invalid(QStringLiteral("The calendar range ends before it starts"));
    if (std::abs(utcOffsetSeconds) > kMaxUtcOffsetSeconds)
        return Error::invalid(QStringLiteral("The UTC offset %1 s is outside -14 h .. +14 h").arg(utcOffsetSeconds));
    auto condition = scopeCondition(scope);
    if (!condition)
        return condition.error();
    auto timing = inheritedTiming();
    if (!timing)
        return timing.error();
    const qint64 now = m_clock.nowMs();
    const qint64 offsetMs = utcOffsetSeconds * 1000ll;
    QMap<qint64, ExpiryDay> days; // by local day number

    // Expiries, from keys_by_expiry. A key is in its grace period when its expiry has passed and expiry + grace has
    // not; both are compared with now in SQL.
    QVariantList binds = timing->binds;
    binds << offsetMs << now << now;
    QString text = timing->with +
                   QStringLiteral("SELECT (k.expires_at + ?) / %1, COUNT(*), SUM(CASE WHEN k.expires_at <= ? AND "
                                  "k.expires_at + %2 > ? THEN 1 ELSE 0 END) FROM keys k%3 WHERE k.expires_at >= ? AND "
                                  "k.expires_at < ? AND k.status <> 'revoked'")
                       .arg(kDayMs)
                       .arg(timing->grace, timing->join);
    binds << fromMs << toMs;
    if (!condition->where.isEmpty()) {
        text += QStringLiteral(" AND ") + condition->where;
        binds += condition->binds;
    }
    text += QStringLiteral(" GROUP BY 1");
    auto q = sql::exec(m_vault->db(), text, binds, QStringLiteral("count expiries per day"));
    if (!q)
        return q.error();
    while (q->next()) {
        ExpiryDay& d = days[q->value(0).toLongLong()];
        d.expiring += q->value(1).toLongLong();
        d.inGrace += q->value(2).toLongLong();
    }

    if (auto s = forEachScheduledRotation(scope, fromMs, toMs, true, utcOffsetSeconds,
                                          [&days](const QSqlQuery& r, qint64) {
                                              days[r.value(0).toLongLong()].rotations += r.value(1).toLongLong();
                                          });
        !s)
        return s.error();

    QList<ExpiryDay> out;
    out.reserve(days.size());
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        ExpiryDay d = it.value();
        d.dayStartMs = it.key() * kDayMs - offsetMs;
        out.append(d);
    }
    return out;
}

Result<QList<ScheduledRotation>> LocalVault::scheduledRotations(const KeyFilter& scope, qint64 fromMs, qint64 toMs)
{
    if (fromMs >= toMs)
        return Error::invalid(QStringLiteral("The rotation schedule's range ends before it starts"));
    QList<ScheduledRotation> out;
    if (auto s = forEachScheduledRotation(
            scope, fromMs, toMs, false, 0,
            [&out](const QSqlQuery& r, qint64) {
                out.append({r.value(0).toString(), r.value(1).toString(), r.value(2).toString(), r.value(3).toString(),
                            r.value(4).toString(), r.value(5).toString(), r.value(6).toLongLong()});
            });
        !s)
        return s.error();
    std::sort(out.begin(), out.end(), [](const ScheduledRotation& a, const ScheduledRotation& b) {
        return a.dueAt != b.dueAt ? a.dueAt < b.dueAt : a.keyId < b.keyId;
    });
    // A key is listed under one interval only (its effective one), so no duplicates can arise.
    if (scope.limit > 0 && out.size() > scope.limit)
        out.resize(scope.limit);
    return out;
}

} // namespace kw
