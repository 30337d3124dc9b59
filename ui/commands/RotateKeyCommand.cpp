#include "commands/RotateKeyCommand.h"

#include "dialogs/RotateKeyDialog.h"
#include "policy/Duration.h"

namespace kw::ui {

RotateKeyCommand::RotateKeyCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

void RotateKeyCommand::doStart()
{
    if (selection().size() != 1) {
        finish(false, tr("Select exactly one key to rotate"));
        return;
    }
    const KeyRecord key = selection().first();
    auto* dlg = new RotateKeyDialog(key, dialogParent());
    setDialog(dlg);
    connect(dlg, &RotateKeyDialog::rotateRequested, this, &RotateKeyCommand::rotate);
    connect(dlg, &QDialog::finished, this, [this] { finish(m_ok, m_ok ? m_result : tr("The key was not rotated")); });
    dlg->open();
    // The default overlap is the key's effective policy, as the backend would use it.
    call([id = key.id](Backend& b) { return b.effectivePolicy(id); },
         [this](Result<KeyPolicy> policy) {
             auto* d = qobject_cast<RotateKeyDialog*>(dialog());
             if (!d || !policy || !policy->rotationOverlapMs)
                 return;
             d->setDefaultOverlap(
                 *policy->rotationOverlapMs,
                 tr("default from the key's policy: %1").arg(Duration::format(*policy->rotationOverlapMs)));
         });
}

void RotateKeyCommand::rotate(qint64 overlapMs)
{
    auto* d = qobject_cast<RotateKeyDialog*>(dialog());
    if (!d)
        return;
    d->setBusy(true);
    emit progress(0, 1);
    call([id = selection().first().id, overlapMs](Backend& b) { return b.rotateKey(id, overlapMs); },
         [this](Result<IssuedKey> issued) {
             auto* d = qobject_cast<RotateKeyDialog*>(dialog());
             if (!issued) {
                 if (d)
                     d->showError(tr("The key was not rotated: %1").arg(issued.errorMessage()));
                 return;
             }
             m_ok = true;
             m_result = tr("Rotated %1; its successor is %2").arg(describe(selection().first()), issued->key.displayId);
             emit progress(1, 1);
             emit keyCreated(issued->key);
             if (d)
                 d->showSecret(issued->key, std::move(issued->secret));
         });
}

void RotateKeyCommand::doCancel()
{
    if (auto* d = qobject_cast<RotateKeyDialog*>(dialog()))
        d->forceClose();
}

} // namespace kw::ui
