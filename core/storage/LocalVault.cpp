#include "storage/LocalVault.h"

#include "crypto/Base62.h"
#include "crypto/KeyFormat.h"
#include "domain/Names.h"
#include "storage/Schema.h"
#include "storage/SqlUtil.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace kw {

namespace {

const QChar kListSep(0x1f); // unit separator: joins names in group_concat without ambiguity

QByteArray secretContext(const QString& keyId)
{
    return QByteArrayLiteral("keywarden:secret:") + keyId.toLatin1();
}

Result<QString> newKeyId()
{
    unsigned char raw[12];
    if (auto s = RandomSource::system().fill(raw, sizeof raw); !s)
        return s.error();
    return QStringLiteral("key_") +
           QString::fromLatin1(base62::encode(QByteArrayView(reinterpret_cast<const char*>(raw), sizeof raw)));
}

QString storedStatus(KeyStatus s)
{
    return toString(s);
}

QStringList splitList(const QVariant& v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QStringList() : s.split(kListSep);
}

QString normalizedPrefixBase(QString prefix)
{
    while (prefix.endsWith(u'_'))
        prefix.chop(1);
    return prefix;
}

const QString kKeySelect = QStringLiteral(
    "SELECT k.id, k.display_id, k.name, p.name, e.name, t.name, k.owner, k.tags, k.metadata, k.status, "
    "k.created_at, k.expires_at, k.parent_id, k.is_backup, k.secret_enc IS NOT NULL, k.status_reason, "
    "k.incident_id, k.status_changed_at, k.last_used_at, "
    "(SELECT group_concat(s.name, char(31)) FROM key_services ks JOIN services s ON s.id = ks.service_id "
    "WHERE ks.key_id = k.id), "
    "(SELECT group_concat(d.depends_on, char(31)) FROM key_dependencies d WHERE d.key_id = k.id), "
    "k.policy, k.template, k.successor_id, k.predecessor_id, k.uses_consumed, k.project_id, k.environment_id, "
    "(SELECT COUNT(*) FROM keys c WHERE c.parent_id = k.id) "
    "FROM keys k JOIN projects p ON p.id = k.project_id JOIN environments e ON e.id = k.environment_id "
    "LEFT JOIN teams t ON t.id = p.team_id");

KeyRecord keyFromRow(const QSqlQuery& q)
{
    KeyRecord k;
    k.id = q.value(0).toString();
    k.displayId = q.value(1).toString();
    k.name = q.value(2).toString();
    k.project = q.value(3).toString();
    k.environment = q.value(4).toString();
    k.team = q.value(5).toString();
    k.owner = q.value(6).toString();
    const QJsonArray tags = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).array();
    for (const auto& t : tags)
        k.tags << t.toString();
    k.metadata = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
    k.status = keyStatusFromString(q.value(9).toString()).value_or(KeyStatus::Active);
    k.createdAt = q.value(10).toLongLong();
    k.expiresAt = q.value(11).toLongLong();
    k.parentId = q.value(12).toString();
    k.backup = q.value(13).toBool();
    k.recoverable = q.value(14).toBool();
    k.statusReason = q.value(15).toString();
    k.incidentId = q.value(16).toString();
    k.statusChangedAt = q.value(17).toLongLong();
    k.lastUsedAt = q.value(18).toLongLong();
    k.services = splitList(q.value(19));
    k.services.sort();
    k.dependsOn = splitList(q.value(20));
    k.dependsOn.sort();
    k.policy = KeyPolicy::fromJsonText(q.value(21).toString()).value_or(KeyPolicy{});
    k.policyTemplate = q.value(22).toString();
    k.successorId = q.value(23).toString();
    k.predecessorId = q.value(24).toString();
    k.usesConsumed = q.value(25).toLongLong();
    k.childCount = q.value(28).toLongLong();
    return k;
}

} // namespace

LocalVault::LocalVault(std::unique_ptr<Vault> vault, QString actor, const Clock& clock, QObject* parent)
    : Backend(parent), m_vault(std::move(vault)), m_actor(std::move(actor)), m_clock(clock), m_audit(*m_vault, m_clock),
      m_policies(m_vault->db())
{
    // Core announces, the engine adapts: every key change refreshes just those keys in the index.
    connect(this, &Backend::keysChanged, this, &LocalVault::refreshEngine);
}

