// LocalVault, part two: rotation, renewal with approval, expiration history and scheduled maintenance.
#include "storage/LocalVault.h"

#include "storage/SqlUtil.h"

#include <QJsonDocument>

namespace kw {

namespace {

constexpr qint64 kDefaultOverlapMs = 24 * 3600 * 1000ll;

} // namespace

Status LocalVault::recordHistory(const QString& keyId, const QString& event, qint64 oldExpiresAt, qint64 newExpiresAt,
                                 const QJsonObject& details)
{
    auto q =
        sql::exec(m_vault->db(),
                  QStringLiteral("INSERT INTO expiration_history (key_id, ts, event, old_expires_at, new_expires_at, "
                                 "actor, details) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                  {keyId, m_clock.nowMs(), event, sql::nullableTime(oldExpiresAt), sql::nullableTime(newExpiresAt),
                   m_actor, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))},
                  QStringLiteral("record the key's expiration history"));
    if (!q)
        return q.error();
    return {};
}

Result<QList<ExpirationEvent>> LocalVault::expirationHistory(const QString& ref)
{
    auto id = resolveKeyId(ref);
    if (!id)
        return id.error();
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT ts, event, old_expires_at, new_expires_at, actor, details FROM "
                                      "expiration_history WHERE key_id = ? ORDER BY ts, id"),
                       {*id}, QStringLiteral("read the expiration history"));
    if (!q)
        return q.error();
    QList<ExpirationEvent> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), *id, q->value(1).toString(), q->value(2).toLongLong(),
                    q->value(3).toLongLong(), q->value(4).toString(),
                    QJsonDocument::fromJson(q->value(5).toString().toUtf8()).object()});
    return out;
}

Result<IssuedKey> LocalVault::rotate(const KeyRecord& old, qint64 overlapMs, bool automatic)
{
    const qint64 now = m_clock.nowMs();
    if (old.status == KeyStatus::Revoked)
        return Error::conflict(QStringLiteral("Key %1 is revoked; issue a new key instead").arg(old.displayId));
    if (old.status == KeyStatus::Suspended)
        return Error::conflict(QStringLiteral("Key %1 is suspended; resume it before rotating").arg(old.displayId));
    if (!old.successorId.isEmpty())
        return Error::conflict(
            QStringLiteral("Key %1 was already rotated; its successor is %2").arg(old.displayId, old.successorId));
    if (old.effectiveStatus(now) == KeyStatus::Expired)
        return Error::conflict(QStringLiteral("Key %1 has expired; renew it or issue a new key").arg(old.displayId));
    if (overlapMs < 0)
        return Error::invalid(QStringLiteral("The overlap must not be negative"));

    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    KeySpec spec;
    spec.project = old.project;
    spec.environment = old.environment;
    spec.name = old.name;
    spec.services = old.services;
    spec.owner = old.owner;
    spec.tags = old.tags;
    spec.metadata = old.metadata;
    spec.parentId = old.parentId;
    spec.dependsOn = old.dependsOn;
    spec.backup = old.backup;
    // An automatic rotation has nobody to show the new secret to: the successor is kept recoverable so
    // its owner can fetch it (kwctl key reveal) when notified.
    spec.recoverable = old.recoverable || automatic;
    spec.policyTemplate = old.policyTemplate;
    spec.policy = old.policy;
    // The successor keeps the remaining lifetime rule of the policy, or the old key's lifetime.
    if (old.expiresAt != 0 && !old.policy.ttlMs)
        spec.expiresInMs = std::max<qint64>(old.expiresAt - old.createdAt, 1);
    auto issued = createKey(spec);
    if (!issued) {
        reloadEngine();
        return issued.error();
    }
    const QString newId = issued->key.id;
    qint64 oldEnd = now + overlapMs;
    if (old.expiresAt != 0)
        oldEnd = std::min(oldEnd, std::max(old.expiresAt, now));
    auto fail = [&](const Error& e) -> Result<IssuedKey> {
        reloadEngine();
        return e;
    };
    for (const auto& [statement, binds] : QList<QPair<QString, QVariantList>>{
             {QStringLiteral("UPDATE keys SET status = 'rotating', expires_at = ?, successor_id = ?, rotated_at = ?, "
                             "status_changed_at = ?, status_reason = ? WHERE id = ?"),
              {oldEnd, newId, now, now, automatic ? QStringLiteral("automatic rotation") : QStringLiteral("rotated"),
               old.id}},
             {QStringLiteral("UPDATE keys SET predecessor_id = ? WHERE id = ?"), {old.id, newId}},
             // The hierarchy follows the successor: children and dependents now hang off the new key, so
             // a later cascade from it still reaches them.
             {QStringLiteral("UPDATE keys SET parent_id = ? WHERE parent_id = ? AND id <> ?"), {newId, old.id, newId}},
             {QStringLiteral("UPDATE key_dependencies SET depends_on = ? WHERE depends_on = ? AND key_id <> ?"),
              {newId, old.id, newId}},
         }) {
        if (auto q = sql::exec(m_vault->db(), statement, binds, QStringLiteral("rotate key %1").arg(old.displayId)); !q)
            return fail(q.error());
    }
    if (auto s = audit(automatic ? QStringLiteral("key.rotate.auto") : QStringLiteral("key.rotate"), old.id, {},
                       QJsonObject{{"displayId", old.displayId},
                                   {"successorId", newId},
                                   {"successorDisplayId", issued->key.displayId},
                                   {"overlapEndsAt", oldEnd}});
        !s)
        return fail(s.error());
    if (auto s = recordHistory(old.id, QStringLiteral("rotated"), old.expiresAt, oldEnd,
                               QJsonObject{{"successorId", newId}, {"automatic", automatic}});
        !s)
        return fail(s.error());
    if (auto s = tx.commit(); !s)
        return fail(s.error());
    emit keysChanged({old.id, newId});
    auto fresh = key(newId);
    if (fresh)
        issued->key = *fresh;
    return issued;
}

