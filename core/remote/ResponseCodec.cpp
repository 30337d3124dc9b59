// Parsers of keywardend's responses (declared in Codec.h). Tolerant of fields they do not know, strict
// about the type of every field they read: a server that sends "expiresAt": 5 is broken, one that adds
// "lastRotatedAt" is merely newer.
#include "remote/Codec.h"

#include "crypto/KeyFormat.h"
#include "policy/Duration.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QRegularExpression>

#include <cmath>

namespace kw::codec {

namespace {

// JsonReader for responses: never finish()ed (unknown fields are fine), plus the value forms that only
// responses carry — times, durations, hex, fractional numbers, nested objects and lists.
class In {
public:
    explicit In(const QJsonObject& object, QString context = {}) : m_object(object), m_r(object, context) {}

    QString string(const char* f, bool required = false) { return m_r.string(QLatin1String(f), required); }
    QStringList strings(const char* f) { return m_r.stringList(QLatin1String(f)); }
    qint64 integer(const char* f, qint64 fallback = 0) { return m_r.integer(QLatin1String(f), fallback); }
    bool boolean(const char* f, bool fallback = false) { return m_r.boolean(QLatin1String(f), fallback); }
    QJsonObject object(const char* f) { return m_r.object(QLatin1String(f)); }

    qint64 time(const char* f)
    {
        const QJsonValue v = m_object.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return 0;
        const qint64 ms = v.isString() ? json::parseTime(v) : -1;
        if (ms == -1)
            fail(QStringLiteral("field \"%1\" must be an ISO 8601 time or null").arg(QLatin1String(f)));
        return ms == -1 ? 0 : ms;
    }

    qint64 duration(const char* f)
    {
        const QString text = string(f);
        if (text.isEmpty() || text == QLatin1String("0") || text == QLatin1String("0s"))
            return 0;
        auto ms = Duration::parseMs(text);
        if (!ms) {
            fail(QStringLiteral("field \"%1\": %2").arg(QLatin1String(f), ms.errorMessage()));
            return 0;
        }
        return *ms;
    }

    QByteArray hex(const char* f)
    {
        static const QRegularExpression re(QStringLiteral("^(?:[0-9a-fA-F]{2})*$"));
        const QString text = string(f);
        if (!re.match(text).hasMatch()) {
            fail(QStringLiteral("field \"%1\" must be hexadecimal").arg(QLatin1String(f)));
            return {};
        }
        return QByteArray::fromHex(text.toLatin1());
    }

    double number(const char* f)
    {
        const QJsonValue v = m_object.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return 0.0;
        if (!v.isDouble()) {
            fail(QStringLiteral("field \"%1\" must be a number").arg(QLatin1String(f)));
            return 0.0;
        }
        return v.toDouble();
    }

    // A nullable whole number; null/absent gives `fallback`.
    qint64 optionalInteger(const char* f, qint64 fallback) { return integer(f, fallback); }

    QJsonArray array(const char* f)
    {
        const QJsonValue v = m_object.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(QStringLiteral("field \"%1\" must be a list").arg(QLatin1String(f)));
            return {};
        }
        return v.toArray();
    }

    // An object field parsed by a nested parser; its error is prefixed with the field's name.
    template <typename T> T nested(const char* f, Result<T> (*parse)(const QJsonObject&), bool required = true)
    {
        const QJsonValue v = m_object.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(QStringLiteral("field \"%1\" is required (an object)").arg(QLatin1String(f)));
            return T{};
        }
        if (!v.isObject()) {
            fail(QStringLiteral("field \"%1\" must be an object").arg(QLatin1String(f)));
            return T{};
        }
        auto r = parse(v.toObject());
        if (!r) {
            fail(QStringLiteral("field \"%1\": %2").arg(QLatin1String(f), r.errorMessage()));
            return T{};
        }
        return std::move(*r);
    }

    void fail(const QString& message)
    {
        if (!m_error)
            m_error = Error::invalid(message);
    }

