#include "Cli.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    // PDF reports need Qt's GUI library (fonts, painting) but no display: only that command path starts a
    // QGuiApplication, on the offscreen platform unless told otherwise.
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    std::unique_ptr<QCoreApplication> app;
    if (kwctl::needsGui(arguments)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("kwctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KW_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    kwctl::Cli cli(out, err);
    return cli.run(QCoreApplication::arguments().mid(1));
}
