#include "Cli.h"
#include "Output.h"
#include "Terminal.h"

#include "demo/DemoSeeder.h"
#include "storage/LocalVault.h"

#include <QFile>
#include <QFileInfo>

namespace kwctl {

namespace {

// --kdf-memory MIB and --kdf-iterations N into `options`; a usage error message, or empty.
QString kdfOptions(const Args& a, kw::Vault::CreateOptions& options)
{
    if (a.has("kdf-memory")) {
        bool ok = false;
        const uint mib = a.value("kdf-memory").toUInt(&ok);
        if (!ok || mib == 0)
            return QStringLiteral("--kdf-memory must be a whole number of MiB");
        options.kdf.memoryKiB = mib * 1024;
    }
    if (a.has("kdf-iterations")) {
        bool ok = false;
        options.kdf.iterations = a.value("kdf-iterations").toUInt(&ok);
        if (!ok || options.kdf.iterations == 0)
            return QStringLiteral("--kdf-iterations must be a positive whole number");
    }
    return {};
}

int init(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{}, {"kdf-memory", "kdf-iterations"},
                          {}, 0,
                          0,  "kwctl --vault PATH vault init [--kdf-memory MIB] [--kdf-iterations N]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    if (cli.vaultPath().isEmpty())
        return cli.usageError(QStringLiteral("no vault path: use --vault PATH"), spec.usage);
    kw::Vault::CreateOptions options;
    if (const QString bad = kdfOptions(a, options); !bad.isEmpty())
        return cli.usageError(bad, spec.usage);
    if (QFileInfo::exists(cli.vaultPath()))
        return cli.fail(QStringLiteral("%1 already exists; choose another path").arg(cli.vaultPath()));
    auto pass = cli.passphrase(QStringLiteral("New passphrase for %1: ").arg(cli.vaultPath()), true);
    if (!pass)
        return cli.fail(pass.error());
    auto vault = kw::Vault::create(cli.vaultPath(), *pass, options);
    if (!vault)
        return cli.fail(vault.error());
    cli.out() << "Created vault " << (*vault)->path() << "\n";
    if (options.kdf.belowRecommended())
        cli.err() << "kwctl: warning: the key-derivation settings are below the recommended 64 MiB / 3 iterations\n";
    cli.out().flush();
    cli.err().flush();
    return Ok;
}

int passwd(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {}, {"new-passphrase-file"}, {}, 0, 0, "kwctl --vault PATH vault passwd [--new-passphrase-file F]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto current = cli.passphrase(QStringLiteral("Current passphrase for %1: ").arg(cli.vaultPath()));
    if (!current)
        return cli.fail(current.error());
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    kw::Result<kw::SecureBytes> next = kw::Error::invalid(QStringLiteral("No new passphrase"));
    if (a.has("new-passphrase-file")) {
        QFile f(a.value("new-passphrase-file"));
        if (!f.open(QIODevice::ReadOnly))
            return cli.fail(QStringLiteral("Cannot read %1: %2").arg(f.fileName(), f.errorString()));
        QByteArray line = f.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        next = kw::SecureBytes::adopt(line);
    } else if (stdinIsTerminal()) {
        auto first = readHidden(QStringLiteral("New passphrase: "));
        auto second = first ? readHidden(QStringLiteral("Repeat the new passphrase: ")) : first.error();
        if (!first || !second)
            return cli.fail(first ? second.error() : first.error());
        if (!(*first == *second))
            return cli.fail(QStringLiteral("The passphrases do not match"));
        next = std::move(*first);
    } else {
        return cli.usageError(QStringLiteral("no terminal: give the new passphrase with --new-passphrase-file"),
                              spec.usage);
    }
    if (!next)
        return cli.fail(next.error());
    if (auto s = cli.localVault()->vault().changePassphrase(*current, *next); !s)
        return cli.fail(s.error());
    cli.out() << "Passphrase changed; the vault's data key was re-wrapped.\n";
    cli.out().flush();
    return Ok;
}

int info(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{{"json"}, {}, {}, 0, 0, "kwctl --vault PATH vault info [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    auto b = cli.backend();
    if (!b)
        return cli.fail(b.error());
    kw::Vault& v = cli.localVault()->vault();
    const auto kdf = v.kdfParams();
    QJsonObject o{{"path", v.path()},
                  {"vaultId", v.vaultId()},
                  {"kdf", QJsonObject{{"algorithm", "argon2id"},
                                      {"memoryKiB", qint64(kdf.memoryKiB)},
                                      {"iterations", qint64(kdf.iterations)},
                                      {"parallelism", qint64(kdf.parallelism)},
                                      {"belowRecommended", kdf.belowRecommended()}}}};
    if (a.flag("json")) {
        printJson(cli.out(), o);
        return Ok;
    }
    cli.out() << "Vault:       " << v.path() << "\n"
              << "Vault id:    " << v.vaultId() << "\n"
              << "KDF:         Argon2id, " << kdf.memoryKiB / 1024 << " MiB, " << kdf.iterations << " iterations, "
              << kdf.parallelism << " lane(s)" << (kdf.belowRecommended() ? "  (below recommended)" : "") << "\n";
    cli.out().flush();
    return Ok;
}

// A new vault filled with a demonstration organisation and 90 days of usage (kw::seedDemoVault).
int demo(Cli& cli, const QStringList& argv)
{
    Args a;
    const Args::Spec spec{
        {"json"}, {"seed", "kdf-memory", "kdf-iterations"},
        {},       1,
        1,        "kwctl vault demo PATH [--seed N] [--kdf-memory MIB] [--kdf-iterations N] [--json]"};
    if (!a.parse(argv, spec))
        return cli.usageError(a.error(), spec.usage);
    const QString path = a.positionals()[0];
    kw::Vault::CreateOptions options;
    if (const QString bad = kdfOptions(a, options); !bad.isEmpty())
        return cli.usageError(bad, spec.usage);
    quint32 seed = 1;
    if (a.has("seed")) {
        bool ok = false;
        seed = a.value("seed").toUInt(&ok);
        if (!ok)
            return cli.usageError(QStringLiteral("--seed must be a whole number from 0 to 4294967295"), spec.usage);
    }
    if (QFileInfo::exists(path))
        return cli.fail(QStringLiteral("%1 already exists; demo data goes into a new vault only").arg(path));
    auto pass = cli.passphrase(QStringLiteral("New passphrase for %1: ").arg(path), true);
    if (!pass)
        return cli.fail(pass.error());
    auto demo = kw::createDemoVault(path, *pass, options, cli.clock().nowMs(), seed);
    if (!demo)
        return cli.fail(demo.error());
    const qint64 keys = demo->keys;
    const qint64 requests = demo->requests;
    if (a.flag("json")) {
        printJson(cli.out(),
                  QJsonObject{{"path", path}, {"seed", qint64(seed)}, {"keys", keys}, {"requests", requests}});
        return Ok;
    }
    cli.out() << "Created demo vault " << path << " (seed " << seed << "): " << keys << " keys, " << requests
              << " verified requests over the last " << kw::demo::kUsageDays << " days\n";
    if (options.kdf.belowRecommended())
        cli.err() << "kwctl: warning: the key-derivation settings are below the recommended 64 MiB / 3 iterations\n";
    cli.out().flush();
    cli.err().flush();
    return Ok;
}

} // namespace

int vaultCommand(Cli& cli, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("init"))
        return init(cli, args.mid(1));
    if (sub == QLatin1String("passwd"))
        return passwd(cli, args.mid(1));
    if (sub == QLatin1String("info"))
        return info(cli, args.mid(1));
    if (sub == QLatin1String("demo"))
        return demo(cli, args.mid(1));
    return cli.usageError(QStringLiteral("unknown vault command \"%1\"").arg(sub),
                          QStringLiteral("kwctl vault init|passwd|info|demo"));
}

} // namespace kwctl
