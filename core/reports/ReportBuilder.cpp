#include "reports/ReportBuilder.h"

#include "Backend.h"
#include "util/Json.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;
using Kind = ReportColumn::Kind;

// Adds a bar chart of the largest `max` values.
ReportChart topChart(const QString& title, const QString& unit, QList<std::pair<QString, double>> points, int max = 12)
{
    std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    ReportChart c;
    c.title = title;
    c.unit = unit;
    for (int i = 0; i < points.size() && i < max; ++i) {
        c.labels << points[i].first;
        c.values << points[i].second;
    }
    return c;
}

struct Scope {
    QString team;
    QString project;
    QHash<QString, QString> teamOfProject;
    bool includes(const QString& project) const
    {
        if (!this->project.isEmpty())
            return project == this->project;
        if (!team.isEmpty())
            return teamOfProject.value(project) == team;
        return true;
    }
};

Result<Scope> resolveScope(Backend& b, const ReportRequest& r, ReportDocument& doc)
{
    Scope s{r.team, r.project, {}};
    auto projects = b.projects();
    if (!projects)
        return projects.error();
    for (const Project& p : *projects)
        s.teamOfProject.insert(p.name, p.team);
    if (!r.project.isEmpty()) {
        if (!s.teamOfProject.contains(r.project))
            return Error::notFound(QStringLiteral("Project \"%1\" does not exist").arg(r.project));
        doc.scope = QStringLiteral("project %1").arg(r.project);
    } else if (!r.team.isEmpty()) {
        auto teams = b.teams();
        if (!teams)
            return teams.error();
        const bool known = std::any_of(teams->cbegin(), teams->cend(), [&](const Team& t) { return t.name == r.team; });
        if (!known)
            return Error::notFound(QStringLiteral("Team \"%1\" does not exist").arg(r.team));
        doc.scope = QStringLiteral("team %1").arg(r.team);
    } else {
        doc.scope = QStringLiteral("whole workspace");
    }
    return s;
}

void addSummary(ReportDocument& doc, const QString& key, const QString& label, const QJsonValue& value,
                const QString& text = {})
{
    doc.summaryJson.insert(key, value);
    doc.summary.append(
        {label, text.isEmpty() ? (value.isDouble() ? QString::number(value.toInteger()) : value.toString()) : text});
}

Status buildInventory(Backend& b, const Scope& scope, qint64 now, ReportDocument& doc)
{
    KeyFilter f;
    f.team = scope.team;
    f.project = scope.project;
    auto keys = b.keys(f);
    if (!keys)
        return keys.error();
    doc.title = QStringLiteral("Key inventory");
    doc.hasPeriod = false;
    doc.columns = {{"id", "Key ID", Kind::Text},
                   {"displayId", "Display ID", Kind::Text},
                   {"name", "Name", Kind::Text},
                   {"team", "Team", Kind::Text},
                   {"project", "Project", Kind::Text},
                   {"environment", "Environment", Kind::Text},
                   {"services", "Services", Kind::Text},
                   {"owner", "Owner", Kind::Text},
                   {"status", "Status", Kind::Text},
                   {"createdAt", "Created", Kind::Time},
                   {"expiresAt", "Expires", Kind::Time},
                   {"lastUsedAt", "Last used", Kind::Time},
                   {"recoverable", "Recoverable", Kind::Boolean},
                   {"backup", "Backup", Kind::Boolean},
                   {"tags", "Tags", Kind::Text}};
    QMap<QString, qint64> byStatus;
    QHash<QString, double> byProject;
    for (const KeyRecord& k : *keys) {
        const QString status = toString(k.effectiveStatus(now));
        ++byStatus[status];
        byProject[k.project] += 1;
        doc.rows.append(QVariantList{k.id, k.displayId, k.name, k.team, k.project, k.environment, k.services.join(u';'),
                                     k.owner, status, k.createdAt, k.expiresAt, k.lastUsedAt, k.recoverable, k.backup,
                                     k.tags.join(u';')});
    }
    addSummary(doc, "keys", QStringLiteral("Keys"), qint64(keys->size()));
    QJsonObject statusJson;
    QStringList statusText;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
        statusJson.insert(it.key(), it.value());
        statusText << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    }
    addSummary(doc, "byStatus", QStringLiteral("By status"), statusJson, statusText.join(QStringLiteral(", ")));
    QList<std::pair<QString, double>> points;
    for (auto it = byProject.cbegin(); it != byProject.cend(); ++it)
        points.append({it.key(), it.value()});
    doc.charts << topChart(QStringLiteral("Keys per project"), QStringLiteral("keys"), points);
    QList<std::pair<QString, double>> statusPoints;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        statusPoints.append({it.key(), double(it.value())});
    doc.charts << topChart(QStringLiteral("Keys by status"), QStringLiteral("keys"), statusPoints);
    return {};
}

