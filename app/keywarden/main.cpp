// keywarden: the desktop console. Everything but the command line lives in the ui library.
//
//   keywarden [--vault PATH | --server URL | --demo]
#include "MainWindow.h"
#include "session/ConsoleSettings.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KeyWarden"));
    QApplication::setOrganizationDomain(QStringLiteral("keywarden.dev"));
    QApplication::setApplicationName(QStringLiteral("KeyWarden"));
    QApplication::setApplicationDisplayName(QStringLiteral("KeyWarden"));
    QApplication::setApplicationVersion(QStringLiteral(KW_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/keywarden.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("keywarden"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        translator.load(QStringLiteral(":/i18n/keywarden_en.qm")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "KeyWarden console: manage API keys in a local vault or on a key server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vault(QStringLiteral("vault"),
                                   QApplication::translate("main", "Open the vault file <path>."),
                                   QStringLiteral("path"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QApplication::translate("main", "Connect to the key server at <url>."),
                                    QStringLiteral("url"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the demo vault (created on first use)."));
    parser.addOptions({vault, server, demo});
    parser.process(app);
    const int chosen = int(parser.isSet(vault)) + int(parser.isSet(server)) + int(parser.isSet(demo));
    if (chosen > 1) {
        qCritical("keywarden: choose one of --vault, --server and --demo");
        return 2;
    }

    kw::ui::Theme::apply(kw::ui::ConsoleSettings::theme());
    kw::ui::MainWindow window;
    window.show();
    QTimer::singleShot(0, &window, [&] {
        if (parser.isSet(vault))
            window.openVault(parser.value(vault));
        else if (parser.isSet(server))
            window.connectServer(parser.value(server));
        else if (parser.isSet(demo))
            window.openDemo();
    });
    return QApplication::exec();
}
