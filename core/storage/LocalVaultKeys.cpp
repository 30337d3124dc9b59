// LocalVault, part five: services, key filters, counts for the console's tree, and edits of a key's descriptive
// fields.
#include "storage/LocalVault.h"

#include "domain/Names.h"
#include "storage/KeyFilterSql.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

namespace kw {

namespace {

QString compactJson(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QStringList sortedUnique(QStringList list)
{
    list.sort();
    list.removeDuplicates();
    return list;
}

} // namespace

// ---- services -----------------------------------------------------------------------------------

Result<Service> LocalVault::createService(const QString& project, const QString& name)
{
    if (auto s = names::validateService(name); !s)
        return s.error();
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    auto existing = sql::exec(m_vault->db(), QStringLiteral("SELECT 1 FROM services WHERE project_id = ? AND name = ?"),
                              {*pid, name}, QStringLiteral("look up service"));
    if (!existing)
        return existing.error();
    if (existing->next())
        return Error::conflict(QStringLiteral("Service \"%1\" already exists in project \"%2\"").arg(name, project));
    sql::Transaction tx(m_vault->db());
    auto id = ensureService(*pid, name);
    if (!id)
        return id.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit organizationChanged();
    return Service{*id, project, name};
}

Result<QList<Service>> LocalVault::services(const QString& project)
{
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    auto q =
        sql::exec(m_vault->db(), QStringLiteral("SELECT id, name FROM services WHERE project_id = ? ORDER BY name"),
                  {*pid}, QStringLiteral("list services"));
    if (!q)
        return q.error();
    QList<Service> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), project, q->value(1).toString()});
    return out;
}

// ---- filters and counts -------------------------------------------------------------------------

Result<std::optional<QString>> LocalVault::filterParent(const KeyFilter& filter)
{
    // A client-address filter reads raw usage events: the ones still queued in the recorder count too.
    if (!filter.clientIp.isEmpty())
        if (auto s = flushUsage(); !s)
            return s.error();
    if (!filter.parentId)
        return std::optional<QString>();
    if (filter.parentId->trimmed().isEmpty())
        return std::optional<QString>(QString(QLatin1String("")));
    auto id = resolveKeyId(*filter.parentId);
    if (!id)
        return Error(id.error().code, QStringLiteral("Parent key: %1").arg(id.errorMessage()));
    return std::optional<QString>(*id);
}

Result<QList<KeyRecord>> LocalVault::keys(const KeyFilter& filter)
{
    auto parent = filterParent(filter);
    if (!parent)
        return parent.error();
    auto condition = sql::keyFilterCondition(filter, m_clock.nowMs(), *parent);
    if (!condition)
        return condition.error();
    if (filter.limit <= 0)
        return queryKeys(condition->where, condition->binds);
    // The page first, in list order, then the details of its keys only: what each row reads besides the key (its
    // services, dependencies and children) is then read for a page, not for every key that matches.
    const QString page =
        QStringLiteral("k.id IN (SELECT k.id FROM keys k JOIN projects p ON p.id = k.project_id "
                       "JOIN environments e ON e.id = k.environment_id%1 ORDER BY p.name, e.name, k.name, k.id "
                       "LIMIT %2 OFFSET %3)")
            .arg(condition->where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition->where,
                 QString::number(filter.limit), QString::number(std::max(0, filter.offset)));
    return queryKeys(page, condition->binds);
}

