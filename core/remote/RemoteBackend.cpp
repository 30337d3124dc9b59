#include "remote/RemoteBackend.h"

#include "policy/Duration.h"
#include "remote/Codec.h"
#include "util/Json.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QTimeZone>

namespace kw {

namespace {

Error::Code codeFromName(const QString& name, int status)
{
    static const QHash<QString, Error::Code> byName{
        {QStringLiteral("invalid"), Error::Code::Invalid},
        {QStringLiteral("unauthorized"), Error::Code::Unauthorized},
        {QStringLiteral("forbidden"), Error::Code::Forbidden},
        {QStringLiteral("not_found"), Error::Code::NotFound},
        {QStringLiteral("conflict"), Error::Code::Conflict},
        {QStringLiteral("too_large"), Error::Code::Invalid},
        {QStringLiteral("storage"), Error::Code::Storage},
        {QStringLiteral("crypto"), Error::Code::Crypto},
        {QStringLiteral("internal"), Error::Code::Internal},
    };
    // The status decides for the classes the API documents; the code refines only 5xx.
    switch (status) {
    case 400:
    case 413:
    case 422:
        return Error::Code::Invalid;
    case 401:
        return Error::Code::Unauthorized;
    case 403:
        return Error::Code::Forbidden;
    case 404:
        return Error::Code::NotFound;
    case 409:
        return Error::Code::Conflict;
    default:
        break;
    }
    if (auto it = byName.constFind(name); it != byName.constEnd())
        return *it;
    return status >= 500 ? Error::Code::Internal : Error::Code::Invalid;
}

template <typename T> Result<T> parseObject(const Result<QJsonObject>& o, Result<T> (*parse)(const QJsonObject&))
{
    if (!o)
        return o.error();
    return parse(*o);
}

template <typename T> Result<QList<T>> parseArray(const Result<QJsonArray>& a, Result<T> (*parse)(const QJsonObject&))
{
    if (!a)
        return a.error();
    return codec::listFromJson<T>(*a, parse);
}

// Query-string times end in "Z" rather than "+00:00": a '+' in a query is read as a space by some servers
// and left percent-encoded by others.
QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"));
}

} // namespace

RemoteBackend::RemoteBackend(std::unique_ptr<HttpClient> client, SecureBytes token, QObject* parent)
    : Backend(parent), m_client(std::move(client)), m_token(std::move(token))
{
}

RemoteBackend::~RemoteBackend() = default;

Result<std::unique_ptr<RemoteBackend>> RemoteBackend::create(const QUrl& baseUrl, SecureBytes token, Options options,
                                                             QObject* parent)
{
    if (token.isEmpty())
        return Error::invalid(
            QStringLiteral("No operator token given for %1").arg(baseUrl.toDisplayString(QUrl::RemoveUserInfo)));
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char c = token.data()[i];
        if (c <= ' ' || c == 0x7f)
            return Error::invalid(QStringLiteral("The operator token contains spaces or control characters"));
    }
    HttpClient::Options http;
    http.caFile = options.caFile;
    http.ssl = options.ssl;
    http.timeoutMs = options.timeoutMs;
    http.maxResponseBytes = options.maxResponseBytes;
    auto client = HttpClient::create(baseUrl, std::move(http));
    if (!client)
        return client.error();
    return std::unique_ptr<RemoteBackend>(new RemoteBackend(std::move(*client), std::move(token), parent));
}

QByteArray RemoteBackend::path(std::initializer_list<QString> segments)
{
    QByteArray out;
    bool first = true;
    for (const QString& s : segments) {
        // The first segment is the fixed API prefix ("/v1/keys"); the others are values.
        out += first ? s.toUtf8() : '/' + QUrl::toPercentEncoding(s);
        first = false;
    }
    return out;
}

