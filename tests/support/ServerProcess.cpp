#include "ServerProcess.h"

#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <sys/prctl.h>

namespace kwtest {

ServerProcess::ServerProcess(QString vaultPath, QStringList extraArgs)
    : m_vaultPath(std::move(vaultPath)), m_extraArgs(std::move(extraArgs))
{
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::program() const
{
    return builtProgram(QStringLiteral("app/keywardend/keywardend"));
}

QString ServerProcess::url() const
{
    const bool tls = m_extraArgs.contains(QStringLiteral("--tls-cert")) ||
                     !m_extraArgs.filter(QStringLiteral("--tls-cert=")).isEmpty();
    return QStringLiteral("%1://127.0.0.1:%2").arg(tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_port);
}

QString ServerProcess::log() const
{
    QString out;
    for (const char* name : {"server.out", "server.err"}) {
        QFile f(m_dir.filePath(QString::fromLatin1(name)));
        if (f.open(QIODevice::ReadOnly))
            out += QString::fromUtf8(f.readAll());
    }
    return out;
}

bool ServerProcess::start(int readyTimeoutMs)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    if (!QFileInfo::exists(program())) {
        m_error = QStringLiteral("%1 is not built").arg(program());
        return false;
    }
    const QString passFile = m_dir.filePath(QStringLiteral("passphrase"));
    const QString readyFile = m_dir.filePath(QStringLiteral("ready"));
    QFile::remove(readyFile);
    {
        QFile f(passFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(passphrase().view() + '\n') < 0) {
            m_error = QStringLiteral("cannot write %1").arg(passFile);
            return false;
        }
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    m_process.setProgram(program());
    m_process.setArguments(QStringList{QStringLiteral("--vault"), m_vaultPath, QStringLiteral("--passphrase-file"),
                                       passFile, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--ready-file"), readyFile} +
                           m_extraArgs);
    // JSON log lines go to files: an unread pipe would stall a chatty server.
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("server.out")));
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("server.err")));
    // A crashed or killed test must not leave a server behind.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(program(), m_process.errorString());
        return false;
    }
    QDeadlineTimer deadline(readyTimeoutMs);
    for (;;) {
        QFile f(readyFile);
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray content = f.readAll();
            if (content.endsWith('\n')) {
                bool ok = false;
                const uint port = content.trimmed().toUInt(&ok);
                if (ok && port > 0 && port < 65536) {
                    m_port = quint16(port);
                    return true;
                }
                m_error = QStringLiteral("the ready file holds \"%1\", not a port").arg(QString::fromUtf8(content));
                stop();
                return false;
            }
        }
        // Doubles as the poll interval and notices a server that exited early.
        if (m_process.waitForFinished(25)) {
            m_error = QStringLiteral("keywardend exited with code %1 before it was ready:\n%2")
                          .arg(m_process.exitCode())
                          .arg(log());
            return false;
        }
        if (deadline.hasExpired()) {
            m_error = QStringLiteral("keywardend was not ready within %1 ms:\n%2").arg(readyTimeoutMs).arg(log());
            stop();
            return false;
        }
    }
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

int ServerProcess::stop(int graceMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate(); // SIGTERM
    if (m_process.waitForFinished(graceMs))
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.kill();
    m_process.waitForFinished(5000);
    return -1;
}

} // namespace kwtest