Result<qint64> LocalVault::countKeys(const KeyFilter& filter)
{
    auto parent = filterParent(filter);
    if (!parent)
        return parent.error();
    auto condition = sql::keyFilterCondition(filter, m_clock.nowMs(), *parent);
    if (!condition)
        return condition.error();
    QString text = QStringLiteral("SELECT COUNT(*) FROM keys k");
    if (!condition->where.isEmpty())
        text += QStringLiteral(" WHERE ") + condition->where;
    auto q = sql::exec(m_vault->db(), text, condition->binds, QStringLiteral("count keys"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<QList<KeyCount>> LocalVault::keyCounts(const KeyFilter& filter, KeyGrouping grouping)
{
    auto parent = filterParent(filter);
    if (!parent)
        return parent.error();
    const qint64 now = m_clock.nowMs();
    auto condition = sql::keyFilterCondition(filter, now, *parent);
    if (!condition)
        return condition.error();

    // Two aggregates over the keys_by_scope_status index, never over key rows: counts per stored status, and the
    // expired ones among the active and rotating (an index range on status and expiry). Grouping by the stored status
    // alone is several times cheaper than classifying every key in the query.
    // Columns of both: project id, group id (environment or service; NULL = bound to none), status ('' in the second),
    // count. A key bound to several services counts once in each.
    auto groups = [&](bool expiredOnly) {
        QStringList conditions;
        if (!condition->where.isEmpty())
            conditions << condition->where;
        if (expiredOnly)
            conditions << sql::expiredCondition();
        const QString all = conditions.join(QStringLiteral(" AND "));
        const QString where = all.isEmpty() ? QString() : QStringLiteral(" WHERE ") + all;
        const QString andWhere = all.isEmpty() ? QString() : QStringLiteral(" AND ") + all;
        const QString status = expiredOnly ? QStringLiteral("''") : QStringLiteral("k.status");
        const QString groupStatus = expiredOnly ? QString() : QStringLiteral(", k.status");
        if (grouping == KeyGrouping::Environment)
            return QStringLiteral("SELECT k.project_id, k.environment_id, %1, COUNT(*) FROM keys k%2 "
                                  "GROUP BY k.project_id, k.environment_id%3")
                .arg(status, where, groupStatus);
        return QStringLiteral("SELECT k.project_id, ks.service_id, %1, COUNT(*) FROM keys k "
                              "JOIN key_services ks ON ks.key_id = k.id%2 GROUP BY k.project_id, ks.service_id%4 "
                              "UNION ALL "
                              "SELECT k.project_id, NULL, %1, COUNT(*) FROM keys k "
                              "WHERE NOT EXISTS (SELECT 1 FROM key_services ks WHERE ks.key_id = k.id)%3 "
                              "GROUP BY k.project_id%4")
            .arg(status, where, andWhere, groupStatus);
    };
    auto bindsFor = [&](bool expiredOnly) {
        QVariantList b = condition->binds;
        if (expiredOnly)
            b << now;
        if (grouping == KeyGrouping::Service)
            b += b;
        return b;
    };

    // Names of the (few) groups, from the small organisation tables.
    QHash<qint64, std::pair<QString, QString>> projectNames; // id -> (team, project)
    QHash<qint64, QString> groupNames;
    {
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("SELECT p.id, t.name, p.name FROM projects p LEFT JOIN teams t ON t.id = "
                                          "p.team_id"),
                           {}, QStringLiteral("read projects"));
        if (!q)
            return q.error();
        while (q->next())
            projectNames.insert(q->value(0).toLongLong(), {q->value(1).toString(), q->value(2).toString()});
        auto g = sql::exec(m_vault->db(),
                           grouping == KeyGrouping::Environment ? QStringLiteral("SELECT id, name FROM environments")
                                                                : QStringLiteral("SELECT id, name FROM services"),
                           {}, QStringLiteral("read group names"));
        if (!g)
            return g.error();
        while (g->next())
            groupNames.insert(g->value(0).toLongLong(), g->value(1).toString());
    }

    QMap<std::pair<qint64, qint64>, KeyCount> counts; // (project id, group id or -1)
    for (const bool expiredOnly : {false, true}) {
        auto q = sql::exec(m_vault->db(), groups(expiredOnly), bindsFor(expiredOnly), QStringLiteral("count keys"));
        if (!q)
            return q.error();
        while (q->next()) {
            const qint64 pid = q->value(0).toLongLong();
            const qint64 gid = q->value(1).isNull() ? -1 : q->value(1).toLongLong();
            const qint64 n = q->value(3).toLongLong();
            KeyCount& c = counts[{pid, gid}];
            if (expiredOnly) {
                c.expired += n;
                c.active -= n;
                continue;
            }
            c.total += n;
            const QString status = q->value(2).toString();
            if (status == QLatin1String("suspended"))
                c.suspended += n;
            else if (status == QLatin1String("revoked"))
                c.revoked += n;
            else
                c.active += n; // active and rotating; the expired among them are moved out above
        }
    }
    QList<KeyCount> out;
    out.reserve(counts.size());
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        KeyCount c = it.value();
        const auto names = projectNames.value(it.key().first);
        c.team = names.first;
        c.project = names.second;
        if (grouping == KeyGrouping::Environment) {
            c.environment = groupNames.value(it.key().second);
        } else {
            c.environment = filter.environment;
            c.service = it.key().second < 0 ? QString() : groupNames.value(it.key().second);
        }
        out.append(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const KeyCount& a, const KeyCount& b) {
        return std::tie(a.team, a.project, a.environment, a.service) <
               std::tie(b.team, b.project, b.environment, b.service);
    });
    return out;
}

// ---- edits --------------------------------------------------------------------------------------

Result<KeyRecord> LocalVault::updateKey(const QString& ref, const KeyUpdate& update, const QString& reason)
{
    if (update.isEmpty())
        return Error::invalid(
            QStringLiteral("Nothing to change: give a new name, owner, tags, metadata, services or dependencies"));
    if (reason.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A reason is required (--reason)"));
    auto current = key(ref);
    if (!current)
        return current.error();
    if (current->status == KeyStatus::Revoked)
        return Error::conflict(QStringLiteral("Key %1 is revoked; revocation is final and its record is kept as it was")
                                   .arg(current->displayId));

    // Everything is checked before anything is written; the field names are what the audit entry records.
    QStringList changed;
    QString name = current->name;
    if (update.name) {
        if (auto s = names::validateKeyName(*update.name); !s)
            return s.error();
        name = update.name->trimmed();
        if (name != current->name)
            changed << QStringLiteral("name");
    }
    QString owner = current->owner;
    if (update.owner && *update.owner != current->owner) {
        owner = *update.owner;
        changed << QStringLiteral("owner");
    }
    QStringList tags = current->tags;
    if (update.tags) {
        QStringList next;
        for (const QString& t : *update.tags) {
            if (auto s = names::validateTag(t); !s)
                return s.error();
            next << t.trimmed();
        }
        if (next != current->tags) {
            tags = next;
            changed << QStringLiteral("tags");
        }
    }
    QJsonObject metadata = current->metadata;
    if (update.metadata && *update.metadata != current->metadata) {
        metadata = *update.metadata;
        changed << QStringLiteral("metadata");
    }
    std::optional<QStringList> services;
    if (update.services) {
        for (const QString& s : *update.services)
            if (auto v = names::validateService(s); !v)
                return v.error();
        const QStringList next = sortedUnique(*update.services);
        if (next != current->services) {
            services = next;
            changed << QStringLiteral("services");
        }
    }
    std::optional<QStringList> deps;
    if (update.dependsOn) {
        QStringList next;
        for (const QString& r : *update.dependsOn) {
            auto d = resolveKeyId(r);
            if (!d)
                return Error(d.error().code, QStringLiteral("Dependency: %1").arg(d.errorMessage()));
            if (*d == current->id)
                return Error::invalid(
                    QStringLiteral("Dependency: key %1 cannot depend on itself").arg(current->displayId));
            next << *d;
        }
        next = sortedUnique(next);
        if (next != current->dependsOn) {
            deps = next;
            changed << QStringLiteral("dependsOn");
        }
    }
    if (changed.isEmpty())
        return current; // every given value is the current one: nothing to write or audit

    auto pid = projectId(current->project);
    if (!pid)
        return pid.error();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto upd = sql::exec(
        m_vault->db(), QStringLiteral("UPDATE keys SET name = ?, owner = ?, tags = ?, metadata = ? WHERE id = ?"),
        {name, owner, compactJson(QJsonArray::fromStringList(tags)), compactJson(metadata), current->id},
        QStringLiteral("update the key"));
    if (!upd)
        return upd.error();
    if (services) {
        if (auto r = sql::exec(m_vault->db(), QStringLiteral("DELETE FROM key_services WHERE key_id = ?"),
                               {current->id}, QStringLiteral("update the key's services"));
            !r)
            return r.error();
        for (const QString& s : *services) {
            auto sid = ensureService(*pid, s);
            if (!sid)
                return sid.error();
            if (auto r = sql::exec(m_vault->db(),
                                   QStringLiteral("INSERT INTO key_services (key_id, service_id) VALUES (?, ?)"),
                                   {current->id, *sid}, QStringLiteral("bind the key to its services"));
                !r)
                return r.error();
        }
    }
    if (deps) {
        if (auto r = sql::exec(m_vault->db(), QStringLiteral("DELETE FROM key_dependencies WHERE key_id = ?"),
                               {current->id}, QStringLiteral("update the key's dependencies"));
            !r)
            return r.error();
        for (const QString& d : *deps) {
            if (auto r = sql::exec(m_vault->db(),
                                   QStringLiteral("INSERT INTO key_dependencies (key_id, depends_on) VALUES (?, ?)"),
                                   {current->id, d}, QStringLiteral("record the key's dependencies"));
                !r)
                return r.error();
        }
    }
    // Field names only: metadata and owners may hold what an auditor's export should not repeat.
    if (auto s = audit(QStringLiteral("key.update"), current->id, reason.trimmed(),
                       QJsonObject{{"changed", QJsonArray::fromStringList(changed)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit keysChanged({current->id});
    return key(current->id);
}

} // namespace kw
