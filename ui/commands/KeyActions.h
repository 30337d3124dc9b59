#pragma once

#include "domain/KeyRecord.h"
#include "session/Session.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;

namespace kw::ui {

class KeyCommand;

// The console's key actions, one QAction per command, for menus, toolbars and context menus. Each action
// is enabled only when the selection fits it and the session's role allows it (Session::can); a disabled
// action's tool tip says why. Triggering one starts its command, which keeps the action disabled until it
// finishes. setSession(nullptr) (locked or closed) cancels running commands and disables everything.
class KeyActions : public QObject {
    Q_OBJECT
public:
    explicit KeyActions(QWidget* dialogParent, QObject* parent = nullptr);
    ~KeyActions() override;

    void setSession(Session* session);
    Session* session() const { return m_session; }
    void setSelection(QList<KeyRecord> selection);
    const QList<KeyRecord>& selection() const { return m_selection; }
    // Defaults for the create-key wizard: the project, environment and service of the tree's current node.
    void setCreateContext(const QString& project, const QString& environment, const QString& service);

    QList<QAction*> actions() const;
    QAction* newKeyAction() const { return m_newKey; }
    QAction* rotateAction() const { return m_rotate; }
    QAction* renewAction() const { return m_renew; }
    QAction* suspendAction() const { return m_suspend; }
    QAction* resumeAction() const { return m_resume; }
    QAction* revokeAction() const { return m_revoke; }
    QAction* editAction() const { return m_edit; }
    QAction* organisationAction() const { return m_organisation; }

    // The commands running now (their dialogs are open).
    QList<KeyCommand*> runningCommands() const;
    // Closes every running command's dialog (wiping any secret shown) and ends the commands.
    void cancelAll();

signals:
    void commandStarted(KeyCommand* command);
    void commandFinished(bool ok, const QString& message);
    void keyCreated(const KeyRecord& key);

private:
    QAction* makeAction(const QString& objectName, const QString& text, const QString& description,
                        const QKeySequence& shortcut, const QIcon& icon);
    void updateActions();
    void trigger(QAction* action);
    KeyCommand* createCommand(QAction* action);
    // Why the selection does not fit the action; empty when it does.
    QString selectionProblem(QAction* action) const;

    QPointer<QWidget> m_dialogParent;
    QPointer<Session> m_session;
    QList<KeyRecord> m_selection;
    QString m_project;
    QString m_environment;
    QString m_service;
    QHash<QAction*, QString> m_descriptions;
    QHash<QAction*, QPointer<KeyCommand>> m_running;

    QAction* m_newKey = nullptr;
    QAction* m_rotate = nullptr;
    QAction* m_renew = nullptr;
    QAction* m_suspend = nullptr;
    QAction* m_resume = nullptr;
    QAction* m_revoke = nullptr;
    QAction* m_edit = nullptr;
    QAction* m_organisation = nullptr;
};

} // namespace kw::ui