Result<IssuedKey> LocalVault::rotateKey(const QString& ref, std::optional<qint64> overlapMs)
{
    auto old = key(ref);
    if (!old)
        return old.error();
    qint64 overlap = kDefaultOverlapMs;
    if (overlapMs) {
        overlap = *overlapMs;
    } else if (auto eff = effectivePolicy(old->id); eff && eff->rotationOverlapMs) {
        overlap = *eff->rotationOverlapMs;
    }
    return rotate(*old, overlap, false);
}

Result<RenewalOutcome> LocalVault::extend(const KeyRecord& k, qint64 extendMs, const QString& reason, qint64 requestId)
{
    const qint64 now = m_clock.nowMs();
    const qint64 from = std::max(now, k.expiresAt);
    const qint64 newExpiry = from + extendMs;
    auto q = sql::exec(m_vault->db(), QStringLiteral("UPDATE keys SET expires_at = ? WHERE id = ?"), {newExpiry, k.id},
                       QStringLiteral("renew key %1").arg(k.displayId));
    if (!q)
        return q.error();
    QJsonObject details{{"displayId", k.displayId}, {"oldExpiresAt", k.expiresAt}, {"newExpiresAt", newExpiry}};
    if (requestId)
        details.insert("requestId", requestId);
    if (auto s = audit(QStringLiteral("key.renew"), k.id, reason, details); !s)
        return s.error();
    if (auto s = recordHistory(k.id, QStringLiteral("renewed"), k.expiresAt, newExpiry,
                               requestId ? QJsonObject{{"requestId", requestId}} : QJsonObject{});
        !s)
        return s.error();
    RenewalOutcome out;
    out.renewed = true;
    out.status = requestId ? QStringLiteral("approved") : QStringLiteral("renewed");
    out.requestId = requestId;
    return out;
}

