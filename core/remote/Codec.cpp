#include "remote/Codec.h"

#include "policy/Duration.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QDateTime>
#include <QSet>
#include <QTimeZone>

namespace kw::codec {

namespace {

// Query-string times end in "Z" rather than "+00:00": a '+' in a query is read as a space by some servers and left
// percent-encoded by others.
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"));
}

} // namespace

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

QJsonObject toJson(const KeyUpdate& u, const QString& reason)
{
    QJsonObject o{{"reason", reason}};
    if (u.name)
        o.insert("name", *u.name);
    if (u.owner)
        o.insert("owner", *u.owner);
    if (u.tags)
        o.insert("tags", QJsonArray::fromStringList(*u.tags));
    if (u.metadata)
        o.insert("metadata", *u.metadata);
    if (u.services)
        o.insert("services", QJsonArray::fromStringList(*u.services));
    if (u.dependsOn)
        o.insert("dependsOn", QJsonArray::fromStringList(*u.dependsOn));
    return o;
}

Result<KeyUpdateRequest> keyUpdateRequestFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    KeyUpdateRequest req;
    auto present = [&](const char* field) {
        const QJsonValue v = object.value(QLatin1String(field));
        return !v.isUndefined() && !v.isNull();
    };
    req.reason = r.string("reason", true);
    req.update.name = r.optionalString("name");
    req.update.owner = r.optionalString("owner");
    // Absent and null both mean "unchanged"; [] and {} clear.
    const QStringList tags = r.stringList("tags");
    const QJsonObject metadata = r.object("metadata");
    const QStringList services = r.stringList("services");
    const QStringList dependsOn = r.stringList("dependsOn");
    if (present("tags"))
        req.update.tags = tags;
    if (present("metadata"))
        req.update.metadata = metadata;
    if (present("services"))
        req.update.services = services;
    if (present("dependsOn"))
        req.update.dependsOn = dependsOn;
    if (auto st = r.finish(); !st)
        return st.error();
    return req;
}

QJsonObject contactRequestToJson(const Contact& c)
{
    return {{"project", c.project},
            {"service", c.service},
            {"name", c.name},
            {"email", c.email},
            {"webhookUrl", c.webhookUrl},
            {"phone", c.phone},
            {"note", c.note},
            {"webhookFormat", c.webhookFormat},
            {"pagerDutyRoutingKey", c.pagerDutyRoutingKey}};
}

Result<Contact> contactRequestFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    Contact c;
    c.project = r.string("project", true);
    c.service = r.string("service");
    c.name = r.string("name", true);
    c.email = r.string("email");
    c.webhookUrl = r.string("webhookUrl");
    c.phone = r.string("phone");
    c.note = r.string("note");
    c.webhookFormat = r.string("webhookFormat");
    if (c.webhookFormat.isEmpty())
        c.webhookFormat = QStringLiteral("generic");
    c.pagerDutyRoutingKey = r.string("pagerDutyRoutingKey");
    if (auto st = r.finish(); !st)
        return st.error();
    return c;
}

QJsonObject notificationDraftToJson(const Notification& n)
{
    QJsonObject o{
        {"kind", n.kind}, {"channel", n.channel}, {"recipient", n.recipient}, {"subject", n.subject}, {"body", n.body}};
    if (!n.incident.isEmpty())
        o.insert("incident", n.incident);
    if (!n.keyIds.isEmpty())
        o.insert("keyIds", QJsonArray::fromStringList(n.keyIds));
    if (!n.format.isEmpty())
        o.insert("format", n.format);
    if (!n.routingKey.isEmpty())
        o.insert("routingKey", n.routingKey);
    return o;
}

Result<Notification> notificationDraftFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    Notification n;
    n.kind = r.string("kind", true);
    n.channel = r.string("channel", true);
    n.recipient = r.string("recipient");
    n.subject = r.string("subject", true);
    n.body = r.string("body");
    n.incident = r.string("incident");
    n.keyIds = r.stringList("keyIds");
    n.format = r.string("format");
    n.routingKey = r.string("routingKey");
    if (auto st = r.finish(); !st)
        return st.error();
    return n;
}

Result<std::vector<SecureBytes>> lookupRequestFromJson(const QJsonObject& object)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key() != QLatin1String("secrets"))
            return Error::invalid(QStringLiteral("unknown field \"%1\"").arg(it.key()));
    const QJsonValue v = object.value(QLatin1String("secrets"));
    if (!v.isArray())
        return Error::invalid(QStringLiteral("field \"secrets\" is required (a list of key strings)"));
    const QJsonArray a = v.toArray();
    std::vector<SecureBytes> out; // a std::vector: QList needs copyable items, and SecureBytes only moves
    out.reserve(std::size_t(a.size()));
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString())
            return Error::invalid(QStringLiteral("field \"secrets\": item %1 is not a string").arg(i));
        QString text = a.at(i).toString();
        if (text.isEmpty())
            return Error::invalid(QStringLiteral("field \"secrets\": item %1 is empty").arg(i));
        out.push_back(SecureBytes::fromString(text)); // wipes `text`
    }
    return out;
}

QJsonObject lookupResponseToJson(const QList<std::optional<KeyRecord>>& keys, qint64 nowMs)
{
    QJsonArray a;
    for (const auto& k : keys)
        a.append(k ? QJsonValue(k->toJson(nowMs)) : QJsonValue(QJsonValue::Null));
    return {{"keys", a}};
}