Status buildUsage(Backend& b, const Scope& scope, ReportDocument& doc)
{
    doc.title = QStringLiteral("Usage and cost allocation");
    auto services = b.usageTop(UsageScope::Service, doc.fromMs, doc.toMs, 1'000'000);
    if (!services)
        return services.error();
    auto projects = b.usageTop(UsageScope::Project, doc.fromMs, doc.toMs, 1'000'000);
    if (!projects)
        return projects.error();
    doc.columns = {{"team", "Team", Kind::Text},          {"project", "Project", Kind::Text},
                   {"service", "Service", Kind::Text},    {"requests", "Requests", Kind::Integer},
                   {"valid", "Valid", Kind::Integer},     {"rejected", "Rejected", Kind::Integer},
                   {"cost", "Cost units", Kind::Integer}, {"amount", "Amount", Kind::Money}};
    struct Row {
        QString team, project, service;
        TopEntry totals;
    };
    QList<Row> rows;
    QHash<QString, TopEntry> servicedByProject; // what the service rows of a project add up to
    for (const TopEntry& e : *services) {
        const qsizetype slash = e.scopeId.indexOf(u'/');
        const QString project = e.scopeId.left(slash);
        if (!scope.includes(project))
            continue;
        rows.append({scope.teamOfProject.value(project), project, e.scopeId.mid(slash + 1), e});
        TopEntry& sum = servicedByProject[project];
        sum.requests += e.requests;
        sum.valid += e.valid;
        sum.cost += e.cost;
        sum.amountMicros += e.amountMicros;
    }
    // Traffic without a service name is counted per project only: it becomes a "(no service)" row, so the rows
    // of a project add up to the project's total.
    for (const TopEntry& p : *projects) {
        if (!scope.includes(p.scopeId))
            continue;
        const TopEntry& s = servicedByProject.value(p.scopeId);
        TopEntry rest;
        rest.requests = p.requests - s.requests;
        rest.valid = p.valid - s.valid;
        rest.cost = p.cost - s.cost;
        rest.amountMicros = p.amountMicros - s.amountMicros;
        if (rest.requests > 0 || rest.cost > 0 || rest.amountMicros > 0)
            rows.append({scope.teamOfProject.value(p.scopeId), p.scopeId, QStringLiteral("(no service)"), rest});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.team, a.project, a.service) < std::tie(b.team, b.project, b.service);
    });
    TopEntry total;
    QMap<QString, TopEntry> byTeam;
    QMap<QString, TopEntry> byProject;
    for (const Row& r : rows) {
        doc.rows.append(QVariantList{r.team, r.project, r.service, r.totals.requests, r.totals.valid,
                                     r.totals.requests - r.totals.valid, r.totals.cost, r.totals.amountMicros});
        for (TopEntry* t :
             {&total, &byTeam[r.team.isEmpty() ? QStringLiteral("(no team)") : r.team], &byProject[r.project]}) {
            t->requests += r.totals.requests;
            t->valid += r.totals.valid;
            t->cost += r.totals.cost;
            t->amountMicros += r.totals.amountMicros;
        }
    }
    addSummary(doc, "requests", QStringLiteral("Requests"), total.requests);
    addSummary(doc, "valid", QStringLiteral("Valid"), total.valid);
    addSummary(doc, "rejected", QStringLiteral("Rejected"), total.requests - total.valid);
    addSummary(doc, "cost", QStringLiteral("Cost units"), total.cost);
    addSummary(doc, "amount", QStringLiteral("Amount"), ReportBuilder::formatMoney(total.amountMicros));
    QJsonObject teams;
    QList<std::pair<QString, double>> teamAmounts;
    for (auto it = byTeam.cbegin(); it != byTeam.cend(); ++it) {
        teams.insert(it.key(), QJsonObject{{"requests", it->requests},
                                           {"cost", it->cost},
                                           {"amount", ReportBuilder::formatMoney(it->amountMicros)}});
        teamAmounts.append({it.key(), double(it->amountMicros) / 1e6});
    }
    doc.summaryJson.insert("byTeam", teams);
    QList<std::pair<QString, double>> projectRequests, projectAmounts;
    for (auto it = byProject.cbegin(); it != byProject.cend(); ++it) {
        projectRequests.append({it.key(), double(it->requests)});
        projectAmounts.append({it.key(), double(it->amountMicros) / 1e6});
    }
    doc.charts << topChart(QStringLiteral("Cost per project"), QStringLiteral("amount"), projectAmounts);
    doc.charts << topChart(QStringLiteral("Requests per project"), QStringLiteral("requests"), projectRequests);
    doc.charts << topChart(QStringLiteral("Cost per team"), QStringLiteral("amount"), teamAmounts);
    return {};
}

