#include "commands/CreateKeyCommand.h"

#include "dialogs/CreateKeyWizard.h"

namespace kw::ui {

CreateKeyCommand::CreateKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

void CreateKeyCommand::doStart()
{
    auto* dlg = new CreateKeyWizard(*session(), m_defaults, dialogParent());
    setDialog(dlg);
    connect(dlg, &CreateKeyWizard::keyCreated, this, &CreateKeyCommand::keyCreated);
    connect(dlg, &QDialog::finished, this, [this, dlg](int) {
        if (auto key = dlg->createdKey())
            finish(true, tr("Created key %1").arg(describe(*key)));
        else
            finish(false, tr("No key was created"));
    });
    dlg->open();
}

void CreateKeyCommand::doCancel()
{
    if (auto* wizard = qobject_cast<CreateKeyWizard*>(dialog()))
        wizard->forceClose();
}

} // namespace kw::ui