    // The first error of either reader; unknown fields are not errors here.
    Status status() const
    {
        if (!m_r.ok()) {
            // JsonReader keeps its first error until finish(); finish() also reports unknown fields, which
            // responses allow, so only ask it when it has failed already.
            JsonReader copy = m_r;
            return copy.finish();
        }
        if (m_error)
            return *m_error;
        return {};
    }

private:
    const QJsonObject& m_object;
    JsonReader m_r;
    std::optional<Error> m_error;
};

template <typename T> Result<T> done(const In& in, T value, const char* what)
{
    if (auto s = in.status(); !s)
        return Error::invalid(QStringLiteral("%1: %2").arg(QLatin1String(what), s.errorMessage()));
    return value;
}

Result<KeyPolicy> policyFromJson(const QJsonObject& object)
{
    return KeyPolicy::fromJson(object);
}

} // namespace

QString toString(UsageScope scope)
{
    switch (scope) {
    case UsageScope::All:
        return QStringLiteral("all");
    case UsageScope::Project:
        return QStringLiteral("project");
    case UsageScope::Service:
        return QStringLiteral("service");
    case UsageScope::Key:
        return QStringLiteral("key");
    }
    return QStringLiteral("all");
}

std::optional<UsageScope> usageScopeFromString(QStringView text)
{
    for (auto s : {UsageScope::All, UsageScope::Project, UsageScope::Service, UsageScope::Key})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

QString toString(UsageGranularity granularity)
{
    switch (granularity) {
    case UsageGranularity::Minute:
        return QStringLiteral("minute");
    case UsageGranularity::Hour:
        return QStringLiteral("hour");
    case UsageGranularity::Day:
        return QStringLiteral("day");
    }
    return QStringLiteral("minute");
}

std::optional<VerifyCode> verifyCodeFromString(QStringView text)
{
    for (int c = int(VerifyCode::Valid); c <= int(VerifyCode::WrongEnvironment); ++c)
        if (text == toString(VerifyCode(c)))
            return VerifyCode(c);
    return std::nullopt;
}

Result<KeyRecord> keyRecordFromJson(const QJsonObject& object)
{
    In in(object);
    KeyRecord k;
    k.id = in.string("id", true);
    k.displayId = in.string("displayId");
    k.name = in.string("name");
    k.project = in.string("project");
    k.environment = in.string("environment");
    k.team = in.string("team");
    k.services = in.strings("services");
    k.owner = in.string("owner");
    k.tags = in.strings("tags");
    k.metadata = in.object("metadata");
    const QString status = in.string("status", true);
    k.createdAt = in.time("createdAt");
    k.expiresAt = in.time("expiresAt");
    k.parentId = in.string("parentId");
    k.dependsOn = in.strings("dependsOn");
    k.backup = in.boolean("backup");
    k.recoverable = in.boolean("recoverable");
    k.statusReason = in.string("statusReason");
    k.incidentId = in.string("incidentId");
    k.statusChangedAt = in.time("statusChangedAt");
    k.lastUsedAt = in.time("lastUsedAt");
    k.policyTemplate = in.string("policyTemplate");
    k.policy = in.nested("policy", &policyFromJson, false);
    k.successorId = in.string("successorId");
    k.predecessorId = in.string("predecessorId");
    k.usesConsumed = in.integer("usesConsumed");
    k.childCount = in.integer("childCount");
    // The status on the wire is already the effective one; the grace period travels only when the server
    // sends it, otherwise a key "inGrace" keeps its active status here until it is fetched again.
    k.graceMs = in.duration("grace");
    in.boolean("inGrace");
    if (!status.isEmpty()) {
        if (auto s = keyStatusFromString(status))
            k.status = *s;
        else
            in.fail(QStringLiteral("field \"status\": unknown key status \"%1\"").arg(status));
    }
    return done(in, std::move(k), "key");
}

Result<Team> teamFromJson(const QJsonObject& object)
{
    In in(object);
    Team t;
    t.id = in.integer("id");
    t.name = in.string("name", true);
    t.createdAt = in.time("createdAt");
    return done(in, std::move(t), "team");
}

Result<Project> projectFromJson(const QJsonObject& object)
{
    In in(object);
    Project p;
    p.id = in.integer("id");
    p.name = in.string("name", true);
    p.team = in.string("team");
    p.keyPrefix = in.string("keyPrefix");
    p.createdAt = in.time("createdAt");
    return done(in, std::move(p), "project");
}

Result<Environment> environmentFromJson(const QJsonObject& object)
{
    In in(object);
    Environment e;
    e.id = in.integer("id");
    e.project = in.string("project");
    e.name = in.string("name", true);
    e.keyPrefix = in.string("keyPrefix");
    return done(in, std::move(e), "environment");
}

Result<Service> serviceFromJson(const QJsonObject& object)
{
    In in(object);
    Service s;
    s.id = in.integer("id");
    s.project = in.string("project");
    s.name = in.string("name", true);
    return done(in, std::move(s), "service");
}

QJsonObject toJson(const KeyCount& c)
{
    QJsonObject o{{"team", c.team},       {"project", c.project},     {"environment", c.environment},
                  {"service", c.service}, {"total", c.total},         {"active", c.active},
                  {"expired", c.expired}, {"suspended", c.suspended}, {"revoked", c.revoked}};
    return o;
}

Result<KeyCount> keyCountFromJson(const QJsonObject& object)
{
    In in(object);
    KeyCount c;
    c.team = in.string("team");
    c.project = in.string("project", true);
    c.environment = in.string("environment");
    c.service = in.string("service");
    c.total = in.integer("total");
    c.active = in.integer("active");
    c.expired = in.integer("expired");
    c.suspended = in.integer("suspended");
    c.revoked = in.integer("revoked");
    if (!object.value(QLatin1String("total")).isDouble())
        in.fail(QStringLiteral("field \"total\" is required (a number)"));
    return done(in, std::move(c), "key count");
}

namespace {

Result<RevocationPlan::Entry> planEntryFromJson(const QJsonObject& object)
{
    In in(object);
    RevocationPlan::Entry e;
    e.keyId = in.string("keyId", true);
    e.displayId = in.string("displayId");
    e.name = in.string("name");
    e.project = in.string("project");
    e.environment = in.string("environment");
    e.relation = in.string("relation");
    e.alreadyRevoked = in.boolean("alreadyRevoked");
    e.services = in.strings("services");
    return done(in, std::move(e), "key");
}

} // namespace

Result<RevocationPlan> revocationPlanFromJson(const QJsonObject& object)
{
    In in(object);
    RevocationPlan p;
    p.executed = in.boolean("executed");
    in.integer("revoked");
    const QJsonArray keys = in.array("keys");
    if (auto s = in.status(); !s)
        return Error::invalid(QStringLiteral("revocation plan: %1").arg(s.errorMessage()));
    auto entries = listFromJson<RevocationPlan::Entry>(keys, &planEntryFromJson);
    if (!entries)
        return Error::invalid(QStringLiteral("revocation plan, field \"keys\": %1").arg(entries.errorMessage()));
    p.entries = std::move(*entries);
    return p;
}

Result<VerifyResult> verifyResultFromJson(const QJsonObject& object)
{
    In in(object);
    VerifyResult v;
    v.valid = in.boolean("valid");
    const QString code = in.string("code", true);
    v.keyId = in.string("keyId");
    v.displayId = in.string("displayId");
    v.owner = in.string("owner");
    v.expiresAt = in.time("expires");
    v.inGrace = in.boolean("inGrace");
    v.remaining = in.optionalInteger("remaining", -1);
    v.message = in.string("message");
    const QJsonObject rl = in.object("ratelimit");
    const QJsonObject quota = in.object("quota");
    if (object.contains(QLatin1String("ratelimit")) && object.value(QLatin1String("ratelimit")).isObject()) {
        In r(rl, QStringLiteral("ratelimit"));
        v.rateLimit.present = true;
        v.rateLimit.limit = r.integer("limit");
        v.rateLimit.remaining = r.integer("remaining");
        v.rateLimit.resetAfterMs = r.integer("resetMs");
        v.rateLimit.retryAfterMs = r.integer("retryAfterMs");
        if (auto s = r.status(); !s)
            in.fail(QStringLiteral("field \"ratelimit\": %1").arg(s.errorMessage()));
    }
    if (object.contains(QLatin1String("quota")) && object.value(QLatin1String("quota")).isObject()) {
        In q(quota);
        v.quota.present = true;
        v.quota.limit = q.integer("limit");
        v.quota.remaining = q.integer("remaining");
        v.quota.resetsAt = q.time("resets");
        if (auto s = q.status(); !s)
            in.fail(QStringLiteral("field \"quota\": %1").arg(s.errorMessage()));
    }
    if (!code.isEmpty()) {
        if (auto c = verifyCodeFromString(code))
            v.code = *c;
        else
            in.fail(QStringLiteral("field \"code\": unknown verify code \"%1\"").arg(code));
    }
    return done(in, std::move(v), "verify result");
}

Result<AuditEntry> auditEntryFromJson(const QJsonObject& object)
{
    In in(object);
    AuditEntry e;
    e.seq = in.integer("seq");
    e.time = in.time("time");
    e.actor = in.string("actor");
    e.role = in.string("role");
    e.action = in.string("action", true);
    e.target = in.string("target");
    e.reason = in.string("reason");
    e.incident = in.string("incident");
    e.details = in.object("details");
    e.prevHash = in.hex("prevHash");
    e.hash = in.hex("hash");
    return done(in, std::move(e), "audit entry");
}

Result<AuditVerification> auditVerificationFromJson(const QJsonObject& object)
{
    In in(object);
    AuditVerification v;
    v.intact = in.boolean("intact");
    v.checked = in.integer("checked");
    v.lastGoodSeq = in.integer("lastGoodSeq");
    v.firstBadSeq = in.integer("firstBadSeq");
    v.problem = in.string("problem");
    v.headHash = in.hex("head");
    v.checkpointSeq = in.integer("checkpointSeq");
    if (!object.value(QLatin1String("intact")).isBool())
        in.fail(QStringLiteral("field \"intact\" is required (true or false)"));
    return done(in, std::move(v), "audit verification");
}

Result<PolicyTemplate> policyTemplateFromJson(const QJsonObject& object)
{
    In in(object);
    PolicyTemplate t;
    t.name = in.string("name", true);
    t.description = in.string("description");
    t.policy = in.nested("policy", &policyFromJson, false);
    t.createdAt = in.time("createdAt");
    t.updatedAt = in.time("updatedAt");
    return done(in, std::move(t), "policy template");
}

Result<Role> roleFromJson(const QJsonObject& object)
{
    In in(object);
    Role r;
    r.name = in.string("name", true);
    r.permissions = in.strings("permissions");
    r.createdAt = in.time("createdAt");
    return done(in, std::move(r), "role");
}

Result<RenewalRequest> renewalRequestFromJson(const QJsonObject& object)
{
    In in(object);
    RenewalRequest r;
    r.id = in.integer("id");
    r.keyId = in.string("keyId", true);
    r.requestedBy = in.string("requestedBy");
    r.requestedAt = in.time("requestedAt");
    r.extendMs = in.duration("extendBy");
    r.status = in.string("status");
    r.decidedBy = in.string("decidedBy");
    r.decidedAt = in.time("decidedAt");
    r.reason = in.string("reason");
    return done(in, std::move(r), "renewal request");
}

Result<RenewalOutcome> renewalOutcomeFromJson(const QJsonObject& object)
{
    In in(object);
    RenewalOutcome o;
    o.renewed = in.boolean("renewed");
    o.status = in.string("status");
    o.requestId = in.integer("requestId");
    o.key = in.nested("key", &keyRecordFromJson);
    return done(in, std::move(o), "renewal outcome");
}

Result<ExpirationEvent> expirationEventFromJson(const QJsonObject& object)
{
    In in(object);
    ExpirationEvent e;
    e.time = in.time("time");
    e.keyId = in.string("keyId");
    e.event = in.string("event", true);
    e.oldExpiresAt = in.time("oldExpiresAt");
    e.newExpiresAt = in.time("newExpiresAt");
    e.actor = in.string("actor");
    e.details = in.object("details");
    return done(in, std::move(e), "expiration event");
}

Result<MaintenanceReport> maintenanceReportFromJson(const QJsonObject& object)
{
    In in(object);
    MaintenanceReport m;
    m.expired = in.strings("expired");
    m.graceEntered = in.strings("graceEntered");
    m.rotated = in.strings("rotated");
    m.successors = in.strings("successors");
    return done(in, std::move(m), "maintenance report");
}

Result<UsageTotals> usageTotalsFromJson(const QJsonObject& object)
{
    In in(object);
    UsageTotals t;
    t.requests = in.integer("requests");
    t.valid = in.integer("valid");
    t.reported = in.integer("reported");
    in.integer("rejected"); // derived: requests - valid
    const QJsonObject byCode = in.object("rejectedByCode");
    for (auto it = byCode.begin(); it != byCode.end(); ++it) {
        const QJsonValue v = it.value();
        if (!v.isDouble() || v.toDouble() != double(v.toInteger())) {
            in.fail(QStringLiteral("field \"rejectedByCode\": \"%1\" must be a whole number").arg(it.key()));
            break;
        }
        t.rejected.insert(it.key(), v.toInteger());
    }
    t.cost = in.integer("cost");
    t.amountMicros = in.integer("amountMicros");
    t.errors = in.integer("errors");
    const double avg = in.number("latencyAvgUs");
    t.latencyMaxUs = in.integer("latencyMaxUs");
    t.latencyCount = in.integer("latencySamples");
    // The wire carries the average; the sum is what it was computed from, up to rounding.
    t.latencySumUs = qint64(std::llround(avg * double(t.latencyCount)));
    t.bytes = in.integer("bytes");
    // Percentiles are derived from the histogram; an older server sends none (all zero then).
    in.integer("latencyP50Us");
    in.integer("latencyP95Us");
    in.integer("latencyP99Us");
    const QJsonArray histogram = in.array("latencyHistogram");
    if (!histogram.isEmpty() && histogram.size() != usage::kLatencyBuckets)
        in.fail(QStringLiteral("field \"latencyHistogram\" must have %1 buckets").arg(usage::kLatencyBuckets));
    for (qsizetype i = 0; i < histogram.size() && i < usage::kLatencyBuckets; ++i) {
        const QJsonValue v = histogram.at(i);
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < 0) {
            in.fail(QStringLiteral("field \"latencyHistogram\": bucket %1 must be a whole number, 0 or more").arg(i));
            break;
        }
        t.latencyHistogram[std::size_t(i)] = v.toInteger();
    }
    return done(in, std::move(t), "usage totals");
}

