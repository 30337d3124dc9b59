#include "commands/EditKeyCommand.h"

#include "dialogs/EditKeyDialog.h"

namespace kw::ui {

namespace {

// What the backend did, for a precise message when only part of an edit was saved.
struct EditOutcome {
    bool described = false; // updateKey succeeded (or was not needed)
    Status status;
};

} // namespace

EditKeyCommand::EditKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

void EditKeyCommand::doStart()
{
    if (selection().size() != 1) {
        finish(false, tr("Select exactly one key to edit"));
        return;
    }
    auto* dlg = new EditKeyDialog(selection().first(), dialogParent());
    setDialog(dlg);
    connect(dlg, &EditKeyDialog::saveRequested, this, &EditKeyCommand::save);
    connect(dlg, &QDialog::finished, this, [this] { finish(m_ok, m_ok ? m_result : tr("The key was not changed")); });
    dlg->open();
}

void EditKeyCommand::save()
{
    auto* d = qobject_cast<EditKeyDialog*>(dialog());
    if (!d)
        return;
    auto changes = d->changes();
    if (!changes) {
        d->showError(changes.errorMessage());
        return;
    }
    const KeyRecord key = selection().first();
    if (changes->isEmpty()) {
        m_ok = true;
        m_result = tr("Nothing changed on %1").arg(describe(key));
        d->accept();
        return;
    }
    d->setBusy(true);
    emit progress(0, 1);
    call(
        [id = key.id, c = *changes](Backend& b) {
            EditOutcome out;
            if (!c.update.isEmpty()) {
                auto updated = b.updateKey(id, c.update, c.reason);
                if (!updated) {
                    out.status = updated.error();
                    return out;
                }
            }
            out.described = true;
            if (c.policy) {
                PolicyTarget target;
                target.kind = PolicyTarget::Kind::Key;
                target.key = id;
                out.status = b.applyPolicy(target, std::nullopt, *c.policy);
            }
            return out;
        },
        [this, key, hadUpdate = !changes->update.isEmpty()](EditOutcome out) {
            auto* d = qobject_cast<EditKeyDialog*>(dialog());
            if (!out.status) {
                if (d)
                    d->showError(out.described && hadUpdate
                                     ? tr("The description was saved, but the restrictions were not: %1")
                                           .arg(out.status.errorMessage())
                                     : tr("Nothing was saved: %1").arg(out.status.errorMessage()));
                if (out.described && hadUpdate) {
                    m_ok = true;
                    m_result = tr("Saved the description of %1, not its restrictions").arg(describe(key));
                }
                return;
            }
            m_ok = true;
            m_result = tr("Saved %1").arg(describe(key));
            emit progress(1, 1);
            if (d) {
                d->setBusy(false);
                d->accept();
            }
        });
}

} // namespace kw::ui
