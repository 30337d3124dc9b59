// LocalVault, part three: policies, roles, prices, and the verification engine over the vault.
#include "storage/LocalVault.h"

#include "domain/Names.h"
#include "storage/Schema.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kw {

Result<PolicyTemplate> LocalVault::savePolicyTemplate(const PolicyTemplate& t)
{
    sql::Transaction tx(m_vault->db());
    auto existing = m_policies.findTemplate(t.name);
    auto saved = m_policies.saveTemplate(t, m_clock.nowMs());
    if (!saved)
        return saved.error();
    if (auto s = audit(existing ? QStringLiteral("policy.template.update") : QStringLiteral("policy.template.create"),
                       t.name, {}, QJsonObject{{"policy", t.policy.toJson()}, {"description", t.description}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    reloadEngine();
    return saved;
}

Result<QList<PolicyTemplate>> LocalVault::policyTemplates()
{
    return m_policies.templates();
}

Status LocalVault::applyPolicy(const PolicyTarget& target, const std::optional<QString>& templateName,
                               const KeyPolicy& policy)
{
    if (auto s = policy.validate(); !s)
        return s;
    if (auto s = m_policies.checkRoles(policy); !s)
        return s;
    if (templateName && !templateName->isEmpty())
        if (auto t = m_policies.findTemplate(*templateName); !t)
            return t.error();
    sql::Transaction tx(m_vault->db());
    QString auditTarget;
    switch (target.kind) {
    case PolicyTarget::Kind::Workspace:
        if (auto s = m_policies.setScope(PolicyStore::workspaceScope(), templateName, policy); !s)
            return s;
        auditTarget = QStringLiteral("workspace");
        break;
    case PolicyTarget::Kind::Project: {
        auto pid = projectId(target.project);
        if (!pid)
            return pid.error();
        if (auto s = m_policies.setScope(PolicyStore::projectScope(*pid), templateName, policy); !s)
            return s;
        auditTarget = target.project;
        break;
    }
    case PolicyTarget::Kind::Environment: {
        auto pid = projectId(target.project);
        if (!pid)
            return pid.error();
        auto q =
            sql::exec(m_vault->db(), QStringLiteral("SELECT id FROM environments WHERE project_id = ? AND name = ?"),
                      {*pid, target.environment}, QStringLiteral("look up environment"));
        if (!q)
            return q.error();
        if (!q->next())
            return Error::notFound(QStringLiteral("Environment \"%1\" does not exist in project \"%2\"")
                                       .arg(target.environment, target.project));
        if (auto s = m_policies.setScope(PolicyStore::environmentScope(q->value(0).toLongLong()), templateName, policy);
            !s)
            return s;
        auditTarget = target.project + u'/' + target.environment;
        break;
    }
    case PolicyTarget::Kind::Key: {
        auto k = key(target.key);
        if (!k)
            return k.error();
        if (k->status == KeyStatus::Revoked)
            return Error::conflict(QStringLiteral("Key %1 is revoked").arg(k->displayId));
        const QString tmpl = templateName ? *templateName : k->policyTemplate;
        auto q = sql::exec(
            m_vault->db(),
            QStringLiteral("UPDATE keys SET policy = ?, template = ?, grace_ms = ?, rotate_every_ms = ? WHERE id = ?"),
            {policy.toJsonText(), tmpl.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(tmpl),
             schema::policyColumn(policy.graceMs), schema::policyColumn(policy.rotateEveryMs), k->id},
            QStringLiteral("update the key's policy"));
        if (!q)
            return q.error();
        auditTarget = k->id;
        break;
    }
    }
    QJsonObject details{{"scope", target.describe()}, {"policy", policy.toJson()}};
    if (templateName)
        details.insert("template", *templateName);
    if (auto s = audit(QStringLiteral("policy.apply"), auditTarget, {}, details); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    m_policies.invalidate();
    if (target.kind == PolicyTarget::Kind::Key)
        emit keysChanged({auditTarget});
    else
        reloadEngine();
    return {};
}

Result<KeyPolicy> LocalVault::effectivePolicy(const QString& ref)
{
    auto id = resolveKeyId(ref);
    if (!id)
        return id.error();
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT project_id, environment_id, template, policy FROM keys WHERE id = ?"),
                       {*id}, QStringLiteral("read the key's policy"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("No key with id %1").arg(*id));
    auto own = KeyPolicy::fromJsonText(q->value(3).toString());
    if (!own)
        return own.error();
    return m_policies.effective(q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), *own);
}

Result<Role> LocalVault::saveRole(const Role& role)
{
    sql::Transaction tx(m_vault->db());
    auto saved = m_policies.saveRole(role, m_clock.nowMs());
    if (!saved)
        return saved.error();
    if (auto s = audit(QStringLiteral("role.save"), role.name, {},
                       QJsonObject{{"permissions", QJsonArray::fromStringList(role.permissions)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    reloadEngine();
    return saved;
}

Result<QList<Role>> LocalVault::roles()
{
    return m_policies.roles();
}

Status LocalVault::setServicePrice(const QString& project, const QString& service, qint64 unitPriceMicros)
{
    if (unitPriceMicros < 0)
        return Error::invalid(QStringLiteral("A price must not be negative"));
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    sql::Transaction tx(m_vault->db());
    auto sid = ensureService(*pid, service);
    if (!sid)
        return sid.error();
    auto q = sql::exec(m_vault->db(), QStringLiteral("UPDATE services SET unit_price_micros = ? WHERE id = ?"),
                       {unitPriceMicros, *sid}, QStringLiteral("set the service's price"));
    if (!q)
        return q.error();
    if (auto s = audit(QStringLiteral("service.price"), project + u'/' + service, {},
                       QJsonObject{{"unitPriceMicros", unitPriceMicros}});
        !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    reloadEngine();
    return {};
}

// ---- the verification engine ---------------------------------------------------------------------

Result<QList<KeyRuntimeSpec>> LocalVault::runtimeSpecs(const QStringList& ids)
{
    QHash<qint64, QHash<QString, qint64>> prices;
    {
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("SELECT project_id, name, unit_price_micros FROM services WHERE "
                                          "unit_price_micros > 0"),
                           {}, QStringLiteral("read service prices"));
        if (!q)
            return q.error();
        while (q->next())
            prices[q->value(0).toLongLong()].insert(q->value(1).toString(), q->value(2).toLongLong());
    }
    QString text = QStringLiteral(
        "SELECT k.id, k.hash, k.display_id, k.owner, p.name, e.name, k.status, k.expires_at, k.policy, k.template, "
        "k.project_id, k.environment_id, k.uses_consumed, k.uses_period_start, k.quota_used, k.quota_period_start, "
        "(SELECT group_concat(s.name, char(31)) FROM key_services ks JOIN services s ON s.id = ks.service_id "
        "WHERE ks.key_id = k.id) "
        "FROM keys k JOIN projects p ON p.id = k.project_id JOIN environments e ON e.id = k.environment_id");
    QVariantList binds;
    if (!ids.isEmpty()) {
        QStringList marks(ids.size(), QStringLiteral("?"));
        text += QStringLiteral(" WHERE k.id IN (%1)").arg(marks.join(u','));
        for (const QString& id : ids)
            binds << id;
    }
    auto q = sql::exec(m_vault->db(), text, binds, QStringLiteral("load keys for verification"));
    if (!q)
        return q.error();
    QList<KeyRuntimeSpec> out;
    while (q->next()) {
        KeyRuntimeSpec s;
        const QByteArray hash = q->value(1).toByteArray();
        if (hash.size() != int(s.hash.size()))
            continue;
        std::memcpy(s.hash.data(), hash.constData(), s.hash.size());
        s.id = q->value(0).toString();
        s.displayId = q->value(2).toString();
        s.owner = q->value(3).toString();
        s.project = q->value(4).toString();
        s.environment = q->value(5).toString();
        s.status = keyStatusFromString(q->value(6).toString()).value_or(KeyStatus::Active);
        if (s.status == KeyStatus::Rotating)
            s.status = KeyStatus::Active; // valid until its overlap ends (its expiry)
        s.expiresAt = q->value(7).toLongLong();
        auto own = KeyPolicy::fromJsonText(q->value(8).toString());
        const qint64 pid = q->value(10).toLongLong();
        auto eff = own ? m_policies.effective(pid, q->value(11).toLongLong(), q->value(9).toString(), *own)
                       : Result<KeyPolicy>(own.error());
        if (eff) {
            s.policy = *eff;
        } else {
            // Deny rather than guess: an unreadable rule must not silently widen access.
            s.policy.permissions = QStringList{QStringLiteral("!broken")};
        }
        s.unitPriceMicros = prices.value(pid);
        s.usesConsumed = q->value(12).toLongLong();
        s.usesPeriodStart = q->value(13).toLongLong();
        s.quotaUsed = q->value(14).toLongLong();
        s.quotaPeriodStart = q->value(15).toLongLong();
        const QString services = q->value(16).toString();
        if (!services.isEmpty())
            s.services = services.split(QChar(0x1f));
        out.append(std::move(s));
    }
    return out;
}

Result<VerificationEngine*> LocalVault::engine()
{
    if (m_engine)
        return m_engine.get();
    auto specs = runtimeSpecs();
    if (!specs)
        return specs.error();
    m_engine = std::make_unique<VerificationEngine>(m_vault->pepper(), m_clock);
    m_engine->setUsageSink(m_sink);
    m_engine->replaceAll(*specs);
    return m_engine.get();
}

void LocalVault::setUsageSink(VerificationEngine::UsageSink sink)
{
    m_sink = std::move(sink);
    if (m_engine)
        m_engine->setUsageSink(m_sink);
}

void LocalVault::refreshEngine(const QStringList& ids)
{
    if (!m_engine || ids.isEmpty())
        return;
    auto specs = runtimeSpecs(ids);
    if (!specs) {
        // Cannot read the keys back: drop them from the index rather than keep a stale "valid".
        m_engine->remove(ids);
        return;
    }
    QStringList found;
    for (const auto& s : *specs)
        found << s.id;
    QStringList gone;
    for (const QString& id : ids)
        if (!found.contains(id))
            gone << id;
    m_engine->upsert(*specs);
    if (!gone.isEmpty())
        m_engine->remove(gone);
}

void LocalVault::reloadEngine()
{
    m_policies.invalidate();
    if (!m_engine)
        return;
    auto specs = runtimeSpecs();
    if (specs)
        m_engine->upsert(*specs);
}

} // namespace kw