Result<UsageSummary> usageSummaryFromJson(const QJsonObject& object)
{
    auto totals = usageTotalsFromJson(object);
    if (!totals)
        return totals.error();
    In in(object);
    UsageSummary s;
    s.totals = std::move(*totals);
    const QString scope = in.string("scope");
    s.scopeId = in.string("scopeId");
    s.fromMs = in.time("from");
    s.toMs = in.time("to");
    if (!scope.isEmpty()) {
        if (auto sc = usageScopeFromString(scope))
            s.scope = *sc;
        else
            in.fail(QStringLiteral("field \"scope\": unknown usage scope \"%1\"").arg(scope));
    }
    return done(in, std::move(s), "usage summary");
}

Result<UsagePoint> usagePointFromJson(const QJsonObject& object)
{
    auto totals = usageTotalsFromJson(object);
    if (!totals)
        return totals.error();
    In in(object);
    UsagePoint p;
    p.totals = std::move(*totals);
    p.bucketMs = in.time("bucket");
    return done(in, std::move(p), "usage point");
}

Result<TopEntry> topEntryFromJson(const QJsonObject& object)
{
    In in(object);
    TopEntry e;
    e.scopeId = in.string("id");
    e.requests = in.integer("requests");
    e.valid = in.integer("valid");
    in.integer("rejected");
    e.cost = in.integer("cost");
    e.amountMicros = in.integer("amountMicros");
    e.errors = in.integer("errors");
    return done(in, std::move(e), "usage ranking entry");
}

