#include "Cli.h"
#include "Output.h"

namespace kwctl {

namespace {

int create(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"role"}, {}, 1, 1, "kwctl operator create NAME --role admin|responder|auditor|verifier [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (!a.has("role"))
        return cli.usageError(QStringLiteral("--role is required"), spec.usage);
    const auto role = kw::operatorRoleFromString(a.value("role"));
    if (!role)
        return cli.usageError(
            QStringLiteral("--role must be admin, responder, auditor or verifier, not \"%1\"").arg(a.value("role")),
            spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto issued = (*b)->createOperator(a.positionals()[0], *role);
    if (!issued)
        return cli.fail(issued.error());
    if (a.flag("json")) {
        printJson(cli.out(), QJsonObject{{"name", issued->op.name},
                                         {"role", kw::toString(issued->op.role)},
                                         {"token", issued->token.toUtf8String()}});
        return Ok;
    }
    cli.out() << "Created operator " << issued->op.name << " (" << kw::toString(issued->op.role) << ").\n"
              << "Token, shown only now; give it to the operator over a safe channel:\n"
              << issued->token.toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl operator list [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto ops = (*b)->operators();
    if (!ops)
        return cli.fail(ops.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& op : *ops)
            arr.append(op.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& op : *ops)
        rows << QStringList{op.name, kw::toString(op.role), op.tokenDisplayId, formatTime(op.createdAt),
                            op.revokedAt ? formatTime(op.revokedAt) : QStringLiteral("-")};
    printTable(cli.out(), {"OPERATOR", "ROLE", "TOKEN", "CREATED", "REVOKED"}, rows);
    return Ok;
}

int revoke(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {}, {}, 1, 1, "kwctl operator revoke NAME"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (auto s = (*b)->revokeOperator(a.positionals()[0]); !s)
        return cli.fail(s.error());
    cli.out() << "Revoked operator " << a.positionals()[0] << ": its token is refused from now on\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int operatorCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("create"))
        return create(cli, rest);
    if (sub == QLatin1String("list"))
        return list(cli, rest);
    if (sub == QLatin1String("revoke"))
        return revoke(cli, rest);
    return cli.usageError(QStringLiteral("unknown operator command \"%1\"").arg(sub),
                          QStringLiteral("kwctl operator create|list|revoke"));
}

int whoamiCommand(Cli& cli, const QStringList& args)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl whoami [--json]"};
    if (!a.parse(args, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto me = (*b)->whoami();
    if (!me)
        return cli.fail(me.error());
    if (a.flag("json")) {
        printJson(cli.out(),
                  QJsonObject{{"name", me->name}, {"role", kw::toString(me->role)}, {"location", (*b)->location()}});
        return Ok;
    }
    cli.out() << me->name << " (" << kw::toString(me->role) << ") at " << (*b)->location() << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace kwctl