Result<RenewalOutcome> LocalVault::renewKey(const QString& ref, qint64 extendMs, const QString& reason)
{
    if (extendMs <= 0)
        return Error::invalid(QStringLiteral("The renewal must extend the expiry by a positive duration"));
    auto k = key(ref);
    if (!k)
        return k.error();
    if (k->status == KeyStatus::Revoked)
        return Error::conflict(QStringLiteral("Key %1 is revoked; revocation is final").arg(k->displayId));
    if (!k->successorId.isEmpty())
        return Error::conflict(
            QStringLiteral("Key %1 was rotated; renew its successor %2").arg(k->displayId, k->successorId));
    auto eff = effectivePolicy(k->id);
    if (!eff)
        return eff.error();
    sql::Transaction tx(m_vault->db());
    RenewalOutcome out;
    if (eff->renewalRequiresApproval.value_or(false)) {
        auto q =
            sql::exec(m_vault->db(),
                      QStringLiteral("INSERT INTO renewal_requests (key_id, requested_by, requested_at, extend_ms, "
                                     "status, reason) VALUES (?, ?, ?, ?, 'pending', ?)"),
                      {k->id, m_actor, m_clock.nowMs(), extendMs, reason}, QStringLiteral("file the renewal request"));
        if (!q)
            return q.error();
        out.requestId = q->lastInsertId().toLongLong();
        out.status = QStringLiteral("pending");
        if (auto s = audit(QStringLiteral("key.renewal.request"), k->id, reason,
                           QJsonObject{{"requestId", out.requestId}, {"extendMs", extendMs}});
            !s)
            return s.error();
        if (auto s = recordHistory(k->id, QStringLiteral("renewal-requested"), k->expiresAt, 0,
                                   QJsonObject{{"requestId", out.requestId}});
            !s)
            return s.error();
    } else {
        auto r = extend(*k, extendMs, reason, 0);
        if (!r)
            return r.error();
        out = *r;
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    emit keysChanged({k->id});
    auto fresh = key(k->id);
    if (!fresh)
        return fresh.error();
    out.key = *fresh;
    return out;
}

Result<QList<RenewalRequest>> LocalVault::renewalRequests(bool pendingOnly)
{
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT id, key_id, requested_by, requested_at, extend_ms, status, decided_by, "
                                      "decided_at, reason FROM renewal_requests %1 ORDER BY id")
                           .arg(pendingOnly ? QStringLiteral("WHERE status = 'pending'") : QString()),
                       {}, QStringLiteral("list renewal requests"));
    if (!q)
        return q.error();
    QList<RenewalRequest> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(), q->value(3).toLongLong(),
                    q->value(4).toLongLong(), q->value(5).toString(), q->value(6).toString(), q->value(7).toLongLong(),
                    q->value(8).toString()});
    return out;
}