Result<ExpiryDay> expiryDayFromJson(const QJsonObject& object)
{
    In in(object);
    ExpiryDay d;
    d.dayStartMs = in.time("day");
    d.expiring = in.integer("expiring");
    d.inGrace = in.integer("inGrace");
    d.rotations = in.integer("rotations");
    if (d.dayStartMs == 0)
        in.fail(QStringLiteral("field \"day\" is required (an ISO 8601 time)"));
    return done(in, std::move(d), "calendar day");
}

Result<ScheduledRotation> scheduledRotationFromJson(const QJsonObject& object)
{
    In in(object);
    ScheduledRotation r;
    r.keyId = in.string("keyId", true);
    r.displayId = in.string("displayId");
    r.name = in.string("name");
    r.project = in.string("project");
    r.environment = in.string("environment");
    r.owner = in.string("owner");
    r.dueAt = in.time("dueAt");
    return done(in, std::move(r), "scheduled rotation");
}

Result<UsageAnomaly> usageAnomalyFromJson(const QJsonObject& object)
{
    In in(object);
    UsageAnomaly a;
    a.timeMs = in.time("time");
    a.keyId = in.string("keyId", true);
    a.kind = in.string("kind", true);
    a.observed = in.number("observed");
    a.expected = in.number("expected");
    a.score = in.number("score");
    a.detail = in.string("detail");
    return done(in, std::move(a), "usage anomaly");
}