QByteArray RemoteBackend::withQuery(QByteArray target, const QUrlQuery& query)
{
    if (query.isEmpty())
        return target;
    const QString q = query.toString(QUrl::FullyEncoded);
    return target + '?' + q.toLatin1();
}

Result<QJsonValue> RemoteBackend::call(const QByteArray& method, const QByteArray& target, const QJsonObject* body)
{
    HttpClient::Request req;
    req.method = method;
    req.target = target;
    if (body)
        req.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    req.bearer = &m_token;
    auto response = m_client->send(req);
    if (body)
        secureWipe(req.body); // a verify request carries a client's secret
    if (!response)
        return response.error();

    QJsonParseError perr;
    const bool empty = response->body.trimmed().isEmpty();
    const QJsonDocument doc = empty ? QJsonDocument() : QJsonDocument::fromJson(response->body, &perr);
    const bool json = !empty && perr.error == QJsonParseError::NoError;
    // Key and operator creation answer with a secret: drop the raw bytes as soon as they are parsed.
    secureWipe(response->body);
    const int status = response->status;
    if (status >= 200 && status < 300) {
        if (empty)
            return QJsonValue(QJsonObject{});
        if (!json)
            return Error::io(
                QStringLiteral("The server at %1 answered %2 %3 with a body that is not JSON: %4")
                    .arg(location(), QString::fromLatin1(method), QString::fromUtf8(target), perr.errorString()));
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }

    QString code;
    QString message;
    if (json && doc.isObject()) {
        const QJsonObject e = doc.object().value(QLatin1String("error")).toObject();
        code = e.value(QLatin1String("code")).toString();
        message = e.value(QLatin1String("message")).toString();
    }
    if (message.isEmpty()) {
        // Not our server's error format (a proxy in between, or an old server): say what came back.
        message = QStringLiteral("The server at %1 answered HTTP %2 to %3 %4")
                      .arg(location())
                      .arg(status)
                      .arg(QString::fromLatin1(method), QString::fromUtf8(target.left(target.indexOf('?'))));
    }
    return Error{codeFromName(code, status), message};
}

Result<QJsonObject> RemoteBackend::callObject(const QByteArray& method, const QByteArray& target,
                                              const QJsonObject* body)
{
    auto v = call(method, target, body);
    if (!v)
        return v.error();
    if (!v->isObject())
        return Error::io(QStringLiteral("The server at %1 answered %2 %3 with something other than a JSON object")
                             .arg(location(), QString::fromLatin1(method), QString::fromUtf8(target)));
    return v->toObject();
}

Result<QJsonArray> RemoteBackend::callArray(const QByteArray& method, const QByteArray& target)
{
    auto v = call(method, target);
    if (!v)
        return v.error();
    if (!v->isArray())
        return Error::io(QStringLiteral("The server at %1 answered %2 %3 with something other than a JSON list")
                             .arg(location(), QString::fromLatin1(method), QString::fromUtf8(target)));
    return v->toArray();
}

QString RemoteBackend::actor() const
{
    {
        QMutexLocker lock(&m_actorMutex);
        if (!m_actor.isEmpty())
            return m_actor;
    }
    // whoami() caches the name; a failure is not cached, so the next call asks again.
    auto me = const_cast<RemoteBackend*>(this)->whoami();
    return me ? me->name : QStringLiteral("operator at %1").arg(location());
}

// Organisation

Result<Team> RemoteBackend::createTeam(const QString& name)
{
    const QJsonObject body{{"name", name}};
    auto t = parseObject(callObject("POST", "/v1/teams", &body), &codec::teamFromJson);
    if (t)
        emit organizationChanged();
    return t;
}

Result<QList<Team>> RemoteBackend::teams()
{
    return parseArray(callArray("GET", "/v1/teams"), &codec::teamFromJson);
}