Status buildExpirations(Backend& b, const Scope& scope, qint64 now, ReportDocument& doc)
{
    doc.title = QStringLiteral("Expiration outlook");
    KeyFilter f;
    f.team = scope.team;
    f.project = scope.project;
    f.expiresBeforeMs = doc.toMs;
    auto keys = b.keys(f);
    if (!keys)
        return keys.error();
    QList<KeyRecord> due;
    for (const KeyRecord& k : *keys)
        if (k.expiresAt >= doc.fromMs && k.expiresAt < doc.toMs && k.status != KeyStatus::Revoked)
            due << k;
    std::sort(due.begin(), due.end(), [](const KeyRecord& a, const KeyRecord& b) {
        return std::tie(a.expiresAt, a.id) < std::tie(b.expiresAt, b.id);
    });
    doc.columns = {{"id", "Key ID", Kind::Text},
                   {"displayId", "Display ID", Kind::Text},
                   {"name", "Name", Kind::Text},
                   {"team", "Team", Kind::Text},
                   {"project", "Project", Kind::Text},
                   {"environment", "Environment", Kind::Text},
                   {"owner", "Owner", Kind::Text},
                   {"expiresAt", "Expires", Kind::Time},
                   {"daysLeft", "Days left", Kind::Integer},
                   {"status", "Status", Kind::Text}};
    QMap<qint64, qint64> perWeek;
    for (const KeyRecord& k : due) {
        const qint64 daysLeft = std::max<qint64>(0, (k.expiresAt - now) / kDayMs);
        doc.rows.append(QVariantList{k.id, k.displayId, k.name, k.team, k.project, k.environment, k.owner, k.expiresAt,
                                     daysLeft, toString(k.effectiveStatus(now))});
        ++perWeek[(k.expiresAt - doc.fromMs) / (7 * kDayMs)];
    }
    addSummary(doc, "expiring", QStringLiteral("Keys expiring in the period"), qint64(due.size()));
    qint64 within7 = 0, within30 = 0;
    for (const KeyRecord& k : due) {
        within7 += k.expiresAt - now <= 7 * kDayMs ? 1 : 0;
        within30 += k.expiresAt - now <= 30 * kDayMs ? 1 : 0;
    }
    addSummary(doc, "within7Days", QStringLiteral("Within 7 days"), within7);
    addSummary(doc, "within30Days", QStringLiteral("Within 30 days"), within30);
    ReportChart chart;
    chart.title = QStringLiteral("Keys expiring per week");
    chart.unit = QStringLiteral("keys");
    const qint64 weeks = std::max<qint64>(1, (doc.toMs - doc.fromMs + 7 * kDayMs - 1) / (7 * kDayMs));
    for (qint64 w = 0; w < std::min<qint64>(weeks, 26); ++w) {
        chart.labels << QDateTime::fromMSecsSinceEpoch(doc.fromMs + w * 7 * kDayMs, QTimeZone::utc())
                            .toString(QStringLiteral("MM-dd"));
        chart.values << double(perWeek.value(w));
    }
    doc.charts << chart;
    return {};
}