Result<Contact> contactFromJson(const QJsonObject& object)
{
    In in(object);
    Contact c;
    c.id = in.integer("id");
    c.project = in.string("project", true);
    c.service = in.string("service");
    c.name = in.string("name");
    c.email = in.string("email");
    c.webhookUrl = in.string("webhookUrl");
    c.phone = in.string("phone");
    c.note = in.string("note");
    c.webhookFormat = in.string("webhookFormat");
    if (c.webhookFormat.isEmpty())
        c.webhookFormat = QStringLiteral("generic");
    c.pagerDutyRoutingKey = in.string("pagerDutyRoutingKey");
    return done(in, std::move(c), "contact");
}

Result<Notification> notificationFromJson(const QJsonObject& object)
{
    In in(object);
    Notification n;
    n.id = in.integer("id");
    n.createdAt = in.time("createdAt");
    n.kind = in.string("kind", true);
    n.channel = in.string("channel", true);
    n.recipient = in.string("recipient");
    n.subject = in.string("subject");
    n.body = in.string("body");
    n.incident = in.string("incident");
    n.keyIds = in.strings("keyIds");
    n.state = in.string("state", true);
    n.attempts = int(in.integer("attempts"));
    n.sentAt = in.time("sentAt");
    n.lastError = in.string("lastError");
    n.format = in.string("format");
    n.nextAttemptAt = in.time("nextAttemptAt");
    return done(in, std::move(n), "notification");
}

