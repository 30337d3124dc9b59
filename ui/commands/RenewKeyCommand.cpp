#include "commands/RenewKeyCommand.h"

#include "dialogs/RenewKeyDialog.h"

namespace kw::ui {

RenewKeyCommand::RenewKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

void RenewKeyCommand::doStart()
{
    if (selection().size() != 1) {
        finish(false, tr("Select exactly one key to renew"));
        return;
    }
    auto* dlg = new RenewKeyDialog(selection().first(), dialogParent());
    setDialog(dlg);
    connect(dlg, &RenewKeyDialog::renewRequested, this, &RenewKeyCommand::renew);
    connect(dlg, &QDialog::finished, this, [this] { finish(m_ok, m_ok ? m_result : tr("The key was not renewed")); });
    dlg->open();
}

void RenewKeyCommand::renew(qint64 extendMs, const QString& reason)
{
    auto* d = qobject_cast<RenewKeyDialog*>(dialog());
    if (!d)
        return;
    d->setBusy(true);
    emit progress(0, 1);
    call([id = selection().first().id, extendMs, reason](Backend& b) { return b.renewKey(id, extendMs, reason); },
         [this](Result<RenewalOutcome> outcome) {
             auto* d = qobject_cast<RenewKeyDialog*>(dialog());
             if (d)
                 d->showResult(outcome);
             if (outcome) {
                 m_ok = true;
                 m_result = d ? d->resultText() : tr("Renewed %1").arg(describe(selection().first()));
                 emit progress(1, 1);
             }
         });
}

} // namespace kw::ui
