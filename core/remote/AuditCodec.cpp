#include "remote/AuditCodec.h"

#include "policy/Duration.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

namespace kw::codec {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"));
}

// A tolerant reader for responses: the first wrong type is an error naming the field; unknown fields are fine.
class Reader {
public:
    explicit Reader(const QJsonObject& o) : m_o(o) {}

    QString string(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            fail(QStringLiteral("field \"%1\" must be a string").arg(QLatin1String(f)));
        return v.toString();
    }
    qint64 integer(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return 0;
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()))
            fail(QStringLiteral("field \"%1\" must be a whole number").arg(QLatin1String(f)));
        return v.toInteger();
    }
    bool boolean(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return false;
        if (!v.isBool())
            fail(QStringLiteral("field \"%1\" must be true or false").arg(QLatin1String(f)));
        return v.toBool();
    }
    qint64 time(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return 0;
        const qint64 ms = v.isString() ? json::parseTime(v) : -1;
        if (ms < 0)
            fail(QStringLiteral("field \"%1\" must be an ISO 8601 time or null").arg(QLatin1String(f)));
        return std::max<qint64>(ms, 0);
    }
    QByteArray hex(const char* f)
    {
        static const QRegularExpression re(QStringLiteral("^(?:[0-9a-fA-F]{2})*$"));
        const QString text = string(f);
        if (!re.match(text).hasMatch())
            fail(QStringLiteral("field \"%1\" must be hexadecimal").arg(QLatin1String(f)));
        return QByteArray::fromHex(text.toLatin1());
    }
    QByteArray base64(const char* f)
    {
        const auto r = QByteArray::fromBase64Encoding(string(f).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!r)
            fail(QStringLiteral("field \"%1\" must be base64").arg(QLatin1String(f)));
        return r.decoded;
    }
    Severity severity(const char* f)
    {
        const QString text = string(f);
        auto s = severityFromString(text);
        if (!s && !text.isEmpty())
            fail(QStringLiteral("field \"%1\": unknown severity \"%2\"").arg(QLatin1String(f), text));
        return s.value_or(Severity::Medium);
    }
    QJsonObject object(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject())
            fail(QStringLiteral("field \"%1\" must be an object").arg(QLatin1String(f)));
        return v.toObject();
    }
    QJsonArray array(const char* f)
    {
        const QJsonValue v = m_o.value(QLatin1String(f));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray())
            fail(QStringLiteral("field \"%1\" must be a list").arg(QLatin1String(f)));
        return v.toArray();
    }
    QStringList strings(const char* f)
    {
        QStringList out;
        for (const QJsonValue& v : array(f)) {
            if (!v.isString())
                fail(QStringLiteral("field \"%1\" must be a list of strings").arg(QLatin1String(f)));
            out << v.toString();
        }
        return out;
    }
    // Each item of a list field, parsed by `parse`.
    template <typename T> QList<T> list(const char* f, Result<T> (*parse)(const QJsonObject&))
    {
        QList<T> out;
        const QJsonArray a = array(f);
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isObject()) {
                fail(QStringLiteral("field \"%1\": item %2 is not an object").arg(QLatin1String(f)).arg(i));
                return out;
            }
            auto item = parse(a[i].toObject());
            if (!item) {
                fail(QStringLiteral("field \"%1\", item %2: %3").arg(QLatin1String(f)).arg(i).arg(item.errorMessage()));
                return out;
            }
            out << std::move(*item);
        }
        return out;
    }
    void fail(const QString& message)
    {
        if (!m_error)
            m_error = Error::invalid(message);
    }
    template <typename T> Result<T> done(T value, const char* what)
    {
        if (m_error)
            return Error::invalid(
                QStringLiteral("Malformed %1 from the server: %2").arg(QLatin1String(what), m_error->message));
        return value;
    }

private:
    const QJsonObject& m_o;
    std::optional<Error> m_error;
};

Result<ComplianceFinding> findingFromJson(const QJsonObject& o)
{
    Reader in(o);
    ComplianceFinding f;
    f.ruleId = in.string("rule");
    f.severity = in.severity("severity");
    f.keyId = in.string("keyId");
    f.keyName = in.string("keyName");
    f.displayId = in.string("displayId");
    f.team = in.string("team");
    f.project = in.string("project");
    f.environment = in.string("environment");
    f.detail = in.string("detail");
    return in.done(f, "compliance finding");
}