LocalVault::~LocalVault()
{
    // The engine stops producing events before the recorder writes the last of them.
    if (m_engine)
        m_engine->setUsageSink({});
    m_recorder.reset();
    m_engine.reset();
}

Status LocalVault::audit(const QString& action, const QString& target, const QString& reason,
                         const QJsonObject& details, const QString& incident)
{
    auto e = m_audit.append({m_actor, action, target, reason, incident, details, m_actorRole});
    if (!e)
        return e.error();
    return {};
}

// ---- organisation -------------------------------------------------------------------------------

Result<qint64> LocalVault::ensureTeam(const QString& name)
{
    if (auto s = names::validateTeamOrProject(QStringLiteral("Team"), name); !s)
        return s.error();
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM teams WHERE name = ?"), {name},
                       QStringLiteral("look up team"));
    if (!q)
        return q.error();
    if (q->next())
        return q->value(0).toLongLong();
    auto ins = sql::exec(m_vault->db(), QStringLiteral("INSERT INTO teams (name, created_at) VALUES (?, ?)"),
                         {name, m_clock.nowMs()}, QStringLiteral("create team %1").arg(name));
    if (!ins)
        return ins.error();
    const qint64 id = ins->lastInsertId().toLongLong();
    if (auto s = audit(QStringLiteral("team.create"), name); !s)
        return s.error();
    return id;
}

Result<Team> LocalVault::createTeam(const QString& name)
{
    auto existing = sql::exec(m_vault->db(), QStringLiteral("SELECT 1 FROM teams WHERE name = ?"), {name},
                              QStringLiteral("look up team"));
    if (!existing)
        return existing.error();
    if (existing->next())
        return Error::conflict(QStringLiteral("Team \"%1\" already exists").arg(name));
    sql::Transaction tx(m_vault->db());
    auto id = ensureTeam(name);
    if (!id)
        return id.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit organizationChanged();
    return Team{*id, name, m_clock.nowMs()};
}

Result<QList<Team>> LocalVault::teams()
{
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id, name, created_at FROM teams ORDER BY name"), {},
                       QStringLiteral("list teams"));
    if (!q)
        return q.error();
    QList<Team> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toLongLong()});
    return out;
}

Result<Project> LocalVault::createProject(const ProjectSpec& spec)
{
    if (auto s = names::validateTeamOrProject(QStringLiteral("Project"), spec.name); !s)
        return s.error();
    const QString prefix = normalizedPrefixBase(spec.keyPrefix.isEmpty() ? QStringLiteral("kw") : spec.keyPrefix);
    // The project prefix plus the shortest environment must form a valid key prefix.
    if (auto s = KeyFormat::validatePrefix(prefix + QStringLiteral("_x_")); !s)
        return Error::invalid(QStringLiteral("Key prefix \"%1\" is not allowed: use lowercase letters, digits and "
                                             "'_', starting with a letter, at most %2 characters")
                                  .arg(spec.keyPrefix)
                                  .arg(KeyFormat::kMaxPrefix - 4));
    auto exists = projectId(spec.name);
    if (exists)
        return Error::conflict(QStringLiteral("Project \"%1\" already exists").arg(spec.name));

    sql::Transaction tx(m_vault->db());
    QVariant teamId(QMetaType::fromType<qint64>());
    if (!spec.team.isEmpty()) {
        auto t = ensureTeam(spec.team);
        if (!t)
            return t.error();
        teamId = *t;
    }
    const qint64 now = m_clock.nowMs();
    auto ins =
        sql::exec(m_vault->db(),
                  QStringLiteral("INSERT INTO projects (name, team_id, key_prefix, created_at) VALUES (?, ?, ?, ?)"),
                  {spec.name, teamId, prefix, now}, QStringLiteral("create project %1").arg(spec.name));
    if (!ins)
        return ins.error();
    const qint64 id = ins->lastInsertId().toLongLong();
    if (auto s = audit(QStringLiteral("project.create"), spec.name, {},
                       QJsonObject{{"team", spec.team}, {"keyPrefix", prefix}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit organizationChanged();
    return Project{id, spec.name, spec.team, prefix, now};
}

Result<QList<Project>> LocalVault::projects()
{
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT p.id, p.name, t.name, p.key_prefix, p.created_at FROM projects p "
                                      "LEFT JOIN teams t ON t.id = p.team_id ORDER BY p.name"),
                       {}, QStringLiteral("list projects"));
    if (!q)
        return q.error();
    QList<Project> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                    q->value(4).toLongLong()});
    return out;
}