Result<RenewalOutcome> LocalVault::decideRenewal(qint64 requestId, bool approve, const QString& reason)
{
    auto all = renewalRequests(false);
    if (!all)
        return all.error();
    const RenewalRequest* req = nullptr;
    for (const auto& r : *all)
        if (r.id == requestId)
            req = &r;
    if (!req)
        return Error::notFound(QStringLiteral("No renewal request %1").arg(requestId));
    if (req->status != QLatin1String("pending"))
        return Error::conflict(QStringLiteral("Renewal request %1 was already %2").arg(requestId).arg(req->status));
    if (req->requestedBy == m_actor)
        return Error::forbidden(QStringLiteral("Renewal request %1 needs a second person: %2 filed it and cannot "
                                               "decide it")
                                    .arg(requestId)
                                    .arg(m_actor));
    auto k = key(req->keyId);
    if (!k)
        return k.error();
    sql::Transaction tx(m_vault->db());
    auto q = sql::exec(
        m_vault->db(),
        QStringLiteral("UPDATE renewal_requests SET status = ?, decided_by = ?, decided_at = ? "
                       "WHERE id = ? AND status = 'pending'"),
        {approve ? QStringLiteral("approved") : QStringLiteral("denied"), m_actor, m_clock.nowMs(), requestId},
        QStringLiteral("decide the renewal request"));
    if (!q)
        return q.error();
    RenewalOutcome out;
    out.requestId = requestId;
    if (approve) {
        if (k->status == KeyStatus::Revoked)
            return Error::conflict(QStringLiteral("Key %1 was revoked meanwhile").arg(k->displayId));
        auto r = extend(*k, req->extendMs, reason, requestId);
        if (!r)
            return r.error();
        out = *r;
    } else {
        out.status = QStringLiteral("denied");
        if (auto s = audit(QStringLiteral("key.renewal.deny"), k->id, reason, QJsonObject{{"requestId", requestId}});
            !s)
            return s.error();
        if (auto s = recordHistory(k->id, QStringLiteral("renewal-denied"), k->expiresAt, 0,
                                   QJsonObject{{"requestId", requestId}});
            !s)
            return s.error();
    }
    if (auto s = tx.commit(); !s)
        return s.error();
    emit keysChanged({k->id});
    auto fresh = key(k->id);
    if (!fresh)
        return fresh.error();
    out.key = *fresh;
    return out;
}

Result<MaintenanceReport> LocalVault::runMaintenance()
{
    MaintenanceReport report;
    const qint64 now = m_clock.nowMs();
    // Expiries and grace periods not yet recorded, each once per expiry date.
    auto due = queryKeys(
        QStringLiteral("k.status IN ('active', 'rotating') AND k.expires_at IS NOT NULL AND k.expires_at <= ? AND NOT "
                       "EXISTS (SELECT 1 FROM expiration_history h WHERE h.key_id = k.id AND h.event = 'expired' AND "
                       "h.old_expires_at = k.expires_at)"),
        {now});
    if (!due)
        return due.error();
    {
        sql::Transaction tx(m_vault->db());
        for (const KeyRecord& k : *due) {
            const bool inGrace = k.inGrace(now);
            const QString event = inGrace ? QStringLiteral("grace-entered") : QStringLiteral("expired");
            auto seen = sql::exec(m_vault->db(),
                                  QStringLiteral("SELECT 1 FROM expiration_history WHERE key_id = ? AND event = ? AND "
                                                 "old_expires_at = ?"),
                                  {k.id, event, k.expiresAt}, QStringLiteral("read the expiration history"));
            if (!seen)
                return seen.error();
            if (seen->next())
                continue;
            if (auto s = recordHistory(k.id, event, k.expiresAt, 0, QJsonObject{{"graceMs", k.graceMs}}); !s)
                return s.error();
            if (auto s = audit(inGrace ? QStringLiteral("key.grace") : QStringLiteral("key.expire"), k.id, {},
                               QJsonObject{{"displayId", k.displayId}, {"expiresAt", k.expiresAt}});
                !s)
                return s.error();
            (inGrace ? report.graceEntered : report.expired) << k.id;
        }
        if (auto s = tx.commit(); !s)
            return s.error();
    }

    // Automatic rotation: active keys whose effective policy says "rotate every N" and whose last rotation (or
    // creation) is that long ago — the same rule the calendar and the rotation schedule show.
    auto dueRotations = scheduledRotations(KeyFilter{}, 0, now + 1);
    if (!dueRotations)
        return dueRotations.error();
    for (const ScheduledRotation& d : *dueRotations) {
        auto k = key(d.keyId);
        if (!k)
            return k.error();
        auto eff = effectivePolicy(k->id);
        if (!eff)
            return eff.error();
        auto r = rotate(*k, eff->rotationOverlapMs.value_or(kDefaultOverlapMs), true);
        if (!r)
            return Error(r.error().code,
                         QStringLiteral("Automatic rotation of %1 failed: %2").arg(k->displayId, r.errorMessage()));
        report.rotated << k->id;
        report.successors << r->key.id;
    }
    return report;
}

} // namespace kw