Result<ComplianceRuleResult> ruleResultFromJson(const QJsonObject& o)
{
    Reader in(o);
    ComplianceRuleResult r;
    r.ruleId = in.string("rule");
    r.title = in.string("title");
    r.severity = in.severity("severity");
    r.enabled = in.boolean("enabled");
    r.thresholdDays = in.integer("thresholdDays");
    r.checked = in.integer("checked");
    r.violations = in.integer("violations");
    return in.done(r, "compliance rule result");
}

Result<ComplianceProjectResult> projectResultFromJson(const QJsonObject& o)
{
    Reader in(o);
    ComplianceProjectResult p;
    p.team = in.string("team");
    p.project = in.string("project");
    p.keys = in.integer("keys");
    p.keysWithFindings = in.integer("keysWithFindings");
    p.findings = in.integer("findings");
    p.score = int(in.integer("score"));
    return in.done(p, "compliance project result");
}

Result<ComplianceKeyResult> keyResultFromJson(const QJsonObject& o)
{
    Reader in(o);
    ComplianceKeyResult k;
    k.keyId = in.string("keyId");
    k.keyName = in.string("keyName");
    k.displayId = in.string("displayId");
    k.project = in.string("project");
    k.environment = in.string("environment");
    k.ruleIds = in.strings("rules");
    k.worst = in.severity("worst");
    return in.done(k, "compliance key result");
}

} // namespace

QUrlQuery toQuery(const AuditQuery& q)
{
    QUrlQuery out;
    auto add = [&out](const char* name, const QString& value) {
        if (!value.isEmpty())
            out.addQueryItem(QLatin1String(name), value);
    };
    if (q.afterSeq > 0)
        add("after", QString::number(q.afterSeq));
    if (q.beforeSeq > 0)
        add("before", QString::number(q.beforeSeq));
    if (q.limit > 0)
        add("limit", QString::number(q.limit));
    if (q.offset > 0)
        add("offset", QString::number(q.offset));
    if (q.newestFirst)
        add("order", QStringLiteral("desc"));
    add("target", q.target);
    add("action", q.action);
    add("actor", q.actor);
    add("incident", q.incident);
    if (q.fromMs > 0)
        add("from", isoTime(q.fromMs));
    if (q.toMs > 0)
        add("to", isoTime(q.toMs));
    add("text", q.text);
    return out;
}

Result<AuditQuery> auditQueryFromQuery(const QUrlQuery& query)
{
    static const QSet<QString> known{"after",  "before", "limit",    "offset", "order", "target",
                                     "action", "actor",  "incident", "from",   "to",    "text"};
    for (const auto& item : query.queryItems(QUrl::FullyDecoded))
        if (!known.contains(item.first))
            return Error::invalid(QStringLiteral("unknown query parameter \"%1\"").arg(item.first));
    auto value = [&query](const char* name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    auto has = [&query](const char* name) { return query.hasQueryItem(QLatin1String(name)); };
    AuditQuery q;
    q.limit = 0;
    q.target = value("target");
    q.action = value("action");
    q.actor = value("actor");
    q.incident = value("incident");
    q.text = value("text");
    for (const auto& [name, into] : {std::pair<const char*, qint64*>{"after", &q.afterSeq}, {"before", &q.beforeSeq}}) {
        if (!has(name))
            continue;
        bool ok = false;
        *into = value(name).toLongLong(&ok);
        if (!ok || *into < 0)
            return Error::invalid(
                QStringLiteral("query parameter \"%1\" must be a whole number, 0 or more").arg(QLatin1String(name)));
    }
    for (const auto& [name, into] : {std::pair<const char*, int*>{"limit", &q.limit}, {"offset", &q.offset}}) {
        if (!has(name))
            continue;
        bool ok = false;
        *into = value(name).toInt(&ok);
        if (!ok || *into < 0)
            return Error::invalid(
                QStringLiteral("query parameter \"%1\" must be a whole number, 0 or more").arg(QLatin1String(name)));
    }
    if (has("order")) {
        const QString order = value("order");
        if (order != QLatin1String("asc") && order != QLatin1String("desc"))
            return Error::invalid(QStringLiteral("query parameter \"order\" must be asc or desc"));
        q.newestFirst = order == QLatin1String("desc");
    }
    for (const auto& [name, into] : {std::pair<const char*, qint64*>{"from", &q.fromMs}, {"to", &q.toMs}}) {
        if (!has(name))
            continue;
        *into = json::parseTime(QJsonValue(value(name)));
        if (*into <= 0)
            return Error::invalid(
                QStringLiteral("query parameter \"%1\" must be an ISO 8601 time").arg(QLatin1String(name)));
    }
    return q;
}

QJsonObject toJson(const AuditSettings& settings)
{
    return settings.toJson();
}

Result<AuditSettings> auditSettingsFromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("audit settings"));
    const QString retention = r.string(QStringLiteral("retention"), true);
    if (auto s = r.finish(); !s)
        return s.error();
    AuditSettings settings;
    if (retention == QLatin1String("0") || retention == QLatin1String("keep"))
        return settings;
    auto ms = Duration::parseMs(retention);
    if (!ms)
        return Error::invalid(QStringLiteral("audit settings: retention: %1").arg(ms.errorMessage()));
    settings.retentionMs = *ms;
    return settings;
}

