#include "Cli.h"
#include "Output.h"
#include "TimeOption.h"

#include "crypto/Ed25519.h"
#include "reports/Report.h"
#include "util/Json.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace kwctl {

namespace {

kw::Status writeFile(const QString& path, const QByteArray& content)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return kw::Error::io(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    f.write(content);
    if (!f.commit())
        return kw::Error::io(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

kw::Result<QByteArray> readFile(const QString& path, const QString& what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return kw::Error::io(QStringLiteral("Cannot read %1 %2: %3").arg(what, path, f.errorString()));
    return f.readAll();
}

int create(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"},
                          {"format", "since", "until", "team", "project", "out"},
                          {},
                          1,
                          1,
                          QStringLiteral("kwctl report create %1 --format csv|json|pdf [--since WHEN] [--until WHEN]\n"
                                         "       [--team T | --project P] --out FILE [--json]")
                              .arg(kw::reportTypeNames().join(u'|'))};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    kw::ReportRequest request;
    const QString type = a.positionals().first();
    auto t = kw::reportTypeFromString(type);
    if (!t)
        return cli.usageError(QStringLiteral("unknown report type \"%1\" (%2)")
                                  .arg(type, kw::reportTypeNames().join(QStringLiteral(", "))),
                              spec.usage);
    request.type = *t;
    auto f = kw::reportFormatFromString(a.value("format"));
    if (!f)
        return cli.usageError(QStringLiteral("--format must be csv, json or pdf"), spec.usage);
    request.format = *f;
    if (!a.has("out"))
        return cli.usageError(QStringLiteral("--out FILE is required (the signature goes to FILE.sig)"), spec.usage);
    const qint64 now = cli.clock().nowMs();
    for (const auto& [option, into] :
         {std::pair<const char*, qint64*>{"since", &request.fromMs}, {"until", &request.toMs}}) {
        if (!a.has(option))
            continue;
        auto when = parseWhen(a.value(option), now, QStringLiteral("--") + QLatin1String(option));
        if (!when)
            return cli.usageError(when.errorMessage(), spec.usage);
        *into = *when;
    }
    request.team = a.value("team");
    request.project = a.value("project");
    if (auto s = request.validate(); !s)
        return cli.usageError(s.errorMessage(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto report = (*b)->createReport(request);
    if (!report)
        return cli.fail(report.error());
    const QString out = a.value("out");
    const QString sigPath = out + QStringLiteral(".sig");
    kw::DetachedSignature sig = report->signature;
    sig.fileName = QFileInfo(out).fileName();
    if (auto s = writeFile(out, report->content); !s)
        return cli.fail(s.error());
    // The signature file names the file as written here; the name is not part of what is signed.
    if (auto s = writeFile(sigPath, sig.toFileContent()); !s)
        return cli.fail(s.error());
    if (a.flag("json")) {
        printJson(cli.out(), QJsonObject{{"file", out},
                                         {"signatureFile", sigPath},
                                         {"rows", report->rows},
                                         {"bytes", qint64(report->content.size())},
                                         {"sha256", QString::fromLatin1(sig.sha256.toHex())},
                                         {"keyId", sig.keyId}});
    } else {
        cli.out() << "Wrote " << out << " (" << report->rows << " rows, " << report->content.size() << " bytes)\n"
                  << "Signature " << sigPath << " (Ed25519, key " << sig.keyId << ")\n";
    }
    cli.out().flush();
    return Ok;
}

int verifyFile(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"},
                          {"sig", "public-key"},
                          {},
                          1,
                          1,
                          "kwctl report verify FILE [--sig FILE.sig] [--public-key PEM_FILE] [--json]\n"
                          "       without --public-key the vault's (or server's) signing key is asked for"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const QString file = a.positionals().first();
    const QString sigPath = a.value("sig", file + QStringLiteral(".sig"));
    auto content = readFile(file, QStringLiteral("the file"));
    if (!content)
        return cli.fail(content.error());
    auto sigText = readFile(sigPath, QStringLiteral("the signature"));
    if (!sigText)
        return cli.fail(sigText.error());
    auto sig = kw::DetachedSignature::fromFileContent(*sigText);
    if (!sig)
        return cli.fail(QStringLiteral("%1: %2").arg(sigPath, sig.errorMessage()));

    // Whose signature counts: a key given by file works offline; otherwise the vault's or server's own key.
    QByteArray trusted;
    QString trustedFrom;
    if (a.has("public-key")) {
        auto pem = readFile(a.value("public-key"), QStringLiteral("the public key"));
        if (!pem)
            return cli.fail(pem.error());
        auto raw = kw::crypto::ed25519::publicKeyFromPem(*pem);
        if (!raw)
            return cli.fail(QStringLiteral("%1: %2").arg(a.value("public-key"), raw.errorMessage()));
        trusted = *raw;
        trustedFrom = a.value("public-key");
    } else {
        if (cli.vaultPath().isEmpty() && !cli.isRemote())
            return cli.usageError(QStringLiteral("give --public-key PEM_FILE, or --vault/--server to check against "
                                                 "that vault's signing key"),
                                  spec.usage);
        auto b = cli.backend();
        if (!b)
            return cli.fail(b.error());
        auto pem = (*b)->reportPublicKey();
        if (!pem)
            return cli.fail(pem.error());
        auto raw = kw::crypto::ed25519::publicKeyFromPem(pem->toLatin1());
        if (!raw)
            return cli.fail(raw.error());
        trusted = *raw;
        trustedFrom = (*b)->location();
    }
    const kw::Status ok = sig->verify(*content, trusted);
    if (a.flag("json")) {
        printJson(cli.out(), QJsonObject{{"valid", ok.ok()},
                                         {"file", file},
                                         {"keyId", sig->keyId},
                                         {"signedAt", kw::json::time(sig->signedAt)},
                                         {"subject", sig->subject},
                                         {"problem", ok.errorMessage()}});
        return ok ? Ok : Failed;
    }
    if (!ok)
        return cli.fail(QStringLiteral("%1: signature NOT valid: %2").arg(file, ok.errorMessage()));
    cli.out() << file << ": signature valid\n"
              << "  signed " << formatTime(sig->signedAt) << " by key " << sig->keyId << " (" << trustedFrom << ")\n"
              << "  " << sig->subject << "\n";
    cli.out().flush();
    return Ok;
}

int publicKey(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {"out"}, {}, 0, 0, "kwctl report public-key [--out FILE]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    auto pem = (*b)->reportPublicKey();
    if (!pem)
        return cli.fail(pem.error());
    if (a.has("out")) {
        if (auto s = writeFile(a.value("out"), pem->toLatin1()); !s)
            return cli.fail(s.error());
        cli.err() << "Wrote " << a.value("out") << "\n";
        cli.err().flush();
        return Ok;
    }
    cli.out() << *pem;
    cli.out().flush();
    return Ok;
}

} // namespace

bool needsGui(const QStringList& arguments)
{
    const qsizetype i = arguments.indexOf(QStringLiteral("report"));
    if (i < 0 || arguments.value(i + 1) != QLatin1String("create"))
        return false;
    return arguments.contains(QStringLiteral("pdf")) || arguments.contains(QStringLiteral("--format=pdf"));
}

int reportCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("create"))
        return create(cli, args.mid(1));
    if (sub == QLatin1String("verify"))
        return verifyFile(cli, args.mid(1));
    if (sub == QLatin1String("public-key"))
        return publicKey(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown report command \"%1\"").arg(sub),
                          QStringLiteral("kwctl report create|verify|public-key"));
}

} // namespace kwctl
