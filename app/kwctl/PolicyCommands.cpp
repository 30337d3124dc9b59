#include "Cli.h"
#include "Output.h"
#include "PolicyOptions.h"

#include <QJsonDocument>

namespace kwctl {

namespace {

// --workspace | --project P | --env P/E | --key K: exactly one.
kw::Result<kw::PolicyTarget> targetFromArgs(const Args& a)
{
    kw::PolicyTarget t;
    int n = 0;
    if (a.flag("workspace")) {
        t.kind = kw::PolicyTarget::Kind::Workspace;
        ++n;
    }
    if (a.has("project")) {
        t.kind = kw::PolicyTarget::Kind::Project;
        t.project = a.value("project");
        ++n;
    }
    if (a.has("env")) {
        const QStringList parts = a.value("env").split(u'/');
        if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty())
            return kw::Error::invalid(QStringLiteral("--env takes PROJECT/ENVIRONMENT, e.g. payments/prod"));
        t.kind = kw::PolicyTarget::Kind::Environment;
        t.project = parts[0];
        t.environment = parts[1];
        ++n;
    }
    if (a.has("key")) {
        t.kind = kw::PolicyTarget::Kind::Key;
        t.key = a.value("key");
        ++n;
    }
    if (n != 1)
        return kw::Error::invalid(
            QStringLiteral("name exactly one target: --workspace, --project P, --env P/E or --key K"));
    return t;
}

void addTargetOptions(Args::Spec& spec)
{
    spec.flags += QStringLiteral("workspace");
    spec.values += {"project", "env", "key"};
}

const QString kTargetUsage = QStringLiteral("(--workspace | --project P | --env P/E | --key KEY_ID)");

int policyCreate(Cli& cli, const QStringList& argv)
{
    Args a;
    Args::Spec spec{{"json"}, {"description"},
                    {},       1,
                    1,        "kwctl policy create NAME [--description TEXT] [--ttl DURATION] " + policyOptionsUsage()};
    addPolicyOptions(spec, true);
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto policy = policyFromArgs(a);
    if (!policy)
        return cli.usageError(policy.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto t = (*b)->savePolicyTemplate({a.positionals()[0], a.value("description"), *policy, 0, 0});
    if (!t)
        return cli.fail(t.error());
    if (a.flag("json"))
        printJson(cli.out(), t->toJson());
    else
        cli.out() << "Saved policy template " << t->name << ": "
                  << QString::fromUtf8(QJsonDocument(t->policy.toJson()).toJson(QJsonDocument::Compact)) << "\n";
    cli.out().flush();
    return Ok;
}

int policyList(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl policy list [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto list = (*b)->policyTemplates();
    if (!list)
        return cli.fail(list.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& t : *list)
            arr.append(t.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& t : *list)
        rows << QStringList{t.name, QString::fromUtf8(QJsonDocument(t.policy.toJson()).toJson(QJsonDocument::Compact)),
                            t.description};
    printTable(cli.out(), {"TEMPLATE", "RULES", "DESCRIPTION"}, rows);
    return Ok;
}

// apply: assign a template (and optionally own rules) to a target; set: only the target's own rules.
int policyApply(Cli& cli, const QStringList& argv, bool withTemplate)
{
    Args a;
    Args::Spec spec{{},
                    {},
                    {},
                    withTemplate ? 1 : 0,
                    withTemplate ? 1 : 0,
                    withTemplate ? "kwctl policy apply TEMPLATE " + kTargetUsage
                                 : "kwctl policy set " + kTargetUsage + " [--ttl DURATION] " + policyOptionsUsage()};
    addTargetOptions(spec);
    if (!withTemplate)
        addPolicyOptions(spec, true);
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto target = targetFromArgs(a);
    if (!target)
        return cli.usageError(target.errorMessage(), spec.usage);
    kw::KeyPolicy own;
    std::optional<QString> tmpl;
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (withTemplate) {
        tmpl = a.positionals()[0];
        // Applying a template keeps the target's own rules.
        if (target->kind == kw::PolicyTarget::Kind::Key) {
            auto k = (*b)->key(target->key);
            if (!k)
                return cli.fail(k.error());
            own = k->policy;
        }
    } else {
        auto p = policyFromArgs(a);
        if (!p)
            return cli.usageError(p.errorMessage(), spec.usage);
        own = *p;
    }
    if (target->kind == kw::PolicyTarget::Kind::Key && own.ttlMs)
        return cli.usageError(QStringLiteral("--ttl applies to new keys; use 'kwctl key renew' for an existing key"),
                              spec.usage);
    if (auto s = (*b)->applyPolicy(*target, tmpl, own); !s)
        return cli.fail(s.error());
    cli.out() << (withTemplate ? QStringLiteral("Applied template %1 to %2\n").arg(*tmpl, target->describe())
                               : QStringLiteral("Set the rules of %1\n").arg(target->describe()));
    cli.out().flush();
    return Ok;
}

int policyShow(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"key"}, {}, 0, 0, "kwctl policy show --key KEY_ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (!a.has("key"))
        return cli.usageError(QStringLiteral("--key is required"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto eff = (*b)->effectivePolicy(a.value("key"));
    if (!eff)
        return cli.fail(eff.error());
    cli.out() << QString::fromUtf8(
        QJsonDocument(eff->toJson()).toJson(a.flag("json") ? QJsonDocument::Indented : QJsonDocument::Compact));
    if (!a.flag("json"))
        cli.out() << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int policyCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("create"))
        return policyCreate(cli, rest);
    if (sub == QLatin1String("list"))
        return policyList(cli, rest);
    if (sub == QLatin1String("apply"))
        return policyApply(cli, rest, true);
    if (sub == QLatin1String("set"))
        return policyApply(cli, rest, false);
    if (sub == QLatin1String("show"))
        return policyShow(cli, rest);
    return cli.usageError(QStringLiteral("unknown policy command \"%1\"").arg(sub),
                          QStringLiteral("kwctl policy create|list|apply|set|show"));
}

int roleCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("create")) {
        const Args::Spec spec{{"json"}, {}, {"permission"}, 1, 1, "kwctl role create NAME --permission P... [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto r = (*b)->saveRole({a.positionals()[0], a.values("permission"), 0});
        if (!r)
            return cli.fail(r.error());
        if (a.flag("json"))
            printJson(cli.out(), r->toJson());
        else
            cli.out() << "Saved role " << r->name << " (" << r->permissions.join(QStringLiteral(", ")) << ")\n";
        cli.out().flush();
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl role list [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto roles = (*b)->roles();
        if (!roles)
            return cli.fail(roles.error());
        if (a.flag("json")) {
            QJsonArray arr;
            for (const auto& r : *roles)
                arr.append(r.toJson());
            printJson(cli.out(), arr);
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& r : *roles)
            rows << QStringList{r.name, r.permissions.join(QStringLiteral(", "))};
        printTable(cli.out(), {"ROLE", "PERMISSIONS"}, rows);
        return Ok;
    }
    return cli.usageError(QStringLiteral("unknown role command \"%1\"").arg(sub), "kwctl role create|list");
}

int renewalCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json", "all"}, {}, {}, 0, 0, "kwctl renewal list [--all] [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto list = (*b)->renewalRequests(!a.flag("all"));
        if (!list)
            return cli.fail(list.error());
        if (a.flag("json")) {
            QJsonArray arr;
            for (const auto& r : *list)
                arr.append(r.toJson());
            printJson(cli.out(), arr);
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& r : *list)
            rows << QStringList{QString::number(r.id),     r.keyId,  r.requestedBy,
                                formatTime(r.requestedAt), r.status, r.decidedBy};
        printTable(cli.out(), {"ID", "KEY", "REQUESTED BY", "AT", "STATUS", "DECIDED BY"}, rows);
        return Ok;
    }
    if (sub == QLatin1String("approve") || sub == QLatin1String("deny")) {
        const bool approve = sub == QLatin1String("approve");
        const Args::Spec spec{{"json"},
                              {"reason"},
                              {},
                              1,
                              1,
                              approve ? "kwctl renewal approve REQUEST_ID [--reason TEXT] [--json]"
                                      : "kwctl renewal deny REQUEST_ID --reason TEXT [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        bool ok = false;
        const qint64 id = a.positionals()[0].toLongLong(&ok);
        if (!ok)
            return cli.usageError(QStringLiteral("REQUEST_ID must be a number"), spec.usage);
        if (!approve && a.value("reason").trimmed().isEmpty())
            return cli.usageError(QStringLiteral("--reason is required to deny"), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto r = (*b)->decideRenewal(id, approve, a.value("reason"));
        if (!r)
            return cli.fail(r.error());
        if (a.flag("json"))
            printJson(cli.out(), r->toJson(cli.clock().nowMs()));
        else if (approve)
            cli.out() << "Approved request " << id << ": " << r->key.id << " now expires "
                      << formatTime(r->key.expiresAt) << "\n";
        else
            cli.out() << "Denied request " << id << "\n";
        cli.out().flush();
        return Ok;
    }
    return cli.usageError(QStringLiteral("unknown renewal command \"%1\"").arg(sub), "kwctl renewal list|approve|deny");
}

int maintenanceCommand(Cli& cli, const QStringList& args)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl maintenance run [--json]"};
    if (args.value(0) != QLatin1String("run"))
        return cli.usageError(QStringLiteral("unknown maintenance command \"%1\"").arg(args.value(0)), spec.usage);
    if (!a.parse(args.mid(1), spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto r = (*b)->runMaintenance();
    if (!r)
        return cli.fail(r.error());
    if (a.flag("json")) {
        printJson(cli.out(), r->toJson());
        return Ok;
    }
    cli.out() << "Expired: " << r->expired.size() << ", entered grace: " << r->graceEntered.size()
              << ", rotated automatically: " << r->rotated.size() << "\n";
    for (qsizetype i = 0; i < r->rotated.size(); ++i)
        cli.out() << "  " << r->rotated[i] << " -> " << r->successors[i]
                  << " (the owner can fetch the new secret with: kwctl key reveal " << r->successors[i] << ")\n";
    cli.out().flush();
    return Ok;
}

int serviceCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    Args a;
    if (sub == QLatin1String("create")) {
        const Args::Spec spec{{"json"}, {}, {}, 2, 2, "kwctl service create PROJECT NAME [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto s = (*b)->createService(a.positionals()[0], a.positionals()[1]);
        if (!s)
            return cli.fail(s.error());
        if (a.flag("json"))
            printJson(cli.out(), s->toJson());
        else
            cli.out() << "Created service " << s->project << "/" << s->name << "\n";
        cli.out().flush();
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl service list PROJECT [--json]"};
        if (!a.parse(args.mid(1), spec))
            return cli.usageError(a.error(), spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto services = (*b)->services(a.positionals()[0]);
        if (!services)
            return cli.fail(services.error());
        if (a.flag("json")) {
            QJsonArray arr;
            for (const auto& s : *services)
                arr.append(s.toJson());
            printJson(cli.out(), arr);
            return Ok;
        }
        QList<QStringList> rows;
        for (const auto& s : *services)
            rows << QStringList{s.name};
        printTable(cli.out(), {"SERVICE"}, rows);
        return Ok;
    }
    const Args::Spec spec{{}, {}, {}, 3, 3, "kwctl service price PROJECT SERVICE PRICE_PER_UNIT (e.g. 0.002)"};
    if (sub != QLatin1String("price"))
        return cli.usageError(QStringLiteral("unknown service command \"%1\"").arg(sub),
                              QStringLiteral("kwctl service create|list|price"));
    if (!a.parse(args.mid(1), spec))
        return cli.usageError(a.error(), spec.usage);
    bool ok = false;
    const double price = a.positionals()[2].toDouble(&ok);
    if (!ok || price < 0 || price > 1e6)
        return cli.usageError(QStringLiteral("PRICE_PER_UNIT must be a non-negative number such as 0.002"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    const qint64 micros = qRound64(price * 1e6);
    if (auto s = (*b)->setServicePrice(a.positionals()[0], a.positionals()[1], micros); !s)
        return cli.fail(s.error());
    cli.out() << "Price of " << a.positionals()[0] << "/" << a.positionals()[1] << " set to " << price << " per unit\n";
    cli.out().flush();
    return Ok;
}

} // namespace kwctl