Result<AuditCheckpoint> auditCheckpointFromJson(const QJsonObject& object)
{
    Reader in(object);
    AuditCheckpoint c;
    c.seq = in.integer("seq");
    c.hash = in.hex("hash");
    c.pruned = in.integer("pruned");
    c.time = in.time("time");
    c.signature = in.base64("signature");
    return in.done(c, "audit checkpoint");
}

Result<AuditPruneReport> auditPruneReportFromJson(const QJsonObject& object)
{
    Reader in(object);
    AuditPruneReport r;
    r.pruned = in.integer("pruned");
    auto cp = auditCheckpointFromJson(in.object("checkpoint"));
    if (!cp)
        return cp.error();
    r.checkpoint = *cp;
    return in.done(r, "audit pruning report");
}

Result<AuditStatus> auditStatusFromJson(const QJsonObject& object)
{
    Reader in(object);
    AuditStatus s;
    s.headSeq = in.integer("headSeq");
    s.headHash = in.hex("headHash");
    s.entries = in.integer("entries");
    s.lastVerifiedAt = in.time("lastVerifiedAt");
    s.lastVerifiedIntact = in.boolean("lastVerifiedIntact");
    s.lastVerifiedChecked = in.integer("lastVerifiedChecked");
    s.lastVerifiedFirstBadSeq = in.integer("lastVerifiedFirstBadSeq");
    s.lastVerifiedHeadSeq = in.integer("lastVerifiedHeadSeq");
    auto cp = auditCheckpointFromJson(in.object("checkpoint"));
    if (!cp)
        return cp.error();
    s.checkpoint = *cp;
    QJsonObject settings = in.object("settings");
    if (!settings.isEmpty()) {
        auto parsed = auditSettingsFromJson(settings);
        if (!parsed)
            return parsed.error();
        s.settings = *parsed;
    }
    return in.done(s, "audit status");
}

Result<ComplianceRule> complianceRuleFromJson(const QJsonObject& object)
{
    Reader in(object);
    ComplianceRule r;
    r.id = in.string("id");
    r.title = in.string("title");
    r.rationale = in.string("rationale");
    r.severity = in.severity("severity");
    r.scope = in.string("scope") == QLatin1String("vault") ? ComplianceRule::Scope::Vault : ComplianceRule::Scope::Key;
    r.defaultThreshold = in.integer("defaultThresholdDays");
    return in.done(r, "compliance rule");
}

Result<ComplianceReport> complianceReportFromJson(const QJsonObject& object)
{
    Reader in(object);
    ComplianceReport r;
    r.time = in.time("time");
    r.score = int(in.integer("score"));
    r.keysEvaluated = in.integer("keysEvaluated");
    r.rules = in.list<ComplianceRuleResult>("rules", &ruleResultFromJson);
    r.findings = in.list<ComplianceFinding>("findings", &findingFromJson);
    r.projects = in.list<ComplianceProjectResult>("projects", &projectResultFromJson);
    r.keys = in.list<ComplianceKeyResult>("keys", &keyResultFromJson);
    return in.done(r, "compliance report");
}

Result<ComplianceRunSummary> complianceRunSummaryFromJson(const QJsonObject& object)
{
    Reader in(object);
    ComplianceRunSummary s;
    s.time = in.time("time");
    s.score = int(in.integer("score"));
    s.keys = in.integer("keys");
    s.findings = in.integer("findings");
    const QJsonObject byRule = in.object("violationsByRule");
    for (auto it = byRule.constBegin(); it != byRule.constEnd(); ++it)
        s.violationsByRule.insert(it.key(), it->toInteger());
    return in.done(s, "compliance run");
}

} // namespace kw::codec
