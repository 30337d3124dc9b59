#pragma once

#include "commands/KeyCommand.h"
#include "dialogs/CreateKeyLocationPage.h"

namespace kw::ui {

// Issues a key through the create-key wizard. Needs no selection; the defaults (project, environment,
// service) come from where the user is in the tree.
class CreateKeyCommand : public KeyCommand {
    Q_OBJECT
public:
    CreateKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent = nullptr);

    void setDefaults(const CreateKeyDefaults& defaults) { m_defaults = defaults; }

signals:
    void keyCreated(const KeyRecord& key);

protected:
    void doStart() override;
    void doCancel() override;

private:
    CreateKeyDefaults m_defaults;
};

} // namespace kw::ui
