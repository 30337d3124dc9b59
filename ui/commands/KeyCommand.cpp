#include "commands/KeyCommand.h"

namespace kw::ui {

KeyCommand::KeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_session(&session), m_selection(std::move(selection)), m_dialogParent(dialogParent)
{
    // A locked or closed session ends the command: its dialog must not outlive the connection it talks to.
    connect(&session, &QObject::destroyed, this, [this] {
        if (m_started && !m_finished)
            cancel();
    });
}

KeyCommand::~KeyCommand()
{
    // Destroyed while running (the console is closing): the dialog goes too, so no secret stays on screen
    // (dialogs wipe what they show when they are destroyed).
    if (!m_finished)
        delete m_dialog.data();
}

void KeyCommand::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_session) {
        finish(false, sessionGoneMessage());
        return;
    }
    doStart();
}

void KeyCommand::cancel()
{
    if (m_finished)
        return;
    if (m_started)
        doCancel();
    finish(false, tr("Cancelled"));
}

void KeyCommand::doCancel()
{
    // Not close(): a dialog waiting for the backend refuses to close, and the answer will not come.
    if (m_dialog) {
        m_dialog->hide();
        m_dialog->deleteLater();
    }
}

void KeyCommand::finish(bool ok, const QString& message)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(ok, message);
    deleteLater();
}

QString KeyCommand::sessionGoneMessage()
{
    return tr("The vault or server connection was closed");
}

QString KeyCommand::describe(const KeyRecord& key)
{
    if (key.name.isEmpty())
        return key.displayId;
    return tr("%1 (%2)").arg(key.displayId, key.name);
}

} // namespace kw::ui