QJsonObject toJson(const IncidentAction& a)
{
    QJsonObject o{{"reason", a.reason}};
    if (!a.incident.isEmpty())
        o.insert("incident", a.incident);
    return o;
}

Result<IncidentAction> incidentActionFromJson(const QJsonObject& object)
{
    JsonReader r(object);
    IncidentAction a;
    a.reason = r.string("reason", true);
    a.incident = r.string("incident");
    if (auto st = r.finish(); !st)
        return st.error();
    return a;
}

QString toString(KeyGrouping grouping)
{
    return grouping == KeyGrouping::Service ? QStringLiteral("service") : QStringLiteral("environment");
}

std::optional<KeyGrouping> keyGroupingFromString(QStringView text)
{
    if (text == u"environment")
        return KeyGrouping::Environment;
    if (text == u"service")
        return KeyGrouping::Service;
    return std::nullopt;
}

QUrlQuery toQuery(const KeyFilter& f)
{
    QUrlQuery q;
    auto add = [&q](const char* name, const QString& value) {
        if (!value.isEmpty())
            q.addQueryItem(QLatin1String(name), value);
    };
    add("team", f.team);
    add("project", f.project);
    add("environment", f.environment);
    add("service", f.service);
    if (f.withoutService)
        q.addQueryItem(QStringLiteral("withoutService"), QStringLiteral("true"));
    if (f.status)
        q.addQueryItem(QStringLiteral("status"), toString(*f.status));
    add("tag", f.tag);
    if (f.expiresBeforeMs > 0)
        q.addQueryItem(QStringLiteral("expiresBefore"), isoTime(f.expiresBeforeMs));
    if (f.expiresAfterMs > 0)
        q.addQueryItem(QStringLiteral("expiresAfter"), isoTime(f.expiresAfterMs));
    add("owner", f.owner);
    if (f.createdFromMs > 0)
        q.addQueryItem(QStringLiteral("createdFrom"), isoTime(f.createdFromMs));
    if (f.createdToMs > 0)
        q.addQueryItem(QStringLiteral("createdTo"), isoTime(f.createdToMs));
    add("clientIp", f.clientIp);
    if (f.parentId)
        q.addQueryItem(QStringLiteral("parent"), *f.parentId);
    add("text", f.text);
    if (f.limit > 0)
        q.addQueryItem(QStringLiteral("limit"), QString::number(f.limit));
    if (f.offset > 0)
        q.addQueryItem(QStringLiteral("offset"), QString::number(f.offset));
    return q;
}

Result<KeyFilter> keyFilterFromQuery(const QUrlQuery& query, const QStringList& extra)
{
    static const QSet<QString> known{"team",      "project",       "environment",  "service", "withoutService",
                                     "status",    "expiresBefore", "expiresAfter", "owner",   "createdFrom",
                                     "createdTo", "clientIp",      "tag",          "parent",  "text",
                                     "limit",     "offset"};
    for (const auto& item : query.queryItems(QUrl::FullyDecoded)) {
        if (!known.contains(item.first) && !extra.contains(item.first))
            return Error::invalid(QStringLiteral("unknown query parameter \"%1\"").arg(item.first));
    }
    auto value = [&query](const char* name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    auto has = [&query](const char* name) { return query.hasQueryItem(QLatin1String(name)); };
    KeyFilter f;
    f.team = value("team");
    f.project = value("project");
    f.environment = value("environment");
    f.service = value("service");
    f.tag = value("tag");
    f.text = value("text");
    if (has("withoutService")) {
        const QString v = value("withoutService");
        if (v != QLatin1String("true") && v != QLatin1String("false"))
            return Error::invalid(QStringLiteral("query parameter \"withoutService\" must be true or false"));
        f.withoutService = v == QLatin1String("true");
    }
    if (has("status")) {
        f.status = keyStatusFromString(value("status"));
        if (!f.status)
            return Error::invalid(QStringLiteral("query parameter \"status\" must be active, suspended, expired, "
                                                 "revoked or rotating"));
    }
    if (has("expiresBefore")) {
        const qint64 ms = json::parseTime(QJsonValue(value("expiresBefore")));
        if (ms <= 0)
            return Error::invalid(QStringLiteral("query parameter \"expiresBefore\" must be an ISO 8601 time"));
        f.expiresBeforeMs = ms;
    }
    for (const auto& [name, into] : {std::pair<const char*, qint64*>{"expiresAfter", &f.expiresAfterMs},
                                     {"createdFrom", &f.createdFromMs},
                                     {"createdTo", &f.createdToMs}}) {
        if (!has(name))
            continue;
        const qint64 ms = json::parseTime(QJsonValue(value(name)));
        if (ms <= 0)
            return Error::invalid(
                QStringLiteral("query parameter \"%1\" must be an ISO 8601 time").arg(QLatin1String(name)));
        *into = ms;
    }
    f.owner = value("owner");
    f.clientIp = value("clientIp");
    if (has("parent"))
        f.parentId = value("parent");
    for (const auto& [name, into] : {std::pair<const char*, int*>{"limit", &f.limit}, {"offset", &f.offset}}) {
        if (!has(name))
            continue;
        bool ok = false;
        *into = value(name).toInt(&ok);
        if (!ok || *into < 0)
            return Error::invalid(
                QStringLiteral("query parameter \"%1\" must be a whole number, 0 or more").arg(QLatin1String(name)));
    }
    return f;
}

} // namespace kw::codec
