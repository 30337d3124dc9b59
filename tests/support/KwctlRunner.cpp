#include "KwctlRunner.h"

#include "TestSupport.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace kwtest {

QJsonObject KwctlRun::object() const
{
    return QJsonDocument::fromJson(out).object();
}

QJsonArray KwctlRun::array() const
{
    return QJsonDocument::fromJson(out).array();
}

QString KwctlRun::describe() const
{
    return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3")
        .arg(code)
        .arg(QString::fromUtf8(out), QString::fromUtf8(err));
}

KwctlRun runKwctl(const KwctlCall& call)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : call.unset)
        env.remove(name);
    for (auto it = call.env.cbegin(); it != call.env.cend(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    if (!call.workingDirectory.isEmpty())
        p.setWorkingDirectory(call.workingDirectory);
    const QString what = QStringLiteral("kwctl ") + call.args.join(u' ');
    KwctlRun r;
    p.start(builtProgram(QStringLiteral("app/kwctl/kwctl")), call.args);
    if (!p.waitForStarted(10'000)) {
        QTest::qFail(qPrintable(what + QStringLiteral(" did not start")), __FILE__, __LINE__);
        return r;
    }
    if (!call.stdinData.isEmpty())
        p.write(call.stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(call.timeoutMs)) {
        p.kill();
        p.waitForFinished();
        QTest::qFail(qPrintable(what + QStringLiteral(" timed out")), __FILE__, __LINE__);
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    // Whatever the input: a normal exit with one of the documented codes, never a signal.
    if (p.exitStatus() != QProcess::NormalExit)
        QTest::qFail(qPrintable(what + QStringLiteral(" crashed\n") + r.describe()), __FILE__, __LINE__);
    else if (r.code < 0 || r.code > 2)
        QTest::qFail(qPrintable(what + QStringLiteral(" exited with an undocumented code\n") + r.describe()), __FILE__,
                     __LINE__);
    return r;
}

} // namespace kwtest
