// LocalVault, part six: the expiration calendar and the schedule of automatic rotations, counted in SQL.
//
// A key's grace period and rotation interval are inherited (workspace -> project -> environment -> key template ->
// key). The inherited part depends only on (environment, key template), so it is resolved here once per such pair
// and handed to SQL as conditions on environment_id and template; the key's own values are columns (keys.grace_ms,
// keys.rotate_every_ms). Every count is then a GROUP BY over an index that holds all it reads (keys_by_expiry,
// keys_by_rotation), whatever the number of keys.
#include "storage/LocalVault.h"

#include "storage/KeyFilterSql.h"
#include "storage/SqlUtil.h"

#include <algorithm>
#include <limits>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kMaxUtcOffsetSeconds = 14 * 3600;

// "keys whose (environment, key template) is one of these": template "" stands for none. Template names are
// restricted to [A-Za-z0-9._-] when created, so quoting them inline is safe.
QString comboCondition(const QMap<QString, QList<qint64>>& environmentsByTemplate)
{
    QStringList parts;
    for (auto it = environmentsByTemplate.cbegin(); it != environmentsByTemplate.cend(); ++it) {
        QStringList ids;
        for (qint64 id : it.value())
            ids << QString::number(id);
        const QString tmpl = it.key().isEmpty()
                                 ? QStringLiteral("k.template IS NULL")
                                 : QStringLiteral("k.template = '%1'")
                                       .arg(QString(it.key()).replace(QStringLiteral("'"), QStringLiteral("''")));
        parts << QStringLiteral("(%1 AND k.environment_id IN (%2))").arg(tmpl, ids.join(u','));
    }
    return parts.isEmpty() ? QStringLiteral("0 = 1") : QStringLiteral("(%1)").arg(parts.join(QStringLiteral(" OR ")));
}

} // namespace