Result<qint64> LocalVault::projectId(const QString& name)
{
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM projects WHERE name = ?"), {name},
                       QStringLiteral("look up project"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(
            QStringLiteral("Project \"%1\" does not exist (create it with: kwctl project create %1)").arg(name));
    return q->value(0).toLongLong();
}

Result<Environment> LocalVault::ensureEnvironment(qint64 projectId, const QString& project, const QString& keyPrefix,
                                                  const QString& name)
{
    if (auto s = names::validateEnvironment(name); !s)
        return s.error();
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT id, key_prefix FROM environments WHERE project_id = ? AND name = ?"),
                       {projectId, name}, QStringLiteral("look up environment"));
    if (!q)
        return q.error();
    if (q->next())
        return Environment{q->value(0).toLongLong(), project, name, q->value(1).toString()};
    QString envPrefix = keyPrefix;
    if (envPrefix.isEmpty()) {
        auto pq = sql::exec(m_vault->db(), QStringLiteral("SELECT key_prefix FROM projects WHERE id = ?"), {projectId},
                            QStringLiteral("read project prefix"));
        if (!pq)
            return pq.error();
        pq->next();
        envPrefix = pq->value(0).toString() + u'_' + QString(name).remove(u'-') + u'_';
    } else if (!envPrefix.endsWith(u'_')) {
        envPrefix += u'_';
    }
    if (auto s = KeyFormat::validatePrefix(envPrefix); !s)
        return s.error();
    auto ins = sql::exec(m_vault->db(),
                         QStringLiteral("INSERT INTO environments (project_id, name, key_prefix) VALUES (?, ?, ?)"),
                         {projectId, name, envPrefix}, QStringLiteral("create environment %1").arg(name));
    if (!ins)
        return ins.error();
    const qint64 id = ins->lastInsertId().toLongLong();
    if (auto s = audit(QStringLiteral("environment.create"), project + u'/' + name, {},
                       QJsonObject{{"keyPrefix", envPrefix}});
        !s)
        return s.error();
    return Environment{id, project, name, envPrefix};
}

Result<Environment> LocalVault::createEnvironment(const QString& project, const QString& name, const QString& keyPrefix)
{
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    auto existing =
        sql::exec(m_vault->db(), QStringLiteral("SELECT 1 FROM environments WHERE project_id = ? AND name = ?"),
                  {*pid, name}, QStringLiteral("look up environment"));
    if (!existing)
        return existing.error();
    if (existing->next())
        return Error::conflict(
            QStringLiteral("Environment \"%1\" already exists in project \"%2\"").arg(name, project));
    sql::Transaction tx(m_vault->db());
    auto env = ensureEnvironment(*pid, project, keyPrefix, name);
    if (!env)
        return env.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit organizationChanged();
    return env;
}

Result<QList<Environment>> LocalVault::environments(const QString& project)
{
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    auto q =
        sql::exec(m_vault->db(),
                  QStringLiteral("SELECT id, name, key_prefix FROM environments WHERE project_id = ? ORDER BY name"),
                  {*pid}, QStringLiteral("list environments"));
    if (!q)
        return q.error();
    QList<Environment> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), project, q->value(1).toString(), q->value(2).toString()});
    return out;
}

Result<qint64> LocalVault::ensureService(qint64 projectId, const QString& name)
{
    if (auto s = names::validateService(name); !s)
        return s.error();
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM services WHERE project_id = ? AND name = ?"),
                       {projectId, name}, QStringLiteral("look up service"));
    if (!q)
        return q.error();
    if (q->next())
        return q->value(0).toLongLong();
    auto ins = sql::exec(m_vault->db(), QStringLiteral("INSERT INTO services (project_id, name) VALUES (?, ?)"),
                         {projectId, name}, QStringLiteral("create service %1").arg(name));
    if (!ins)
        return ins.error();
    const qint64 id = ins->lastInsertId().toLongLong();
    if (auto s = audit(QStringLiteral("service.create"), name, {}, QJsonObject{{"projectId", projectId}}); !s)
        return s.error();
    return id;
}

