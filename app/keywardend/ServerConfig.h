#pragma once

#include "notify/Delivery.h"
#include "util/Result.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace kwd {

// keywardend's settings, in one table with their defaults. Each comes from the command line, else the
// environment (KEYWARDEN_<NAME>), else the config file (INI, `name = value`), else the default.
struct ServerConfig {
    QString vault;
    QString passphraseFile;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8420;
    QString tlsCert;
    QString tlsKey;
    qint64 maxBodyBytes = 1 << 20;
    QString readyFile;                // written with the bound port once listening (for supervisors and tests)
    bool logRequests = true;          // management requests; verify requests are counted in /metrics, not logged
    qint64 alertIntervalSeconds = 60; // alert rule evaluation; 0: off (POST /v1/alerts/evaluate still works)
    QString siem;                     // udp://HOST:PORT, tcp://HOST:PORT (RFC 5424 syslog) or file:///PATH (JSON lines)
    // nginx access logs over syslog (UDP and TCP on this loopback address and port); port 0: off.
    QHostAddress syslogAddress = QHostAddress::LocalHost;
    quint16 syslogPort = 0;
    bool notify = true; // run the notification dispatcher
    int notifyIntervalMs = 5000;
    kw::DeliveryPolicy delivery; // backoff base, attempts, lease

    // Parses arguments (without the program name); a usage error names the offending option or key.
    static kw::Result<ServerConfig> parse(const QStringList& arguments);
    static QString usage();
};

} // namespace kwd
