#include "Cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kwctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KW_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    kwctl::Cli cli(out, err);
    return cli.run(app.arguments().mid(1));
}
