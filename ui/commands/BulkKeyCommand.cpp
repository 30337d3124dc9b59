#include "commands/BulkKeyCommand.h"

#include "Backend.h"
#include "dialogs/BulkActionDialog.h"

#include <QDateTime>
#include <QTimeZone>

namespace kw::ui {

BulkKeyCommand::BulkKeyCommand(Operation operation, Session& session, QList<KeyRecord> selection, QWidget* dialogParent,
                               QObject* parent)
    : KeyCommand(session, std::move(selection), dialogParent, parent), m_operation(operation)
{
}

BulkKeyCommand::~BulkKeyCommand() = default;

QString BulkKeyCommand::title(Operation operation)
{
    switch (operation) {
    case Operation::Renew:
        return tr("Renew keys");
    case Operation::Rotate:
        return tr("Rotate keys");
    case Operation::LetExpire:
        return tr("Let keys expire");
    case Operation::NotifyOwners:
        return tr("Notify owners");
    }
    return {};
}

void BulkKeyCommand::doStart()
{
    if (selection().isEmpty()) {
        finish(false, tr("Select at least one key"));
        return;
    }
    const int n = int(selection().size());
    QString explanation;
    switch (m_operation) {
    case Operation::Renew:
        explanation = tr("Extends the expiry of %n key(s) from the later of now and their current expiry. Keys "
                         "whose policy requires approval get a renewal request instead.",
                         nullptr, n);
        break;
    case Operation::Rotate:
        explanation = tr("Issues a successor for each of the %n key(s); the old key stays valid for its policy's "
                         "overlap. The new secrets are shown once, here.",
                         nullptr, n);
        break;
    case Operation::LetExpire:
        explanation = tr("Marks %n key(s) to expire as planned: they are tagged \"%1\" and get no more renewal "
                         "reminders. Nothing else changes.",
                         nullptr, n)
                          .arg(letExpireTag());
        break;
    case Operation::NotifyOwners:
        explanation = tr("Queues an expiry notice to the owner of each of the %n key(s) whose owner is an e-mail "
                         "address, in the notification outbox; keys without one are listed as skipped.",
                         nullptr, n);
        break;
    }
    auto* dlg = new BulkActionDialog(title(m_operation), explanation, selection(), m_operation == Operation::Renew,
                                     dialogParent());
    setDialog(dlg);
    connect(dlg, &BulkActionDialog::runRequested, this, &BulkKeyCommand::run);
    connect(dlg, &BulkActionDialog::cancelRequested, this, [this] { m_cancelRequested = true; });
    connect(dlg, &QDialog::finished, this, [this] {
        const int n = int(selection().size());
        if (m_index == 0)
            finish(false, tr("Nothing was changed"));
        else
            finish(m_failed == 0, tr("%1: %2 of %3 done, %4 failed")
                                      .arg(title(m_operation))
                                      .arg(m_index - m_failed)
                                      .arg(n)
                                      .arg(m_failed));
    });
    dlg->open();
}

void BulkKeyCommand::doCancel()
{
    m_cancelRequested = true;
    KeyCommand::doCancel();
}

void BulkKeyCommand::run(qint64 extendMs, const QString& reason)
{
    if (m_running)
        return;
    m_running = true;
    m_extendMs = extendMs;
    m_reason = reason;
    if (auto* d = qobject_cast<BulkActionDialog*>(dialog()))
        d->setRunning(int(selection().size()));
    next();
}

void BulkKeyCommand::next()
{
    const int total = int(selection().size());
    auto* d = qobject_cast<BulkActionDialog*>(dialog());
    if (m_index >= total || m_cancelRequested) {
        m_running = false;
        const QString summary =
            tr("%1 of %2 key(s) done, %3 failed%4.")
                .arg(m_index - m_failed)
                .arg(total)
                .arg(m_failed)
                .arg(m_index < total ? tr(", %1 not processed (stopped)").arg(total - m_index) : QString());
        if (d)
            d->setFinished(summary);
        emit progress(m_index, total);
        return;
    }
    const KeyRecord key = selection()[m_index];
    if (d)
        d->setProgress(m_index, total, describe(key));
    emit progress(m_index, total);
    const Operation op = m_operation;
    const qint64 extendMs = m_extendMs;
    const QString reason = m_reason;
    const QString tag = letExpireTag();
    call(
        [key, op, extendMs, reason, tag](Backend& b) {
            Outcome o;
            o.displayId = key.displayId;
            switch (op) {
            case Operation::Renew: {
                auto r = b.renewKey(key.id, extendMs, reason);
                o.ok = bool(r);
                o.message = !r           ? r.errorMessage()
                            : r->renewed ? tr("renewed")
                                         : tr("approval requested (%1)").arg(r->status);
                break;
            }
            case Operation::Rotate: {
                auto r = b.rotateKey(key.id, std::nullopt);
                o.ok = bool(r);
                if (r) {
                    o.message = tr("rotated → %1").arg(r->key.displayId);
                    o.displayId = r->key.displayId;
                    o.secret = std::move(r->secret);
                } else {
                    o.message = r.errorMessage();
                }
                break;
            }
            case Operation::LetExpire: {
                QStringList tags = key.tags;
                if (!tags.contains(tag))
                    tags.append(tag);
                KeyUpdate u;
                u.tags = tags;
                auto r = b.updateKey(key.id, u, reason);
                o.ok = bool(r);
                o.message = r ? tr("will expire as planned") : r.errorMessage();
                break;
            }
            case Operation::NotifyOwners: {
                const QString owner = key.owner.trimmed();
                if (!owner.contains(u'@')) {
                    o.ok = true;
                    o.message = owner.isEmpty() ? tr("skipped: no owner") : tr("skipped: owner has no e-mail address");
                    break;
                }
                Notification n;
                n.kind = QStringLiteral("expiry");
                n.channel = QStringLiteral("email");
                n.recipient = owner;
                n.subject =
                    tr("API key %1 expires on %2")
                        .arg(key.displayId,
                             QDateTime::fromMSecsSinceEpoch(key.expiresAt, QTimeZone::utc()).toString(Qt::ISODate));
                n.body = tr("Your key \"%1\" (%2) in %3/%4 expires on %5 UTC. Renew or rotate it before then, or "
                            "tell the key administrators it may expire.\n\nNote from the administrator: %6")
                             .arg(key.name, key.displayId, key.project, key.environment,
                                  QDateTime::fromMSecsSinceEpoch(key.expiresAt, QTimeZone::utc())
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                  reason);
                n.keyIds = {key.id};
                auto r = b.recordNotifications({n});
                o.ok = bool(r);
                o.message = r ? tr("queued to %1").arg(owner) : r.errorMessage();
                break;
            }
            }
            return o;
        },
        [this](Outcome o) { done(std::move(o)); });
}

void BulkKeyCommand::done(Outcome outcome)
{
    auto* d = qobject_cast<BulkActionDialog*>(dialog());
    if (!outcome.ok) {
        ++m_failed;
        m_failures.append(outcome.message);
    }
    if (d) {
        d->setKeyResult(m_index, outcome.ok, outcome.message);
        if (!outcome.secret.isEmpty())
            d->addSecret(outcome.displayId, std::move(outcome.secret));
    }
    ++m_index;
    next();
}

} // namespace kw::ui
