#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace kwtest {

// One run of the real kwctl binary of this build tree, as a user or a script runs it.
struct KwctlRun {
    int code = -1; // -1: did not start, timed out or crashed
    QByteArray out;
    QByteArray err;
    QJsonObject object() const;
    QJsonArray array() const;
    QString describe() const; // exit code, stdout and stderr, for failure messages
};

struct KwctlCall {
    QStringList args;            // everything after the program name
    QString workingDirectory;    // "" : the test's
    QByteArray stdinData;        // written to stdin, which is then closed
    QHash<QString, QString> env; // set in kwctl's environment
    // Removed from kwctl's environment first, so the developer's shell does not leak into the test.
    QStringList unset{QStringLiteral("KEYWARDEN_PASSPHRASE"), QStringLiteral("KEYWARDEN_ACTOR")};
    int timeoutMs = 60'000;
};

// Runs kwctl and waits for it. Fails the current test (QTest::qFail, without returning) when kwctl does not start,
// times out, crashes or exits with an undocumented code (not 0, 1 or 2); the run's code is then -1 or that code.
KwctlRun runKwctl(const KwctlCall& call);

} // namespace kwtest

// Runs `expr` (a KwctlRun) once and checks its exit code, showing the whole output when it differs.
#define CHECK_EXIT(expr, expected)                                                                                     \
    do {                                                                                                               \
        const kwtest::KwctlRun checked_ = (expr);                                                                      \
        QVERIFY2(checked_.code == (expected), qPrintable(checked_.describe()));                                        \
    } while (false)
