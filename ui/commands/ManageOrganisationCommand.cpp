#include "commands/ManageOrganisationCommand.h"

#include "dialogs/OrganisationDialog.h"

namespace kw::ui {

ManageOrganisationCommand::ManageOrganisationCommand(Session& session, QList<KeyRecord> selection,
                                                     QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

void ManageOrganisationCommand::doStart()
{
    auto* dlg = new OrganisationDialog(*session(), dialogParent());
    setDialog(dlg);
    connect(dlg, &QDialog::finished, this, [this, dlg] {
        const int changes = dlg->changeCount();
        finish(true, changes == 0 ? QString() : tr("Saved %n organisation change(s)", nullptr, changes));
    });
    dlg->open();
}

} // namespace kw::ui
