#pragma once

#include "domain/KeyRecord.h"
#include "session/Session.h"

#include <QDialog>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWidget>

namespace kw::ui {

// One user action on keys (Kleopatra's command pattern): constructed with the session, the selected keys
// and the widget its dialogs belong to; start() opens its dialog, the work runs on the backend thread, and
// the command reports progress and finished(ok, message) exactly once, then deletes itself.
// Dialogs are opened with open()/show(), never exec(): nothing here spins a nested event loop.
class KeyCommand : public QObject {
    Q_OBJECT
public:
    KeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);
    ~KeyCommand() override;

    void start();
    // Closes the command's dialog (wiping any secret it shows) and finishes with ok = false. Used when the
    // session locks or the console closes.
    void cancel();

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const QList<KeyRecord>& selection() const { return m_selection; }
    // The dialog the command shows, while it shows it (for tests and for raising it again).
    QDialog* dialog() const { return m_dialog; }

signals:
    void progress(int done, int total);
    void finished(bool ok, const QString& message);

protected:
    virtual void doStart() = 0;
    // Closes the dialog without asking (the default hides and deletes dialog()); dialogs that hold a secret
    // override this to wipe it first.
    virtual void doCancel();
    void finish(bool ok, const QString& message);
    // The command's dialog (deleted on close by the dialog itself; deleted with a running command).
    void setDialog(QDialog* dialog) { m_dialog = dialog; }

    // The session, or nullptr once it is gone (results of calls in flight are then dropped).
    Session* session() const { return m_session; }
    QWidget* dialogParent() const { return m_dialogParent; }

    // Runs work on the backend thread and done(result) here, unless the session or the command is gone.
    template <typename Work, typename Done> void call(Work work, Done done)
    {
        if (!m_session) {
            finish(false, sessionGoneMessage());
            return;
        }
        m_session->call(this, std::move(work), std::move(done));
    }
    static QString sessionGoneMessage();
    // "kw_live_ab12 (Billing API)" for messages.
    static QString describe(const KeyRecord& key);

private:
    QPointer<Session> m_session;
    QList<KeyRecord> m_selection;
    QPointer<QWidget> m_dialogParent;
    QPointer<QDialog> m_dialog;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace kw::ui
