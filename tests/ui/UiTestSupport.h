#pragma once

#include "commands/KeyActions.h"
#include "session/Session.h"

#include <QTemporaryDir>
#include <QWidget>

#include <memory>

namespace kwtest::ui {

// Opens (or creates, with the fast test KDF) a local vault through the console's own Session, waiting
// for it; nullptr on failure with the error in *error.
std::unique_ptr<kw::ui::Session> openLocalSession(const QString& path, bool create, QString* error = nullptr,
                                                  const char* passphrase = "correct horse battery staple");
// Connects to a key server as the operator holding `token`.
std::unique_ptr<kw::ui::Session> connectSession(const QUrl& url, const QByteArray& token, QString* error = nullptr);

// Runs work(backend) on the session's backend thread and waits for its result (test set-up only).
template <typename Work> auto runOn(kw::ui::Session& session, Work work)
{
    return session.host().runSync(std::move(work));
}

// The visible top-level widget of type T (a dialog the code under test opened), waiting up to timeoutMs.
template <typename T> T* waitForTopLevel(int timeoutMs = 5000);
QWidget* waitForTopLevelNamed(const QString& objectName, int timeoutMs = 5000);

// What a person does, end to end: New key → the wizard's pages with a name (the rest as defaulted) →
// Create → the secret page → "I have stored this secret" → Finish. Returns the secret shown (empty on
// failure, with the reason in *error).
QString createKeyThroughWizard(kw::ui::KeyActions& actions, const QString& name, QString* error);
// Revoke on the current selection: reason, typed confirmation of `confirmation`, Revoke, Close.
bool revokeThroughDialog(kw::ui::KeyActions& actions, const QString& confirmation, const QString& reason,
                         QString* error);
// Whether any line edit, label or text edit of the application shows `text`.
bool anyWidgetShows(const QString& text);

} // namespace kwtest::ui

#include <QApplication>
#include <QTest>

template <typename T> T* kwtest::ui::waitForTopLevel(int timeoutMs)
{
    T* found = nullptr;
    QTest::qWaitFor(
        [&] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (auto* t = qobject_cast<T*>(w); t && t->isVisible()) {
                    found = t;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}