Result<Project> RemoteBackend::createProject(const ProjectSpec& spec)
{
    QJsonObject body{{"name", spec.name}};
    if (!spec.team.isEmpty())
        body.insert("team", spec.team);
    if (!spec.keyPrefix.isEmpty())
        body.insert("keyPrefix", spec.keyPrefix);
    auto p = parseObject(callObject("POST", "/v1/projects", &body), &codec::projectFromJson);
    if (p)
        emit organizationChanged();
    return p;
}

Result<QList<Project>> RemoteBackend::projects()
{
    return parseArray(callArray("GET", "/v1/projects"), &codec::projectFromJson);
}

Result<Environment> RemoteBackend::createEnvironment(const QString& project, const QString& name,
                                                     const QString& keyPrefix)
{
    QJsonObject body{{"name", name}};
    if (!keyPrefix.isEmpty())
        body.insert("keyPrefix", keyPrefix);
    auto e = parseObject(callObject("POST", path({"/v1/projects", project}) + "/environments", &body),
                         &codec::environmentFromJson);
    if (e)
        emit organizationChanged();
    return e;
}

Result<QList<Environment>> RemoteBackend::environments(const QString& project)
{
    return parseArray(callArray("GET", path({"/v1/projects", project}) + "/environments"), &codec::environmentFromJson);
}

Result<Service> RemoteBackend::createService(const QString& project, const QString& name)
{
    const QJsonObject body{{"name", name}};
    auto s =
        parseObject(callObject("POST", path({"/v1/projects", project}) + "/services", &body), &codec::serviceFromJson);
    if (s)
        emit organizationChanged();
    return s;
}

Result<QList<Service>> RemoteBackend::services(const QString& project)
{
    return parseArray(callArray("GET", path({"/v1/projects", project}) + "/services"), &codec::serviceFromJson);
}

// Keys

Result<IssuedKey> RemoteBackend::createKey(const KeySpec& spec)
{
    const QJsonObject body = codec::toJson(spec);
    auto issued = parseObject(callObject("POST", "/v1/keys", &body), &codec::issuedKeyFromJson);
    if (issued)
        emit keysChanged({issued->key.id});
    return issued;
}

Result<QList<KeyRecord>> RemoteBackend::keys(const KeyFilter& filter)
{
    return parseArray(callArray("GET", withQuery("/v1/keys", codec::toQuery(filter))), &codec::keyRecordFromJson);
}

Result<qint64> RemoteBackend::countKeys(const KeyFilter& filter)
{
    KeyFilter all = filter;
    all.limit = 0;
    all.offset = 0;
    auto o = callObject("GET", withQuery("/v1/keys/count", codec::toQuery(all)));
    if (!o)
        return o.error();
    const QJsonValue count = o->value(QLatin1String("count"));
    if (!count.isDouble() || count.toDouble() != double(count.toInteger()) || count.toInteger() < 0)
        return Error::io(
            QStringLiteral("The server at %1 answered the key count without a whole \"count\"").arg(location()));
    return count.toInteger();
}

Result<QList<KeyCount>> RemoteBackend::keyCounts(const KeyFilter& filter, KeyGrouping grouping)
{
    KeyFilter all = filter;
    all.limit = 0;
    all.offset = 0;
    QUrlQuery q = codec::toQuery(all);
    q.addQueryItem(QStringLiteral("groupBy"), codec::toString(grouping));
    return parseArray(callArray("GET", withQuery("/v1/keys/counts", q)), &codec::keyCountFromJson);
}

Result<KeyRecord> RemoteBackend::updateKey(const QString& ref, const KeyUpdate& update, const QString& reason)
{
    const QJsonObject body = codec::toJson(update, reason);
    auto k = parseObject(callObject("PATCH", path({"/v1/keys", ref}), &body), &codec::keyRecordFromJson);
    if (k)
        emit keysChanged({k->id});
    return k;
}

Result<KeyRecord> RemoteBackend::key(const QString& ref)
{
    return parseObject(callObject("GET", path({"/v1/keys", ref})), &codec::keyRecordFromJson);
}

