#include "Cli.h"
#include "Output.h"
#include "Terminal.h"
#include "TimeOption.h"

#include "audit/AuditExport.h"
#include "policy/Duration.h"

#include <QFile>
#include <QHostInfo>
#include <QSaveFile>

#include <unistd.h>

namespace kwctl {

namespace {

// The filter options shared by list, count and export.
const QSet<QString> kFilterOptions{"target", "action", "actor", "incident", "since", "until", "search"};

bool readFilters(Cli& cli, const Args& a, kw::AuditQuery& q, QString& error)
{
    q.target = a.value("target");
    q.action = a.value("action");
    q.actor = a.value("actor");
    q.incident = a.value("incident");
    q.text = a.value("search");
    const qint64 now = cli.clock().nowMs();
    if (a.has("since")) {
        auto t = parseWhen(a.value("since"), now, QStringLiteral("--since"));
        if (!t) {
            error = t.errorMessage();
            return false;
        }
        q.fromMs = *t;
    }
    if (a.has("until")) {
        auto t = parseWhen(a.value("until"), now, QStringLiteral("--until"));
        if (!t) {
            error = t.errorMessage();
            return false;
        }
        q.toMs = *t;
    }
    if (q.fromMs > 0 && q.toMs > 0 && q.fromMs >= q.toMs) {
        error = QStringLiteral("--since must lie before --until");
        return false;
    }
    return true;
}

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    Args::Spec spec{{"json", "newest", "count"},
                    {"after", "before", "limit", "offset"},
                    {},
                    0,
                    0,
                    "kwctl audit list [--after SEQ] [--before SEQ] [--limit N] [--offset N] [--newest] [--target ID]\n"
                    "       [--action A|PREFIX.] [--actor A] [--incident ID] [--since WHEN] [--until WHEN]\n"
                    "       [--search TEXT] [--count] [--json]"};
    spec.values += kFilterOptions;
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::AuditQuery q;
    q.limit = 0;
    bool ok = true;
    if (a.has("after"))
        q.afterSeq = a.value("after").toLongLong(&ok);
    if (ok && a.has("before"))
        q.beforeSeq = a.value("before").toLongLong(&ok);
    if (ok && a.has("limit"))
        q.limit = a.value("limit").toInt(&ok);
    if (ok && a.has("offset"))
        q.offset = a.value("offset").toInt(&ok);
    if (!ok || q.afterSeq < 0 || q.beforeSeq < 0 || q.limit < 0 || q.offset < 0)
        return cli.usageError(QStringLiteral("--after, --before, --limit and --offset take non-negative numbers"),
                              spec.usage);
    q.newestFirst = a.flag("newest");
    QString error;
    if (!readFilters(cli, a, q, error))
        return cli.usageError(error, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (a.flag("count")) {
        auto n = (*b)->countAuditEntries(q);
        if (!n)
            return cli.fail(n.error());
        if (a.flag("json"))
            printJson(cli.out(), QJsonObject{{"count", *n}});
        else
            cli.out() << *n << "\n";
        cli.out().flush();
        return Ok;
    }
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
                            e.role,
                            e.action,
                            e.target,
                            e.reason + (e.incident.isEmpty() ? QString() : QStringLiteral(" [") + e.incident + u']')};
    printTable(cli.out(), {"SEQ", "TIME", "ACTOR", "ROLE", "ACTION", "TARGET", "REASON"}, rows);
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
        if (v->checkpointSeq > 0)
            cli.out() << "Entries 1 to " << v->checkpointSeq
                      << " were pruned behind a signed checkpoint; the chain was checked from there.\n";
    } else {
        cli.err() << "kwctl: audit trail BROKEN at entry " << v->firstBadSeq << ": " << v->problem << "\n"
                  << "Entries " << (v->checkpointSeq + 1) << " to " << v->lastGoodSeq << " are intact.\n";
    }
    cli.out().flush();
    cli.err().flush();
    return v->intact ? Ok : Failed;
}

