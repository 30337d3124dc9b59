#include "storage/PolicyStore.h"

#include "policy/PermissionSet.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace kw {

namespace {

Status validateName(const QString& what, const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    if (!re.match(name).hasMatch())
        return Error::invalid(
            QStringLiteral("%1 name \"%2\" is not allowed: use 1-64 letters, digits, '.', '_' or '-'").arg(what, name));
    return {};
}

} // namespace

Result<PolicyTemplate> PolicyStore::saveTemplate(const PolicyTemplate& t, qint64 now)
{
    if (auto s = validateName(QStringLiteral("Policy template"), t.name); !s)
        return s.error();
    if (auto s = t.policy.validate(); !s)
        return s.error();
    if (auto s = checkRoles(t.policy); !s)
        return s.error();
    auto q =
        sql::exec(m_db,
                  QStringLiteral("INSERT INTO policy_templates (name, description, policy, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                                 "description = excluded.description, policy = excluded.policy, "
                                 "updated_at = excluded.updated_at"),
                  {t.name, t.description, t.policy.toJsonText(), now, now},
                  QStringLiteral("save policy template %1").arg(t.name));
    if (!q)
        return q.error();
    invalidate();
    return findTemplate(t.name);
}

Result<QList<PolicyTemplate>> PolicyStore::templates()
{
    auto q = sql::exec(m_db,
                       QStringLiteral("SELECT name, description, policy, created_at, updated_at FROM policy_templates "
                                      "ORDER BY name"),
                       {}, QStringLiteral("list policy templates"));
    if (!q)
        return q.error();
    QList<PolicyTemplate> out;
    while (q->next()) {
        auto p = KeyPolicy::fromJsonText(q->value(2).toString());
        if (!p)
            return Error::storage(
                QStringLiteral("Policy template %1 is damaged: %2").arg(q->value(0).toString(), p.errorMessage()));
        out.append(
            {q->value(0).toString(), q->value(1).toString(), *p, q->value(3).toLongLong(), q->value(4).toLongLong()});
    }
    return out;
}

Result<PolicyTemplate> PolicyStore::findTemplate(const QString& name)
{
    auto q = sql::exec(m_db,
                       QStringLiteral("SELECT name, description, policy, created_at, updated_at FROM policy_templates "
                                      "WHERE name = ?"),
                       {name}, QStringLiteral("read policy template"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("No policy template named \"%1\"").arg(name));
    auto p = KeyPolicy::fromJsonText(q->value(2).toString());
    if (!p)
        return Error::storage(QStringLiteral("Policy template %1 is damaged: %2").arg(name, p.errorMessage()));
    return PolicyTemplate{name, q->value(1).toString(), *p, q->value(3).toLongLong(), q->value(4).toLongLong()};
}

Status PolicyStore::setScope(const QString& scope, const std::optional<QString>& templateName, const KeyPolicy& policy)
{
    if (auto s = policy.validate(); !s)
        return s;
    if (auto s = checkRoles(policy); !s)
        return s;
    auto current = this->scope(scope);
    if (!current)
        return current.error();
    QString tmpl = templateName ? *templateName : current->templateName;
    if (!tmpl.isEmpty())
        if (auto t = findTemplate(tmpl); !t)
            return t.error();
    auto q = sql::exec(
        m_db,
        QStringLiteral("INSERT INTO policy_scopes (scope, template, policy) VALUES (?, ?, ?) "
                       "ON CONFLICT (scope) DO UPDATE SET template = excluded.template, "
                       "policy = excluded.policy"),
        {scope, tmpl.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(tmpl), policy.toJsonText()},
        QStringLiteral("save the policy of %1").arg(scope));
    if (!q)
        return q.error();
    invalidate();
    return {};
}

Result<PolicyStore::Scope> PolicyStore::scope(const QString& scope)
{
    auto q = sql::exec(m_db, QStringLiteral("SELECT template, policy FROM policy_scopes WHERE scope = ?"), {scope},
                       QStringLiteral("read scope policy"));
    if (!q)
        return q.error();
    if (!q->next())
        return Scope{};
    auto p = KeyPolicy::fromJsonText(q->value(1).toString());
    if (!p)
        return Error::storage(QStringLiteral("The policy of %1 is damaged: %2").arg(scope, p.errorMessage()));
    return Scope{q->value(0).toString(), *p};
}

Result<Role> PolicyStore::saveRole(const Role& role, qint64 now)
{
    if (auto s = validateName(QStringLiteral("Role"), role.name); !s)
        return s.error();
    if (role.permissions.isEmpty())
        return Error::invalid(QStringLiteral("A role needs at least one permission"));
    if (auto p = PermissionSet::parse(role.permissions); !p)
        return p.error();
    auto q = sql::exec(
        m_db,
        QStringLiteral("INSERT INTO roles (name, permissions, created_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET permissions = excluded.permissions"),
        {role.name,
         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(role.permissions)).toJson(QJsonDocument::Compact)),
         now},
        QStringLiteral("save role %1").arg(role.name));
    if (!q)
        return q.error();
    m_rolesLoaded = false;
    invalidate();
    return Role{role.name, role.permissions, now};
}

