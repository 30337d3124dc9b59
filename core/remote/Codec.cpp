#include "remote/Codec.h"

#include "policy/Duration.h"
#include "remote/JsonReader.h"

namespace kw::codec {

QJsonObject toJson(const KeySpec& s)
{
    QJsonObject o{{"project", s.project}, {"environment", s.environment}, {"name", s.name}};
    if (!s.services.isEmpty())
        o.insert("services", QJsonArray::fromStringList(s.services));
    if (!s.owner.isEmpty())
        o.insert("owner", s.owner);
    if (!s.tags.isEmpty())
        o.insert("tags", QJsonArray::fromStringList(s.tags));
    if (!s.metadata.isEmpty())
        o.insert("metadata", s.metadata);
    if (!s.parentId.isEmpty())
        o.insert("parentId", s.parentId);
    if (!s.dependsOn.isEmpty())
        o.insert("dependsOn", QJsonArray::fromStringList(s.dependsOn));
    if (s.expiresInMs > 0)
        o.insert("expiresIn", Duration::format(s.expiresInMs));
    if (s.backup)
        o.insert("backup", true);
    if (s.recoverable)
        o.insert("recoverable", true);
    if (!s.policyTemplate.isEmpty())
        o.insert("policyTemplate", s.policyTemplate);
    if (!s.policy.isEmpty())
        o.insert("policy", s.policy.toJson());
    return o;
}

Result<KeySpec> keySpecFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    KeySpec s;
    s.project = r.string("project", true);
    s.environment = r.string("environment", true);
    s.name = r.string("name", true);
    s.services = r.stringList("services");
    s.owner = r.string("owner");
    s.tags = r.stringList("tags");
    s.metadata = r.object("metadata");
    s.parentId = r.string("parentId");
    s.dependsOn = r.stringList("dependsOn");
    const QString expires = r.string("expiresIn");
    s.backup = r.boolean("backup");
    s.recoverable = r.boolean("recoverable");
    s.policyTemplate = r.string("policyTemplate");
    const QJsonObject policy = r.object("policy");
    if (auto st = r.finish(); !st)
        return st.error();
    if (!expires.isEmpty()) {
        auto ms = Duration::parseMs(expires);
        if (!ms)
            return Error::invalid(QStringLiteral("field \"expiresIn\": %1").arg(ms.errorMessage()));
        s.expiresInMs = *ms;
    }
    auto p = KeyPolicy::fromJson(policy);
    if (!p)
        return Error::invalid(QStringLiteral("field \"policy\": %1").arg(p.errorMessage()));
    s.policy = *p;
    return s;
}

QJsonObject verifyRequestToJson(QByteArrayView secret, const VerifyContext& c)
{
    QJsonObject o{{"key", QString::fromLatin1(secret)}};
    if (!c.service.isEmpty())
        o.insert("service", c.service);
    if (!c.environment.isEmpty())
        o.insert("environment", c.environment);
    if (!c.permissions.isEmpty())
        o.insert("permissions", QJsonArray::fromStringList(c.permissions));
    if (c.cost != 1)
        o.insert("cost", c.cost);
    if (!c.clientIp.isEmpty())
        o.insert("ip", c.clientIp);
    return o;
}

Result<VerifyRequest> verifyRequestFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    VerifyRequest v;
    QString key = r.string("key", true);
    v.context.service = r.string("service");
    v.context.environment = r.string("environment");
    v.context.permissions = r.stringList("permissions");
    v.context.cost = r.integer("cost", 1);
    v.context.clientIp = r.string("ip");
    if (auto st = r.finish(); !st) {
        secureWipe(key);
        return st.error();
    }
    if (v.context.cost < 0)
        return Error::invalid(QStringLiteral("field \"cost\" must not be negative"));
    v.key = SecureBytes::fromString(key);
    return v;
}

QJsonObject toJson(const RevocationRequest& r)
{
    QJsonObject o{{"keys", QJsonArray::fromStringList(r.keys)}, {"cascade", r.cascade}, {"reason", r.reason}};
    if (!r.incidentId.isEmpty())
        o.insert("incidentId", r.incidentId);
    return o;
}

Result<RevocationRequest> revocationRequestFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    RevocationRequest req;
    req.keys = r.stringList("keys");
    req.cascade = r.boolean("cascade");
    req.reason = r.string("reason");
    req.incidentId = r.string("incidentId");
    if (auto st = r.finish(); !st)
        return st.error();
    if (req.keys.isEmpty())
        return Error::invalid(QStringLiteral("field \"keys\" must name at least one key"));
    return req;
}

QJsonObject toJson(const PolicyTarget& t)
{
    switch (t.kind) {
    case PolicyTarget::Kind::Workspace:
        return {{"kind", "workspace"}};
    case PolicyTarget::Kind::Project:
        return {{"kind", "project"}, {"project", t.project}};
    case PolicyTarget::Kind::Environment:
        return {{"kind", "environment"}, {"project", t.project}, {"environment", t.environment}};
    case PolicyTarget::Kind::Key:
        return {{"kind", "key"}, {"key", t.key}};
    }
    return {};
}

Result<PolicyTarget> policyTargetFromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("target"));
    PolicyTarget t;
    const QString kind = r.string("kind", true);
    t.project = r.string("project");
    t.environment = r.string("environment");
    t.key = r.string("key");
    if (auto st = r.finish(); !st)
        return st.error();
    if (kind == QLatin1String("workspace"))
        t.kind = PolicyTarget::Kind::Workspace;
    else if (kind == QLatin1String("project") && !t.project.isEmpty())
        t.kind = PolicyTarget::Kind::Project;
    else if (kind == QLatin1String("environment") && !t.project.isEmpty() && !t.environment.isEmpty())
        t.kind = PolicyTarget::Kind::Environment;
    else if (kind == QLatin1String("key") && !t.key.isEmpty())
        t.kind = PolicyTarget::Kind::Key;
    else
        return Error::invalid(
            QStringLiteral("target: \"kind\" must be workspace, project (with \"project\"), "
                           "environment (with \"project\" and \"environment\") or key (with \"key\")"));
    return t;
}

} // namespace kw::codec
