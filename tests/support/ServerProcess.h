#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace kwtest {

// A real keywardend on 127.0.0.1 and an ephemeral port, serving one vault file. The server creates no
// operators: create them on the vault (LocalVault::createOperator) before start(), since the running
// server holds the vault exclusively. The server dies with the test process (PR_SET_PDEATHSIG) and is
// stopped with SIGTERM (SIGKILL after a grace period) when this object goes.
class ServerProcess {
public:
    // extraArgs: e.g. {"--tls-cert", cert, "--tls-key", key}; with --tls-cert the URL is https.
    explicit ServerProcess(QString vaultPath, QStringList extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts the server with the test passphrase and waits (up to readyTimeoutMs) until its ready file
    // names the port. On failure errorString() says why, with the server's output.
    bool start(int readyTimeoutMs = 10'000);
    // SIGTERM, then SIGKILL after graceMs. Returns the exit code (-1 if it had to be killed or crashed).
    int stop(int graceMs = 5'000);
    // SIGKILL now, no grace: a crash (the server writes nothing more).
    void kill();

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    quint16 port() const { return m_port; }
    QString url() const; // "http://127.0.0.1:PORT" or https
    QString errorString() const { return m_error; }
    QString log() const; // what the server wrote to stdout and stderr so far
    QString program() const;

private:
    QString m_vaultPath;
    QStringList m_extraArgs;
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace kwtest