Status PolicyStore::checkRoles(const KeyPolicy& policy)
{
    if (!policy.roles || policy.roles->isEmpty())
        return {};
    auto all = roles();
    if (!all)
        return all.error();
    for (const QString& name : *policy.roles) {
        const bool known = std::any_of(all->cbegin(), all->cend(), [&](const Role& r) { return r.name == name; });
        if (!known)
            return Error::notFound(QStringLiteral("No role named \"%1\" (create it with: kwctl role create %1 "
                                                  "--permission ...)")
                                       .arg(name));
    }
    return {};
}

Result<QList<Role>> PolicyStore::roles()
{
    auto q = sql::exec(m_db, QStringLiteral("SELECT name, permissions, created_at FROM roles ORDER BY name"), {},
                       QStringLiteral("list roles"));
    if (!q)
        return q.error();
    QList<Role> out;
    while (q->next()) {
        QStringList perms;
        for (const auto& v : QJsonDocument::fromJson(q->value(1).toString().toUtf8()).array())
            perms << v.toString();
        out.append({q->value(0).toString(), perms, q->value(2).toLongLong()});
    }
    return out;
}

Result<KeyPolicy> PolicyStore::withTemplate(const Scope& s)
{
    if (s.templateName.isEmpty())
        return s.policy;
    auto t = findTemplate(s.templateName);
    if (!t)
        return t.error();
    return s.policy.overlaidOn(t->policy);
}

Result<KeyPolicy> PolicyStore::inherited(qint64 projectId, qint64 environmentId, const QString& keyTemplate)
{
    const QString cacheKey = QStringLiteral("%1/%2/%3").arg(projectId).arg(environmentId).arg(keyTemplate);
    if (auto it = m_cache.constFind(cacheKey); it != m_cache.cend())
        return *it;
    KeyPolicy acc;
    for (const QString& name : {workspaceScope(), projectScope(projectId), environmentScope(environmentId)}) {
        auto s = scope(name);
        if (!s)
            return s.error();
        auto p = withTemplate(*s);
        if (!p)
            return p.error();
        acc = p->overlaidOn(acc);
    }
    if (!keyTemplate.isEmpty()) {
        auto t = findTemplate(keyTemplate);
        if (!t)
            return t.error();
        acc = t->policy.overlaidOn(acc);
    }
    m_cache.insert(cacheKey, acc);
    return acc;
}

Result<KeyPolicy> PolicyStore::effective(qint64 projectId, qint64 environmentId, const QString& keyTemplate,
                                         const KeyPolicy& keyPolicy)
{
    auto base = inherited(projectId, environmentId, keyTemplate);
    if (!base)
        return base.error();
    KeyPolicy p = keyPolicy.overlaidOn(*base);
    if (p.roles && !p.roles->isEmpty()) {
        if (!m_rolesLoaded) {
            auto all = roles();
            if (!all)
                return all.error();
            m_roleCache.clear();
            for (const auto& r : *all)
                m_roleCache.insert(r.name, r.permissions);
            m_rolesLoaded = true;
        }
        QStringList perms = p.permissions.value_or(QStringList());
        for (const QString& role : *p.roles) {
            auto it = m_roleCache.constFind(role);
            if (it == m_roleCache.cend())
                return Error::notFound(QStringLiteral("No role named \"%1\"").arg(role));
            perms << *it;
        }
        perms.removeDuplicates();
        p.permissions = perms;
    }
    return p;
}

} // namespace kw
