#include "Cli.h"
#include "Output.h"
#include "PolicyOptions.h"
#include "Terminal.h"

#include "crypto/KeyFormat.h"
#include "policy/Duration.h"
#include "storage/LocalVault.h"
#include "util/Json.h"

#include <QFile>

#include <cstdio>

namespace kwctl {

namespace {

QList<QStringList> keyRows(const QList<kw::KeyRecord>& keys, qint64 now)
{
    QList<QStringList> rows;
    for (const auto& k : keys)
        rows << QStringList{k.id,
                            k.displayId,
                            k.name,
                            k.project + u'/' + k.environment,
                            kw::toString(k.effectiveStatus(now)),
                            formatTime(k.expiresAt)};
    return rows;
}

const QStringList kKeyHeaders{"ID", "DISPLAY ID", "NAME", "PROJECT/ENV", "STATUS", "EXPIRES"};

int create(Cli& cli, const QStringList& argv)
{
    Args a;
    Args::Spec spec{{"json", "backup", "recoverable"},
                    {"project", "env", "name", "parent", "expires-in", "owner", "policy"},
                    {"service", "depends-on", "tag"},
                    0,
                    0,
                    "kwctl key create --project P --env ENV --name NAME [--service S]... [--parent KEY_ID] "
                    "[--depends-on KEY_ID]... [--expires-in DURATION] [--owner O] [--tag T]... [--backup] "
                    "[--recoverable] [--policy TEMPLATE] " +
                        policyOptionsUsage() + " [--json]"};
    addPolicyOptions(spec, false);
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    for (const char* required : {"project", "env", "name"}) {
        if (a.value(QString::fromLatin1(required)).isEmpty())
            return cli.usageError(QStringLiteral("--%1 is required").arg(QString::fromLatin1(required)), spec.usage);
    }
    kw::KeySpec ks;
    ks.project = a.value("project");
    ks.environment = a.value("env");
    ks.name = a.value("name");
    ks.services = a.values("service");
    ks.parentId = a.value("parent");
    ks.dependsOn = a.values("depends-on");
    ks.owner = a.value("owner");
    ks.tags = a.values("tag");
    ks.backup = a.flag("backup");
    ks.recoverable = a.flag("recoverable");
    ks.policyTemplate = a.value("policy");
    auto policy = policyFromArgs(a);
    if (!policy)
        return cli.usageError(policy.errorMessage(), spec.usage);
    ks.policy = *policy;
    if (a.has("expires-in")) {
        auto ms = kw::Duration::parseMs(a.value("expires-in"));
        if (!ms)
            return cli.usageError(QStringLiteral("--expires-in: %1").arg(ms.errorMessage()), spec.usage);
        ks.expiresInMs = *ms;
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto issued = (*b)->createKey(ks);
    if (!issued)
        return cli.fail(issued.error());
    if (a.flag("json")) {
        QJsonObject o{{"id", issued->key.id},
                      {"secret", issued->secret.toUtf8String()},
                      {"displayId", issued->key.displayId},
                      {"key", issued->key.toJson(cli.clock().nowMs())}};
        printJson(cli.out(), o);
        return Ok;
    }
    // The secret alone on stdout, so `SECRET=$(kwctl key create ...)` works; the rest is for the person.
    cli.err() << "Created key " << issued->key.id << " (" << issued->key.displayId << ") \"" << issued->key.name
              << "\" in " << issued->key.project << "/" << issued->key.environment << "\n"
              << "This is the only time the secret is shown; store it now:\n";
    cli.err().flush();
    cli.out() << issued->secret.toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"},
        {"project", "env", "team", "service", "tag", "status", "search", "expiring-within", "children-of", "limit",
         "owner", "created-from", "created-to", "expires-after", "client-ip"},
        {},
        0,
        0,
        "kwctl key list [--team T] [--project P] [--env ENV] [--service S] [--tag T] "
        "[--status STATUS] [--expiring-within DURATION] [--expires-after TIME] [--owner O] [--created-from TIME] "
        "[--created-to TIME] [--client-ip IP] [--children-of KEY_ID] [--search TEXT] [--limit N] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::KeyFilter f;
    f.team = a.value("team");
    f.project = a.value("project");
    f.environment = a.value("env");
    f.service = a.value("service");
    f.tag = a.value("tag");
    f.text = a.value("search");
    if (a.has("status")) {
        f.status = kw::keyStatusFromString(a.value("status"));
        if (!f.status)
            return cli.usageError(
                QStringLiteral("--status must be one of active, suspended, expired, revoked, rotating"), spec.usage);
    }
    if (a.has("expiring-within")) {
        auto ms = kw::Duration::parseMs(a.value("expiring-within"));
        if (!ms)
            return cli.usageError(QStringLiteral("--expiring-within: %1").arg(ms.errorMessage()), spec.usage);
        f.expiresBeforeMs = cli.clock().nowMs() + *ms;
    }
    f.owner = a.value("owner");
    f.clientIp = a.value("client-ip");
    for (const auto& [option, into] : {std::pair<const char*, qint64*>{"created-from", &f.createdFromMs},
                                       {"created-to", &f.createdToMs},
                                       {"expires-after", &f.expiresAfterMs}}) {
        if (!a.has(QLatin1String(option)))
            continue;
        *into = parseTimeArg(a.value(QLatin1String(option)));
        if (*into <= 0)
            return cli.usageError(
                QStringLiteral("--%1 must be a date (2026-03-01) or an ISO 8601 time").arg(QLatin1String(option)),
                spec.usage);
    }
    if (a.has("children-of")) {
        if (a.value("children-of").trimmed().isEmpty())
            return cli.usageError(QStringLiteral("--children-of needs a key id or display id"), spec.usage);
        f.parentId = a.value("children-of");
    }
    if (a.has("limit")) {
        bool ok = false;
        f.limit = a.value("limit").toInt(&ok);
        if (!ok || f.limit <= 0)
            return cli.usageError(QStringLiteral("--limit must be a positive number"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto keys = (*b)->keys(f);
    if (!keys)
        return cli.fail(keys.error());
    const qint64 now = cli.clock().nowMs();
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& k : *keys)
            arr.append(k.toJson(now));
        printJson(cli.out(), arr);
        return Ok;
    }
    printTable(cli.out(), kKeyHeaders, keyRows(*keys, now));
    return Ok;
}

// Changes the descriptive fields of a key; rules and restrictions stay with `policy set --key`.
int edit(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json", "clear-tags"},
                          {"name", "owner", "reason"},
                          {"tag", "service", "meta", "depends-on"},
                          1,
                          1,
                          "kwctl key edit KEY_ID [--name NAME] [--owner O] [--tag T ...|--clear-tags] [--service S]... "
                          "[--depends-on KEY_ID]... [--meta KEY=VALUE]... --reason TEXT [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.value("reason").trimmed().isEmpty())
        return cli.usageError(QStringLiteral("--reason is required"), spec.usage);
    if (a.flag("clear-tags") && a.has("tag"))
        return cli.usageError(QStringLiteral("give --tag or --clear-tags, not both"), spec.usage);
    kw::KeyUpdate u;
    if (a.has("name"))
        u.name = a.value("name");
    if (a.has("owner"))
        u.owner = a.value("owner");
    if (a.has("tag"))
        u.tags = a.values("tag");
    else if (a.flag("clear-tags"))
        u.tags = QStringList();
    if (a.has("service"))
        u.services = a.values("service");
    if (a.has("depends-on"))
        u.dependsOn = a.values("depends-on");
    // KEY=VALUE sets a metadata entry, KEY= removes it; the others are kept.
    QList<std::pair<QString, QString>> meta;
    for (const QString& m : a.values("meta")) {
        const qsizetype eq = m.indexOf(u'=');
        if (eq <= 0)
            // The argument is not repeated: whatever was pasted here may be a secret.
            return cli.usageError(QStringLiteral("--meta needs KEY=VALUE (KEY= removes the entry)"), spec.usage);
        meta.append({m.left(eq), m.mid(eq + 1)});
    }
    if (u.isEmpty() && meta.isEmpty())
        return cli.usageError(QStringLiteral("nothing to change: give --name, --owner, --tag, --clear-tags, --service, "
                                             "--depends-on or --meta"),
                              spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    const QString ref = a.positionals()[0];
    if (!meta.isEmpty()) {
        auto current = (*b)->key(ref);
        if (!current)
            return cli.fail(current.error());
        QJsonObject metadata = current->metadata;
        for (const auto& [k, v] : meta) {
            if (v.isEmpty())
                metadata.remove(k);
            else
                metadata.insert(k, v);
        }
        u.metadata = metadata;
    }
    auto k = (*b)->updateKey(ref, u, a.value("reason"));
    if (!k)
        return cli.fail(k.error());
    if (a.flag("json"))
        printJson(cli.out(), k->toJson(cli.clock().nowMs()));
    else
        cli.out() << "Updated " << k->id << " (" << k->displayId << ")\n";
    cli.out().flush();
    return Ok;
}

int show(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl key show KEY_ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto k = (*b)->key(a.positionals()[0]);
    if (!k)
        return cli.fail(k.error());
    const qint64 now = cli.clock().nowMs();
    if (a.flag("json")) {
        printJson(cli.out(), k->toJson(now));
        return Ok;
    }
    auto orDash = [](const QString& s) { return s.isEmpty() ? QStringLiteral("-") : s; };
    QTextStream& o = cli.out();
    o << "Id:           " << k->id << "\n"
      << "Display id:   " << k->displayId << "\n"
      << "Name:         " << k->name << "\n"
      << "Project:      " << k->project << " (team " << orDash(k->team) << ")\n"
      << "Environment:  " << k->environment << "\n"
      << "Services:     " << orDash(k->services.join(QStringLiteral(", "))) << "\n"
      << "Owner:        " << orDash(k->owner) << "\n"
      << "Tags:         " << orDash(k->tags.join(QStringLiteral(", "))) << "\n"
      << "Status:       " << kw::toString(k->effectiveStatus(now));
    if (!k->statusReason.isEmpty())
        o << " (" << k->statusReason
          << (k->incidentId.isEmpty() ? QString() : QStringLiteral(", incident ") + k->incidentId) << ")";
    o << "\n"
      << "Created:      " << formatTime(k->createdAt) << "\n"
      << "Expires:      " << (k->expiresAt ? formatTime(k->expiresAt) : QStringLiteral("never")) << "\n"
      << "Parent:       " << orDash(k->parentId) << "\n"
      << "Children:     " << k->childCount << "\n"
      << "Depends on:   " << orDash(k->dependsOn.join(QStringLiteral(", "))) << "\n"
      << "Backup key:   " << (k->backup ? "yes" : "no") << "\n"
      << "Recoverable:  " << (k->recoverable ? "yes" : "no") << "\n"
      << "Last used:    " << formatTime(k->lastUsedAt) << "\n";
    o.flush();
    return Ok;
}

int changeStatus(Cli& cli, const QStringList& argv, bool suspend)
{
    Args a;
    const QString usage = suspend ? QStringLiteral("kwctl key suspend KEY_ID --reason TEXT [--json]")
                                  : QStringLiteral("kwctl key resume KEY_ID --reason TEXT [--json]");
    const Args::Spec spec{{"json"}, {"reason"}, {}, 1, 1, usage};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.value("reason").trimmed().isEmpty())
        return cli.usageError(QStringLiteral("--reason is required"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto k = suspend ? (*b)->suspendKey(a.positionals()[0], a.value("reason"))
                     : (*b)->resumeKey(a.positionals()[0], a.value("reason"));
    if (!k)
        return cli.fail(k.error());
    if (a.flag("json"))
        printJson(cli.out(), k->toJson(cli.clock().nowMs()));
    else
        cli.out() << (suspend ? "Suspended " : "Resumed ") << k->id << " (" << k->displayId << ")\n";
    cli.out().flush();
    return Ok;
}

int revoke(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"cascade", "dry-run", "yes", "json", "notify"},
                          {"reason", "incident"},
                          {},
                          1,
                          -1,
                          "kwctl key revoke KEY_ID... [--cascade] --reason TEXT [--incident ID] [--notify] [--dry-run] "
                          "[--yes] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const bool dryRun = a.flag("dry-run");
    if (!dryRun && a.value("reason").trimmed().isEmpty())
        return cli.usageError(QStringLiteral("--reason is required"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto plan = (*b)->planRevocation(a.positionals(), a.flag("cascade"));
    if (!plan)
        return cli.fail(plan.error());

    auto printPlan = [&](const kw::RevocationPlan& p, const QString& title) {
        cli.out() << title << "\n";
        QList<QStringList> rows;
        for (const auto& e : p.entries)
            rows << QStringList{e.keyId,    e.displayId,
                                e.name,     e.project + u'/' + e.environment,
                                e.relation, e.alreadyRevoked ? QStringLiteral("already revoked") : QString()};
        printTable(cli.out(), {"ID", "DISPLAY ID", "NAME", "PROJECT/ENV", "WHY", ""}, rows);
    };
    if (dryRun) {
        if (a.flag("json"))
            printJson(cli.out(), plan->toJson());
        else
            printPlan(*plan, QStringLiteral("Dry run: %1 key(s) would be revoked").arg(plan->toRevokeCount()));
        return Ok;
    }
    const int count = plan->toRevokeCount();
    if (count == 0)
        return cli.fail(QStringLiteral("Nothing to revoke: every selected key is already revoked"));
    // On a terminal, a revocation that reaches beyond what was named must be confirmed by typing.
    if (stdinIsTerminal() && !a.flag("yes") && count > a.positionals().size()) {
        printPlan(*plan, QStringLiteral("This revokes %1 key(s), including children and dependents:").arg(count));
        const QString expected = QStringLiteral("revoke %1").arg(count);
        if (readLine(QStringLiteral("Type '%1' to confirm: ").arg(expected)) != expected)
            return cli.fail(QStringLiteral("Not confirmed; nothing was revoked"));
    }
    kw::RevocationRequest req{a.positionals(), a.flag("cascade"), a.value("reason"), a.value("incident")};
    auto done = (*b)->revokeKeys(req);
    if (!done)
        return cli.fail(done.error());
    // The revocation stands whatever happens next; a failure to queue the messages is reported on its own.
    std::optional<kw::Result<QList<kw::Notification>>> notified;
    if (a.flag("notify"))
        notified = (*b)->notifyRevocation(a.value("incident"), *done, a.value("reason"));
    if (a.flag("json")) {
        QJsonObject o = done->toJson();
        if (notified && *notified)
            o.insert("notificationsQueued", qint64((*notified)->size()));
        printJson(cli.out(), o);
    } else {
        printPlan(*done, QStringLiteral("Revoked %1 key(s)").arg(count));
        if (notified && *notified)
            cli.out() << "Queued " << (*notified)->size() << " notification(s) to emergency contacts\n";
        cli.out().flush();
    }
    if (notified && !*notified)
        return cli.fail(QStringLiteral("The keys were revoked, but the notifications could not be queued: %1")
                            .arg(notified->errorMessage()));
    return Ok;
}

int verify(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"},
                          {"service", "ip", "cost", "env"},
                          {"permission"},
                          1,
                          1,
                          "kwctl key verify SECRET|- [--service S] [--ip IP] [--permission P]... [--cost N] "
                          "[--env ENV] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    QByteArray raw;
    if (a.positionals()[0] == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return cli.fail(QStringLiteral("Cannot read the key from standard input"));
        raw = in.readLine().trimmed();
    } else {
        raw = a.positionals()[0].toUtf8();
    }
    kw::SecureBytes secret = kw::SecureBytes::adopt(raw);
    qint64 cost = 1;
    if (a.has("cost")) {
        bool ok = false;
        cost = a.value("cost").toLongLong(&ok);
        if (!ok || cost < 0)
            return cli.usageError(QStringLiteral("--cost must be a whole number of units, 0 or more"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    // Decisions on a local vault are usage like any other: counted, rolled up, and persisted on exit.
    if (auto* local = cli.localVault())
        if (auto s = local->startUsageRecording(); !s)
            return cli.fail(s.error());
    kw::VerifyContext ctx;
    ctx.service = a.value("service");
    ctx.clientIp = a.value("ip");
    ctx.permissions = a.values("permission");
    ctx.environment = a.value("env");
    ctx.cost = cost;
    auto r = (*b)->verifyKey(secret, ctx);
    if (!r)
        return cli.fail(r.error());
    if (a.flag("json")) {
        printJson(cli.out(), r->toJson());
    } else {
        cli.out() << (r->valid ? "valid" : "invalid") << " " << kw::toString(r->code);
        if (!r->keyId.isEmpty())
            cli.out() << " " << r->keyId << " (" << r->displayId << ")";
        cli.out() << "\n";
        if (r->inGrace)
            cli.out() << "warning: the key has expired and is in its grace period\n";
        if (r->remaining >= 0)
            cli.out() << "uses remaining: " << r->remaining << "\n";
        if (r->rateLimit.present)
            cli.out() << "rate limit: " << r->rateLimit.remaining << " of " << r->rateLimit.limit << " left"
                      << (r->rateLimit.retryAfterMs > 0
                              ? QStringLiteral(", retry after %1 ms").arg(r->rateLimit.retryAfterMs)
                              : QString())
                      << "\n";
        if (r->quota.present)
            cli.out() << "quota: " << r->quota.remaining << " of " << r->quota.limit << " units left until "
                      << formatTime(r->quota.resetsAt) << "\n";
        if (!r->message.isEmpty() && !r->valid)
            cli.err() << r->message << "\n";
    }
    cli.out().flush();
    cli.err().flush();
    return r->valid ? Ok : Failed;
}

int rotate(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"overlap"}, {}, 1, 1, "kwctl key rotate KEY_ID [--overlap DURATION] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    std::optional<qint64> overlap;
    if (a.has("overlap")) {
        auto ms = kw::Duration::parseMs(a.value("overlap"));
        if (!ms && a.value("overlap") != QLatin1String("0"))
            return cli.usageError(QStringLiteral("--overlap: %1").arg(ms.errorMessage()), spec.usage);
        overlap = ms ? *ms : 0;
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto issued = (*b)->rotateKey(a.positionals()[0], overlap);
    if (!issued)
        return cli.fail(issued.error());
    auto old = (*b)->key(issued->key.predecessorId);
    if (a.flag("json")) {
        QJsonObject o{{"id", issued->key.id},
                      {"secret", issued->secret.toUtf8String()},
                      {"displayId", issued->key.displayId},
                      {"predecessorId", issued->key.predecessorId},
                      {"predecessorValidUntil", old ? kw::json::time(old->expiresAt) : QJsonValue()},
                      {"key", issued->key.toJson(cli.clock().nowMs())}};
        printJson(cli.out(), o);
        return Ok;
    }
    cli.err() << "Rotated " << issued->key.predecessorId << " -> " << issued->key.id << " (" << issued->key.displayId
              << ")\n";
    if (old)
        cli.err() << "The old key stays valid until " << formatTime(old->expiresAt) << ".\n";
    cli.err() << "This is the only time the new secret is shown; store it now:\n";
    cli.err().flush();
    cli.out() << issued->secret.toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

int renew(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"expires-in", "reason"},
                          {},       1,
                          1,        "kwctl key renew KEY_ID --expires-in DURATION [--reason TEXT] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (!a.has("expires-in"))
        return cli.usageError(QStringLiteral("--expires-in is required"), spec.usage);
    auto ms = kw::Duration::parseMs(a.value("expires-in"));
    if (!ms)
        return cli.usageError(QStringLiteral("--expires-in: %1").arg(ms.errorMessage()), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto r = (*b)->renewKey(a.positionals()[0], *ms, a.value("reason"));
    if (!r)
        return cli.fail(r.error());
    if (a.flag("json")) {
        printJson(cli.out(), r->toJson(cli.clock().nowMs()));
        return Ok;
    }
    if (r->renewed)
        cli.out() << "Renewed " << r->key.id << "; it now expires " << formatTime(r->key.expiresAt) << "\n";
    else
        cli.out() << "Renewal of " << r->key.id << " needs a second person's approval: request " << r->requestId
                  << " is pending (kwctl renewal approve " << r->requestId << ")\n";
    cli.out().flush();
    return Ok;
}

int history(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl key history KEY_ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto events = (*b)->expirationHistory(a.positionals()[0]);
    if (!events)
        return cli.fail(events.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& e : *events)
            arr.append(e.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& e : *events)
        rows << QStringList{formatTime(e.time), e.event, formatTime(e.oldExpiresAt), formatTime(e.newExpiresAt),
                            e.actor};
    printTable(cli.out(), {"TIME", "EVENT", "OLD EXPIRY", "NEW EXPIRY", "BY"}, rows);
    return Ok;
}

int reveal(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {}, {}, 1, 1, "kwctl key reveal KEY_ID"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto* local = cli.localVault();
    if (!local)
        return cli.fail(QStringLiteral("Revealing a secret is only possible on a local vault"));
    auto secret = local->revealSecret(a.positionals()[0]);
    if (!secret)
        return cli.fail(secret.error());
    cli.out() << secret->toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int keyCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("create"))
        return create(cli, rest);
    if (sub == QLatin1String("list"))
        return list(cli, rest);
    if (sub == QLatin1String("show"))
        return show(cli, rest);
    if (sub == QLatin1String("edit"))
        return edit(cli, rest);
    if (sub == QLatin1String("suspend"))
        return changeStatus(cli, rest, true);
    if (sub == QLatin1String("resume"))
        return changeStatus(cli, rest, false);
    if (sub == QLatin1String("revoke"))
        return revoke(cli, rest);
    if (sub == QLatin1String("verify"))
        return verify(cli, rest);
    if (sub == QLatin1String("reveal"))
        return reveal(cli, rest);
    if (sub == QLatin1String("rotate"))
        return rotate(cli, rest);
    if (sub == QLatin1String("renew"))
        return renew(cli, rest);
    if (sub == QLatin1String("history"))
        return history(cli, rest);
    if (sub == QLatin1String("scan"))
        return keyScan(cli, rest);
    if (sub == QLatin1String("backups"))
        return keyBackups(cli, rest);
    if (sub == QLatin1String("activate-backup"))
        return keyActivateBackup(cli, rest);
    if (sub == QLatin1String("replace"))
        return keyReplace(cli, rest);
    if (sub == QLatin1String("calendar"))
        return keyCalendar(cli, rest);
    if (sub == QLatin1String("rotations"))
        return keyRotations(cli, rest);
    return cli.usageError(QStringLiteral("unknown key command \"%1\"").arg(sub),
                          QStringLiteral("kwctl key create|list|show|edit|suspend|resume|revoke|verify|rotate|renew|"
                                         "history|reveal|scan|backups|activate-backup|replace|calendar|rotations"));
}

} // namespace kwctl
