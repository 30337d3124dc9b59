// Creates a vault with N keys for the gateway benchmark, in one process (kwctl would unlock the vault
// once per key). Writes the secrets of every key to keys.txt (one per line) and a verifier and an admin
// operator token to verifier.token / admin.token, all in the output folder, mode 0600.
//
//   seed_vault OUTDIR N [--rate-limit SPEC]
#include "policy/RateLimitSpec.h"
#include "storage/LocalVault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace {

bool writePrivate(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return f.write(content) == content.size();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: seed_vault OUTDIR N [--rate-limit SPEC]\n");
        return 2;
    }
    const QDir out(args[1]);
    bool ok = false;
    const int n = args[2].toInt(&ok);
    if (!ok || n <= 0) {
        std::fprintf(stderr, "seed_vault: N must be a positive number\n");
        return 2;
    }
    kw::KeyPolicy policy;
    if (const qsizetype i = args.indexOf(QStringLiteral("--rate-limit")); i > 0 && i + 1 < args.size()) {
        auto spec = kw::RateLimitSpec::parse(args[i + 1]);
        if (!spec) {
            std::fprintf(stderr, "seed_vault: %s\n", qPrintable(spec.errorMessage()));
            return 2;
        }
        policy.rateLimits = QList<kw::RateLimitSpec>{*spec};
    }
    QDir().mkpath(out.path());
    const QByteArray pass = "benchmark-passphrase";
    writePrivate(out.filePath(QStringLiteral("passphrase")), pass + '\n');
    kw::crypto::KdfParams kdf;
    kdf.memoryKiB = kw::crypto::KdfParams::kMinMemoryKiB;
    kdf.iterations = 1;
    auto vault = kw::Vault::create(out.filePath(QStringLiteral("vault.kwvault")),
                                   kw::SecureBytes(pass.constData(), std::size_t(pass.size())), {kdf});
    if (!vault) {
        std::fprintf(stderr, "seed_vault: %s\n", qPrintable(vault.errorMessage()));
        return 1;
    }
    kw::LocalVault backend(std::move(*vault), QStringLiteral("benchmark"));
    if (auto p = backend.createProject({QStringLiteral("bench"), QStringLiteral("perf"), QStringLiteral("kw")}); !p) {
        std::fprintf(stderr, "seed_vault: %s\n", qPrintable(p.errorMessage()));
        return 1;
    }
    QByteArray secrets;
    secrets.reserve(qsizetype(n) * 60);
    for (int i = 0; i < n; ++i) {
        kw::KeySpec spec;
        spec.project = QStringLiteral("bench");
        spec.environment = QStringLiteral("live");
        spec.name = QStringLiteral("key %1").arg(i);
        spec.services = {QStringLiteral("checkout")};
        spec.policy = policy;
        auto k = backend.createKey(spec);
        if (!k) {
            std::fprintf(stderr, "seed_vault: %s\n", qPrintable(k.errorMessage()));
            return 1;
        }
        secrets += k->secret.view() + '\n';
    }
    auto verifier = backend.createOperator(QStringLiteral("gateway"), kw::OperatorRole::Verifier);
    auto admin = backend.createOperator(QStringLiteral("bench-admin"), kw::OperatorRole::Admin);
    if (!verifier || !admin) {
        std::fprintf(stderr, "seed_vault: cannot create operators\n");
        return 1;
    }
    writePrivate(out.filePath(QStringLiteral("keys.txt")), secrets);
    writePrivate(out.filePath(QStringLiteral("verifier.token")), verifier->token.view() + '\n');
    writePrivate(out.filePath(QStringLiteral("admin.token")), admin->token.view() + '\n');
    kw::secureWipe(secrets);
    std::printf("seeded %d keys into %s\n", n, qPrintable(out.filePath(QStringLiteral("vault.kwvault"))));
    return 0;
}
