// Notification delivery from the command line: the outbox and its delivery log, retries, a delivery pass now, test
// messages, the SMTP relay and webhook signing secret, and closing incidents at their receivers.
#include "Cli.h"
#include "Output.h"

#include <QFile>

namespace kwctl {

namespace {

kw::Result<qint64> parseId(const QString& text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return kw::Error::invalid(
            QStringLiteral("the notification id is a positive number (see kwctl notification list)"));
    return id;
}

void printAttempt(Cli& cli, const kw::DeliveryAttempt& a)
{
    cli.out() << "  #" << a.attempt << "  " << formatTime(a.at) << "  " << a.outcome;
    if (a.status)
        cli.out() << "  " << a.status;
    cli.out() << "  " << a.durationMs << " ms";
    if (!a.error.isEmpty())
        cli.out() << "  " << a.error;
    cli.out() << "\n";
}

int list(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"},
                          {"incident", "kind", "state", "limit"},
                          {},
                          0,
                          0,
                          "kwctl notification list [--incident ID] [--kind revocation|resolution|expiry|alert] "
                          "[--state queued|sent|failed] [--limit N] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::NotificationQuery q;
    q.incident = a.value("incident");
    q.kind = a.value("kind");
    q.state = a.value("state");
    if (a.has("limit")) {
        bool ok = false;
        q.limit = a.value("limit").toInt(&ok);
        if (!ok || q.limit <= 0)
            return cli.usageError(QStringLiteral("--limit must be a positive number"), spec.usage);
    }
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto items = (*b)->notifications(q);
    if (!items)
        return cli.fail(items.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& n : *items)
            arr.append(n.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    QList<QStringList> rows;
    for (const auto& n : *items)
        rows << QStringList{QString::number(n.id),
                            formatTime(n.createdAt),
                            n.kind,
                            n.channel,
                            n.recipient,
                            n.state,
                            QString::number(n.attempts),
                            n.incident,
                            n.subject};
    printTable(cli.out(), {"ID", "CREATED", "KIND", "CHANNEL", "TO", "STATE", "TRIES", "INCIDENT", "SUBJECT"}, rows);
    return Ok;
}

int show(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl notification show ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto id = parseId(a.positionals()[0]);
    if (!id)
        return cli.usageError(id.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    kw::NotificationQuery q;
    q.id = *id;
    auto found = (*b)->notifications(q);
    if (!found)
        return cli.fail(found.error());
    if (found->isEmpty())
        return cli.fail(kw::Error::notFound(QStringLiteral("No notification with id %1").arg(*id)));
    auto log = (*b)->notificationDeliveries(*id);
    if (!log)
        return cli.fail(log.error());
    const kw::Notification& n = found->first();
    if (a.flag("json")) {
        QJsonObject o = n.toJson();
        QJsonArray attempts;
        for (const auto& d : *log)
            attempts.append(d.toJson());
        o.insert("deliveries", attempts);
        printJson(cli.out(), o);
        return Ok;
    }
    cli.out() << "Notification " << n.id << " (" << n.kind << ", " << n.channel
              << (n.format.isEmpty() ? QString() : u' ' + n.format) << ") to " << n.recipient << "\n"
              << "State:    " << n.state << " after " << n.attempts << " attempt(s)"
              << (n.state == QLatin1String("queued") ? QStringLiteral(", next at ") + formatTime(n.nextAttemptAt)
                                                     : QString())
              << "\n"
              << "Created:  " << formatTime(n.createdAt) << "\n";
    if (n.sentAt)
        cli.out() << "Sent:     " << formatTime(n.sentAt) << "\n";
    if (!n.incident.isEmpty())
        cli.out() << "Incident: " << n.incident << "\n";
    cli.out() << "Subject:  " << n.subject << "\n";
    if (!n.lastError.isEmpty())
        cli.out() << "Error:    " << n.lastError << "\n";
    cli.out() << "Delivery log:\n";
    if (log->isEmpty())
        cli.out() << "  (no attempt yet)\n";
    for (const auto& d : *log)
        printAttempt(cli, d);
    cli.out().flush();
    return Ok;
}

int retry(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {}, {}, 1, 1, "kwctl notification retry ID"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto id = parseId(a.positionals()[0]);
    if (!id)
        return cli.usageError(id.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto n = (*b)->retryNotification(*id);
    if (!n)
        return cli.fail(n.error());
    cli.out() << "Notification " << n->id << " is due now (run `kwctl notification deliver` to send it here)\n";
    cli.out().flush();
    return Ok;
}

int deliver(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl notification deliver [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto r = (*b)->deliverNotifications();
    if (!r)
        return cli.fail(r.error());
    if (a.flag("json"))
        printJson(cli.out(), r->toJson());
    else
        cli.out() << "Claimed " << r->claimed << ": " << r->sent << " sent, " << r->retrying << " to retry, "
                  << r->failed << " failed\n";
    cli.out().flush();
    return r->failed > 0 ? Failed : Ok;
}

int test(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"email", "webhook"}, {}, 0, 0, "kwctl notification test --email ADDRESS | --webhook URL [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.has("email") == a.has("webhook"))
        return cli.usageError(QStringLiteral("give either --email or --webhook"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    const bool email = a.has("email");
    auto r = (*b)->sendTestNotification(email ? QStringLiteral("email") : QStringLiteral("webhook"),
                                        a.value(email ? "email" : "webhook"));
    if (!r)
        return cli.fail(r.error());
    if (a.flag("json")) {
        printJson(cli.out(), r->toJson());
    } else if (r->outcome == QLatin1String("sent")) {
        cli.out() << "Test message sent (" << (email ? "SMTP " : "HTTP ") << r->status << ", " << r->durationMs
                  << " ms)\n";
    } else {
        cli.out().flush();
        return cli.fail(QStringLiteral("The test message was not delivered: %1").arg(r->error));
    }
    cli.out().flush();
    return r->outcome == QLatin1String("sent") ? Ok : Failed;
}

void printSmtp(Cli& cli, const kw::SmtpSettings& s)
{
    if (s.host.isEmpty()) {
        cli.out() << "No SMTP relay is set: e-mail notifications wait (kwctl notification settings smtp set ...)\n";
        return;
    }
    cli.out() << "Relay:    " << s.host << ":" << s.port << " (" << s.security << ")\n"
              << "From:     " << s.fromName << " <" << s.from << ">\n"
              << "Login:    " << (s.username.isEmpty() ? QStringLiteral("none") : s.username)
              << (s.hasPassword ? QStringLiteral(" (password set)") : QString()) << "\n"
              << "CA file:  " << (s.caFile.isEmpty() ? QStringLiteral("system") : s.caFile) << "\n"
              << "Timeout:  " << s.timeoutSeconds << " s\n";
}

int smtp(Cli& cli, const QStringList& argv)
{
    const QString sub = argv.value(0);
    Args a;
    const Args::Spec spec{
        {"json", "clear-password"},
        {"host", "port", "security", "user", "password-file", "from", "from-name", "ca-file", "timeout"},
        {},
        0,
        0,
        "kwctl notification settings smtp show [--json]\n"
        "kwctl notification settings smtp set --host H [--port 587] "
        "[--security starttls|opportunistic|tls|off] [--user U] [--password-file F | "
        "--clear-password] --from ADDRESS [--from-name NAME] [--ca-file PEM] [--timeout SECONDS]"};
    if ((sub != QLatin1String("show") && sub != QLatin1String("set")) || !a.parse(argv.mid(1), spec))
        return cli.usageError(a.error().isEmpty() ? QStringLiteral("use smtp show or smtp set") : a.error(),
                              spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (sub == QLatin1String("show")) {
        auto s = (*b)->smtpSettings();
        if (!s)
            return cli.fail(s.error());
        if (a.flag("json"))
            printJson(cli.out(), s->toJson());
        else
            printSmtp(cli, *s);
        cli.out().flush();
        return Ok;
    }
    kw::SmtpSettings s;
    s.host = a.value("host");
    s.from = a.value("from");
    s.username = a.value("user");
    s.security = a.value("security", s.security);
    s.fromName = a.value("from-name", s.fromName);
    s.caFile = a.value("ca-file");
    for (const auto& [name, target] : {std::pair{"port", &s.port}, std::pair{"timeout", &s.timeoutSeconds}}) {
        if (!a.has(QString::fromLatin1(name)))
            continue;
        bool ok = false;
        *target = a.value(QString::fromLatin1(name)).toInt(&ok);
        if (!ok)
            return cli.usageError(QStringLiteral("--%1 must be a number").arg(QString::fromLatin1(name)), spec.usage);
    }
    if (a.has("password-file") && a.flag("clear-password"))
        return cli.usageError(QStringLiteral("give --password-file or --clear-password, not both"), spec.usage);
    std::optional<kw::SecureBytes> password;
    if (a.flag("clear-password"))
        password = kw::SecureBytes();
    if (a.has("password-file")) {
        QFile f(a.value("password-file"));
        if (!f.open(QIODevice::ReadOnly))
            return cli.fail(QStringLiteral("cannot read the password file %1: %2").arg(f.fileName(), f.errorString()));
        QByteArray line = f.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        password = kw::SecureBytes::adopt(line);
    }
    auto saved = (*b)->setSmtpSettings(s, password);
    if (!saved)
        return cli.fail(saved.error());
    if (a.flag("json"))
        printJson(cli.out(), saved->toJson());
    else
        printSmtp(cli, *saved);
    cli.out().flush();
    return Ok;
}

int webhookSecret(Cli& cli, const QStringList& argv)
{
    const QString sub = argv.value(0);
    const QString usage = QStringLiteral("kwctl notification settings webhook-secret show|rotate");
    if ((sub != QLatin1String("show") && sub != QLatin1String("rotate")) || argv.size() != 1)
        return cli.usageError(QStringLiteral("use webhook-secret show or webhook-secret rotate"), usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto secret = sub == QLatin1String("show") ? (*b)->webhookSigningSecret() : (*b)->rotateWebhookSigningSecret();
    if (!secret)
        return cli.fail(secret.error());
    if (sub == QLatin1String("rotate"))
        cli.err() << "New webhook signing secret; receivers must switch to it now:\n";
    cli.err().flush();
    cli.out() << secret->toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int notificationCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("list"))
        return list(cli, args.mid(1));
    if (sub == QLatin1String("show"))
        return show(cli, args.mid(1));
    if (sub == QLatin1String("retry"))
        return retry(cli, args.mid(1));
    if (sub == QLatin1String("deliver"))
        return deliver(cli, args.mid(1));
    if (sub == QLatin1String("test"))
        return test(cli, args.mid(1));
    if (sub == QLatin1String("settings") && args.value(1) == QLatin1String("smtp"))
        return smtp(cli, args.mid(2));
    if (sub == QLatin1String("settings") && args.value(1) == QLatin1String("webhook-secret"))
        return webhookSecret(cli, args.mid(2));
    return cli.usageError(QStringLiteral("unknown notification command \"%1\"").arg(args.join(u' ')),
                          QStringLiteral("kwctl notification list|show|retry|deliver|test|settings smtp|settings "
                                         "webhook-secret"));
}

int incidentCommand(Cli& cli, const QStringList& args)
{
    Args a;
    const Args::Spec spec{{"json"}, {"note"}, {}, 1, 1, "kwctl incident resolve ID [--note TEXT] [--json]"};
    if (args.value(0) != QLatin1String("resolve"))
        return cli.usageError(QStringLiteral("unknown incident command \"%1\"").arg(args.value(0)), spec.usage);
    if (!a.parse(args.mid(1), spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto queued = (*b)->resolveIncident(a.positionals()[0], a.value("note"));
    if (!queued)
        return cli.fail(queued.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& n : *queued)
            arr.append(n.toJson());
        printJson(cli.out(), arr);
    } else {
        cli.out() << "Incident " << a.positionals()[0] << " resolved: " << queued->size()
                  << " notification(s) queued to its receivers\n";
    }
    cli.out().flush();
    return Ok;
}

} // namespace kwctl
