// kwctl alert list|show|ack|resolve|evaluate and kwctl alert rule list|set|remove.
#include "Cli.h"
#include "Output.h"

#include "policy/Duration.h"

#include <algorithm>

namespace kwctl {

namespace {

QString scopeText(const QString& project, const QString& service)
{
    if (project.isEmpty())
        return QStringLiteral("*");
    return service.isEmpty() ? project : project + u'/' + service;
}

void printAlerts(Cli& cli, const QList<kw::Alert>& alerts, bool json)
{
    if (json) {
        QJsonArray arr;
        for (const auto& a : alerts)
            arr.append(a.toJson());
        printJson(cli.out(), arr);
        return;
    }
    QList<QStringList> rows;
    for (const auto& a : alerts)
        rows << QStringList{
            QString::number(a.id),    kw::toString(a.state),  kw::toString(a.severity),        kw::toString(a.kind),
            QString::number(a.count), formatTime(a.lastSeen), scopeText(a.project, a.service), a.title};
    printTable(cli.out(), {"ID", "STATE", "SEVERITY", "KIND", "COUNT", "LAST SEEN", "SCOPE", "TITLE"}, rows);
}

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json", "all"},
                          {"state", "kind", "project", "key", "limit"},
                          {},
                          0,
                          0,
                          "kwctl alert list [--state open|acknowledged|resolved|active] [--all] [--kind KIND]\n"
                          "       [--project P] [--key ID] [--limit N] [--json]   (default: active alerts)"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::AlertQuery q;
    q.activeOnly = !a.flag("all");
    if (a.has("state")) {
        const QString s = a.value("state");
        if (s != QLatin1String("active")) {
            q.state = kw::alertStateFromString(s);
            if (!q.state)
                return cli.usageError(
                    QStringLiteral("--state \"%1\" must be open, acknowledged, resolved or active").arg(s), spec.usage);
        }
    }
    if (a.has("kind")) {
        q.kind = kw::alertKindFromString(a.value("kind"));
        if (!q.kind)
            return cli.usageError(QStringLiteral("--kind \"%1\" is not one of %2")
                                      .arg(a.value("kind"), kw::alertKindNames().join(QStringLiteral(", "))),
                                  spec.usage);
    }
    q.project = a.value("project");
    q.keyId = a.value("key");
    if (a.has("limit")) {
        bool ok = false;
        q.limit = a.value("limit").toInt(&ok);
        if (!ok || q.limit <= 0)
            return cli.usageError(QStringLiteral("--limit takes a positive number"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto alerts = (*b)->alerts(q);
    if (!alerts)
        return cli.fail(alerts.error());
    printAlerts(cli, *alerts, a.flag("json"));
    cli.out().flush();
    return Ok;
}

kw::Result<qint64> alertId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return kw::Error::invalid(QStringLiteral("\"%1\" is not an alert id (a positive number)").arg(text));
    return id;
}

void printAlert(Cli& cli, const kw::Alert& x)
{
    QTextStream& out = cli.out();
    out << "Alert " << x.id << ": " << x.title << "\n"
        << "  Kind:      " << kw::toString(x.kind) << " (rule " << x.ruleId << ")\n"
        << "  Severity:  " << kw::toString(x.severity) << "\n"
        << "  State:     " << kw::toString(x.state) << "\n"
        << "  Seen:      " << x.count << " time(s), first " << formatTime(x.firstSeen) << ", last "
        << formatTime(x.lastSeen) << "\n"
        << "  Dedup key: " << x.dedupKey << "\n";
    if (!x.project.isEmpty())
        out << "  Scope:     " << scopeText(x.project, x.service) << "\n";
    if (!x.keyId.isEmpty())
        out << "  Key:       " << x.keyId << "\n";
    if (!x.sourceIp.isEmpty())
        out << "  Source:    " << x.sourceIp << "\n";
    if (x.acknowledgedAt > 0)
        out << "  Acknowledged by " << x.acknowledgedBy << " at " << formatTime(x.acknowledgedAt) << "\n";
    if (x.resolvedAt > 0)
        out << "  Resolved by " << x.resolvedBy << " at " << formatTime(x.resolvedAt) << "\n";
    if (!x.note.isEmpty())
        out << "  Note:      " << x.note << "\n";
    out << "\n" << x.detail << "\n";
}

int show(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl alert show ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto id = alertId(a.positionals().first());
    if (!id)
        return cli.usageError(id.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto x = (*b)->alert(*id);
    if (!x)
        return cli.fail(x.error());
    if (a.flag("json"))
        printJson(cli.out(), x->toJson());
    else
        printAlert(cli, *x);
    cli.out().flush();
    return Ok;
}

int changeState(Cli& cli, const QStringList& argv, bool ack)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"note"},
        {},       1,
        1,        ack ? "kwctl alert ack ID [--note TEXT] [--json]" : "kwctl alert resolve ID [--note TEXT] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto id = alertId(a.positionals().first());
    if (!id)
        return cli.usageError(id.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto x = ack ? (*b)->acknowledgeAlert(*id, a.value("note")) : (*b)->resolveAlert(*id, a.value("note"));
    if (!x)
        return cli.fail(x.error());
    if (a.flag("json"))
        printJson(cli.out(), x->toJson());
    else
        cli.out() << "Alert " << x->id << " " << kw::toString(x->state) << "\n";
    cli.out().flush();
    return Ok;
}

int evaluate(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl alert evaluate [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto raised = (*b)->evaluateAlerts(cli.clock().nowMs());
    if (!raised)
        return cli.fail(raised.error());
    if (!a.flag("json"))
        cli.out() << raised->size() << " alert(s) raised or updated\n";
    printAlerts(cli, *raised, a.flag("json"));
    cli.out().flush();
    return Ok;
}

void printRules(Cli& cli, const QList<kw::AlertRule>& rules, bool json)
{
    if (json) {
        QJsonArray arr;
        for (const auto& r : rules)
            arr.append(r.toJson());
        printJson(cli.out(), arr);
        return;
    }
    QList<QStringList> rows;
    for (const auto& r : rules) {
        QStringList t;
        for (qint64 v : r.thresholds)
            t << QString::number(v);
        QStringList notify;
        if (r.notifyOwner)
            notify << QStringLiteral("owner");
        if (r.notifyContacts)
            notify << QStringLiteral("contacts");
        rows << QStringList{QString::number(r.id),
                            kw::toString(r.kind),
                            r.enabled ? QStringLiteral("yes") : QStringLiteral("no"),
                            t.isEmpty() ? QStringLiteral("-") : t.join(u','),
                            r.windowMs > 0 ? kw::Duration::format(r.windowMs) : QStringLiteral("-"),
                            scopeText(r.project, r.service),
                            kw::toString(r.severity),
                            notify.isEmpty() ? QStringLiteral("-") : notify.join(u','),
                            r.blockMs > 0 ? kw::Duration::format(r.blockMs) : QStringLiteral("-")};
    }
    printTable(cli.out(), {"ID", "KIND", "ENABLED", "THRESHOLDS", "WINDOW", "SCOPE", "SEVERITY", "NOTIFY", "BLOCK"},
               rows);
}

int ruleList(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl alert rule list [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto rules = (*b)->alertRules();
    if (!rules)
        return cli.fail(rules.error());
    printRules(cli, *rules, a.flag("json"));
    cli.out().flush();
    return Ok;
}

kw::Result<bool> yesNo(const QString& option, const QString& value)
{
    if (value == QLatin1String("yes") || value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("no") || value == QLatin1String("false"))
        return false;
    return kw::Error::invalid(QStringLiteral("%1 takes yes or no (got \"%2\")").arg(option, value));
}

int ruleSet(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json", "enable", "disable"},
        {"id", "kind", "threshold", "window", "project", "service", "severity", "notify-contacts", "notify-owner",
         "block"},
        {},
        0,
        0,
        "kwctl alert rule set [--id ID] [--kind KIND] [--threshold N[,N...]] [--window DURATION] [--project P]\n"
        "       [--service S] [--severity info|warning|critical] [--notify-contacts yes|no] [--notify-owner yes|no]\n"
        "       [--block DURATION|0] [--enable|--disable] [--json]\n"
        "  without --id: creates a rule (--kind required); with --id: changes only the options given"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.flag("enable") && a.flag("disable"))
        return cli.usageError(QStringLiteral("--enable and --disable exclude each other"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    kw::AlertRule rule;
    if (a.has("id")) {
        bool ok = false;
        const qint64 id = a.value("id").toLongLong(&ok);
        if (!ok || id <= 0)
            return cli.usageError(QStringLiteral("--id takes a rule id (a positive number)"), spec.usage);
        auto rules = (*b)->alertRules();
        if (!rules)
            return cli.fail(rules.error());
        auto it = std::find_if(rules->begin(), rules->end(), [id](const kw::AlertRule& r) { return r.id == id; });
        if (it == rules->end())
            return cli.fail(kw::Error::notFound(QStringLiteral("No alert rule with id %1").arg(id)));
        rule = *it;
    } else if (!a.has("kind")) {
        return cli.usageError(
            QStringLiteral("a new rule needs --kind (%1)").arg(kw::alertKindNames().join(QStringLiteral(", "))),
            spec.usage);
    }
    if (a.has("kind")) {
        const auto k = kw::alertKindFromString(a.value("kind"));
        if (!k)
            return cli.usageError(QStringLiteral("--kind \"%1\" is not one of %2")
                                      .arg(a.value("kind"), kw::alertKindNames().join(QStringLiteral(", "))),
                                  spec.usage);
        rule.kind = *k;
    }
    if (a.has("threshold")) {
        rule.thresholds.clear();
        for (const QString& part : a.value("threshold").split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 v = part.trimmed().toLongLong(&ok);
            if (!ok || v <= 0)
                return cli.usageError(
                    QStringLiteral("--threshold takes positive numbers separated by commas (got \"%1\")").arg(part),
                    spec.usage);
            rule.thresholds << v;
        }
    }
    for (const char* opt : {"window", "block"}) {
        const QString name = QString::fromLatin1(opt);
        if (!a.has(name))
            continue;
        qint64 ms = 0;
        if (a.value(name) != QLatin1String("0")) {
            auto d = kw::Duration::parseMs(a.value(name));
            if (!d)
                return cli.usageError(QStringLiteral("--%1: %2").arg(name, d.errorMessage()), spec.usage);
            ms = *d;
        }
        (name == QLatin1String("window") ? rule.windowMs : rule.blockMs) = ms;
    }
    if (a.has("project"))
        rule.project = a.value("project");
    if (a.has("service"))
        rule.service = a.value("service");
    if (a.has("severity")) {
        const auto s = kw::alertSeverityFromString(a.value("severity"));
        if (!s)
            return cli.usageError(QStringLiteral("--severity takes info, warning or critical"), spec.usage);
        rule.severity = *s;
    }
    for (const char* opt : {"notify-contacts", "notify-owner"}) {
        const QString name = QString::fromLatin1(opt);
        if (!a.has(name))
            continue;
        auto v = yesNo(QStringLiteral("--") + name, a.value(name));
        if (!v)
            return cli.usageError(v.errorMessage(), spec.usage);
        (name == QLatin1String("notify-owner") ? rule.notifyOwner : rule.notifyContacts) = *v;
    }
    if (a.flag("enable"))
        rule.enabled = true;
    if (a.flag("disable"))
        rule.enabled = false;
    auto saved = (*b)->saveAlertRule(rule);
    if (!saved)
        return cli.fail(saved.error());
    if (a.flag("json"))
        printJson(cli.out(), saved->toJson());
    else
        cli.out() << "Alert rule " << saved->id << " (" << kw::toString(saved->kind) << ") saved\n";
    cli.out().flush();
    return Ok;
}

int ruleRemove(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {}, {}, 1, 1, "kwctl alert rule remove ID"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    bool ok = false;
    const qint64 id = a.positionals().first().toLongLong(&ok);
    if (!ok || id <= 0)
        return cli.usageError(QStringLiteral("the rule id must be a positive number"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (auto s = (*b)->removeAlertRule(id); !s)
        return cli.fail(s.error());
    cli.out() << "Alert rule " << id << " removed\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int alertCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("list"))
        return list(cli, args.mid(1));
    if (sub == QLatin1String("show"))
        return show(cli, args.mid(1));
    if (sub == QLatin1String("ack"))
        return changeState(cli, args.mid(1), true);
    if (sub == QLatin1String("resolve"))
        return changeState(cli, args.mid(1), false);
    if (sub == QLatin1String("evaluate"))
        return evaluate(cli, args.mid(1));
    if (sub == QLatin1String("rule")) {
        const QString what = args.value(1);
        if (what == QLatin1String("list"))
            return ruleList(cli, args.mid(2));
        if (what == QLatin1String("set"))
            return ruleSet(cli, args.mid(2));
        if (what == QLatin1String("remove"))
            return ruleRemove(cli, args.mid(2));
        return cli.usageError(QStringLiteral("unknown alert rule command \"%1\"").arg(what),
                              QStringLiteral("kwctl alert rule list|set|remove"));
    }
    return cli.usageError(QStringLiteral("unknown alert command \"%1\"").arg(sub),
                          QStringLiteral("kwctl alert list|show|ack|resolve|evaluate|rule"));
}

} // namespace kwctl
