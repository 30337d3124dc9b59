#include "JsonLog.h"
#include "KeyServer.h"

#include <QFile>
#include <QGuiApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalFds[0], &c, 1);
}

kw::Result<kw::SecureBytes> readPassphrase(const QString& file)
{
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return kw::Error::io(QStringLiteral("cannot read the passphrase file %1: %2").arg(file, f.errorString()));
        QByteArray line = f.readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return kw::Error::invalid(QStringLiteral("the passphrase file %1 is empty").arg(file));
        return kw::SecureBytes::adopt(line);
    }
    QByteArray env = qgetenv("KEYWARDEN_PASSPHRASE");
    if (env.isEmpty())
        return kw::Error::invalid(QStringLiteral("no passphrase: use --passphrase-file F or KEYWARDEN_PASSPHRASE"));
    return kw::SecureBytes::adopt(env);
}

} // namespace

int main(int argc, char* argv[])
{
    // PDF reports need Qt's GUI library (fonts, painting) but never a display: the offscreen platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keywardend"));
    const QStringList args = app.arguments().mid(1);
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::fputs(kwd::ServerConfig::usage().toLocal8Bit().constData(), stdout);
        return 0;
    }
    auto config = kwd::ServerConfig::parse(args);
    if (!config) {
        std::fprintf(stderr, "keywardend: %s\n%s", qPrintable(config.errorMessage()),
                     qPrintable(kwd::ServerConfig::usage()));
        return 2;
    }
    auto passphrase = readPassphrase(config->passphraseFile);
    if (!passphrase) {
        kwd::logError(passphrase.errorMessage());
        return 1;
    }

    // SIGTERM/SIGINT end the event loop through a socket pair: the handler only writes a byte.
    ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds);
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&app] {
        char c;
        [[maybe_unused]] auto n = ::read(g_signalFds[1], &c, 1);
        kwd::logInfo(QStringLiteral("shutting down"));
        app.quit();
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    kwd::KeyServer server(*config);
    if (auto s = server.start(*passphrase); !s) {
        kwd::logError(s.errorMessage());
        return 1;
    }
    passphrase->wipe();
    const int rc = app.exec();
    server.shutdown();
    return rc;
}