Result<KeyRecord> RemoteBackend::suspendKey(const QString& ref, const QString& reason)
{
    const QJsonObject body{{"reason", reason}};
    auto k = parseObject(callObject("POST", path({"/v1/keys", ref}) + "/suspend", &body), &codec::keyRecordFromJson);
    if (k)
        emit keysChanged({k->id});
    return k;
}

Result<KeyRecord> RemoteBackend::resumeKey(const QString& ref, const QString& reason)
{
    const QJsonObject body{{"reason", reason}};
    auto k = parseObject(callObject("POST", path({"/v1/keys", ref}) + "/resume", &body), &codec::keyRecordFromJson);
    if (k)
        emit keysChanged({k->id});
    return k;
}

Result<RevocationPlan> RemoteBackend::planRevocation(const QStringList& refs, bool cascade)
{
    const QJsonObject body{{"keys", QJsonArray::fromStringList(refs)}, {"cascade", cascade}};
    return parseObject(callObject("POST", "/v1/revocations/plan", &body), &codec::revocationPlanFromJson);
}

Result<RevocationPlan> RemoteBackend::revokeKeys(const RevocationRequest& request)
{
    const QJsonObject body = codec::toJson(request);
    auto plan = parseObject(callObject("POST", "/v1/revocations", &body), &codec::revocationPlanFromJson);
    if (plan) {
        QStringList revoked;
        for (const auto& e : plan->entries)
            if (!e.alreadyRevoked)
                revoked << e.keyId;
        if (!revoked.isEmpty()) {
            emit keysRevoked(revoked);
            emit keysChanged(revoked);
        }
    }
    return plan;
}

Result<VerifyResult> RemoteBackend::verifyKey(const SecureBytes& secret, const VerifyContext& context)
{
    const QJsonObject body =
        codec::verifyRequestToJson(QByteArrayView(secret.data(), qsizetype(secret.size())), context);
    return parseObject(callObject("POST", "/v1/keys/verify", &body), &codec::verifyResultFromJson);
}

// Rotation and renewal

Result<IssuedKey> RemoteBackend::rotateKey(const QString& ref, std::optional<qint64> overlapMs)
{
    QJsonObject body;
    if (overlapMs)
        body.insert("overlap", *overlapMs == 0 ? QStringLiteral("0s") : Duration::format(*overlapMs));
    auto issued =
        parseObject(callObject("POST", path({"/v1/keys", ref}) + "/rotate", &body), &codec::issuedKeyFromJson);
    if (issued) {
        QStringList changed{issued->key.id};
        if (!issued->key.predecessorId.isEmpty())
            changed.prepend(issued->key.predecessorId);
        emit keysChanged(changed);
    }
    return issued;
}

Result<RenewalOutcome> RemoteBackend::renewKey(const QString& ref, qint64 extendMs, const QString& reason)
{
    QJsonObject body{{"extendBy", Duration::format(extendMs)}};
    if (!reason.isEmpty())
        body.insert("reason", reason);
    auto o = parseObject(callObject("POST", path({"/v1/keys", ref}) + "/renew", &body), &codec::renewalOutcomeFromJson);
    if (o)
        emit keysChanged({o->key.id});
    return o;
}

Result<QList<RenewalRequest>> RemoteBackend::renewalRequests(bool pendingOnly)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("pending"), pendingOnly ? QStringLiteral("true") : QStringLiteral("false"));
    return parseArray(callArray("GET", withQuery("/v1/renewals", q)), &codec::renewalRequestFromJson);
}

Result<RenewalOutcome> RemoteBackend::decideRenewal(qint64 requestId, bool approve, const QString& reason)
{
    QJsonObject body;
    if (!reason.isEmpty())
        body.insert("reason", reason);
    auto o = parseObject(
        callObject("POST", path({"/v1/renewals", QString::number(requestId)}) + (approve ? "/approve" : "/deny"),
                   &body),
        &codec::renewalOutcomeFromJson);
    if (o)
        emit keysChanged({o->key.id});
    return o;
}