Status buildRevocations(Backend& b, const Scope& scope, ReportDocument& doc)
{
    doc.title = QStringLiteral("Revocations and incidents");
    doc.columns = {{"time", "Time", Kind::Time},       {"action", "Action", Kind::Text},
                   {"keyId", "Key ID", Kind::Text},    {"name", "Name", Kind::Text},
                   {"project", "Project", Kind::Text}, {"environment", "Environment", Kind::Text},
                   {"actor", "Actor", Kind::Text},     {"role", "Role", Kind::Text},
                   {"reason", "Reason", Kind::Text},   {"incident", "Incident", Kind::Text}};
    QList<AuditEntry> entries;
    for (const QString& action : {QStringLiteral("key.revoke"), QStringLiteral("key.suspend")}) {
        AuditQuery q;
        q.action = action;
        q.fromMs = doc.fromMs;
        q.toMs = doc.toMs;
        q.limit = 0;
        auto got = b.auditEntries(q);
        if (!got)
            return got.error();
        entries += *got;
    }
    std::sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
    QHash<QString, KeyRecord> keys;
    QSet<QString> wanted;
    for (const AuditEntry& e : entries)
        wanted.insert(e.target);
    if (!wanted.isEmpty()) {
        KeyFilter f;
        f.team = scope.team;
        f.project = scope.project;
        auto all = b.keys(f);
        if (!all)
            return all.error();
        for (const KeyRecord& k : *all)
            if (wanted.contains(k.id))
                keys.insert(k.id, k);
    }
    const bool scoped = !scope.team.isEmpty() || !scope.project.isEmpty();
    qint64 revocations = 0, suspensions = 0;
    QMap<QString, qint64> perIncident;
    for (const AuditEntry& e : entries) {
        const auto k = keys.constFind(e.target);
        if (scoped && k == keys.cend())
            continue;
        const bool revoke = e.action == QLatin1String("key.revoke");
        (revoke ? revocations : suspensions) += 1;
        if (!e.incident.isEmpty())
            ++perIncident[e.incident];
        doc.rows.append(QVariantList{e.time, revoke ? QStringLiteral("revoke") : QStringLiteral("suspend"), e.target,
                                     k != keys.cend() ? k->name : QString(), k != keys.cend() ? k->project : QString(),
                                     k != keys.cend() ? k->environment : QString(), e.actor, e.role, e.reason,
                                     e.incident});
    }
    addSummary(doc, "revocations", QStringLiteral("Revocations"), revocations);
    addSummary(doc, "suspensions", QStringLiteral("Suspensions"), suspensions);
    addSummary(doc, "incidents", QStringLiteral("Incidents"), qint64(perIncident.size()));
    QJsonObject incidents;
    QList<std::pair<QString, double>> points;
    for (auto it = perIncident.cbegin(); it != perIncident.cend(); ++it) {
        incidents.insert(it.key(), it.value());
        points.append({it.key(), double(it.value())});
    }
    doc.summaryJson.insert("byIncident", incidents);
    doc.charts << topChart(QStringLiteral("Keys revoked or suspended per incident"), QStringLiteral("keys"), points);
    return {};
}

Status buildCompliance(Backend& b, const Scope& scope, ReportDocument& doc)
{
    doc.title = QStringLiteral("Compliance");
    doc.hasPeriod = false;
    auto report = b.runCompliance();
    if (!report)
        return report.error();
    doc.columns = {{"rule", "Rule", Kind::Text},
                   {"severity", "Severity", Kind::Text},
                   {"keyId", "Key ID", Kind::Text},
                   {"name", "Name", Kind::Text},
                   {"team", "Team", Kind::Text},
                   {"project", "Project", Kind::Text},
                   {"environment", "Environment", Kind::Text},
                   {"detail", "Finding", Kind::Text}};
    QMap<QString, qint64> perRule;
    for (const ComplianceFinding& f : report->findings) {
        if (!f.keyId.isEmpty() && !scope.includes(f.project))
            continue;
        ++perRule[f.ruleId];
        doc.rows.append(QVariantList{f.ruleId, toString(f.severity), f.keyId, f.keyName, f.team, f.project,
                                     f.environment, f.detail});
    }
    addSummary(doc, "score", QStringLiteral("Score"), report->score, QStringLiteral("%1 / 100").arg(report->score));
    addSummary(doc, "keysEvaluated", QStringLiteral("Keys evaluated"), report->keysEvaluated);
    addSummary(doc, "findings", QStringLiteral("Findings"), qint64(doc.rows.size()));
    QJsonArray rules;
    QList<std::pair<QString, double>> points;
    for (const ComplianceRuleResult& r : report->rules) {
        rules.append(r.toJson());
        if (r.enabled)
            points.append({r.ruleId, double(perRule.value(r.ruleId))});
    }
    doc.summaryJson.insert("rules", rules);
    QJsonArray projects;
    for (const ComplianceProjectResult& p : report->projects)
        if (scope.includes(p.project))
            projects.append(p.toJson());
    doc.summaryJson.insert("projects", projects);
    doc.charts << topChart(QStringLiteral("Findings per rule"), QStringLiteral("findings"), points, 20);
    return {};
}

