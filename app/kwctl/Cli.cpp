#include "Cli.h"

#include "Terminal.h"

#include "remote/RemoteBackend.h"
#include "storage/LocalVault.h"

#include <QFile>
#include <QThread>

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace kwctl {

namespace {

QString localUserName()
{
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER", QStringLiteral("unknown"));
}

} // namespace

QString usageText()
{
    return QStringLiteral(
        "Usage: kwctl --vault PATH [--passphrase-file F] COMMAND [ARGS]\n"
        "       kwctl --server URL [--token-file F] [--ca-file F] COMMAND [ARGS]\n"
        "\n"
        "The passphrase comes from --passphrase-file, else KEYWARDEN_PASSPHRASE, else the terminal.\n"
        "With --server (http://HOST:PORT or https://HOST:PORT) kwctl works through a key server (keywardend)\n"
        "as the operator whose token comes from --token-file, else --token TOKEN (visible to other users in\n"
        "ps: avoid), else KEYWARDEN_TOKEN. --ca-file names PEM certificates to trust for https instead of the\n"
        "system's. vault commands and key reveal work on a local vault only.\n"
        "\n"
        "Commands:\n"
        "  vault init [--kdf-memory MIB] [--kdf-iterations N]   create a new vault\n"
        "  vault passwd                                         change the passphrase\n"
        "  vault info [--json]                                  show the vault's settings\n"
        "  vault demo PATH [--seed N] [--kdf-memory MIB] [--kdf-iterations N]\n"
        "                                                     a new vault with a demo organisation and usage\n"
        "  team create NAME | team list [--json]\n"
        "  project create NAME [--team TEAM] [--prefix PREFIX] | project list [--json]\n"
        "  env create PROJECT NAME [--prefix PREFIX] | env list PROJECT [--json]\n"
        "  key create --project P --env ENV --name NAME [--service S]... [--parent KEY_ID]\n"
        "             [--depends-on KEY_ID]... [--expires-in DURATION] [--owner O] [--tag T]...\n"
        "             [--backup] [--recoverable] [--policy TEMPLATE] [POLICY OPTIONS] [--json]\n"
        "  key list [--team T] [--project P] [--env ENV] [--service S] [--tag T] [--status STATUS]\n"
        "           [--expiring-within DURATION] [--expires-after TIME] [--owner O] [--created-from TIME]\n"
        "           [--created-to TIME] [--client-ip IP] [--children-of KEY_ID] [--search TEXT] [--limit N]\n"
        "           [--json]\n"
        "  key show KEY_ID [--json]\n"
        "  key edit KEY_ID [--name NAME] [--owner O] [--tag T ...|--clear-tags] [--service S]...\n"
        "           [--depends-on KEY_ID]... [--meta KEY=VALUE]... --reason TEXT [--json]\n"
        "                                                     KEY= removes a metadata entry\n"
        "  key suspend|resume KEY_ID --reason TEXT\n"
        "  key revoke KEY_ID... [--cascade] --reason TEXT [--incident ID] [--notify] [--dry-run] [--yes]\n"
        "             [--json]                                --notify queues messages to emergency contacts\n"
        "  key scan [FILE|-] [--json]                         find keys in text (a log, a diff): where, which key\n"
        "                                                     and its status, never the secret; exit 1 on live keys\n"
        "  key backups KEY_ID [--json]                        standby keys that can stand in for the key\n"
        "  key activate-backup KEY_ID --reason TEXT [--incident ID] [--json]\n"
        "  key replace REVOKED_KEY_ID --reason TEXT [--incident ID] [--json]\n"
        "                                                     a new key like the revoked one; prints its secret\n"
        "  key calendar [SCOPE] [--from DATE] [--to DATE | --days N] [--utc-offset +HH:MM] [--json]\n"
        "                                                     expiries, grace periods, rotations per day\n"
        "  key rotations [SCOPE] [--from DATE] [--to DATE | --days N] [--limit N] [--json]\n"
        "                                                     scheduled automatic rotations\n"
        "  key verify SECRET|- [--service S] [--ip IP] [--permission P]... [--cost N] [--env ENV] [--json]\n"
        "                                                     exit 0 when valid, 1 when not\n"
        "  key rotate KEY_ID [--overlap DURATION] [--json]    prints the successor's secret once\n"
        "  key renew KEY_ID --expires-in DURATION [--reason TEXT]\n"
        "  key history KEY_ID [--json]                        expiration history\n"
        "  key reveal KEY_ID                                  show a recoverable key's secret again\n"
        "  policy create NAME [--description TEXT] [--ttl DURATION] [POLICY OPTIONS]\n"
        "  policy list [--json]\n"
        "  policy apply TEMPLATE (--workspace | --project P | --env P/E | --key KEY_ID)\n"
        "  policy set (--workspace | --project P | --env P/E | --key KEY_ID) [--ttl DURATION] [POLICY OPTIONS]\n"
        "  policy show --key KEY_ID [--json]                  the key's effective (inherited) rules\n"
        "  role create NAME --permission P... | role list [--json]\n"
        "  renewal list [--all] | renewal approve ID [--reason TEXT] | renewal deny ID --reason TEXT\n"
        "  maintenance run [--json]                           record expiries, run automatic rotations\n"
        "  service create PROJECT NAME | service list PROJECT [--json]\n"
        "  service price PROJECT SERVICE PRICE_PER_UNIT       for cost allocation\n"
        "  usage summary [--key ID | --project P | --service P/S] [--since DURATION] [--json]\n"
        "  usage top --by key|service|project|team [--since DURATION] [--limit N] [--json]\n"
        "  usage settings [--retention DURATION|0] [--ip-privacy full|truncate|drop]\n"
        "  usage anomalies [--key ID | --project P | --service P/S] [--since DURATION] [--json]\n"
        "  contact add --project P [--service S] --name NAME [--email E] [--webhook URL] [--phone N]\n"
        "              [--note TEXT] [--json]                  an emergency contact (stored encrypted)\n"
        "              [--webhook-format generic|slack|pagerduty] [--pagerduty-routing-key KEY]\n"
        "  contact list [--project P] [--json] | contact remove ID\n"
        "  notification list [--incident ID] [--kind K] [--state queued|sent|failed] [--limit N] [--json]\n"
        "  notification show ID [--json]                      one notification with its delivery log\n"
        "  notification retry ID | notification deliver [--json]   due now | one delivery pass now\n"
        "  notification test --email ADDRESS | --webhook URL  send a test message now\n"
        "  notification settings smtp show | smtp set --host H [--port N] [--security starttls|opportunistic|tls|off]\n"
        "              [--user U] [--password-file F|--clear-password] --from ADDR [--from-name N] [--ca-file PEM]\n"
        "  notification settings webhook-secret show|rotate   the HMAC secret webhooks are signed with\n"
        "  incident resolve ID [--note TEXT] [--json]         tell the incident's receivers it is resolved\n"
        "  audit list [--after SEQ] [--before SEQ] [--limit N] [--offset N] [--newest] [--target ID]\n"
        "             [--action A|PREFIX.] [--actor A] [--incident ID] [--since WHEN] [--until WHEN]\n"
        "             [--search TEXT] [--count] [--json]\n"
        "  alert list [--state open|acknowledged|resolved|active] [--all] [--kind K] [--project P] [--json]\n"
        "  alert show|ack|resolve ID [--note TEXT]            inspect, acknowledge or resolve an alert\n"
        "  alert evaluate [--json]                            evaluate every alert rule now\n"
        "  alert rule list [--json]                           the alert rules\n"
        "  alert rule set [--id ID] [--kind K] [--threshold N[,N..]] [--window DURATION] [--project P] [--service S]\n"
        "       [--severity info|warning|critical] [--notify-contacts yes|no] [--notify-owner yes|no]\n"
        "       [--block DURATION|0] [--enable|--disable]     create (without --id) or change a rule\n"
        "  alert rule remove ID\n"
        "  audit verify [--json]                              exit 0 when the trail is intact\n"
        "  audit status [--json]                              head, last verification, checkpoint, retention\n"
        "  audit export --format jsonl|syslog [--since WHEN] [--until WHEN] [FILTERS] [--out FILE]\n"
        "  audit prune [--before WHEN] [--yes]                delete old entries behind a signed checkpoint\n"
        "  audit settings [--retention DURATION|0]            how long audit entries are kept\n"
        "  compliance rules [--json]                          the rule set with its settings\n"
        "  compliance run [--fail-under SCORE] [--json]       evaluate every rule over the inventory\n"
        "  compliance config [--rule ID [--enable|--disable] [--threshold DAYS] [--severity S] [--reset]]\n"
        "                    [--production-envs ENV,...] [--public-services S,...] [--json]\n"
        "  compliance history [--limit N] [--json]            the score over time\n"
        "  report create inventory|usage|expirations|revocations|compliance|audit --format csv|json|pdf\n"
        "                [--since WHEN] [--until WHEN] [--team T | --project P] --out FILE [--json]\n"
        "                                                     writes FILE and its signature FILE.sig\n"
        "  report verify FILE [--sig FILE.sig] [--public-key PEM_FILE] [--json]\n"
        "  report public-key [--out FILE]                     the vault's Ed25519 signing key (PEM)\n"
        "  operator create NAME --role admin|responder|auditor|verifier [--json]\n"
        "                                                     prints the operator's token once\n"
        "  operator list [--json] | operator revoke NAME      operators of a key server\n"
        "  whoami [--json]                                    the operator (or local user) kwctl acts as\n"
        "\n"
        "POLICY OPTIONS: [--max-uses N] [--refill N/day|N/month] [--rate-limit N/s|N/m|N/h[:burst]]...\n"
        "  [--quota N/day|N/month] [--permission P]... [--role R]... [--allow-ip CIDR]... [--deny-ip CIDR]...\n"
        "  [--hours HH:MM-HH:MM] [--days mon-fri] [--tz ZONE] [--grace DURATION] [--rotate-every DURATION]\n"
        "  [--rotation-overlap DURATION] [--renewal-approval | --no-renewal-approval]\n"
        "\n"
        "SCOPE: [--team T] [--project P] [--env ENV] [--service S] [--owner O] [--tag T]\n"
        "Durations: 90d, 12h, 30m, 45s, 2w, or combinations such as 1d12h.\n"
        "Times: 2026-03-01 or 2026-03-01T12:00 (UTC unless an offset such as +02:00 is given).\n"
        "WHEN: an ISO 8601 date or time (2026-03-01, 2026-03-01T12:00:00Z) or a duration ago (30d).\n"
        "Exit codes: 0 success, 1 failure, 2 usage error.\n");
}

Cli::Cli(QTextStream& out, QTextStream& err, const kw::Clock& clock) : m_out(out), m_err(err), m_clock(clock) {}

Cli::~Cli() = default;

int Cli::usageError(const QString& message, const QString& usage)
{
    m_err << "kwctl: " << message << "\n";
    if (!usage.isEmpty())
        m_err << "usage: " << usage << "\n";
    else
        m_err << "Run 'kwctl --help' for usage.\n";
    m_err.flush();
    return Usage;
}

int Cli::fail(const kw::Error& error)
{
    return fail(error.message);
}

int Cli::fail(const QString& message)
{
    m_err << "kwctl: " << message << "\n";
    m_err.flush();
    return Failed;
}

int Cli::run(const QStringList& arguments)
{
    QStringList words;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (!words.isEmpty()) {
            words << a;
            continue;
        }
        auto takeValue = [&](const QString& name, QString& into) -> bool {
            if (a.startsWith(name + u'=')) {
                into = a.mid(name.size() + 1);
                return true;
            }
            if (a == name) {
                if (i + 1 >= arguments.size())
                    return false;
                into = arguments[++i];
                return true;
            }
            return false;
        };
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            m_out << usageText();
            m_out.flush();
            return Ok;
        }
        if (a == QLatin1String("--version")) {
            m_out << "kwctl " << QStringLiteral(KW_VERSION) << "\n";
            m_out.flush();
            return Ok;
        }
        if (a.startsWith(QLatin1String("--vault"))) {
            if (!takeValue(QStringLiteral("--vault"), m_vaultPath))
                return usageError(QStringLiteral("--vault needs a path"));
            continue;
        }
        if (a.startsWith(QLatin1String("--passphrase-file"))) {
            if (!takeValue(QStringLiteral("--passphrase-file"), m_passphraseFile))
                return usageError(QStringLiteral("--passphrase-file needs a path"));
            continue;
        }
        if (a == QLatin1String("--server") || a.startsWith(QLatin1String("--server="))) {
            if (!takeValue(QStringLiteral("--server"), m_serverUrl) || m_serverUrl.isEmpty())
                return usageError(QStringLiteral("--server needs a URL such as https://127.0.0.1:8443"));
            continue;
        }
        if (a == QLatin1String("--token-file") || a.startsWith(QLatin1String("--token-file="))) {
            if (!takeValue(QStringLiteral("--token-file"), m_tokenFile))
                return usageError(QStringLiteral("--token-file needs a path"));
            continue;
        }
        if (a == QLatin1String("--token") || a.startsWith(QLatin1String("--token="))) {
            QString token;
            if (!takeValue(QStringLiteral("--token"), token) || token.isEmpty())
                return usageError(QStringLiteral("--token needs a token"));
            m_token = kw::SecureBytes::fromString(token);
            continue;
        }
        if (a == QLatin1String("--ca-file") || a.startsWith(QLatin1String("--ca-file="))) {
            if (!takeValue(QStringLiteral("--ca-file"), m_caFile))
                return usageError(QStringLiteral("--ca-file needs a path"));
            continue;
        }
        if (a.startsWith(QLatin1String("--")))
            return usageError(QStringLiteral("unknown global option %1").arg(a));
        words << a;
    }
    if (words.isEmpty())
        return usageError(QStringLiteral("no command given"));
    if (!m_serverUrl.isEmpty() && !m_vaultPath.isEmpty())
        return usageError(QStringLiteral("give either --vault (a local vault) or --server (a key server), not both"));
    if (m_serverUrl.isEmpty() && (!m_tokenFile.isEmpty() || !m_token.isEmpty() || !m_caFile.isEmpty()))
        return usageError(QStringLiteral("--token-file, --token and --ca-file need --server URL"));
    return dispatch(words);
}