Result<QList<ExpirationEvent>> RemoteBackend::expirationHistory(const QString& ref)
{
    return parseArray(callArray("GET", path({"/v1/keys", ref}) + "/history"), &codec::expirationEventFromJson);
}

Result<MaintenanceReport> RemoteBackend::runMaintenance()
{
    const QJsonObject body;
    auto m = parseObject(callObject("POST", "/v1/maintenance", &body), &codec::maintenanceReportFromJson);
    if (m) {
        QStringList changed = m->expired + m->graceEntered + m->rotated + m->successors;
        changed.removeDuplicates();
        if (!changed.isEmpty())
            emit keysChanged(changed);
    }
    return m;
}

Result<QList<ExpiryDay>> RemoteBackend::expiryCalendar(const KeyFilter& scope, qint64 fromMs, qint64 toMs,
                                                       int utcOffsetSeconds)
{
    KeyFilter f = scope;
    f.limit = 0;
    f.offset = 0;
    QUrlQuery q = codec::toQuery(f);
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    q.addQueryItem(QStringLiteral("utcOffset"), QString::number(utcOffsetSeconds));
    return parseArray(callArray("GET", withQuery("/v1/calendar", q)), &codec::expiryDayFromJson);
}

Result<QList<ScheduledRotation>> RemoteBackend::scheduledRotations(const KeyFilter& scope, qint64 fromMs, qint64 toMs)
{
    KeyFilter f = scope;
    f.offset = 0;
    QUrlQuery q = codec::toQuery(f);
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    return parseArray(callArray("GET", withQuery("/v1/rotations/scheduled", q)), &codec::scheduledRotationFromJson);
}

// Incident response

Result<QList<std::optional<KeyRecord>>> RemoteBackend::lookupSecrets(const std::vector<SecureBytes>& secrets)
{
    QJsonArray list;
    for (const SecureBytes& s : secrets)
        list.append(QString::fromLatin1(QByteArrayView(s.data(), qsizetype(s.size()))));
    const QJsonObject body{{"secrets", list}};
    // call() wipes the serialised body; the QJsonObject's own copies go with it right after.
    return parseObject(callObject("POST", "/v1/keys/lookup", &body), &codec::lookupResponseFromJson);
}

Result<KeyRecord> RemoteBackend::activateBackup(const QString& ref, const QString& reason, const QString& incident)
{
    const QJsonObject body = codec::toJson(codec::IncidentAction{reason, incident});
    auto k =
        parseObject(callObject("POST", path({"/v1/keys", ref}) + "/activate-backup", &body), &codec::keyRecordFromJson);
    if (k)
        emit keysChanged({k->id});
    return k;
}

Result<QList<KeyRecord>> RemoteBackend::backupKeysFor(const QString& ref)
{
    return parseArray(callArray("GET", path({"/v1/keys", ref}) + "/backups"), &codec::keyRecordFromJson);
}

Result<IssuedKey> RemoteBackend::issueReplacement(const QString& revokedRef, const QString& reason,
                                                  const QString& incident)
{
    const QJsonObject body = codec::toJson(codec::IncidentAction{reason, incident});
    auto issued =
        parseObject(callObject("POST", path({"/v1/keys", revokedRef}) + "/replace", &body), &codec::issuedKeyFromJson);
    if (issued) {
        QStringList changed{issued->key.id};
        if (!issued->key.predecessorId.isEmpty())
            changed.prepend(issued->key.predecessorId);
        emit keysChanged(changed);
    }
    return issued;
}

Result<Contact> RemoteBackend::saveContact(const Contact& contact)
{
    const QJsonObject body = codec::contactRequestToJson(contact);
    if (contact.id == 0)
        return parseObject(callObject("POST", "/v1/contacts", &body), &codec::contactFromJson);
    return parseObject(callObject("PUT", path({"/v1/contacts", QString::number(contact.id)}), &body),
                       &codec::contactFromJson);
}