Status buildAudit(Backend& b, ReportDocument& doc)
{
    doc.title = QStringLiteral("Audit trail extract");
    AuditQuery q;
    q.fromMs = doc.fromMs;
    q.toMs = doc.toMs;
    q.limit = 0;
    auto entries = b.auditEntries(q);
    if (!entries)
        return entries.error();
    doc.columns = {{"seq", "Seq", Kind::Integer},
                   {"time", "Time", Kind::Time},
                   {"actor", "Actor", Kind::Text},
                   {"role", "Role", Kind::Text},
                   {"action", "Action", Kind::Text},
                   {"target", "Target", Kind::Text},
                   {"reason", "Reason", Kind::Text},
                   {"incident", "Incident", Kind::Text},
                   {"details", "Details", Kind::Text, false},
                   {"hash", "Hash", Kind::Text}};
    QHash<QString, double> perAction;
    for (const AuditEntry& e : *entries) {
        perAction[e.action] += 1;
        doc.rows.append(QVariantList{e.seq, e.time, e.actor, e.role, e.action, e.target, e.reason, e.incident,
                                     QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)),
                                     QString::fromLatin1(e.hash.toHex())});
    }
    addSummary(doc, "entries", QStringLiteral("Entries"), qint64(entries->size()));
    if (!entries->isEmpty()) {
        addSummary(doc, "firstSeq", QStringLiteral("First entry"), entries->first().seq);
        addSummary(doc, "lastSeq", QStringLiteral("Last entry"), entries->last().seq);
    }
    QList<std::pair<QString, double>> points;
    for (auto it = perAction.cbegin(); it != perAction.cend(); ++it)
        points.append({it.key(), it.value()});
    doc.charts << topChart(QStringLiteral("Entries per action"), QStringLiteral("entries"), points);
    return {};
}

} // namespace

Result<ReportDocument> ReportBuilder::build(Backend& backend, const ReportRequest& request, qint64 nowMs)
{
    if (auto s = request.validate(); !s)
        return s.error();
    if (request.type == ReportType::Audit && (!request.team.isEmpty() || !request.project.isEmpty()))
        return Error::invalid(QStringLiteral("The audit extract covers the whole trail: it cannot be limited to a "
                                             "team or project"));
    ReportDocument doc;
    doc.type = request.type;
    doc.generatedAt = nowMs;
    doc.generatedBy = backend.actor();
    std::tie(doc.fromMs, doc.toMs) = request.period(nowMs);
    auto scope = resolveScope(backend, request, doc);
    if (!scope)
        return scope.error();
    auto status = backend.auditStatus();
    if (!status)
        return status.error();
    doc.auditHeadSeq = status->headSeq;
    doc.auditHeadHash = status->headHash;

    Status built;
    switch (request.type) {
    case ReportType::Inventory:
        built = buildInventory(backend, *scope, nowMs, doc);
        break;
    case ReportType::Usage:
        built = buildUsage(backend, *scope, doc);
        break;
    case ReportType::Expirations:
        built = buildExpirations(backend, *scope, nowMs, doc);
        break;
    case ReportType::Revocations:
        built = buildRevocations(backend, *scope, doc);
        break;
    case ReportType::Compliance:
        built = buildCompliance(backend, *scope, doc);
        break;
    case ReportType::Audit:
        built = buildAudit(backend, doc);
        break;
    }
    if (!built)
        return built.error();
    if (!doc.hasPeriod)
        doc.fromMs = doc.toMs = 0;
    return doc;
}

QString ReportBuilder::formatMoney(qint64 micros)
{
    const bool negative = micros < 0;
    const quint64 abs = negative ? quint64(-(micros + 1)) + 1 : quint64(micros);
    QString fraction = QStringLiteral("%1").arg(abs % 1'000'000, 6, 10, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(u'0'))
        fraction.chop(1);
    return (negative ? QStringLiteral("-") : QString()) + QString::number(abs / 1'000'000) + u'.' + fraction;
}

