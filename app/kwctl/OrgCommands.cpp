#include "Cli.h"
#include "Output.h"

namespace kwctl {

namespace {

template <typename T> QJsonArray toJsonArray(const QList<T>& items)
{
    QJsonArray arr;
    for (const auto& i : items)
        arr.append(i.toJson());
    return arr;
}

} // namespace

int teamCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("create")) {
        const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl team create NAME [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto t = (*b)->createTeam(a.positionals()[0]);
        if (!t)
            return cli.fail(t.error());
        if (a.flag("json"))
            printJson(cli.out(), t->toJson());
        else
            cli.out() << "Created team " << t->name << "\n";
        cli.out().flush();
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl team list [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto teams = (*b)->teams();
        if (!teams)
            return cli.fail(teams.error());
        if (a.flag("json")) {
            printJson(cli.out(), toJsonArray(*teams));
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& t : *teams)
            rows << QStringList{t.name, formatTime(t.createdAt)};
        printTable(cli.out(), {"TEAM", "CREATED"}, rows);
        return Ok;
    }
    return cli.usageError(QStringLiteral("unknown team command \"%1\"").arg(sub), "kwctl team create|list");
}

int projectCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("create")) {
        const Args::Spec spec{{"json"}, {"team", "prefix"},
                              {},       1,
                              1,        "kwctl project create NAME [--team TEAM] [--prefix PREFIX] [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto p = (*b)->createProject({a.positionals()[0], a.value("team"), a.value("prefix")});
        if (!p)
            return cli.fail(p.error());
        if (a.flag("json"))
            printJson(cli.out(), p->toJson());
        else
            cli.out() << "Created project " << p->name << " (keys start with " << p->keyPrefix << "_<env>_)\n";
        cli.out().flush();
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl project list [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto projects = (*b)->projects();
        if (!projects)
            return cli.fail(projects.error());
        if (a.flag("json")) {
            printJson(cli.out(), toJsonArray(*projects));
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& p : *projects)
            rows << QStringList{p.name, p.team.isEmpty() ? QStringLiteral("-") : p.team, p.keyPrefix,
                                formatTime(p.createdAt)};
        printTable(cli.out(), {"PROJECT", "TEAM", "PREFIX", "CREATED"}, rows);
        return Ok;
    }
    return cli.usageError(QStringLiteral("unknown project command \"%1\"").arg(sub), "kwctl project create|list");
}

int envCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("create")) {
        const Args::Spec spec{{"json"}, {"prefix"}, {}, 2, 2, "kwctl env create PROJECT NAME [--prefix PREFIX]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto e = (*b)->createEnvironment(a.positionals()[0], a.positionals()[1], a.value("prefix"));
        if (!e)
            return cli.fail(e.error());
        if (a.flag("json"))
            printJson(cli.out(), e->toJson());
        else
            cli.out() << "Created environment " << e->project << "/" << e->name << " (prefix " << e->keyPrefix << ")\n";
        cli.out().flush();
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl env list PROJECT [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto envs = (*b)->environments(a.positionals()[0]);
        if (!envs)
            return cli.fail(envs.error());
        if (a.flag("json")) {
            printJson(cli.out(), toJsonArray(*envs));
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& e : *envs)
            rows << QStringList{e.name, e.keyPrefix};
        printTable(cli.out(), {"ENVIRONMENT", "PREFIX"}, rows);
        return Ok;
    }
    return cli.usageError(QStringLiteral("unknown env command \"%1\"").arg(sub), "kwctl env create|list");
}

} // namespace kwctl
