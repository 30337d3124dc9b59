#include "commands/KeyActions.h"

#include "commands/CreateKeyCommand.h"
#include "commands/EditKeyCommand.h"
#include "commands/ManageOrganisationCommand.h"
#include "commands/RenewKeyCommand.h"
#include "commands/RevokeKeysCommand.h"
#include "commands/RotateKeyCommand.h"
#include "commands/StatusChangeCommand.h"

#include <QAction>
#include <QApplication>
#include <QStyle>

#include <algorithm>

namespace kw::ui {

namespace {

QIcon themeIcon(const char* name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
}

} // namespace

KeyActions::KeyActions(QWidget* dialogParent, QObject* parent) : QObject(parent), m_dialogParent(dialogParent)
{
    m_newKey = makeAction(QStringLiteral("action.newKey"), tr("&New Key…"),
                          tr("Issue a new API key with its policy, permissions and restrictions"),
                          QKeySequence(Qt::CTRL | Qt::Key_N), themeIcon("document-new", QStyle::SP_FileIcon));
    m_rotate = makeAction(QStringLiteral("action.rotate"), tr("&Rotate…"),
                          tr("Issue a successor to the key; the old key stays valid for an overlap"),
                          QKeySequence(Qt::CTRL | Qt::Key_R), themeIcon("view-refresh", QStyle::SP_BrowserReload));
    m_renew = makeAction(QStringLiteral("action.renew"), tr("Re&new…"), tr("Extend the key's expiry"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                         themeIcon("appointment-new", QStyle::SP_FileDialogInfoView));
    m_suspend = makeAction(
        QStringLiteral("action.suspend"), tr("&Suspend…"), tr("Disable the keys until they are resumed"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), themeIcon("media-playback-pause", QStyle::SP_MediaPause));
    m_resume = makeAction(QStringLiteral("action.resume"), tr("Res&ume…"), tr("Enable suspended keys again"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                          themeIcon("media-playback-start", QStyle::SP_MediaPlay));
    m_revoke = makeAction(QStringLiteral("action.revoke"), tr("Re&voke…"),
                          tr("Revoke the keys for good, optionally with their children and dependents"),
                          QKeySequence(Qt::CTRL | Qt::Key_Delete), themeIcon("edit-delete", QStyle::SP_TrashIcon));
    m_edit = makeAction(QStringLiteral("action.edit"), tr("&Edit…"),
                        tr("Change the key's name, owner, tags, services, metadata and restrictions"),
                        QKeySequence(Qt::Key_F2), themeIcon("document-edit", QStyle::SP_FileDialogDetailedView));
    m_organisation =
        makeAction(QStringLiteral("action.organisation"), tr("&Organisation…"),
                   tr("Manage teams, projects, environments, services, roles and policy templates"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), themeIcon("preferences-system", QStyle::SP_DirIcon));
    updateActions();
}

KeyActions::~KeyActions()
{
    cancelAll();
}

QAction* KeyActions::makeAction(const QString& objectName, const QString& text, const QString& description,
                                const QKeySequence& shortcut, const QIcon& icon)
{
    auto* action = new QAction(icon, text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    m_descriptions.insert(action, description);
    connect(action, &QAction::triggered, this, [this, action] { trigger(action); });
    return action;
}

QList<QAction*> KeyActions::actions() const
{
    return {m_newKey, m_rotate, m_renew, m_suspend, m_resume, m_revoke, m_edit, m_organisation};
}

void KeyActions::setSession(Session* session)
{
    if (m_session == session)
        return;
    // Dialogs of the old session must not stay open (and keep secrets on screen) after a lock.
    cancelAll();
    m_session = session;
    if (session)
        connect(session, &QObject::destroyed, this, &KeyActions::updateActions, Qt::UniqueConnection);
    updateActions();
}

void KeyActions::setSelection(QList<KeyRecord> selection)
{
    m_selection = std::move(selection);
    updateActions();
}

void KeyActions::setCreateContext(const QString& project, const QString& environment, const QString& service)
{
    m_project = project;
    m_environment = environment;
    m_service = service;
}

QList<KeyCommand*> KeyActions::runningCommands() const
{
    QList<KeyCommand*> out;
    for (const auto& c : m_running)
        if (c)
            out << c;
    return out;
}

void KeyActions::cancelAll()
{
    for (KeyCommand* c : runningCommands())
        c->cancel();
}

QString KeyActions::selectionProblem(QAction* action) const
{
    const auto count = m_selection.size();
    const auto all = [&](auto pred) { return std::all_of(m_selection.begin(), m_selection.end(), pred); };
    const auto any = [&](auto pred) { return std::any_of(m_selection.begin(), m_selection.end(), pred); };
    const auto revoked = [](const KeyRecord& k) { return k.status == KeyStatus::Revoked; };

    if (action == m_newKey || action == m_organisation)
        return {};
    if (action == m_rotate || action == m_renew || action == m_edit) {
        if (count != 1)
            return tr("Select exactly one key.");
        const KeyRecord& k = m_selection.first();
        if (k.status == KeyStatus::Revoked)
            return tr("The key is revoked; revocation is final.");
        if (action == m_rotate) {
            if (k.status == KeyStatus::Suspended)
                return tr("The key is suspended; resume it before rotating.");
            if (!k.successorId.isEmpty())
                return tr("The key was already rotated.");
        }
        if (action == m_renew && !k.successorId.isEmpty())
            return tr("The key was rotated; renew its successor.");
        return {};
    }
    if (count == 0)
        return tr("Select one or more keys.");
    if (action == m_suspend) {
        if (!all([](const KeyRecord& k) { return k.status != KeyStatus::Revoked && k.status != KeyStatus::Suspended; }))
            return tr("Only keys that are neither revoked nor suspended can be suspended.");
        return {};
    }
    if (action == m_resume) {
        if (!all([](const KeyRecord& k) { return k.status == KeyStatus::Suspended; }))
            return tr("Only suspended keys can be resumed.");
        return {};
    }
    if (action == m_revoke) {
        if (!any([&](const KeyRecord& k) { return !revoked(k); }))
            return tr("The selected keys are already revoked.");
        return {};
    }
    return {};
}

void KeyActions::updateActions()
{
    for (QAction* action : actions()) {
        const Capability needs = (action == m_suspend || action == m_resume || action == m_revoke)
                                     ? Capability::Respond
                                     : Capability::Administer;
        const QString description = m_descriptions.value(action);
        QString why;
        bool enabled = false;
        if (!m_session) {
            why = tr("Open a vault or connect to a key server first.");
        } else if (!m_session->can(needs)) {
            why = m_session->deniedReason(needs);
        } else if (m_running.value(action)) {
            why = tr("Already in progress.");
        } else {
            why = selectionProblem(action);
            enabled = why.isEmpty();
        }
        action->setEnabled(enabled);
        const QString tip = enabled                                 ? description
                            : (m_session && !m_session->can(needs)) ? why
                                                                    : tr("%1\n%2").arg(description, why);
        action->setToolTip(tip);
        action->setStatusTip(enabled ? description : why);
    }
}

KeyCommand* KeyActions::createCommand(QAction* action)
{
    Session& s = *m_session;
    QWidget* parent = m_dialogParent;
    if (action == m_newKey) {
        auto* c = new CreateKeyCommand(s, {}, parent, this);
        c->setDefaults({m_project, m_environment, m_service});
        connect(c, &CreateKeyCommand::keyCreated, this, &KeyActions::keyCreated);
        return c;
    }
    if (action == m_rotate) {
        auto* c = new RotateKeyCommand(s, m_selection, parent, this);
        connect(c, &RotateKeyCommand::keyCreated, this, &KeyActions::keyCreated);
        return c;
    }
    if (action == m_renew)
        return new RenewKeyCommand(s, m_selection, parent, this);
    if (action == m_suspend)
        return new SuspendKeyCommand(s, m_selection, parent, this);
    if (action == m_resume)
        return new ResumeKeyCommand(s, m_selection, parent, this);
    if (action == m_revoke) {
        QList<KeyRecord> live;
        for (const KeyRecord& k : m_selection)
            if (k.status != KeyStatus::Revoked)
                live << k;
        return new RevokeKeysCommand(s, live, parent, this);
    }
    if (action == m_edit)
        return new EditKeyCommand(s, m_selection, parent, this);
    if (action == m_organisation)
        return new ManageOrganisationCommand(s, {}, parent, this);
    return nullptr;
}

void KeyActions::trigger(QAction* action)
{
    // A shortcut may fire between a selection change and updateActions(); check again.
    updateActions();
    if (!action->isEnabled() || !m_session)
        return;
    KeyCommand* command = createCommand(action);
    if (!command)
        return;
    m_running.insert(action, command);
    connect(command, &KeyCommand::finished, this, [this, action](bool ok, const QString& message) {
        m_running.remove(action);
        updateActions();
        emit commandFinished(ok, message);
    });
    updateActions();
    emit commandStarted(command);
    command->start();
}

} // namespace kw::ui