int status(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl audit status [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto s = (*b)->auditStatus();
    if (!s)
        return cli.fail(s.error());
    if (a.flag("json")) {
        printJson(cli.out(), s->toJson());
        return Ok;
    }
    QTextStream& out = cli.out();
    out << "Head:           entry " << s->headSeq << " (" << QString::fromLatin1(s->headHash.toHex().left(16)) << ")\n"
        << "Stored entries: " << s->entries << "\n";
    if (s->lastVerifiedAt == 0)
        out << "Last verified:  never\n";
    else
        out << "Last verified:  " << formatTime(s->lastVerifiedAt) << ", "
            << (s->lastVerifiedIntact ? QStringLiteral("intact through entry %1").arg(s->lastVerifiedHeadSeq)
                                      : QStringLiteral("BROKEN at entry %1").arg(s->lastVerifiedFirstBadSeq))
            << "\n";
    if (s->checkpoint.seq > 0)
        out << "Checkpoint:     entries up to " << s->checkpoint.seq << " pruned " << formatTime(s->checkpoint.time)
            << "\n";
    out << "Retention:      "
        << (s->settings.retentionMs > 0 ? kw::Duration::format(s->settings.retentionMs) : QStringLiteral("keep all"))
        << "\n";
    out.flush();
    return Ok;
}

int exportEntries(Cli& cli, const QStringList& argv)
{
    Args a;
    Args::Spec spec{{},
                    {"format", "out"},
                    {},
                    0,
                    0,
                    "kwctl audit export --format jsonl|syslog [--since WHEN] [--until WHEN] [--action A] [--actor A]\n"
                    "       [--target ID] [--incident ID] [--search TEXT] [--out FILE]"};
    spec.values += kFilterOptions;
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const QString format = a.value("format");
    if (format != QLatin1String("jsonl") && format != QLatin1String("syslog"))
        return cli.usageError(QStringLiteral("--format must be jsonl or syslog"), spec.usage);
    kw::AuditQuery q;
    QString error;
    if (!readFilters(cli, a, q, error))
        return cli.usageError(error, spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    std::unique_ptr<QSaveFile> file;
    if (a.has("out")) {
        file = std::make_unique<QSaveFile>(a.value("out"));
        if (!file->open(QIODevice::WriteOnly))
            return cli.fail(QStringLiteral("Cannot write %1: %2").arg(a.value("out"), file->errorString()));
    }
    const QString host = QHostInfo::localHostName();
    const qint64 pid = ::getpid();
    qint64 written = 0;
    // Page through the trail so a long one never sits in memory whole.
    q.limit = 5000;
    for (;;) {
        auto entries = (*b)->auditEntries(q);
        if (!entries)
            return cli.fail(entries.error());
        for (const kw::AuditEntry& e : *entries) {
            const QByteArray line = format == QLatin1String("jsonl")
                                        ? kw::auditexport::jsonLine(e)
                                        : kw::auditexport::syslog(e, host, QStringLiteral("kwctl"), pid) + '\n';
            if (file)
                file->write(line);
            else
                cli.out() << QString::fromUtf8(line);
            q.afterSeq = e.seq;
            ++written;
        }
        if (entries->size() < q.limit)
            break;
    }
    if (file) {
        if (!file->commit())
            return cli.fail(QStringLiteral("Cannot write %1: %2").arg(a.value("out"), file->errorString()));
        cli.err() << "Exported " << written << " audit entries to " << a.value("out") << "\n";
        cli.err().flush();
    }
    cli.out().flush();
    return Ok;
}

int prune(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"yes", "json"},
                          {"before"},
                          {},
                          0,
                          0,
                          "kwctl audit prune [--before WHEN] [--yes] [--json]   (default: by the retention setting)"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    qint64 before = 0;
    if (a.has("before")) {
        auto t = parseWhen(a.value("before"), cli.clock().nowMs(), QStringLiteral("--before"));
        if (!t)
            return cli.usageError(t.errorMessage(), spec.usage);
        before = *t;
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (!a.flag("yes")) {
        kw::AuditQuery q;
        q.toMs = before;
        if (before == 0) {
            auto settings = (*b)->auditSettings();
            if (!settings)
                return cli.fail(settings.error());
            if (settings->retentionMs == 0)
                return cli.fail(QStringLiteral("No audit retention is set: give --before WHEN, or set one with "
                                               "kwctl audit settings --retention 365d"));
            q.toMs = cli.clock().nowMs() - settings->retentionMs;
        }
        auto n = (*b)->countAuditEntries(q);
        if (!n)
            return cli.fail(n.error());
        const QString what = QStringLiteral("%1 audit entries written before %2 will be deleted behind a signed "
                                            "checkpoint")
                                 .arg(*n)
                                 .arg(formatTime(q.toMs));
        if (!stdinIsTerminal())
            return cli.fail(what + QStringLiteral("; add --yes to do it"));
        cli.err() << what << ".\n";
        cli.err().flush();
        if (readLine(QStringLiteral("Type 'prune' to confirm: ")) != QLatin1String("prune"))
            return cli.fail(QStringLiteral("Not confirmed; nothing was pruned"));
    }
    auto report = (*b)->pruneAudit(before);
    if (!report)
        return cli.fail(report.error());
    if (a.flag("json")) {
        printJson(cli.out(), report->toJson());
    } else if (report->pruned == 0) {
        cli.out() << "Nothing to prune: no entry is old enough.\n";
    } else {
        cli.out() << "Pruned " << report->pruned << " audit entries up to entry " << report->checkpoint.seq
                  << "; the signed checkpoint keeps the rest of the chain verifiable.\n";
    }
    cli.out().flush();
    return Ok;
}

int settings(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"retention"}, {}, 0, 0, "kwctl audit settings [--retention DURATION|0] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (a.has("retention")) {
        kw::AuditSettings s;
        const QString text = a.value("retention");
        if (text != QLatin1String("0")) {
            auto ms = kw::Duration::parseMs(text);
            if (!ms)
                return cli.usageError(QStringLiteral("--retention: %1").arg(ms.errorMessage()), spec.usage);
            s.retentionMs = *ms;
        }
        if (auto st = (*b)->setAuditSettings(s); !st)
            return cli.fail(st.error());
    }
    auto s = (*b)->auditSettings();
    if (!s)
        return cli.fail(s.error());
    auto usage = (*b)->usageSettings();
    if (!usage)
        return cli.fail(usage.error());
    const QString audit = s->retentionMs > 0 ? kw::Duration::format(s->retentionMs) : QStringLiteral("0");
    const QString raw = usage->rawRetentionMs > 0 ? kw::Duration::format(usage->rawRetentionMs) : QStringLiteral("0");
    if (a.flag("json")) {
        printJson(cli.out(), QJsonObject{{"auditRetention", audit}, {"usageRawRetention", raw}});
        return Ok;
    }
    cli.out() << "Audit entries kept:     " << (s->retentionMs > 0 ? audit : QStringLiteral("forever")) << "\n"
              << "Raw usage events kept:  " << (usage->rawRetentionMs > 0 ? raw : QStringLiteral("none (rollups only)"))
              << "   (kwctl usage settings --retention)\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int auditCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("list"))
        return list(cli, args.mid(1));
    if (sub == QLatin1String("verify"))
        return verify(cli, args.mid(1));
    if (sub == QLatin1String("status"))
        return status(cli, args.mid(1));
    if (sub == QLatin1String("export"))
        return exportEntries(cli, args.mid(1));
    if (sub == QLatin1String("prune"))
        return prune(cli, args.mid(1));
    if (sub == QLatin1String("settings"))
        return settings(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown audit command \"%1\"").arg(sub),
                          QStringLiteral("kwctl audit list|verify|status|export|prune|settings"));
}

} // namespace kwctl
