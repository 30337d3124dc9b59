#include "Cli.h"
#include "Output.h"

namespace kwctl {

namespace {

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"after", "limit", "target", "action"},
                          {},       0,
                          0,        "kwctl audit list [--after SEQ] [--limit N] [--target ID] [--action A] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::AuditQuery q;
    q.limit = 0;
    bool ok = true;
    if (a.has("after"))
        q.afterSeq = a.value("after").toLongLong(&ok);
    if (ok && a.has("limit"))
        q.limit = a.value("limit").toInt(&ok);
    if (!ok || q.afterSeq < 0 || q.limit < 0)
        return cli.usageError(QStringLiteral("--after and --limit take non-negative numbers"), spec.usage);
    q.target = a.value("target");
    q.action = a.value("action");
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto entries = (*b)->auditEntries(q);
    if (!entries)
        return cli.fail(entries.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& e : *entries)
            arr.append(e.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& e : *entries)
        rows << QStringList{QString::number(e.seq),
                            formatTime(e.time),
                            e.actor,
                            e.action,
                            e.target,
                            e.reason + (e.incident.isEmpty() ? QString() : QStringLiteral(" [") + e.incident + u']')};
    printTable(cli.out(), {"SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "REASON"}, rows);
    return Ok;
}

int verify(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl audit verify [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto v = (*b)->verifyAudit();
    if (!v)
        return cli.fail(v.error());
    if (a.flag("json")) {
        printJson(cli.out(), v->toJson());
    } else if (v->intact) {
        cli.out() << "Audit trail intact through entry " << v->lastGoodSeq << " (" << v->checked
                  << " entries checked, head " << QString::fromLatin1(v->headHash.toHex().left(16)) << ")\n";
    } else {
        cli.err() << "kwctl: audit trail BROKEN at entry " << v->firstBadSeq << ": " << v->problem << "\n"
                  << "Entries 1 to " << v->lastGoodSeq << " are intact.\n";
    }
    cli.out().flush();
    cli.err().flush();
    return v->intact ? Ok : Failed;
}

} // namespace

int auditCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("list"))
        return list(cli, args.mid(1));
    if (sub == QLatin1String("verify"))
        return verify(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown audit command \"%1\"").arg(sub),
                          QStringLiteral("kwctl audit list|verify"));
}

} // namespace kwctl
