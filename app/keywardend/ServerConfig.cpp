#include "ServerConfig.h"

#include "SiemForwarder.h"

#include <QFileInfo>
#include <QHash>
#include <QSettings>

namespace kwd {

namespace {

// name (as in the config file) -> command-line option / environment variable are derived from it.
const QStringList kNames{"vault",
                         "passphrase_file",
                         "listen",
                         "tls_cert",
                         "tls_key",
                         "max_body_bytes",
                         "ready_file",
                         "log_requests",
                         "siem",
                         "syslog_listen",
                         "alert_interval",
                         "notify",
                         "notify_interval_ms",
                         "notify_backoff_ms",
                         "notify_max_attempts",
                         "notify_lease_ms"};

QString optionOf(const QString& name)
{
    return QStringLiteral("--") + QString(name).replace(u'_', u'-');
}

QString envOf(const QString& name)
{
    return QStringLiteral("KEYWARDEN_") + name.toUpper();
}

// HOST:PORT ([v6]:PORT, localhost:PORT) into address and port; a message naming the part that is wrong.
QString parseHostPort(const QString& value, QHostAddress& address, quint16& port)
{
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon <= 0)
        return QStringLiteral("the address must be HOST:PORT, e.g. 127.0.0.1:8420");
    QString host = value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = value.mid(colon + 1).toUInt(&ok);
    QHostAddress addr;
    if (host == QLatin1String("localhost"))
        addr = QHostAddress::LocalHost;
    else if (!addr.setAddress(host))
        return QStringLiteral("\"%1\" is not an IP address").arg(host);
    if (!ok || p > 65535)
        return QStringLiteral("\"%1\" is not a port number").arg(value.mid(colon + 1));
    address = addr;
    port = quint16(p);
    return {};
}

kw::Status apply(ServerConfig& c, const QString& name, const QString& value, const QString& source)
{
    auto bad = [&](const QString& why) { return kw::Error::invalid(QStringLiteral("%1: %2").arg(source, why)); };
    if (name == QLatin1String("vault")) {
        c.vault = value;
    } else if (name == QLatin1String("passphrase_file")) {
        c.passphraseFile = value;
    } else if (name == QLatin1String("listen")) {
        if (const QString why = parseHostPort(value, c.listenAddress, c.listenPort); !why.isEmpty())
            return bad(why);
    } else if (name == QLatin1String("syslog_listen")) {
        if (value.isEmpty() || value == QLatin1String("off")) {
            c.syslogPort = 0;
            return {};
        }
        QHostAddress address;
        quint16 port = 0;
        if (const QString why = parseHostPort(value, address, port); !why.isEmpty())
            return bad(why);
        if (!address.isLoopback())
            return bad(QStringLiteral("syslog carries no authentication: listen on a loopback address "
                                      "(127.0.0.1 or ::1), not %1")
                           .arg(address.toString()));
        if (port == 0)
            return bad(QStringLiteral("the syslog port must not be 0"));
        c.syslogAddress = address;
        c.syslogPort = port;
    } else if (name == QLatin1String("tls_cert")) {
        c.tlsCert = value;
    } else if (name == QLatin1String("tls_key")) {
        c.tlsKey = value;
    } else if (name == QLatin1String("max_body_bytes")) {
        bool ok = false;
        c.maxBodyBytes = value.toLongLong(&ok);
        if (!ok || c.maxBodyBytes < 1024 || c.maxBodyBytes > (64 << 20))
            return bad(QStringLiteral("max_body_bytes must be between 1024 and 67108864"));
    } else if (name == QLatin1String("ready_file")) {
        c.readyFile = value;
    } else if (name == QLatin1String("log_requests")) {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return bad(QStringLiteral("log_requests must be true or false"));
        c.logRequests = value == QLatin1String("true");
    } else if (name == QLatin1String("siem")) {
        if (!value.isEmpty())
            if (auto t = SiemTarget::parse(value); !t)
                return bad(t.errorMessage());
        c.siem = value;
    } else if (name == QLatin1String("alert_interval")) {
        bool ok = false;
        c.alertIntervalSeconds = value.toLongLong(&ok);
        if (!ok || c.alertIntervalSeconds < 0 || c.alertIntervalSeconds > 86'400)
            return bad(QStringLiteral("alert_interval must be a number of seconds between 0 (off) and 86400"));
    } else if (name == QLatin1String("notify")) {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return bad(QStringLiteral("notify must be true or false"));
        c.notify = value == QLatin1String("true");
    } else if (name.startsWith(QLatin1String("notify_"))) {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (name == QLatin1String("notify_max_attempts")) {
            if (!ok || n < 1 || n > 100)
                return bad(QStringLiteral("notify_max_attempts must be between 1 and 100"));
            c.delivery.maxAttempts = int(n);
        } else {
            if (!ok || n < 10 || n > 86'400'000)
                return bad(QStringLiteral("%1 must be between 10 and 86400000 (milliseconds)").arg(name));
            if (name == QLatin1String("notify_interval_ms"))
                c.notifyIntervalMs = int(n);
            else if (name == QLatin1String("notify_backoff_ms"))
                c.delivery.baseBackoffMs = n;
            else
                c.delivery.leaseMs = n;
        }
    }
    return {};
}

} // namespace

QString ServerConfig::usage()
{
    return QStringLiteral(
        "Usage: keywardend --vault PATH [--passphrase-file F] [--listen HOST:PORT] [--tls-cert F --tls-key F]\n"
        "                  [--config FILE] [--max-body-bytes N] [--ready-file F] [--log-requests true|false]\n"
        "                  [--siem udp://HOST:PORT|tcp://HOST:PORT|file:///PATH] [--syslog-listen 127.0.0.1:PORT]\n"
        "                  [--alert-interval SECONDS]\n"
        "                  [--notify true|false] [--notify-interval-ms N] [--notify-backoff-ms N]\n"
        "                  [--notify-max-attempts N] [--notify-lease-ms N]\n"
        "\n"
        "Every option can also be set in the environment (KEYWARDEN_VAULT, KEYWARDEN_LISTEN, ...) or in the\n"
        "config file as `name = value` (vault, passphrase_file, listen, tls_cert, tls_key, max_body_bytes,\n"
        "ready_file, log_requests, siem, syslog_listen, alert_interval, notify, notify_interval_ms, ...); the\n"
        "command line wins over the environment, which wins over the file.\n"
        "--siem streams every audit entry and security event to a SIEM: RFC 5424 syslog over UDP or TCP, or\n"
        "JSON lines appended to a file.\n"
        "--syslog-listen receives nginx access logs over syslog (UDP and TCP, loopback only; see\n"
        "installer/nginx/keywarden-logging.conf) and counts status, latency and bytes per key.\n"
        "--alert-interval evaluates the alert rules every SECONDS (default 60; 0 turns periodic evaluation off).\n"
        "--notify (default true) runs the notification dispatcher: every notify_interval_ms (5000) it sends the\n"
        "due outbox; a failed attempt n is retried after notify_backoff_ms (30000) * 2^(n-1), capped at an hour,\n"
        "with jitter, up to notify_max_attempts (8); a claimed message is reclaimed after notify_lease_ms (120000).\n"
        "The passphrase comes from --passphrase-file or KEYWARDEN_PASSPHRASE. Default listen: 127.0.0.1:8420.\n");
}

kw::Result<ServerConfig> ServerConfig::parse(const QStringList& arguments)
{
    QHash<QString, QString> cli;
    QString configFile;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        QString a = arguments[i];
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = a.indexOf(u'='); a.startsWith(QLatin1String("--")) && eq > 0) {
            value = a.mid(eq + 1);
            a = a.left(eq);
            hasValue = true;
        }
        QString name;
        if (a == QLatin1String("--config")) {
            name = QStringLiteral("config");
        } else {
            for (const QString& n : kNames)
                if (a == optionOf(n))
                    name = n;
        }
        if (name.isEmpty())
            return kw::Error::invalid(QStringLiteral("unknown option %1").arg(a));
        if (!hasValue) {
            if (i + 1 >= arguments.size())
                return kw::Error::invalid(QStringLiteral("%1 needs a value").arg(a));
            value = arguments[++i];
        }
        if (name == QLatin1String("config"))
            configFile = value;
        else
            cli.insert(name, value);
    }

    ServerConfig c;
    if (configFile.isEmpty())
        configFile = qEnvironmentVariable("KEYWARDEN_CONFIG");
    if (!configFile.isEmpty()) {
        if (!QFileInfo(configFile).isReadable())
            return kw::Error::invalid(QStringLiteral("cannot read the config file %1").arg(configFile));
        QSettings file(configFile, QSettings::IniFormat);
        if (file.status() != QSettings::NoError)
            return kw::Error::invalid(QStringLiteral("the config file %1 is malformed").arg(configFile));
        for (const QString& key : file.allKeys()) {
            if (!kNames.contains(key))
                return kw::Error::invalid(
                    QStringLiteral("%1: unknown setting \"%2\" (known: %3)").arg(configFile, key, kNames.join(u',')));
            if (auto s = apply(c, key, file.value(key).toString(), configFile + u':' + key); !s)
                return s.error();
        }
    }
    for (const QString& n : kNames) {
        if (qEnvironmentVariableIsSet(envOf(n).toLatin1().constData()))
            if (auto s = apply(c, n, qEnvironmentVariable(envOf(n).toLatin1().constData()), envOf(n)); !s)
                return s.error();
    }
    for (auto it = cli.cbegin(); it != cli.cend(); ++it)
        if (auto s = apply(c, it.key(), it.value(), optionOf(it.key())); !s)
            return s.error();

    if (c.vault.isEmpty())
        return kw::Error::invalid(QStringLiteral("no vault: use --vault PATH (or KEYWARDEN_VAULT, or vault = in the "
                                                 "config file)"));
    if (c.tlsCert.isEmpty() != c.tlsKey.isEmpty())
        return kw::Error::invalid(QStringLiteral("TLS needs both --tls-cert and --tls-key"));
    return c;
}

} // namespace kwd
