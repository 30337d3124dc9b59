#pragma once

#include "domain/Lifecycle.h"
#include "policy/KeyPolicy.h"
#include "util/Result.h"

#include <QHash>
#include <QSqlDatabase>

namespace kw {

// Policy templates, scope defaults and roles in the vault, and the resolution of a key's effective
// policy: workspace → project template → project → environment → key template → key. Callers own the
// transaction; audit entries are the caller's too.
class PolicyStore {
public:
    explicit PolicyStore(QSqlDatabase& db) : m_db(db) {}

    Result<PolicyTemplate> saveTemplate(const PolicyTemplate& t, qint64 now);
    Result<QList<PolicyTemplate>> templates();
    Result<PolicyTemplate> findTemplate(const QString& name);

    // The scope's own rules and template ("workspace", "project:<id>", "env:<id>").
    static QString workspaceScope() { return QStringLiteral("workspace"); }
    static QString projectScope(qint64 id) { return QStringLiteral("project:%1").arg(id); }
    static QString environmentScope(qint64 id) { return QStringLiteral("env:%1").arg(id); }
    Status setScope(const QString& scope, const std::optional<QString>& templateName, const KeyPolicy& policy);
    struct Scope {
        QString templateName;
        KeyPolicy policy;
    };
    Result<Scope> scope(const QString& scope);

    Result<Role> saveRole(const Role& role, qint64 now);
    // Every role the policy names must exist: an unknown one would lock every key under it out.
    Status checkRoles(const KeyPolicy& policy);
    Result<QList<Role>> roles();

    // Effective policy for a key; role names are expanded into permissions. Results for the inherited part
    // are cached per (project, environment, key template) until invalidate().
    Result<KeyPolicy> effective(qint64 projectId, qint64 environmentId, const QString& keyTemplate,
                                const KeyPolicy& keyPolicy);
    void invalidate() { m_cache.clear(); }

private:
    Result<KeyPolicy> inherited(qint64 projectId, qint64 environmentId, const QString& keyTemplate);
    Result<KeyPolicy> withTemplate(const Scope& s);

    QSqlDatabase& m_db;
    QHash<QString, KeyPolicy> m_cache;
    QHash<QString, QStringList> m_roleCache;
    bool m_rolesLoaded = false;
};

} // namespace kw