Result<LocalVault::InheritedTiming> LocalVault::inheritedTiming()
{
    InheritedTiming out;
    auto envs = sql::exec(m_vault->db(), QStringLiteral("SELECT id, project_id FROM environments ORDER BY id"), {},
                          QStringLiteral("list environments"));
    if (!envs)
        return envs.error();
    QList<std::pair<qint64, qint64>> pairs;
    while (envs->next())
        pairs.append({envs->value(0).toLongLong(), envs->value(1).toLongLong()});
    auto templates = m_policies.templates();
    if (!templates)
        return templates.error();
    QStringList names{QString()}; // no key template
    for (const auto& t : *templates)
        names << t.name;
    for (const auto& [envId, projectId] : pairs) {
        for (const QString& tmpl : names) {
            auto eff = m_policies.effective(projectId, envId, tmpl, KeyPolicy{});
            if (!eff)
                return eff.error();
            if (eff->graceMs.value_or(0) > 0)
                out.graceCombos[*eff->graceMs][tmpl] << envId;
            if (eff->rotateEveryMs.value_or(0) > 0)
                out.rotationCombos[*eff->rotateEveryMs][tmpl] << envId;
        }
    }
    // Intervals active keys set themselves (keys_by_rotation).
    auto own = sql::exec(m_vault->db(),
                         QStringLiteral("SELECT DISTINCT rotate_every_ms FROM keys WHERE status = 'active' AND "
                                        "rotate_every_ms IS NOT NULL"),
                         {}, QStringLiteral("read the keys' rotation intervals"));
    if (!own)
        return own.error();
    while (own->next())
        out.ownIntervals.insert(own->value(0).toLongLong());
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

Status LocalVault::forEachScheduledRotation(const KeyFilter& scope, qint64 fromMs, qint64 toMs, int utcOffsetSeconds,
                                            int limit, const std::function<void(const QSqlQuery&)>& row)
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
    const bool perDay = limit < 0;
    QSet<qint64> intervals = timing->ownIntervals;
    for (auto it = timing->rotationCombos.cbegin(); it != timing->rotationCombos.cend(); ++it)
        intervals.insert(it.key());
    QList<qint64> sorted(intervals.cbegin(), intervals.cend());
    std::sort(sorted.begin(), sorted.end());
    // Per interval R, keys that set R themselves and keys that inherit it: each an indexed range, since a key rotating
    // every R is due in [from, to) iff it was created in [from - R, to - R).
    for (const qint64 interval : sorted) {
        for (const bool own : {true, false}) {
            if (own && !timing->ownIntervals.contains(interval))
                continue;
            if (!own && !timing->rotationCombos.contains(interval))
                continue;
            const QString due = QStringLiteral("(k.created_at + %1)").arg(interval);
            QString where = QStringLiteral("k.status = 'active' AND ") +
                            (own ? QStringLiteral("k.rotate_every_ms = %1").arg(interval)
                                 : QStringLiteral("k.rotate_every_ms IS NULL AND ") +
                                       comboCondition(timing->rotationCombos.value(interval))) +
                            QStringLiteral(" AND k.created_at >= ? AND k.created_at < ? AND k.successor_id IS NULL AND "
                                           "(k.expires_at IS NULL OR (k.expires_at > ? AND k.expires_at > %1))")
                                .arg(due);
            // Bounds clamped so that from - R cannot overflow.
            QVariantList binds{std::max(fromMs, std::numeric_limits<qint64>::min() / 2) - interval,
                               std::min(toMs, std::numeric_limits<qint64>::max() / 2) - interval, now};
            if (!condition->where.isEmpty()) {
                where += QStringLiteral(" AND ") + condition->where;
                binds += condition->binds;
            }
            QString text;
            if (perDay) {
                text = QStringLiteral("SELECT (%1 + %2) / %3, COUNT(*) FROM keys k WHERE %4 GROUP BY 1")
                           .arg(due)
                           .arg(utcOffsetSeconds * 1000ll)
                           .arg(kDayMs)
                           .arg(where);
            } else {
                // The first `limit` by due time from the index alone, then the details of just those.
                text = QStringLiteral("SELECT k.id, k.display_id, k.name, p.name, e.name, k.owner, s.due FROM "
                                      "(SELECT k.id AS id, %1 AS due FROM keys k WHERE %2 ORDER BY 2, 1%3) s "
                                      "JOIN keys k ON k.id = s.id JOIN projects p ON p.id = k.project_id "
                                      "JOIN environments e ON e.id = k.environment_id")
                           .arg(due, where, limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString());
            }
            auto q = sql::exec(m_vault->db(), text, binds, QStringLiteral("find scheduled rotations"));
            if (!q)
                return q.error();
            while (q->next())
                row(*q);
        }
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
    // not; the grace period is worked out only for keys that have expired (CASE is lazy).
    QStringList inheritedGrace;
    for (auto it = timing->graceCombos.cbegin(); it != timing->graceCombos.cend(); ++it)
        inheritedGrace << QStringLiteral("WHEN %1 THEN %2").arg(comboCondition(it.value())).arg(it.key());
    const QString grace =
        inheritedGrace.isEmpty()
            ? QStringLiteral("COALESCE(k.grace_ms, 0)")
            : QStringLiteral("COALESCE(k.grace_ms, CASE %1 ELSE 0 END)").arg(inheritedGrace.join(u' '));
    QString text = QStringLiteral("SELECT (k.expires_at + ?) / %1, COUNT(*), SUM(CASE WHEN k.expires_at <= ? THEN "
                                  "(CASE WHEN k.expires_at + %2 > ? THEN 1 ELSE 0 END) ELSE 0 END) FROM keys k WHERE "
                                  "k.expires_at >= ? AND k.expires_at < ? AND k.status <> 'revoked'")
                       .arg(kDayMs)
                       .arg(grace);
    QVariantList binds{offsetMs, now, now, fromMs, toMs};
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

    if (auto s = forEachScheduledRotation(
            scope, fromMs, toMs, utcOffsetSeconds, -1,
            [&days](const QSqlQuery& r) { days[r.value(0).toLongLong()].rotations += r.value(1).toLongLong(); });
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
    if (scope.limit < 0)
        return Error::invalid(QStringLiteral("The limit must not be negative"));
    QList<ScheduledRotation> out;
    if (auto s = forEachScheduledRotation(
            scope, fromMs, toMs, 0, scope.limit,
            [&out](const QSqlQuery& r) {
                out.append({r.value(0).toString(), r.value(1).toString(), r.value(2).toString(), r.value(3).toString(),
                            r.value(4).toString(), r.value(5).toString(), r.value(6).toLongLong()});
            });
        !s)
        return s.error();
    // Each query gave its first `limit` by due time; a key belongs to one query only (its effective interval).
    std::sort(out.begin(), out.end(), [](const ScheduledRotation& a, const ScheduledRotation& b) {
        return a.dueAt != b.dueAt ? a.dueAt < b.dueAt : a.keyId < b.keyId;
    });
    if (scope.limit > 0 && out.size() > scope.limit)
        out.resize(scope.limit);
    return out;
}

} // namespace kw
