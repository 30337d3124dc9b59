// Incident response from the command line: finding leaked keys in text, backup keys, replacements, emergency
// contacts (the notification outbox is in NotifyCommands.cpp).
#include "Cli.h"
#include "Output.h"

#include "crypto/KeyFormat.h"
#include "util/Json.h"

#include <QFile>
#include <QHash>

#include <cstdio>

namespace kwctl {

namespace {

constexpr qint64 kMaxScanBytes = 64LL << 20;
constexpr qsizetype kLookupChunk = 10'000; // the most one lookup takes

// Where a byte offset lies in text, 1-based.
struct Position {
    qsizetype line = 1;
    qsizetype column = 1;
};

QList<Position> positionsOf(QByteArrayView text, const QList<kw::KeyFormat::Candidate>& candidates)
{
    QList<Position> out;
    Position p;
    qsizetype at = 0;
    for (const auto& c : candidates) { // candidates come in text order
        for (; at < c.offset && at < text.size(); ++at) {
            if (text[at] == '\n') {
                ++p.line;
                p.column = 1;
            } else {
                ++p.column;
            }
        }
        out << p;
    }
    return out;
}

int printIssued(Cli& cli, const kw::IssuedKey& issued, bool json, const QString& what)
{
    if (json) {
        printJson(cli.out(), QJsonObject{{"id", issued.key.id},
                                         {"secret", issued.secret.toUtf8String()},
                                         {"displayId", issued.key.displayId},
                                         {"predecessorId", issued.key.predecessorId},
                                         {"key", issued.key.toJson(cli.clock().nowMs())}});
        return Ok;
    }
    cli.err() << what << " " << issued.key.id << " (" << issued.key.displayId << ") \"" << issued.key.name << "\" in "
              << issued.key.project << "/" << issued.key.environment << "\n"
              << "This is the only time the secret is shown; store it now:\n";
    cli.err().flush();
    cli.out() << issued.secret.toUtf8String() << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace

// kwctl key scan [FILE|-]: every key-looking string in the text, checksum-checked offline, the valid ones looked up.
// Prints where each was found and which key it is — never the secret. Exit 1 when a key that is not revoked is found.
int keyScan(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 1, "kwctl key scan [FILE|-] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const QString source = a.positionals().value(0, QStringLiteral("-"));
    QFile in;
    if (source == QLatin1String("-")) {
        if (!in.open(stdin, QIODevice::ReadOnly))
            return cli.fail(QStringLiteral("Cannot read standard input"));
    } else {
        in.setFileName(source);
        if (!in.open(QIODevice::ReadOnly))
            return cli.fail(QStringLiteral("Cannot read %1: %2").arg(source, in.errorString()));
    }
    QByteArray raw = in.read(kMaxScanBytes + 1);
    if (raw.size() > kMaxScanBytes) {
        kw::secureWipe(raw);
        return cli.fail(QStringLiteral("%1 is larger than %2 MiB; split it")
                            .arg(source == QLatin1String("-") ? QStringLiteral("The input") : source)
                            .arg(kMaxScanBytes >> 20));
    }
    // The text may hold live secrets: it is wiped when this function returns.
    const kw::SecureBytes text = kw::SecureBytes::adopt(raw);
    const QByteArrayView view(text.data(), qsizetype(text.size()));
    const QList<kw::KeyFormat::Candidate> candidates = kw::KeyFormat::scan(view);
    const QList<Position> positions = positionsOf(view, candidates);

    // Each distinct well-formed secret is looked up once.
    std::vector<kw::SecureBytes> secrets;
    QHash<QByteArray, qsizetype> indexOf; // raw views into `text`: no copy of a secret is made
    QList<qsizetype> lookupIndex(candidates.size(), -1);
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const auto& c = candidates[i];
        if (!c.checksumValid)
            continue;
        const QByteArray token = QByteArray::fromRawData(view.data() + c.offset, c.length);
        auto it = indexOf.constFind(token);
        if (it == indexOf.cend()) {
            it = indexOf.insert(token, qsizetype(secrets.size()));
            secrets.emplace_back(token.constData(), std::size_t(token.size()));
        }
        lookupIndex[i] = *it;
    }
    QList<std::optional<kw::KeyRecord>> found;
    if (!secrets.empty()) {
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        for (std::size_t from = 0; from < secrets.size(); from += std::size_t(kLookupChunk)) {
            std::vector<kw::SecureBytes> chunk;
            for (std::size_t i = from; i < secrets.size() && i < from + std::size_t(kLookupChunk); ++i)
                chunk.push_back(secrets[i].clone());
            auto r = (*b)->lookupSecrets(chunk);
            if (!r)
                return cli.fail(r.error());
            found += *r;
        }
    }

    const qint64 now = cli.clock().nowMs();
    bool live = false;
    QJsonArray json;
    QList<QStringList> rows;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const auto& c = candidates[i];
        const Position& p = positions[i];
        const QString where = QStringLiteral("%1:%2").arg(p.line).arg(p.column);
        QJsonObject o{{"line", p.line}, {"column", p.column}, {"offset", c.offset}, {"checksumValid", c.checksumValid}};
        if (!c.checksumValid) {
            rows << QStringList{where, QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-"),
                                QStringLiteral("not a key (checksum does not match)")};
            o.insert("known", false);
            json.append(o);
            continue;
        }
        const auto& k = found.value(lookupIndex[i]);
        const QString displayId =
            kw::KeyFormat::displayIdOf(QByteArrayView(view.data() + c.offset, c.length)); // never the secret
        if (!k) {
            rows << QStringList{where, displayId, QStringLiteral("-"), QStringLiteral("-"),
                                QStringLiteral("unknown to this vault")};
            o.insert("known", false);
            o.insert("displayId", displayId);
            json.append(o);
            continue;
        }
        const kw::KeyStatus status = k->effectiveStatus(now);
        live = live || status != kw::KeyStatus::Revoked;
        rows << QStringList{where, k->displayId, k->name, k->project + u'/' + k->environment, kw::toString(status)};
        o.insert("known", true);
        o.insert("key", k->toJson(now));
        json.append(o);
    }
    if (a.flag("json")) {
        printJson(cli.out(), json);
    } else if (candidates.isEmpty()) {
        cli.out() << "No key-like strings found\n";
        cli.out().flush();
    } else {
        printTable(cli.out(), {"AT", "DISPLAY ID", "NAME", "PROJECT/ENV", "STATUS"}, rows);
        if (live)
            cli.err() << "Live keys were found: revoke them (kwctl key revoke KEY_ID --reason ... --incident ...)\n";
        cli.err().flush();
    }
    return live ? Failed : Ok;
}

int keyActivateBackup(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"reason", "incident"},
                          {},       1,
                          1,        "kwctl key activate-backup KEY_ID --reason TEXT [--incident ID] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.value("reason").trimmed().isEmpty())
        return cli.usageError(QStringLiteral("--reason is required"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto k = (*b)->activateBackup(a.positionals()[0], a.value("reason"), a.value("incident"));
    if (!k)
        return cli.fail(k.error());
    if (a.flag("json"))
        printJson(cli.out(), k->toJson(cli.clock().nowMs()));
    else
        cli.out() << "Activated backup key " << k->id << " (" << k->displayId << "); it is now "
                  << kw::toString(k->effectiveStatus(cli.clock().nowMs())) << "\n";
    cli.out().flush();
    return Ok;
}

int keyBackups(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 1, 1, "kwctl key backups KEY_ID [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto keys = (*b)->backupKeysFor(a.positionals()[0]);
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
    QList<QStringList> rows;
    for (const auto& k : *keys)
        rows << QStringList{k.id, k.displayId, k.name, k.services.join(u','), kw::toString(k.effectiveStatus(now))};
    printTable(cli.out(), {"ID", "DISPLAY ID", "NAME", "SERVICES", "STATUS"}, rows);
    return Ok;
}

int keyReplace(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"reason", "incident"},
                          {},       1,
                          1,        "kwctl key replace REVOKED_KEY_ID --reason TEXT [--incident ID] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (a.value("reason").trimmed().isEmpty())
        return cli.usageError(QStringLiteral("--reason is required"), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto issued = (*b)->issueReplacement(a.positionals()[0], a.value("reason"), a.value("incident"));
    if (!issued)
        return cli.fail(issued.error());
    return printIssued(cli, *issued, a.flag("json"), QStringLiteral("Issued replacement key"));
}

// ---- contacts ---------------------------------------------------------------------------------------

namespace {

int contactAdd(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"},
        {"project", "service", "name", "email", "webhook", "phone", "note", "webhook-format", "pagerduty-routing-key"},
        {},
        0,
        0,
        "kwctl contact add --project P [--service S] --name NAME [--email E] [--webhook URL] "
        "[--phone NUMBER] [--note TEXT] [--webhook-format generic|slack|pagerduty] "
        "[--pagerduty-routing-key KEY] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    for (const char* required : {"project", "name"})
        if (a.value(QString::fromLatin1(required)).trimmed().isEmpty())
            return cli.usageError(QStringLiteral("--%1 is required").arg(QString::fromLatin1(required)), spec.usage);
    if (!a.has("email") && !a.has("webhook") && !a.has("phone"))
        return cli.usageError(QStringLiteral("give at least one of --email, --webhook, --phone"), spec.usage);
    kw::Contact c;
    c.project = a.value("project");
    c.service = a.value("service");
    c.name = a.value("name");
    c.email = a.value("email");
    c.webhookUrl = a.value("webhook");
    c.phone = a.value("phone");
    c.note = a.value("note");
    c.webhookFormat = a.value("webhook-format", QStringLiteral("generic"));
    c.pagerDutyRoutingKey = a.value("pagerduty-routing-key");
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto saved = (*b)->saveContact(c);
    if (!saved)
        return cli.fail(saved.error());
    if (a.flag("json"))
        printJson(cli.out(), saved->toJson());
    else
        cli.out() << "Added contact " << saved->id << " (" << saved->name << ") for " << saved->project
                  << (saved->service.isEmpty() ? QString() : u'/' + saved->service) << "\n";
    cli.out().flush();
    return Ok;
}

int contactList(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {"project"}, {}, 0, 0, "kwctl contact list [--project P] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto list = (*b)->contacts(a.value("project"));
    if (!list)
        return cli.fail(list.error());
    if (a.flag("json")) {
        QJsonArray arr;
        for (const auto& c : *list)
            arr.append(c.toJson());
        printJson(cli.out(), arr);
        return Ok;
    }
    auto orDash = [](const QString& s) { return s.isEmpty() ? QStringLiteral("-") : s; };
    QList<QStringList> rows;
    for (const auto& c : *list)
        rows << QStringList{QString::number(c.id), c.project,      orDash(c.service), c.name, orDash(c.email),
                            orDash(c.webhookUrl),  orDash(c.phone)};
    printTable(cli.out(), {"ID", "PROJECT", "SERVICE", "NAME", "EMAIL", "WEBHOOK", "PHONE"}, rows);
    return Ok;
}

int contactRemove(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {}, {}, 1, 1, "kwctl contact remove ID"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    bool ok = false;
    const qint64 id = a.positionals()[0].toLongLong(&ok);
    if (!ok || id <= 0)
        return cli.usageError(QStringLiteral("the contact id is a positive number (see kwctl contact list)"),
                              spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    if (auto s = (*b)->removeContact(id); !s)
        return cli.fail(s.error());
    cli.out() << "Removed contact " << id << "\n";
    cli.out().flush();
    return Ok;
}

} // namespace

int contactCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return contactAdd(cli, args.mid(1));
    if (sub == QLatin1String("list"))
        return contactList(cli, args.mid(1));
    if (sub == QLatin1String("remove"))
        return contactRemove(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown contact command \"%1\"").arg(sub),
                          QStringLiteral("kwctl contact add|list|remove"));
}

} // namespace kwctl
