#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

// Rotates one key: asks for the overlap (default: the key's policy, else 24 h), issues the successor and
// shows its secret once.
class RotateKeyCommand : public KeyCommand {
    Q_OBJECT
public:
    RotateKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);

signals:
    void keyCreated(const KeyRecord& successor);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void rotate(qint64 overlapMs);
    QString m_result;
    bool m_ok = false;
};

} // namespace kw::ui