Result<QList<Contact>> RemoteBackend::contacts(const QString& project)
{
    QUrlQuery q;
    if (!project.isEmpty())
        q.addQueryItem(QStringLiteral("project"), project);
    return parseArray(callArray("GET", withQuery("/v1/contacts", q)), &codec::contactFromJson);
}

Status RemoteBackend::removeContact(qint64 id)
{
    auto r = call("DELETE", path({"/v1/contacts", QString::number(id)}));
    if (!r)
        return r.error();
    return {};
}

Result<QList<Notification>> RemoteBackend::recordNotifications(const QList<Notification>& drafts)
{
    QJsonArray list;
    for (const Notification& n : drafts)
        list.append(codec::notificationDraftToJson(n));
    const QJsonObject body{{"notifications", list}};
    auto v = call("POST", "/v1/notifications", &body);
    if (!v)
        return v.error();
    if (!v->isArray())
        return Error::io(QStringLiteral("The server at %1 answered POST /v1/notifications with something other than a "
                                        "JSON list")
                             .arg(location()));
    return codec::listFromJson<Notification>(v->toArray(), &codec::notificationFromJson);
}

Result<QList<Notification>> RemoteBackend::notifications(const NotificationQuery& query)
{
    QUrlQuery q;
    if (!query.incident.isEmpty())
        q.addQueryItem(QStringLiteral("incident"), query.incident);
    if (!query.kind.isEmpty())
        q.addQueryItem(QStringLiteral("kind"), query.kind);
    if (query.limit != 0)
        q.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (query.id != 0)
        q.addQueryItem(QStringLiteral("id"), QString::number(query.id));
    if (!query.state.isEmpty())
        q.addQueryItem(QStringLiteral("state"), query.state);
    return parseArray(callArray("GET", withQuery("/v1/notifications", q)), &codec::notificationFromJson);
}

// Policies

Result<PolicyTemplate> RemoteBackend::savePolicyTemplate(const PolicyTemplate& t)
{
    QJsonObject body{{"name", t.name}, {"policy", t.policy.toJson()}};
    if (!t.description.isEmpty())
        body.insert("description", t.description);
    return parseObject(callObject("POST", "/v1/policies", &body), &codec::policyTemplateFromJson);
}

Result<QList<PolicyTemplate>> RemoteBackend::policyTemplates()
{
    return parseArray(callArray("GET", "/v1/policies"), &codec::policyTemplateFromJson);
}

Status RemoteBackend::applyPolicy(const PolicyTarget& target, const std::optional<QString>& templateName,
                                  const KeyPolicy& policy)
{
    QJsonObject body{{"target", codec::toJson(target)}, {"policy", policy.toJson()}};
    if (templateName)
        body.insert("template", *templateName);
    auto r = callObject("POST", "/v1/policies/apply", &body);
    if (!r)
        return r.error();
    if (target.kind == PolicyTarget::Kind::Key) {
        // The server resolves display ids; the signal carries ids, so ask which key it was.
        if (auto k = key(target.key))
            emit keysChanged({k->id});
    }
    return {};
}

Result<KeyPolicy> RemoteBackend::effectivePolicy(const QString& ref)
{
    auto o = callObject("GET", path({"/v1/keys", ref}) + "/policy");
    if (!o)
        return o.error();
    auto p = KeyPolicy::fromJson(*o);
    if (!p)
        return Error::invalid(QStringLiteral("effective policy: %1").arg(p.errorMessage()));
    return p;
}

Result<Role> RemoteBackend::saveRole(const Role& role)
{
    const QJsonObject body{{"name", role.name}, {"permissions", QJsonArray::fromStringList(role.permissions)}};
    return parseObject(callObject("POST", "/v1/roles", &body), &codec::roleFromJson);
}