Result<QList<std::optional<KeyRecord>>> lookupResponseFromJson(const QJsonObject& object)
{
    const QJsonValue v = object.value(QLatin1String("keys"));
    if (!v.isArray())
        return Error::invalid(QStringLiteral("lookup: field \"keys\" is required (a list)"));
    QList<std::optional<KeyRecord>> out;
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).isNull()) {
            out.append(std::nullopt);
            continue;
        }
        if (!a.at(i).isObject())
            return Error::invalid(QStringLiteral("lookup: item %1 of \"keys\" is neither a key nor null").arg(i));
        auto k = keyRecordFromJson(a.at(i).toObject());
        if (!k)
            return Error::invalid(QStringLiteral("lookup: item %1 of \"keys\": %2").arg(i).arg(k.errorMessage()));
        out.append(std::move(*k));
    }
    return out;
}

Result<Operator> operatorFromJson(const QJsonObject& object)
{
    In in(object);
    Operator op;
    op.name = in.string("name", true);
    const QString role = in.string("role", true);
    op.createdAt = in.time("createdAt");
    op.revokedAt = in.time("revokedAt");
    op.tokenDisplayId = in.string("token");
    if (!role.isEmpty()) {
        if (auto r = operatorRoleFromString(role))
            op.role = *r;
        else
            in.fail(QStringLiteral("field \"role\": unknown operator role \"%1\"").arg(role));
    }
    // Operator lists carry the token's display id, never a token: refuse anything that looks like one.
    if (KeyFormat::isWellFormed(op.tokenDisplayId.toLatin1()))
        in.fail(QStringLiteral("field \"token\" holds a full token where a display id was expected"));
    return done(in, std::move(op), "operator");
}

