#include "Cli.h"
#include "Output.h"

#include "policy/Duration.h"
#include "remote/Codec.h"

#include <QMap>

namespace kwctl {

namespace {

QString money(qint64 micros)
{
    return QString::number(double(micros) / 1e6, 'f', 4);
}

// [--since DURATION] (default 30d), as a half-open range ending now.
bool rangeFromArgs(Cli& cli, const Args& a, qint64& from, qint64& to, QString& error,
                   const QString& defaultSince = QStringLiteral("30d"))
{
    to = cli.clock().nowMs();
    auto since = kw::Duration::parseMs(a.value("since", defaultSince));
    if (!since) {
        error = QStringLiteral("--since: %1").arg(since.errorMessage());
        return false;
    }
    from = to - *since;
    to += 60'000; // include the current minute
    return true;
}

int summary(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"key", "project", "service", "since"},
        {},       0,
        0,        "kwctl usage summary [--key ID | --project P | --service P/S] [--since DURATION] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::UsageScope scope = kw::UsageScope::All;
    QString id;
    int named = 0;
    if (a.has("key")) {
        scope = kw::UsageScope::Key;
        ++named;
    }
    if (a.has("project")) {
        scope = kw::UsageScope::Project;
        id = a.value("project");
        ++named;
    }
    if (a.has("service")) {
        scope = kw::UsageScope::Service;
        id = a.value("service");
        ++named;
        if (!id.contains(u'/'))
            return cli.usageError(QStringLiteral("--service takes PROJECT/SERVICE"), spec.usage);
    }
    if (named > 1)
        return cli.usageError(QStringLiteral("name at most one of --key, --project, --service"), spec.usage);
    qint64 from = 0, to = 0;
    QString err;
    if (!rangeFromArgs(cli, a, from, to, err))
        return cli.usageError(err, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (scope == kw::UsageScope::Key) {
        auto k = (*b)->key(a.value("key"));
        if (!k)
            return cli.fail(k.error());
        id = k->id;
    }
    auto s = (*b)->usageSummary(scope, id, from, to);
    if (!s)
        return cli.fail(s.error());
    if (a.flag("json")) {
        printJson(cli.out(), s->toJson());
        return Ok;
    }
    const auto& t = s->totals;
    QTextStream& o = cli.out();
    o << "Usage " << (id.isEmpty() ? QStringLiteral("of everything") : QStringLiteral("of ") + id) << " from "
      << formatTime(s->fromMs) << " to " << formatTime(s->toMs) << "\n"
      << "Requests:   " << t.requests << " (" << t.valid << " valid, " << t.rejectedTotal() << " rejected)\n";
    for (auto it = t.rejected.cbegin(); it != t.rejected.cend(); ++it)
        o << "  " << it.key() << ": " << it.value() << "\n";
    o << "Units:      " << t.cost << "\n"
      << "Cost:       " << money(t.amountMicros) << "\n"
      << "Reported:   " << t.reported << " completed requests from gateways\n"
      << "Errors:     " << t.errors << " (upstream status >= 400, from gateway reports)\n";
    if (t.latencyCount > 0) {
        o << "Latency:    avg " << qRound64(t.averageLatencyUs()) << " us, max " << t.latencyMaxUs << " us\n";
        // Percentiles are the upper bounds of histogram buckets (100 us .. 5 s): "at most".
        if (t.latencyPercentileUs(0.5) > 0)
            o << "            p50 <= " << t.latencyPercentileUs(0.50) << " us, p95 <= " << t.latencyPercentileUs(0.95)
              << " us, p99 <= " << t.latencyPercentileUs(0.99) << " us\n";
    }
    if (t.bytes > 0)
        o << "Bytes:      " << t.bytes << "\n";
    o.flush();
    return Ok;
}

int top(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"by", "since", "limit"},
        {},       0,
        0,        "kwctl usage top --by key|service|project|team [--since DURATION] [--limit N] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const QString by = a.value("by", QStringLiteral("key"));
    kw::UsageScope scope;
    if (by == QLatin1String("key"))
        scope = kw::UsageScope::Key;
    else if (by == QLatin1String("service"))
        scope = kw::UsageScope::Service;
    else if (by == QLatin1String("project") || by == QLatin1String("team"))
        scope = kw::UsageScope::Project;
    else
        return cli.usageError(QStringLiteral("--by must be key, service, project or team"), spec.usage);
    bool ok = true;
    const int limit = a.value("limit", QStringLiteral("10")).toInt(&ok);
    if (!ok || limit <= 0)
        return cli.usageError(QStringLiteral("--limit must be a positive number"), spec.usage);
    qint64 from = 0, to = 0;
    QString err;
    if (!rangeFromArgs(cli, a, from, to, err))
        return cli.usageError(err, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto entries = (*b)->usageTop(scope, from, to, by == QLatin1String("team") ? 1'000'000 : limit);
    if (!entries)
        return cli.fail(entries.error());
    QList<kw::TopEntry> rows = *entries;
    if (by == QLatin1String("team")) {
        // Cost allocation per team: the sum of its projects.
        auto projects = (*b)->projects();
        if (!projects)
            return cli.fail(projects.error());
        QHash<QString, QString> teamOf;
        for (const auto& p : *projects)
            teamOf.insert(p.name, p.team.isEmpty() ? QStringLiteral("(no team)") : p.team);
        QMap<QString, kw::TopEntry> byTeam;
        for (const auto& e : rows) {
            kw::TopEntry& t = byTeam[teamOf.value(e.scopeId, QStringLiteral("(deleted project)"))];
            t.requests += e.requests;
            t.valid += e.valid;
            t.cost += e.cost;
            t.amountMicros += e.amountMicros;
            t.errors += e.errors;
        }
        rows.clear();
        for (auto it = byTeam.begin(); it != byTeam.end(); ++it) {
            it->scopeId = it.key();
            rows << *it;
        }
        std::sort(rows.begin(), rows.end(),
                  [](const auto& x, const auto& y) { return x.amountMicros > y.amountMicros; });
        rows = rows.mid(0, limit);
    }
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& e : rows)
            arr.append(e.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> table;
    for (const auto& e : rows)
        table << QStringList{e.scopeId,
                             QString::number(e.requests),
                             QString::number(e.valid),
                             QString::number(e.cost),
                             money(e.amountMicros),
                             QString::number(e.errors)};
    printTable(cli.out(), {by.toUpper(), "REQUESTS", "VALID", "UNITS", "COST", "ERRORS"}, table);
    return Ok;
}

int settings(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"retention", "ip-privacy"},
        {},       0,
        0,        "kwctl usage settings [--retention DURATION|0] [--ip-privacy full|truncate|drop] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto current = (*b)->usageSettings();
    if (!current)
        return cli.fail(current.error());
    kw::UsageRecorder::Settings s = *current;
    const bool change = a.has("retention") || a.has("ip-privacy");
    if (a.has("retention")) {
        if (a.value("retention") == QLatin1String("0")) {
            s.rawRetentionMs = 0;
        } else {
            auto ms = kw::Duration::parseMs(a.value("retention"));
            if (!ms)
                return cli.usageError(QStringLiteral("--retention: %1").arg(ms.errorMessage()), spec.usage);
            s.rawRetentionMs = *ms;
        }
    }
    if (a.has("ip-privacy")) {
        const QString v = a.value("ip-privacy");
        if (v == QLatin1String("full"))
            s.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Full;
        else if (v == QLatin1String("truncate"))
            s.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Truncate;
        else if (v == QLatin1String("drop"))
            s.ipPrivacy = kw::UsageRecorder::Settings::IpPrivacy::Drop;
        else
            return cli.usageError(QStringLiteral("--ip-privacy must be full, truncate or drop"), spec.usage);
    }
    if (change)
        if (auto st = (*b)->setUsageSettings(s); !st)
            return cli.fail(st.error());
    // One spelling of the settings for people, scripts and the server: the codec's.
    const QJsonObject shown = kw::codec::toJson(s);
    const QString ip = shown.value("ipPrivacy").toString();
    const QString retention = shown.value("rawRetention").toString();
    if (a.flag("json")) {
        printJson(cli.out(), QJsonObject{{"rawRetention", retention}, {"ipPrivacy", ip}});
        return Ok;
    }
    cli.out() << "Raw events kept for: "
              << (s.rawRetentionMs == 0 ? QStringLiteral("not stored (rollups only)") : retention)
              << "\nClient addresses:    " << ip << "\n";
    cli.out().flush();
    return Ok;
}

// The scope options of summary and anomalies: --key ID | --project P | --service P/S (none: everything).
bool scopeFromArgs(const Args& a, kw::UsageScope& scope, QString& id, QString& error)
{
    scope = kw::UsageScope::All;
    int named = 0;
    if (a.has("key")) {
        scope = kw::UsageScope::Key;
        id = a.value("key");
        ++named;
    }
    if (a.has("project")) {
        scope = kw::UsageScope::Project;
        id = a.value("project");
        ++named;
    }
    if (a.has("service")) {
        scope = kw::UsageScope::Service;
        id = a.value("service");
        ++named;
        if (!id.contains(u'/')) {
            error = QStringLiteral("--service takes PROJECT/SERVICE");
            return false;
        }
    }
    if (named > 1) {
        error = QStringLiteral("name at most one of --key, --project, --service");
        return false;
    }
    return true;
}

int anomalies(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"key", "project", "service", "since"},
        {},       0,
        0,        "kwctl usage anomalies [--key ID | --project P | --service P/S] [--since DURATION (7d)] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::UsageScope scope;
    QString id;
    QString err;
    if (!scopeFromArgs(a, scope, id, err))
        return cli.usageError(err, spec.usage);
    qint64 from = 0, to = 0;
    if (!rangeFromArgs(cli, a, from, to, err, QStringLiteral("7d")))
        return cli.usageError(err, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto list = (*b)->usageAnomalies(scope, id, from, to);
    if (!list)
        return cli.fail(list.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& x : *list)
            arr.append(x.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    if (list->isEmpty()) {
        cli.out() << "No anomalies from " << formatTime(from) << " to " << formatTime(to) << "\n";
        cli.out().flush();
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& x : *list)
        rows << QStringList{formatTime(x.timeMs), x.keyId, x.kind, QString::number(x.score, 'f', 1), x.detail};
    printTable(cli.out(), {"TIME", "KEY", "KIND", "SCORE", "DETAIL"}, rows);
    return Ok;
}

} // namespace

int usageCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("summary"))
        return summary(cli, args.mid(1));
    if (sub == QLatin1String("top"))
        return top(cli, args.mid(1));
    if (sub == QLatin1String("settings"))
        return settings(cli, args.mid(1));
    if (sub == QLatin1String("anomalies"))
        return anomalies(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown usage command \"%1\"").arg(sub),
                          "kwctl usage summary|top|settings|anomalies");
}

} // namespace kwctl
