#include "commands/RevokeKeysCommand.h"

#include "dialogs/RevokeDialog.h"

namespace kw::ui {

RevokeKeysCommand::RevokeKeysCommand(Session& session, QList<KeyRecord> selection, QWidget* dialogParent,
                                     QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent)
{
}

QStringList RevokeKeysCommand::refs() const
{
    QStringList ids;
    for (const KeyRecord& k : selection())
        ids << k.id;
    return ids;
}

void RevokeKeysCommand::doStart()
{
    if (selection().isEmpty()) {
        finish(false, tr("No key selected"));
        return;
    }
    auto* dlg = new RevokeDialog(selection(), dialogParent());
    setDialog(dlg);
    connect(dlg, &RevokeDialog::planRequested, this, &RevokeKeysCommand::plan);
    connect(dlg, &RevokeDialog::revokeRequested, this, &RevokeKeysCommand::revoke);
    connect(dlg, &QDialog::finished, this, [this] { finish(m_ok, m_ok ? m_result : tr("Nothing was revoked")); });
    dlg->open();
    plan(dlg->cascade());
}

void RevokeKeysCommand::plan(bool cascade)
{
    call([refs = refs(), cascade](Backend& b) { return b.planRevocation(refs, cascade); },
         [this, cascade](Result<RevocationPlan> plan) {
             if (auto* d = qobject_cast<RevokeDialog*>(dialog()))
                 d->setPlan(cascade, plan);
         });
}

void RevokeKeysCommand::revoke(bool cascade, const QString& reason, const QString& incident)
{
    auto* d = qobject_cast<RevokeDialog*>(dialog());
    if (!d)
        return;
    RevocationRequest request;
    request.keys = refs();
    request.cascade = cascade;
    request.reason = reason;
    request.incidentId = incident;
    const int total = int(selection().size());
    d->setRevoking(total);
    emit progress(0, total);
    call([request](Backend& b) { return b.revokeKeys(request); },
         [this](Result<RevocationPlan> result) {
             if (result) {
                 const int n = result->toRevokeCount();
                 m_ok = true;
                 m_result = tr("Revoked %n key(s)", nullptr, n);
                 emit progress(n, n);
             }
             if (auto* d = qobject_cast<RevokeDialog*>(dialog()))
                 d->showResult(result);
         });
}

} // namespace kw::ui