// ---- keys ---------------------------------------------------------------------------------------

Result<QString> LocalVault::resolveKeyId(const QString& ref)
{
    const QString r = ref.trimmed();
    if (r.isEmpty())
        return Error::invalid(QStringLiteral("No key given"));
    if (r.startsWith(QLatin1String("key_"))) {
        auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM keys WHERE id = ?"), {r},
                           QStringLiteral("look up key"));
        if (!q)
            return q.error();
        if (q->next())
            return r;
        return Error::notFound(QStringLiteral("No key with id %1").arg(r));
    }
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM keys WHERE display_id = ? LIMIT 2"), {r},
                       QStringLiteral("look up key"));
    if (!q)
        return q.error();
    QStringList ids;
    while (q->next())
        ids << q->value(0).toString();
    if (ids.isEmpty()) {
        // Never echo something that may be a secret: a full key, or a mistyped one (a one-character typo is
        // recoverable by trying a few thousand candidates against the checksum).
        const QByteArray latin = r.toLatin1();
        if (KeyFormat::isWellFormed(latin))
            return Error::invalid(QStringLiteral("That is a full key secret, not a key id; use 'kwctl key verify' to "
                                                 "look a secret up, and treat it as leaked"));
        if (r.size() > KeyFormat::kMaxPrefix + KeyFormat::kDisplayChars || !KeyFormat::scan(latin).isEmpty())
            return Error::invalid(QStringLiteral("That looks like a key secret (perhaps mistyped), not a key id; it is "
                                                 "not repeated here. Treat it as leaked"));
        return Error::notFound(QStringLiteral("No key with id or display id %1").arg(r));
    }
    if (ids.size() > 1)
        return Error::conflict(QStringLiteral("Display id %1 is ambiguous; use the key id").arg(r));
    return ids.first();
}

