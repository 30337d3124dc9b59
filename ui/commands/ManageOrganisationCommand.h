#pragma once

#include "commands/KeyCommand.h"

namespace kw::ui {

// Opens the organisation dialog: teams, projects, environments, services, roles and policy templates.
class ManageOrganisationCommand : public KeyCommand {
    Q_OBJECT
public:
    ManageOrganisationCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent,
                              QObject* parent = nullptr);

protected:
    void doStart() override;
};

} // namespace kw::ui
