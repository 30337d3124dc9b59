#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

// Edits one key: name, owner, tags, services and metadata through Backend::updateKey; allowed / denied IPs
// and hours, days and time zone through applyPolicy on the key. Only what changed is sent.
class EditKeyCommand : public KeyCommand {
    Q_OBJECT
public:
    EditKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);

protected:
    void doStart() override;

private:
    void save();
    QString m_result;
    bool m_ok = false;
};

} // namespace kw::ui
