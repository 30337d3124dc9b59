#include "commands/StatusChangeCommand.h"

#include "dialogs/StatusChangeDialog.h"

namespace kw::ui {

StatusChangeCommand::StatusChangeCommand(Change change, Session& session, QList<KeyRecord> selection,
                                         QWidget* dialogParent, QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent), m_change(change)
{
}

void StatusChangeCommand::doStart()
{
    if (selection().isEmpty()) {
        finish(false, tr("No key selected"));
        return;
    }
    auto* dlg = new StatusChangeDialog(m_change == Change::Suspend ? StatusChangeDialog::Mode::Suspend
                                                                   : StatusChangeDialog::Mode::Resume,
                                       selection(), dialogParent());
    setDialog(dlg);
    connect(dlg, &StatusChangeDialog::changeRequested, this, [this](const QString& reason) {
        m_reason = reason;
        next();
    });
    connect(dlg, &QDialog::finished, this, [this](int result) {
        if (result == QDialog::Accepted)
            finish(true, m_change == Change::Suspend ? tr("Suspended %n key(s)", nullptr, int(m_changed.size()))
                                                     : tr("Resumed %n key(s)", nullptr, int(m_changed.size())));
        else if (m_changed.isEmpty())
            finish(false, m_change == Change::Suspend ? tr("No key was suspended") : tr("No key was resumed"));
        else
            finish(false, m_change == Change::Suspend
                              ? tr("Suspended only %1 of %2 keys").arg(m_changed.size()).arg(selection().size())
                              : tr("Resumed only %1 of %2 keys").arg(m_changed.size()).arg(selection().size()));
    });
    dlg->open();
}

// One key after the other, so progress is real and a refusal names its key. A retry after an error
// continues with the keys not yet changed.
void StatusChangeCommand::next()
{
    auto* d = qobject_cast<StatusChangeDialog*>(dialog());
    if (!d)
        return;
    const int total = int(selection().size());
    if (m_done >= total) {
        d->accept();
        return;
    }
    d->setProgress(m_done, total);
    emit progress(m_done, total);
    const KeyRecord key = selection().at(m_done);
    const bool suspend = m_change == Change::Suspend;
    call([id = key.id, reason = m_reason,
          suspend](Backend& b) { return suspend ? b.suspendKey(id, reason) : b.resumeKey(id, reason); },
         [this, key, total](Result<KeyRecord> changed) {
             auto* d = qobject_cast<StatusChangeDialog*>(dialog());
             if (!changed) {
                 if (d)
                     d->showError(tr("%1: %2").arg(describe(key), changed.errorMessage()));
                 return;
             }
             m_changed << key.id;
             ++m_done;
             emit progress(m_done, total);
             if (d)
                 d->setProgress(m_done, total);
             next();
         });
}

} // namespace kw::ui