Result<QList<Role>> RemoteBackend::roles()
{
    return parseArray(callArray("GET", "/v1/roles"), &codec::roleFromJson);
}

Status RemoteBackend::setServicePrice(const QString& project, const QString& service, qint64 unitPriceMicros)
{
    const QJsonObject body{{"unitPriceMicros", unitPriceMicros}};
    auto r = callObject("PUT", path({"/v1/projects", project, QStringLiteral("services"), service}) + "/price", &body);
    if (!r)
        return r.error();
    return {};
}

// Usage

Result<UsageSummary> RemoteBackend::usageSummary(UsageScope scope, const QString& scopeId, qint64 fromMs, qint64 toMs)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("scope"), codec::toString(scope));
    if (scope != UsageScope::All)
        q.addQueryItem(QStringLiteral("id"), scopeId);
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    return parseObject(callObject("GET", withQuery("/v1/usage/summary", q)), &codec::usageSummaryFromJson);
}

Result<QList<UsagePoint>> RemoteBackend::usageSeries(UsageGranularity granularity, UsageScope scope,
                                                     const QString& scopeId, qint64 fromMs, qint64 toMs)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("granularity"), codec::toString(granularity));
    q.addQueryItem(QStringLiteral("scope"), codec::toString(scope));
    if (scope != UsageScope::All)
        q.addQueryItem(QStringLiteral("id"), scopeId);
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    return parseArray(callArray("GET", withQuery("/v1/usage/series", q)), &codec::usagePointFromJson);
}

Result<QList<TopEntry>> RemoteBackend::usageTop(UsageScope scope, qint64 fromMs, qint64 toMs, int limit)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("scope"), codec::toString(scope));
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    if (limit > 0)
        q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return parseArray(callArray("GET", withQuery("/v1/usage/top", q)), &codec::topEntryFromJson);
}

Result<QList<UsageAnomaly>> RemoteBackend::usageAnomalies(UsageScope scope, const QString& scopeId, qint64 fromMs,
                                                          qint64 toMs)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("scope"), codec::toString(scope));
    if (scope != UsageScope::All)
        q.addQueryItem(QStringLiteral("id"), scopeId);
    q.addQueryItem(QStringLiteral("from"), isoTime(fromMs));
    q.addQueryItem(QStringLiteral("to"), isoTime(toMs));
    return parseArray(callArray("GET", withQuery("/v1/usage/anomalies", q)), &codec::usageAnomalyFromJson);
}

Result<UsageRecorder::Settings> RemoteBackend::usageSettings()
{
    return parseObject(callObject("GET", "/v1/usage/settings"), &codec::usageSettingsFromJson);
}

Status RemoteBackend::setUsageSettings(const UsageRecorder::Settings& settings)
{
    const QJsonObject body = codec::toJson(settings);
    auto r = callObject("PUT", "/v1/usage/settings", &body);
    if (!r)
        return r.error();
    return {};
}

// Operators

Result<Backend::IssuedOperator> RemoteBackend::createOperator(const QString& name, OperatorRole role)
{
    const QJsonObject body{{"name", name}, {"role", toString(role)}};
    return parseObject(callObject("POST", "/v1/operators", &body), &codec::issuedOperatorFromJson);
}

Result<QList<Operator>> RemoteBackend::operators()
{
    return parseArray(callArray("GET", "/v1/operators"), &codec::operatorFromJson);
}

Status RemoteBackend::revokeOperator(const QString& name)
{
    auto r = call("DELETE", path({"/v1/operators", name}));
    if (!r)
        return r.error();
    return {};
}

Result<Operator> RemoteBackend::whoami()
{
    auto me = parseObject(callObject("GET", "/v1/whoami"), &codec::operatorFromJson);
    if (me) {
        QMutexLocker lock(&m_actorMutex);
        m_actor = me->name;
    }
    return me;
}

} // namespace kw