int Cli::dispatch(const QStringList& words)
{
    const QString group = words.first();
    const QStringList rest = words.mid(1);
    if (isRemote()) {
        // These act on the vault file itself, which a key server keeps to itself.
        if (group == QLatin1String("vault"))
            return fail(
                QStringLiteral("\"vault %1\" works on a local vault file only, not through a key server (--server); "
                               "run it with --vault PATH on the server's machine while keywardend is stopped")
                    .arg(rest.value(0)));
        if (group == QLatin1String("key") && rest.value(0) == QLatin1String("reveal"))
            return fail(QStringLiteral("\"key reveal\" works on a local vault only: a key server never sends a stored "
                                       "secret over the network"));
    }
    if (group == QLatin1String("vault"))
        return vaultCommand(*this, rest);
    if (group == QLatin1String("team"))
        return teamCommand(*this, rest);
    if (group == QLatin1String("project"))
        return projectCommand(*this, rest);
    if (group == QLatin1String("env"))
        return envCommand(*this, rest);
    if (group == QLatin1String("key"))
        return keyCommand(*this, rest);
    if (group == QLatin1String("audit"))
        return auditCommand(*this, rest);
    if (group == QLatin1String("alert"))
        return alertCommand(*this, rest);
    if (group == QLatin1String("policy"))
        return policyCommand(*this, rest);
    if (group == QLatin1String("role"))
        return roleCommand(*this, rest);
    if (group == QLatin1String("renewal"))
        return renewalCommand(*this, rest);
    if (group == QLatin1String("maintenance"))
        return maintenanceCommand(*this, rest);
    if (group == QLatin1String("service"))
        return serviceCommand(*this, rest);
    if (group == QLatin1String("usage"))
        return usageCommand(*this, rest);
    if (group == QLatin1String("contact"))
        return contactCommand(*this, rest);
    if (group == QLatin1String("notification"))
        return notificationCommand(*this, rest);
    if (group == QLatin1String("incident"))
        return incidentCommand(*this, rest);
    if (group == QLatin1String("operator"))
        return operatorCommand(*this, rest);
    if (group == QLatin1String("whoami"))
        return whoamiCommand(*this, rest);
    if (group == QLatin1String("report"))
        return reportCommand(*this, rest);
    if (group == QLatin1String("compliance"))
        return complianceCommand(*this, rest);
    if (group == QLatin1String("help")) {
        m_out << usageText();
        m_out.flush();
        return Ok;
    }
    return usageError(QStringLiteral("unknown command \"%1\"").arg(group));
}