Result<IssuedKey> LocalVault::createKey(const KeySpec& spec)
{
    if (auto s = names::validateKeyName(spec.name); !s)
        return s.error();
    if (spec.expiresInMs < 0)
        return Error::invalid(QStringLiteral("The expiry must lie in the future"));
    for (const QString& tag : spec.tags) {
        if (auto s = names::validateTag(tag); !s)
            return s.error();
    }
    auto pid = projectId(spec.project);
    if (!pid)
        return pid.error();
    if (auto v = spec.policy.validate(); !v)
        return v.error();
    if (auto v = m_policies.checkRoles(spec.policy); !v)
        return v.error();
    if (!spec.policyTemplate.isEmpty())
        if (auto t = m_policies.findTemplate(spec.policyTemplate); !t)
            return t.error();

    QString parentId;
    if (!spec.parentId.isEmpty()) {
        auto p = resolveKeyId(spec.parentId);
        if (!p)
            return Error(p.error().code, QStringLiteral("Parent key: %1").arg(p.errorMessage()));
        auto parent = key(*p);
        if (!parent)
            return parent.error();
        if (parent->status == KeyStatus::Revoked)
            return Error::conflict(QStringLiteral("Parent key %1 is revoked").arg(parent->displayId));
        parentId = *p;
    }
    QStringList deps;
    for (const QString& ref : spec.dependsOn) {
        auto d = resolveKeyId(ref);
        if (!d)
            return Error(d.error().code, QStringLiteral("Dependency: %1").arg(d.errorMessage()));
        if (!deps.contains(*d))
            deps << *d;
    }

    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto env = ensureEnvironment(*pid, spec.project, {}, spec.environment);
    if (!env)
        return env.error();
    QList<qint64> serviceIds;
    for (const QString& s : spec.services) {
        auto sid = ensureService(*pid, s);
        if (!sid)
            return sid.error();
        if (!serviceIds.contains(*sid))
            serviceIds << *sid;
    }

    auto secret = KeyFormat::generate(env->keyPrefix);
    if (!secret)
        return secret.error();
    auto id = newKeyId();
    if (!id)
        return id.error();
    const crypto::Digest digest = m_vault->hashSecret(secret->view());
    const QByteArray hash(reinterpret_cast<const char*>(digest.data()), int(digest.size()));
    const QString displayId = KeyFormat::displayIdOf(secret->view());
    QVariant sealed(QMetaType::fromType<QByteArray>());
    if (spec.recoverable) {
        auto s = m_vault->seal(secret->view(), secretContext(*id));
        if (!s)
            return s.error();
        sealed = *s;
    }
    auto effective = m_policies.effective(*pid, env->id, spec.policyTemplate, spec.policy);
    if (!effective)
        return effective.error();
    const qint64 now = m_clock.nowMs();
    // An explicit expiry wins; otherwise the inherited policy's time-to-live ("prod-90d") applies.
    const qint64 ttl = spec.expiresInMs > 0 ? spec.expiresInMs : effective->ttlMs.value_or(0);
    const qint64 expiresAt = ttl > 0 ? now + ttl : 0;
    QStringList tags = spec.tags;
    for (QString& t : tags)
        t = t.trimmed();
    auto ins = sql::exec(
        m_vault->db(),
        QStringLiteral(
            "INSERT INTO keys (id, display_id, hash, name, project_id, environment_id, owner, tags, metadata, "
            "status, created_at, expires_at, parent_id, is_backup, secret_enc, status_changed_at, policy, "
            "template, grace_ms, rotate_every_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {*id,
         displayId,
         hash,
         spec.name.trimmed(),
         *pid,
         env->id,
         spec.owner,
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact)),
         QString::fromUtf8(QJsonDocument(spec.metadata).toJson(QJsonDocument::Compact)),
         storedStatus(KeyStatus::Active),
         now,
         sql::nullableTime(expiresAt),
         parentId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(parentId),
         spec.backup ? 1 : 0,
         sealed,
         now,
         spec.policy.toJsonText(),
         spec.policyTemplate.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(spec.policyTemplate),
         schema::policyColumn(spec.policy.graceMs),
         schema::policyColumn(spec.policy.rotateEveryMs)},
        QStringLiteral("store the new key"));
    if (!ins)
        return ins.error();
    for (qint64 sid : serviceIds) {
        if (auto r =
                sql::exec(m_vault->db(), QStringLiteral("INSERT INTO key_services (key_id, service_id) VALUES (?, ?)"),
                          {*id, sid}, QStringLiteral("bind the key to its services"));
            !r)
            return r.error();
    }
    for (const QString& d : deps) {
        if (auto r = sql::exec(m_vault->db(),
                               QStringLiteral("INSERT INTO key_dependencies (key_id, depends_on) VALUES (?, ?)"),
                               {*id, d}, QStringLiteral("record the key's dependencies"));
            !r)
            return r.error();
    }
    QJsonObject details{{"displayId", displayId},
                        {"name", spec.name.trimmed()},
                        {"project", spec.project},
                        {"environment", spec.environment},
                        {"services", QJsonArray::fromStringList(spec.services)},
                        {"expiresAt", sql::nullableTime(expiresAt).toJsonValue()},
                        {"backup", spec.backup},
                        {"recoverable", spec.recoverable}};
    if (!parentId.isEmpty())
        details.insert("parentId", parentId);
    if (!deps.isEmpty())
        details.insert("dependsOn", QJsonArray::fromStringList(deps));
    if (!spec.policyTemplate.isEmpty())
        details.insert("policyTemplate", spec.policyTemplate);
    if (!spec.policy.isEmpty())
        details.insert("policy", spec.policy.toJson());
    if (auto s = audit(QStringLiteral("key.create"), *id, {}, details); !s)
        return s.error();
    if (auto s = recordHistory(*id, QStringLiteral("created"), 0, expiresAt); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();

    auto record = key(*id);
    if (!record)
        return record.error();
    emit keysChanged({*id});
    return IssuedKey{std::move(*record), std::move(*secret)};
}