QString ReportBuilder::formatTime(qint64 ms)
{
    if (ms == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"));
}

QString ReportBuilder::cellText(const ReportColumn& column, const QVariant& value)
{
    switch (column.kind) {
    case Kind::Text:
        return value.toString();
    case Kind::Integer:
        return QString::number(value.toLongLong());
    case Kind::Money:
        return formatMoney(value.toLongLong());
    case Kind::Time:
        return formatTime(value.toLongLong());
    case Kind::Boolean:
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    }
    return value.toString();
}

QString ReportBuilder::suggestedFileName(const ReportDocument& document, ReportFormat format)
{
    return QStringLiteral("keywarden-%1-%2.%3")
        .arg(toString(document.type),
             QDateTime::fromMSecsSinceEpoch(document.generatedAt, QTimeZone::utc())
                 .toString(QStringLiteral("yyyyMMdd-HHmmss")),
             fileExtension(format));
}

QByteArray ReportBuilder::toCsv(const ReportDocument& document)
{
    QByteArray out;
    auto field = [&out](QString text, bool guardFormula) {
        if (guardFormula && !text.isEmpty()) {
            const QChar c = text.at(0);
            if (c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r')
                text.prepend(u'\'');
        }
        const bool quote = text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r');
        if (quote) {
            text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
            out += '"' + text.toUtf8() + '"';
        } else {
            out += text.toUtf8();
        }
    };
    for (qsizetype i = 0; i < document.columns.size(); ++i) {
        if (i > 0)
            out += ',';
        field(document.columns[i].key, false);
    }
    out += "\r\n";
    for (const QVariantList& row : document.rows) {
        for (qsizetype i = 0; i < document.columns.size(); ++i) {
            if (i > 0)
                out += ',';
            const ReportColumn& c = document.columns[i];
            field(cellText(c, row.value(i)), c.kind == Kind::Text);
        }
        out += "\r\n";
    }
    return out;
}

QByteArray ReportBuilder::toJson(const ReportDocument& d)
{
    QJsonArray columns;
    for (const ReportColumn& c : d.columns) {
        static const char* kinds[] = {"text", "integer", "money", "time", "boolean"};
        columns.append(QJsonObject{{"key", c.key}, {"title", c.title}, {"kind", kinds[int(c.kind)]}});
    }
    QJsonArray rows;
    for (const QVariantList& row : d.rows) {
        QJsonObject o;
        for (qsizetype i = 0; i < d.columns.size(); ++i) {
            const ReportColumn& c = d.columns[i];
            const QVariant v = row.value(i);
            switch (c.kind) {
            case Kind::Text:
                o.insert(c.key, v.toString());
                break;
            case Kind::Integer:
                o.insert(c.key, v.toLongLong());
                break;
            case Kind::Money:
                o.insert(c.key, formatMoney(v.toLongLong()));
                break;
            case Kind::Time:
                o.insert(c.key, json::time(v.toLongLong()));
                break;
            case Kind::Boolean:
                o.insert(c.key, v.toBool());
                break;
            }
        }
        rows.append(o);
    }
    QJsonArray charts;
    for (const ReportChart& c : d.charts)
        charts.append(c.toJson());
    QJsonObject root{
        {"report", toString(d.type)},
        {"title", d.title},
        {"scope", d.scope},
        {"generatedAt", json::time(d.generatedAt)},
        {"generatedBy", d.generatedBy},
        {"auditHead", QJsonObject{{"seq", d.auditHeadSeq}, {"hash", QString::fromLatin1(d.auditHeadHash.toHex())}}},
        {"summary", d.summaryJson},
        {"charts", charts},
        {"columns", columns},
        {"rows", rows}};
    root.insert("period", d.hasPeriod
                              ? QJsonValue(QJsonObject{{"from", json::time(d.fromMs)}, {"to", json::time(d.toMs)}})
                              : QJsonValue());
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QByteArray> ReportBuilder::write(const ReportDocument& document, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return toCsv(document);
    case ReportFormat::Json:
        return toJson(document);
    case ReportFormat::Pdf:
        return toPdf(document);
    }
    return Error::invalid(QStringLiteral("Unknown report format"));
}

} // namespace kw
