#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

class StatusChangeDialog;

// Suspends or resumes the selected keys, one after the other, with a reason (required). Stops at the
// first key the backend refuses and says which were changed.
class StatusChangeCommand : public KeyCommand {
    Q_OBJECT
public:
    enum class Change { Suspend, Resume };

    StatusChangeCommand(Change change, Session& session, QList<KeyRecord> selection, QWidget* dialogParent,
                        QObject* parent = nullptr);

protected:
    void doStart() override;

private:
    void next();

    Change m_change;
    QString m_reason;
    int m_done = 0;
    QStringList m_changed;
};

class SuspendKeyCommand : public StatusChangeCommand {
    Q_OBJECT
public:
    SuspendKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr)
        : StatusChangeCommand(Change::Suspend, session, std::move(selection), dialogParent, parent)
    {
    }
};

class ResumeKeyCommand : public StatusChangeCommand {
    Q_OBJECT
public:
    ResumeKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr)
        : StatusChangeCommand(Change::Resume, session, std::move(selection), dialogParent, parent)
    {
    }
};

} // namespace kw::ui
