#include "UiTestSupport.h"

#include <QApplication>
#include <QTest>

namespace kwtest::ui {

namespace {

std::unique_ptr<kw::ui::Session> waitFor(std::function<void(QObject*, kw::ui::Session::Opened)> start, QString* error)
{
    QObject context;
    bool done = false;
    kw::ui::Session* session = nullptr;
    start(&context, [&](kw::Result<kw::ui::Session*> result) {
        done = true;
        if (result)
            session = *result;
        else if (error)
            *error = result.errorMessage();
    });
    if (!QTest::qWaitFor([&] { return done; }, 30'000) && error)
        *error = QStringLiteral("timed out");
    return std::unique_ptr<kw::ui::Session>(session);
}

} // namespace

std::unique_ptr<kw::ui::Session> openLocalSession(const QString& path, bool create, QString* error,
                                                  const char* passphrase)
{
    return waitFor(
        [&](QObject* context, kw::ui::Session::Opened done) {
            kw::ui::Session::LocalSpec spec;
            spec.path = path;
            spec.create = create;
            spec.fastKdf = true;
            kw::ui::Session::openLocal(spec, kw::SecureBytes(passphrase, qstrlen(passphrase)), context,
                                       std::move(done));
        },
        error);
}

std::unique_ptr<kw::ui::Session> connectSession(const QUrl& url, const QByteArray& token, QString* error)
{
    return waitFor(
        [&](QObject* context, kw::ui::Session::Opened done) {
            kw::ui::Session::RemoteSpec spec;
            spec.url = url;
            kw::ui::Session::connectRemote(spec, kw::SecureBytes(token.constData(), std::size_t(token.size())),
                                           context, std::move(done));
        },
        error);
}

QWidget* waitForTopLevelNamed(const QString& objectName, int timeoutMs)
{
    QWidget* found = nullptr;
    QTest::qWaitFor(
        [&] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (w->objectName() == objectName && w->isVisible()) {
                    found = w;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

} // namespace kwtest::ui