kw::Result<kw::SecureBytes> Cli::passphrase(const QString& prompt, bool confirm)
{
    if (!m_passphraseFile.isEmpty()) {
        QFile f(m_passphraseFile);
        if (!f.open(QIODevice::ReadOnly))
            return kw::Error::io(
                QStringLiteral("Cannot read the passphrase file %1: %2").arg(m_passphraseFile, f.errorString()));
        QByteArray content = f.readAll();
        // The first line is the passphrase; a trailing newline from `echo` is not part of it.
        const qsizetype nl = content.indexOf('\n');
        QByteArray line = nl >= 0 ? content.left(nl) : content;
        kw::secureWipe(content);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return kw::Error::invalid(QStringLiteral("The passphrase file %1 is empty").arg(m_passphraseFile));
        return kw::SecureBytes::adopt(line);
    }
    if (const char* env = std::getenv("KEYWARDEN_PASSPHRASE"); env && *env) {
        QByteArray v(env);
        return kw::SecureBytes::adopt(v);
    }
    if (!stdinIsTerminal())
        return kw::Error::invalid(QStringLiteral("No passphrase: use --passphrase-file F or set KEYWARDEN_PASSPHRASE "
                                                 "(there is no terminal to ask on)"));
    auto first = readHidden(prompt);
    if (!first || !confirm)
        return first;
    auto second = readHidden(QStringLiteral("Repeat the passphrase: "));
    if (!second)
        return second;
    if (!(*first == *second))
        return kw::Error::invalid(QStringLiteral("The passphrases do not match"));
    return first;
}