Result<QList<KeyRecord>> LocalVault::queryKeys(const QString& where, const QVariantList& binds, const QString& tail)
{
    QString text = kKeySelect;
    if (!where.isEmpty())
        text += QStringLiteral(" WHERE ") + where;
    text += tail.isEmpty() ? QStringLiteral(" ORDER BY p.name, e.name, k.name, k.id") : tail;
    auto q = sql::exec(m_vault->db(), text, binds, QStringLiteral("read keys"));
    if (!q)
        return q.error();
    QList<KeyRecord> out;
    while (q->next()) {
        KeyRecord k = keyFromRow(*q);
        // The grace period is part of the effective status; it is inherited, so resolve it (cached per scope).
        if (k.expiresAt != 0) {
            auto eff =
                m_policies.effective(q->value(26).toLongLong(), q->value(27).toLongLong(), k.policyTemplate, k.policy);
            if (eff)
                k.graceMs = eff->graceMs.value_or(0);
        }
        out.append(std::move(k));
    }
    return out;
}

Result<KeyRecord> LocalVault::key(const QString& ref)
{
    auto id = resolveKeyId(ref);
    if (!id)
        return id.error();
    auto list = queryKeys(QStringLiteral("k.id = ?"), {*id});
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Error::notFound(QStringLiteral("No key with id %1").arg(*id));
    return list->first();
}