Result<IssuedKey> issuedKeyFromJson(const QJsonObject& object)
{
    In in(object);
    QString secret = in.string("secret", true);
    in.string("id");
    in.string("displayId");
    IssuedKey issued;
    issued.key = in.nested("key", &keyRecordFromJson);
    if (auto s = in.status(); !s) {
        secureWipe(secret);
        return Error::invalid(QStringLiteral("issued key: %1").arg(s.errorMessage()));
    }
    issued.secret = SecureBytes::fromString(secret);
    return issued;
}

Result<Backend::IssuedOperator> issuedOperatorFromJson(const QJsonObject& object)
{
    In in(object);
    Backend::IssuedOperator issued;
    issued.op.name = in.string("name", true);
    const QString role = in.string("role", true);
    QString token = in.string("token", true);
    issued.op.createdAt = in.time("createdAt");
    if (auto r = operatorRoleFromString(role))
        issued.op.role = *r;
    else if (!role.isEmpty())
        in.fail(QStringLiteral("field \"role\": unknown operator role \"%1\"").arg(role));
    if (auto s = in.status(); !s) {
        secureWipe(token);
        return Error::invalid(QStringLiteral("issued operator: %1").arg(s.errorMessage()));
    }
    issued.token = SecureBytes::fromString(token);
    issued.op.tokenDisplayId = KeyFormat::displayIdOf(issued.token.view());
    return issued;
}

QJsonObject toJson(const UsageRecorder::Settings& s)
{
    QString ip = QStringLiteral("full");
    if (s.ipPrivacy == UsageRecorder::Settings::IpPrivacy::Truncate)
        ip = QStringLiteral("truncate");
    else if (s.ipPrivacy == UsageRecorder::Settings::IpPrivacy::Drop)
        ip = QStringLiteral("drop");
    return {{"rawRetention", s.rawRetentionMs == 0 ? QStringLiteral("0") : Duration::format(s.rawRetentionMs)},
            {"ipPrivacy", ip}};
}

Result<UsageRecorder::Settings> usageSettingsFromJson(const QJsonObject& object)
{
    In in(object);
    UsageRecorder::Settings s;
    const QString retention = in.string("rawRetention", true);
    const QString ip = in.string("ipPrivacy", true);
    if (auto st = in.status(); !st)
        return Error::invalid(QStringLiteral("usage settings: %1").arg(st.errorMessage()));
    if (retention == QLatin1String("0") || retention == QLatin1String("0s")) {
        s.rawRetentionMs = 0;
    } else {
        auto ms = Duration::parseMs(retention);
        if (!ms)
            return Error::invalid(QStringLiteral("usage settings, field \"rawRetention\": %1").arg(ms.errorMessage()));
        s.rawRetentionMs = *ms;
    }
    if (ip == QLatin1String("full"))
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Full;
    else if (ip == QLatin1String("truncate"))
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Truncate;
    else if (ip == QLatin1String("drop"))
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Drop;
    else
        return Error::invalid(
            QStringLiteral("usage settings: field \"ipPrivacy\" must be full, truncate or drop, not \"%1\"").arg(ip));
    return s;
}

} // namespace kw::codec