kw::Result<kw::Backend*> Cli::backend()
{
    if (m_backend)
        return m_backend.get();
    if (isRemote()) {
        auto token = operatorToken();
        if (!token)
            return token.error();
        kw::RemoteBackend::Options options;
        options.caFile = m_caFile;
        auto remote = kw::RemoteBackend::create(QUrl(m_serverUrl, QUrl::StrictMode), std::move(*token), options);
        if (!remote)
            return remote.error();
        m_backend = std::move(*remote);
        return m_backend.get();
    }
    if (m_vaultPath.isEmpty())
        return kw::Error::invalid(
            QStringLiteral("No vault given: use --vault PATH (or --server URL for a key server)"));
    const bool interactive = m_passphraseFile.isEmpty() && !std::getenv("KEYWARDEN_PASSPHRASE") && stdinIsTerminal();
    const int attempts = interactive ? 3 : 1;
    for (int attempt = 1;; ++attempt) {
        auto pass = passphrase(QStringLiteral("Passphrase for %1: ").arg(m_vaultPath));
        if (!pass)
            return pass.error();
        auto vault = kw::Vault::open(m_vaultPath, *pass);
        if (vault) {
            QString user = qEnvironmentVariable("KEYWARDEN_ACTOR");
            if (user.isEmpty())
                user = QStringLiteral("local:") + localUserName();
            m_backend = std::make_unique<kw::LocalVault>(std::move(*vault), user, m_clock);
            return m_backend.get();
        }
        if (vault.error().code != kw::Error::Code::Unauthorized)
            return vault.error();
        // A wrong passphrase makes guessing slow, growing with each attempt on a terminal.
        QThread::msleep(quint64(kw::Vault::unlockDelayMs(attempt)));
        if (attempt >= attempts)
            return vault.error();
        m_err << "kwctl: " << vault.errorMessage() << "\n";
        m_err.flush();
    }
}

kw::Result<kw::SecureBytes> Cli::operatorToken()
{
    if (!m_tokenFile.isEmpty()) {
        QFile f(m_tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return kw::Error::io(QStringLiteral("Cannot read the token file %1: %2").arg(m_tokenFile, f.errorString()));
        QByteArray content = f.read(64 * 1024);
        const qsizetype nl = content.indexOf('\n');
        QByteArray line = (nl >= 0 ? content.left(nl) : content).trimmed();
        kw::secureWipe(content);
        if (line.isEmpty())
            return kw::Error::invalid(QStringLiteral("The token file %1 is empty").arg(m_tokenFile));
        return kw::SecureBytes::adopt(line);
    }
    if (!m_token.isEmpty())
        return m_token.clone();
    if (const char* env = std::getenv("KEYWARDEN_TOKEN"); env && *env) {
        QByteArray v = QByteArray(env).trimmed();
        return kw::SecureBytes::adopt(v);
    }
    return kw::Error::invalid(
        QStringLiteral("No operator token for %1: use --token-file F or set KEYWARDEN_TOKEN").arg(m_serverUrl));
}

kw::LocalVault* Cli::localVault()
{
    return qobject_cast<kw::LocalVault*>(m_backend.get());
}

} // namespace kwctl
