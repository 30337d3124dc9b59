#include "Cli.h"
#include "Output.h"

#include "compliance/Compliance.h"

namespace kwctl {

namespace {

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts))
        out << part.trimmed();
    return out;
}

int rules(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl compliance rules [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto config = (*b)->complianceConfig();
    if (!config)
        return cli.fail(config.error());
    QJsonArray arr;
    QList<QStringList> rows;
    for (const kw::ComplianceRule& r : kw::ComplianceRule::builtin()) {
        QJsonObject o = r.toJson();
        o.insert("enabled", config->enabled(r.id));
        o.insert("effectiveSeverity", kw::toString(config->severity(r.id)));
        if (r.defaultThreshold > 0)
            o.insert("thresholdDays", config->thresholdDays(r.id));
        arr.append(o);
        rows << QStringList{r.id, kw::toString(config->severity(r.id)),
                            config->enabled(r.id) ? QStringLiteral("yes") : QStringLiteral("no"),
                            r.defaultThreshold > 0 ? QStringLiteral("%1d").arg(config->thresholdDays(r.id))
                                                   : QStringLiteral("-"),
                            r.title};
    }
    if (a.flag("json")) {
        printJson(cli.out(), arr);
        return Ok;
    }
    printTable(cli.out(), {"RULE", "SEVERITY", "ENABLED", "THRESHOLD", "TITLE"}, rows);
    cli.out() << "Production environments: " << config->production().join(QStringLiteral(", ")) << "\n"
              << "Public services:         " << config->publicServiceList().join(QStringLiteral(", ")) << "\n";
    cli.out().flush();
    return Ok;
}

int run(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"fail-under"},
        {},       0,
        0,        "kwctl compliance run [--fail-under SCORE] [--json]   exit 1 when the score is below SCORE"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    int failUnder = -1;
    if (a.has("fail-under")) {
        bool ok = false;
        failUnder = a.value("fail-under").toInt(&ok);
        if (!ok || failUnder < 0 || failUnder > 100)
            return cli.usageError(QStringLiteral("--fail-under takes a score from 0 to 100"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto report = (*b)->runCompliance();
    if (!report)
        return cli.fail(report.error());
    const bool failed = failUnder >= 0 && report->score < failUnder;
    if (a.flag("json")) {
        printJson(cli.out(), report->toJson());
        return failed ? Failed : Ok;
    }
    QTextStream& out = cli.out();
    out << "Compliance score: " << report->score << " / 100 over " << report->keysEvaluated << " live keys, "
        << report->findings.size() << " findings\n\n";
    QList<QStringList> ruleRows;
    for (const auto& r : report->rules)
        ruleRows << QStringList{r.ruleId, kw::toString(r.severity),
                                r.enabled ? QString::number(r.checked) : QStringLiteral("off"),
                                QString::number(r.violations), r.title};
    printTable(out, {"RULE", "SEVERITY", "CHECKED", "VIOLATIONS", "TITLE"}, ruleRows);
    if (!report->findings.isEmpty()) {
        out << "\n";
        QList<QStringList> rows;
        for (const auto& f : report->findings)
            rows << QStringList{kw::toString(f.severity), f.ruleId,
                                f.keyId.isEmpty() ? QStringLiteral("(vault)") : f.displayId,
                                f.keyId.isEmpty() ? QString() : f.project + u'/' + f.environment, f.detail};
        printTable(out, {"SEVERITY", "RULE", "KEY", "WHERE", "FINDING"}, rows);
    }
    if (!report->projects.isEmpty()) {
        out << "\n";
        QList<QStringList> rows;
        for (const auto& p : report->projects)
            rows << QStringList{p.project, p.team, QString::number(p.keys), QString::number(p.keysWithFindings),
                                QString::number(p.score)};
        printTable(out, {"PROJECT", "TEAM", "KEYS", "WITH FINDINGS", "SCORE"}, rows);
    }
    out.flush();
    if (failed)
        return cli.fail(QStringLiteral("compliance score %1 is below %2").arg(report->score).arg(failUnder));
    return Ok;
}

int config(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json", "enable", "disable", "reset"},
        {"rule", "threshold", "severity", "production-envs", "public-services"},
        {},
        0,
        0,
        "kwctl compliance config [--rule ID [--enable|--disable] [--threshold DAYS] [--severity low|medium|high|"
        "critical] [--reset]]\n"
        "       [--production-envs ENV,...] [--public-services SERVICE|PROJECT/SERVICE|*,...] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const bool ruleChange =
        a.flag("enable") || a.flag("disable") || a.flag("reset") || a.has("threshold") || a.has("severity");
    if (ruleChange && !a.has("rule"))
        return cli.usageError(QStringLiteral("--enable, --disable, --threshold, --severity and --reset need --rule ID"),
                              spec.usage);
    if (a.flag("enable") && a.flag("disable"))
        return cli.usageError(QStringLiteral("give --enable or --disable, not both"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto current = (*b)->complianceConfig();
    if (!current)
        return cli.fail(current.error());
    kw::ComplianceConfig c = *current;
    const bool change = ruleChange || a.has("production-envs") || a.has("public-services");
    if (a.has("rule")) {
        const QString id = a.value("rule");
        if (!kw::ComplianceRule::find(id))
            return cli.usageError(QStringLiteral("unknown rule \"%1\" (see kwctl compliance rules)").arg(id),
                                  spec.usage);
        kw::ComplianceConfig::RuleSetting& s = c.rules[id];
        if (a.flag("reset"))
            s = {};
        if (a.flag("enable") || a.flag("disable"))
            s.enabled = a.flag("enable");
        if (a.has("threshold")) {
            bool ok = false;
            s.thresholdDays = a.value("threshold").toLongLong(&ok);
            if (!ok)
                return cli.usageError(QStringLiteral("--threshold takes a number of days"), spec.usage);
        }
        if (a.has("severity")) {
            s.severity = kw::severityFromString(a.value("severity"));
            if (!s.severity)
                return cli.usageError(QStringLiteral("--severity must be low, medium, high or critical"), spec.usage);
        }
        if (s.isEmpty())
            c.rules.remove(id);
    }
    if (a.has("production-envs"))
        c.productionEnvironments = splitList(a.value("production-envs"));
    if (a.has("public-services"))
        c.publicServices = splitList(a.value("public-services"));
    if (change) {
        if (auto s = (*b)->setComplianceConfig(c); !s)
            return cli.fail(s.error());
    }
    if (a.flag("json")) {
        printJson(cli.out(), c.toJson());
        return Ok;
    }
    return rules(cli, {});
}

int history(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"limit"}, {}, 0, 0, "kwctl compliance history [--limit N] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    int limit = 30;
    if (a.has("limit")) {
        bool ok = false;
        limit = a.value("limit").toInt(&ok);
        if (!ok || limit <= 0)
            return cli.usageError(QStringLiteral("--limit takes a positive number"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto runs = (*b)->complianceHistory(limit);
    if (!runs)
        return cli.fail(runs.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& r : *runs)
            arr.append(r.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& r : *runs)
        rows << QStringList{formatTime(r.time), QString::number(r.score), QString::number(r.keys),
                            QString::number(r.findings)};
    printTable(cli.out(), {"TIME", "SCORE", "KEYS", "FINDINGS"}, rows);
    return Ok;
}

} // namespace

int complianceCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("rules"))
        return rules(cli, args.mid(1));
    if (sub == QLatin1String("run"))
        return run(cli, args.mid(1));
    if (sub == QLatin1String("config"))
        return config(cli, args.mid(1));
    if (sub == QLatin1String("history"))
        return history(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown compliance command \"%1\"").arg(sub),
                          QStringLiteral("kwctl compliance rules|run|config|history"));
}

} // namespace kwctl