Result<KeyRecord> LocalVault::changeStatus(const QString& ref, KeyStatus to, const QString& reason,
                                           const QString& action)
{
    if (reason.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A reason is required (--reason)"));
    auto current = key(ref);
    if (!current)
        return current.error();
    const KeyStatus from = current->status;
    if (from == KeyStatus::Revoked)
        return Error::conflict(QStringLiteral("Key %1 is revoked; revocation is final").arg(current->displayId));
    if (to == KeyStatus::Suspended && from == KeyStatus::Suspended)
        return Error::conflict(QStringLiteral("Key %1 is already suspended").arg(current->displayId));
    if (to == KeyStatus::Active && from != KeyStatus::Suspended)
        return Error::conflict(QStringLiteral("Key %1 is not suspended").arg(current->displayId));

    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    auto upd =
        sql::exec(m_vault->db(),
                  QStringLiteral("UPDATE keys SET status = ?, status_reason = ?, status_changed_at = ? WHERE id = ?"),
                  {storedStatus(to), reason.trimmed(), now, current->id}, QStringLiteral("update the key"));
    if (!upd)
        return upd.error();
    if (auto s = audit(action, current->id, reason.trimmed(),
                       QJsonObject{{"displayId", current->displayId}, {"from", toString(from)}, {"to", toString(to)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit keysChanged({current->id});
    return key(current->id);
}

Result<KeyRecord> LocalVault::suspendKey(const QString& ref, const QString& reason)
{
    return changeStatus(ref, KeyStatus::Suspended, reason, QStringLiteral("key.suspend"));
}

Result<KeyRecord> LocalVault::resumeKey(const QString& ref, const QString& reason)
{
    return changeStatus(ref, KeyStatus::Active, reason, QStringLiteral("key.resume"));
}

Result<RevocationPlan> LocalVault::planRevocation(const QStringList& refs, bool cascade)
{
    if (refs.isEmpty())
        return Error::invalid(QStringLiteral("No key given to revoke"));
    RevocationPlan plan;
    QSet<QString> seen;
    QStringList queue;
    QHash<QString, QString> relation;
    for (const QString& ref : refs) {
        auto id = resolveKeyId(ref);
        if (!id)
            return id.error();
        if (!seen.contains(*id)) {
            seen.insert(*id);
            queue << *id;
            relation.insert(*id, QStringLiteral("selected"));
        }
    }
    if (cascade) {
        // The whole graph in two queries, then a breadth-first walk: a cascade over 100,000 keys must not
        // issue 100,000 queries.
        QHash<QString, QStringList> dependents;
        auto children =
            sql::exec(m_vault->db(), QStringLiteral("SELECT id, parent_id FROM keys WHERE parent_id IS NOT NULL"), {},
                      QStringLiteral("read the key hierarchy"));
        if (!children)
            return children.error();
        QHash<QString, QStringList> childrenOf;
        while (children->next())
            childrenOf[children->value(1).toString()] << children->value(0).toString();
        auto deps = sql::exec(m_vault->db(), QStringLiteral("SELECT key_id, depends_on FROM key_dependencies"), {},
                              QStringLiteral("read key dependencies"));
        if (!deps)
            return deps.error();
        while (deps->next())
            dependents[deps->value(1).toString()] << deps->value(0).toString();
        for (qsizetype i = 0; i < queue.size(); ++i) {
            const QString current = queue[i];
            for (const QString& c : childrenOf.value(current)) {
                if (!seen.contains(c)) {
                    seen.insert(c);
                    queue << c;
                    relation.insert(c, QStringLiteral("child of %1").arg(current));
                }
            }
            for (const QString& d : dependents.value(current)) {
                if (!seen.contains(d)) {
                    seen.insert(d);
                    queue << d;
                    relation.insert(d, QStringLiteral("depends on %1").arg(current));
                }
            }
        }
    }
    // Details for every affected key, in walk order.
    QHash<QString, KeyRecord> records;
    for (qsizetype i = 0; i < queue.size(); i += 500) {
        const QStringList chunk = queue.mid(i, 500);
        QStringList marks(chunk.size(), QStringLiteral("?"));
        QVariantList binds;
        for (const QString& id : chunk)
            binds << id;
        auto list = queryKeys(QStringLiteral("k.id IN (%1)").arg(marks.join(u',')), binds);
        if (!list)
            return list.error();
        for (auto& k : *list)
            records.insert(k.id, k);
    }
    for (const QString& id : queue) {
        const KeyRecord& k = records[id];
        plan.entries.append({id, k.displayId, k.name, k.project, k.environment, relation.value(id),
                             k.status == KeyStatus::Revoked, k.services});
    }
    return plan;
}

Result<RevocationPlan> LocalVault::revokeKeys(const RevocationRequest& request)
{
    if (request.reason.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A reason is required to revoke (--reason)"));
    auto plan = planRevocation(request.keys, request.cascade);
    if (!plan)
        return plan.error();
    const qint64 now = m_clock.nowMs();
    QStringList revoked;
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    QSqlQuery upd(m_vault->db());
    upd.prepare(QStringLiteral("UPDATE keys SET status = 'revoked', status_reason = ?, incident_id = ?, "
                               "status_changed_at = ? WHERE id = ? AND status <> 'revoked'"));
    for (const auto& e : plan->entries) {
        if (e.alreadyRevoked)
            continue;
        upd.addBindValue(request.reason.trimmed());
        upd.addBindValue(request.incidentId.isNull() ? QStringLiteral("") : request.incidentId);
        upd.addBindValue(now);
        upd.addBindValue(e.keyId);
        if (!upd.exec())
            return sql::error(upd, QStringLiteral("revoke key %1").arg(e.displayId));
        QJsonObject details{{"displayId", e.displayId}, {"relation", e.relation}};
        if (request.cascade)
            details.insert("cascade", true);
        if (auto s =
                audit(QStringLiteral("key.revoke"), e.keyId, request.reason.trimmed(), details, request.incidentId);
            !s)
            return s.error();
        revoked << e.keyId;
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    plan->executed = true;
    if (!revoked.isEmpty()) {
        emit keysRevoked(revoked);
        emit keysChanged(revoked);
    }
    return plan;
}

Result<VerifyResult> LocalVault::verifyKey(const SecureBytes& secret, const VerifyContext& context)
{
    auto e = engine();
    if (!e)
        return e.error();
    return (*e)->verify(secret.view(), context);
}

Result<SecureBytes> LocalVault::revealSecret(const QString& ref)
{
    auto id = resolveKeyId(ref);
    if (!id)
        return id.error();
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT secret_enc, status FROM keys WHERE id = ?"), {*id},
                       QStringLiteral("read the key"));
    if (!q)
        return q.error();
    if (!q->next() || q->value(0).isNull())
        return Error::conflict(QStringLiteral("Key %1 is not recoverable: only its hash is stored").arg(*id));
    if (q->value(1).toString() == storedStatus(KeyStatus::Revoked))
        return Error::conflict(QStringLiteral("Key %1 is revoked; its secret is no longer shown").arg(*id));
    auto secret = m_vault->unseal(q->value(0).toByteArray(), secretContext(*id));
    if (!secret)
        return secret.error();
    sql::Transaction tx(m_vault->db());
    if (auto s = audit(QStringLiteral("key.reveal"), *id); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return secret;
}

} // namespace kw
