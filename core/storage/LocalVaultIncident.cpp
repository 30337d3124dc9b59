// LocalVault, part seven: incident response — leaked-secret lookup, backup keys, replacements, emergency contacts and
// the notification outbox.
#include "storage/LocalVault.h"

#include "crypto/KeyFormat.h"
#include "domain/Names.h"
#include "storage/NotifyContexts.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace kw {

namespace {

constexpr qsizetype kMaxLookup = 10'000;
constexpr qsizetype kMaxNotifications = 10'000;

QByteArray contactContext(qint64 id)
{
    return QByteArrayLiteral("keywarden:contact:") + QByteArray::number(id);
}

Status checkEmail(const QString& email, const QString& what)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^[^@\s<>()\[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$)"));
    if (email.size() > 254 || !re.match(email).hasMatch())
        return Error::invalid(QStringLiteral("%1 \"%2\" is not an e-mail address (name@example.com)").arg(what, email));
    return {};
}

Status checkWebhook(const QString& url, const QString& what)
{
    const QUrl u(url, QUrl::StrictMode);
    if (url.size() > 2048 || !u.isValid() ||
        (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https")) || u.host().isEmpty())
        return Error::invalid(QStringLiteral("%1 \"%2\" is not an http(s) URL (https://host/path)").arg(what, url));
    return {};
}

Status checkContact(const Contact& c)
{
    if (c.name.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A contact needs a name"));
    if (c.name.size() > 200)
        return Error::invalid(QStringLiteral("The contact's name is longer than 200 characters"));
    if (c.email.isEmpty() && c.webhookUrl.isEmpty() && c.phone.isEmpty())
        return Error::invalid(
            QStringLiteral("Contact \"%1\" needs an e-mail address, a webhook URL or a phone number").arg(c.name));
    if (!c.email.isEmpty())
        if (auto s = checkEmail(c.email, QStringLiteral("The contact's e-mail")); !s)
            return s;
    if (!c.webhookUrl.isEmpty())
        if (auto s = checkWebhook(c.webhookUrl, QStringLiteral("The contact's webhook")); !s)
            return s;
    static const QRegularExpression phone(QStringLiteral(R"(^\+?[0-9][0-9 ()./-]{2,31}$)"));
    if (!c.phone.isEmpty() && !phone.match(c.phone).hasMatch())
        return Error::invalid(
            QStringLiteral("The contact's phone number \"%1\" may hold digits, spaces, ( ) . / - and a leading +")
                .arg(c.phone));
    if (c.note.size() > 2000)
        return Error::invalid(QStringLiteral("The contact's note is longer than 2000 characters"));
    static const QStringList formats{QStringLiteral("generic"), QStringLiteral("slack"), QStringLiteral("pagerduty")};
    if (!formats.contains(c.webhookFormat))
        return Error::invalid(QStringLiteral("The contact's webhook format \"%1\" must be generic, slack or pagerduty")
                                  .arg(c.webhookFormat));
    static const QRegularExpression routingKey(QStringLiteral(R"(^[A-Za-z0-9]{20,64}$)"));
    if (c.webhookFormat == QLatin1String("pagerduty") && !routingKey.match(c.pagerDutyRoutingKey).hasMatch())
        return Error::invalid(
            QStringLiteral("A pagerduty webhook needs the integration's routing key (20 to 64 letters "
                           "and digits, usually 32)"));
    if (c.webhookFormat != QLatin1String("pagerduty") && !c.pagerDutyRoutingKey.isEmpty())
        return Error::invalid(QStringLiteral("A PagerDuty routing key is only used with webhook format pagerduty"));
    return {};
}

Status checkNotification(const Notification& n)
{
    static const QStringList kinds{QStringLiteral("revocation"), QStringLiteral("resolution"), QStringLiteral("expiry"),
                                   QStringLiteral("alert")};
    static const QStringList channels{QStringLiteral("email"), QStringLiteral("webhook"), QStringLiteral("desktop")};
    if (!kinds.contains(n.kind))
        return Error::invalid(
            QStringLiteral("kind \"%1\" must be revocation, resolution, expiry or alert").arg(n.kind));
    if (!channels.contains(n.channel))
        return Error::invalid(QStringLiteral("channel \"%1\" must be email, webhook or desktop").arg(n.channel));
    if (n.channel == QLatin1String("email"))
        if (auto s = checkEmail(n.recipient, QStringLiteral("recipient")); !s)
            return s;
    if (n.channel == QLatin1String("webhook"))
        if (auto s = checkWebhook(n.recipient, QStringLiteral("recipient")); !s)
            return s;
    static const QStringList formats{QString(), QStringLiteral("generic"), QStringLiteral("slack"),
                                     QStringLiteral("pagerduty")};
    if (!formats.contains(n.format) || (!n.format.isEmpty() && n.channel != QLatin1String("webhook")))
        return Error::invalid(
            QStringLiteral("format \"%1\" must be generic, slack or pagerduty, for webhooks only").arg(n.format));
    if (n.format == QLatin1String("pagerduty") && n.routingKey.isEmpty())
        return Error::invalid(QStringLiteral("a pagerduty webhook needs a routing key"));
    if (n.format != QLatin1String("pagerduty") && !n.routingKey.isEmpty())
        return Error::invalid(QStringLiteral("a routing key is only used with format pagerduty"));
    if (n.format == QLatin1String("pagerduty") || n.format == QLatin1String("slack"))
        if (QJsonDocument::fromJson(n.body.toUtf8()).object().isEmpty())
            return Error::invalid(QStringLiteral("the body of a %1 webhook must be a JSON object").arg(n.format));
    if (n.subject.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("a subject is required"));
    if (n.subject.size() > 500 || n.body.size() > 100'000)
        return Error::invalid(QStringLiteral("the subject (500) or the body (100,000 characters) is too long"));
    for (const QString& id : n.keyIds)
        if (!id.startsWith(QLatin1String("key_")))
            return Error::invalid(QStringLiteral("\"%1\" in keyIds is not a key id").arg(id));
    return {};
}

} // namespace

// ---- leaked secrets -------------------------------------------------------------------------------

Result<QList<std::optional<KeyRecord>>> LocalVault::lookupSecrets(const std::vector<SecureBytes>& secrets)
{
    if (qsizetype(secrets.size()) > kMaxLookup)
        return Error::invalid(QStringLiteral("At most %1 secrets can be looked up at once").arg(kMaxLookup));
    // Format first, for all of them: a malformed one is named by its position, never echoed.
    for (std::size_t i = 0; i < secrets.size(); ++i)
        if (auto s = KeyFormat::check(QByteArrayView(secrets[i].data(), qsizetype(secrets[i].size()))); !s)
            return Error::invalid(
                QStringLiteral("Secret %1 is not a well-formed key: %2").arg(qsizetype(i)).arg(s.errorMessage()));
    QStringList ids(qsizetype(secrets.size()));
    QSqlQuery q(m_vault->db());
    q.prepare(QStringLiteral("SELECT id FROM keys WHERE hash = ?"));
    for (std::size_t i = 0; i < secrets.size(); ++i) {
        const crypto::Digest digest =
            m_vault->hashSecret(QByteArrayView(secrets[i].data(), qsizetype(secrets[i].size())));
        q.addBindValue(QByteArray(reinterpret_cast<const char*>(digest.data()), int(digest.size())));
        if (!q.exec())
            return sql::error(q, QStringLiteral("look the secrets up"));
        if (q.next())
            ids[qsizetype(i)] = q.value(0).toString();
        q.finish();
    }
    QHash<QString, KeyRecord> records;
    QStringList found;
    for (const QString& id : ids)
        if (!id.isEmpty() && !found.contains(id))
            found << id;
    for (qsizetype i = 0; i < found.size(); i += 500) {
        const QStringList chunk = found.mid(i, 500);
        QVariantList binds;
        for (const QString& id : chunk)
            binds << id;
        auto list = queryKeys(
            QStringLiteral("k.id IN (%1)").arg(QStringList(chunk.size(), QStringLiteral("?")).join(u',')), binds);
        if (!list)
            return list.error();
        for (auto& k : *list)
            records.insert(k.id, k);
    }
    QList<std::optional<KeyRecord>> out;
    out.reserve(qsizetype(secrets.size()));
    qsizetype matches = 0;
    for (const QString& id : ids) {
        if (id.isEmpty() || !records.contains(id)) {
            out.append(std::nullopt);
        } else {
            out.append(records.value(id));
            ++matches;
        }
    }
    // Who asked which keys are exposed is part of the record; the secrets are not.
    sql::Transaction tx(m_vault->db());
    QJsonArray matched;
    for (const QString& id : found)
        matched.append(id);
    if (auto s =
            audit(QStringLiteral("key.lookup"), QStringLiteral("keys"), {},
                  QJsonObject{{"secrets", qint64(secrets.size())}, {"matches", qint64(matches)}, {"keyIds", matched}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return out;
}

// ---- backup keys and replacements ------------------------------------------------------------------

Result<KeyRecord> LocalVault::activateBackup(const QString& ref, const QString& reason, const QString& incident)
{
    if (reason.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A reason is required to activate a backup key (--reason)"));
    auto k = key(ref);
    if (!k)
        return k.error();
    if (k->status == KeyStatus::Revoked)
        return Error::conflict(QStringLiteral("Key %1 is revoked; revocation is final").arg(k->displayId));
    if (!k->backup)
        return Error::conflict(QStringLiteral("Key %1 is not a backup key").arg(k->displayId));
    const bool resume = k->status == KeyStatus::Suspended;
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto upd =
        sql::exec(m_vault->db(),
                  QStringLiteral("UPDATE keys SET is_backup = 0, status = ?, status_reason = ?, incident_id = ?, "
                                 "status_changed_at = ? WHERE id = ?"),
                  {resume ? toString(KeyStatus::Active) : toString(k->status), reason.trimmed(),
                   incident.isNull() ? QStringLiteral("") : incident.trimmed(), now, k->id},
                  QStringLiteral("activate backup key %1").arg(k->displayId));
    if (!upd)
        return upd.error();
    if (auto s = audit(QStringLiteral("key.backup.activate"), k->id, reason.trimmed(),
                       QJsonObject{{"displayId", k->displayId}, {"resumed", resume}}, incident.trimmed());
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    emit keysChanged({k->id});
    return key(k->id);
}

Result<QList<KeyRecord>> LocalVault::backupKeysFor(const QString& ref)
{
    auto id = resolveKeyId(ref);
    if (!id)
        return id.error();
    // Same project and environment; sharing a service with the key, unless the key is bound to none.
    return queryKeys(QStringLiteral("k.is_backup = 1 AND k.status <> 'revoked' AND k.id <> ? AND "
                                    "k.project_id = (SELECT o.project_id FROM keys o WHERE o.id = ?) AND "
                                    "k.environment_id = (SELECT o.environment_id FROM keys o WHERE o.id = ?) AND "
                                    "(NOT EXISTS (SELECT 1 FROM key_services os WHERE os.key_id = ?) OR k.id IN "
                                    "(SELECT ks.key_id FROM key_services ks WHERE ks.service_id IN "
                                    "(SELECT os.service_id FROM key_services os WHERE os.key_id = ?)))"),
                     {*id, *id, *id, *id, *id});
}

Result<IssuedKey> LocalVault::issueReplacement(const QString& revokedRef, const QString& reason,
                                               const QString& incident)
{
    if (reason.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A reason is required to issue a replacement (--reason)"));
    auto old = key(revokedRef);
    if (!old)
        return old.error();
    if (old->status != KeyStatus::Revoked)
        return Error::conflict(
            QStringLiteral("Key %1 is not revoked; rotate it instead of replacing it").arg(old->displayId));
    if (!old->successorId.isEmpty())
        return Error::conflict(
            QStringLiteral("Key %1 was already replaced by %2").arg(old->displayId, old->successorId));
    KeySpec spec;
    spec.project = old->project;
    spec.environment = old->environment;
    spec.name = old->name;
    spec.services = old->services;
    spec.owner = old->owner;
    spec.tags = old->tags;
    spec.metadata = old->metadata;
    spec.policy = old->policy;
    spec.policyTemplate = old->policyTemplate;
    spec.recoverable = old->recoverable;
    if (old->expiresAt != 0)
        spec.expiresInMs = std::max<qint64>(old->expiresAt - old->createdAt, 1);
    // The hierarchy is kept where it still stands: a revoked parent or dependency would only drag the new key down.
    QStringList related = old->dependsOn;
    if (!old->parentId.isEmpty())
        related << old->parentId;
    QHash<QString, bool> revoked;
    if (!related.isEmpty()) {
        QVariantList binds;
        for (const QString& r : related)
            binds << r;
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("SELECT id, status FROM keys WHERE id IN (%1)")
                               .arg(QStringList(related.size(), QStringLiteral("?")).join(u',')),
                           binds, QStringLiteral("read the key's relations"));
        if (!q)
            return q.error();
        while (q->next())
            revoked.insert(q->value(0).toString(), q->value(1).toString() == toString(KeyStatus::Revoked));
    }
    if (!old->parentId.isEmpty() && !revoked.value(old->parentId, true))
        spec.parentId = old->parentId;
    for (const QString& d : old->dependsOn)
        if (!revoked.value(d, true))
            spec.dependsOn << d;

    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto issued = createKey(spec); // a savepoint inside this transaction
    auto fail = [this](const Error& e) -> Result<IssuedKey> {
        reloadEngine();
        return e;
    };
    if (!issued)
        return fail(issued.error());
    const QString newId = issued->key.id;
    for (const auto& [statement, binds] : QList<QPair<QString, QVariantList>>{
             {QStringLiteral("UPDATE keys SET predecessor_id = ? WHERE id = ?"), {old->id, newId}},
             {QStringLiteral("UPDATE keys SET successor_id = ? WHERE id = ?"), {newId, old->id}},
         }) {
        if (auto q = sql::exec(m_vault->db(), statement, binds, QStringLiteral("link the replacement")); !q)
            return fail(q.error());
    }
    if (auto s = audit(QStringLiteral("key.replace"), old->id, reason.trimmed(),
                       QJsonObject{{"displayId", old->displayId},
                                   {"replacementId", newId},
                                   {"replacementDisplayId", issued->key.displayId}},
                       incident.trimmed());
        !s)
        return fail(s.error());
    if (auto s = tx.commit(); !s)
        return fail(s.error());
    emit keysChanged({old->id, newId});
    if (auto fresh = key(newId))
        issued->key = *fresh;
    return issued;
}

// ---- emergency contacts -------------------------------------------------------------------------------

Result<QList<Contact>> LocalVault::readContacts(const QString& where, const QVariantList& binds)
{
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT c.id, p.name, c.service, c.sealed FROM contacts c JOIN projects p ON "
                                      "p.id = c.project_id %1 ORDER BY p.name, c.service, c.id")
                           .arg(where),
                       binds, QStringLiteral("read contacts"));
    if (!q)
        return q.error();
    QList<Contact> out;
    while (q->next()) {
        Contact c;
        c.id = q->value(0).toLongLong();
        c.project = q->value(1).toString();
        c.service = q->value(2).toString();
        auto plain = m_vault->unseal(q->value(3).toByteArray(), contactContext(c.id));
        if (!plain)
            return Error::crypto(
                QStringLiteral("Contact %1 cannot be decrypted: %2").arg(c.id).arg(plain.errorMessage()));
        const QJsonObject o = QJsonDocument::fromJson(plain->view()).object();
        c.name = o.value("name").toString();
        c.email = o.value("email").toString();
        c.webhookUrl = o.value("webhookUrl").toString();
        c.phone = o.value("phone").toString();
        c.note = o.value("note").toString();
        c.webhookFormat = o.value("webhookFormat").toString(QStringLiteral("generic")); // rows before version 7
        c.pagerDutyRoutingKey = o.value("pagerDutyRoutingKey").toString();
        out.append(c);
    }
    return out;
}

Result<Contact> LocalVault::saveContact(const Contact& input)
{
    Contact c = input;
    c.name = c.name.trimmed();
    c.email = c.email.trimmed();
    c.webhookUrl = c.webhookUrl.trimmed();
    c.phone = c.phone.trimmed();
    c.service = c.service.trimmed();
    c.pagerDutyRoutingKey = c.pagerDutyRoutingKey.trimmed();
    if (c.webhookFormat.isEmpty())
        c.webhookFormat = QStringLiteral("generic");
    if (c.id < 0)
        return Error::invalid(QStringLiteral("A contact id must not be negative"));
    if (auto s = checkContact(c); !s)
        return s.error();
    auto pid = projectId(c.project);
    if (!pid)
        return pid.error();
    if (!c.service.isEmpty()) {
        auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT 1 FROM services WHERE project_id = ? AND name = ?"),
                           {*pid, c.service}, QStringLiteral("look up service"));
        if (!q)
            return q.error();
        if (!q->next())
            return Error::notFound(
                QStringLiteral("Service \"%1\" does not exist in project \"%2\"").arg(c.service, c.project));
    }
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    const bool create = c.id == 0;
    if (create) {
        auto ins =
            sql::exec(m_vault->db(),
                      QStringLiteral("INSERT INTO contacts (project_id, service, sealed, created_at, updated_at) "
                                     "VALUES (?, ?, ?, ?, ?)"),
                      {*pid, c.service, QByteArray(1, '\0'), now, now}, QStringLiteral("store the contact"));
        if (!ins)
            return ins.error();
        c.id = ins->lastInsertId().toLongLong();
    } else {
        auto upd =
            sql::exec(m_vault->db(),
                      QStringLiteral("UPDATE contacts SET project_id = ?, service = ?, updated_at = ? WHERE id = ?"),
                      {*pid, c.service, now, c.id}, QStringLiteral("update the contact"));
        if (!upd)
            return upd.error();
        if (upd->numRowsAffected() != 1)
            return Error::notFound(QStringLiteral("No contact with id %1").arg(c.id));
    }
    const QByteArray plain = QJsonDocument(QJsonObject{{"name", c.name},
                                                       {"email", c.email},
                                                       {"webhookUrl", c.webhookUrl},
                                                       {"phone", c.phone},
                                                       {"note", c.note},
                                                       {"webhookFormat", c.webhookFormat},
                                                       {"pagerDutyRoutingKey", c.pagerDutyRoutingKey}})
                                 .toJson(QJsonDocument::Compact);
    auto sealed = m_vault->seal(plain, contactContext(c.id));
    if (!sealed)
        return sealed.error();
    if (auto q = sql::exec(m_vault->db(), QStringLiteral("UPDATE contacts SET sealed = ? WHERE id = ?"),
                           {*sealed, c.id}, QStringLiteral("store the contact"));
        !q)
        return q.error();
    // The audit trail says who changed which project's contacts, not the contact's personal data.
    QJsonObject details{{"project", c.project}, {"service", c.service}, {"created", create}};
    QJsonArray channels;
    if (!c.email.isEmpty())
        channels.append(QStringLiteral("email"));
    if (!c.webhookUrl.isEmpty())
        channels.append(QStringLiteral("webhook"));
    if (!c.phone.isEmpty())
        channels.append(QStringLiteral("phone"));
    details.insert("channels", channels);
    if (auto s = audit(QStringLiteral("contact.save"), QStringLiteral("contact:%1").arg(c.id), {}, details); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<QList<Contact>> LocalVault::contacts(const QString& project)
{
    if (project.isEmpty())
        return readContacts({}, {});
    auto pid = projectId(project);
    if (!pid)
        return pid.error();
    return readContacts(QStringLiteral("WHERE c.project_id = ?"), {*pid});
}

Status LocalVault::removeContact(qint64 id)
{
    auto existing = readContacts(QStringLiteral("WHERE c.id = ?"), {id});
    if (!existing)
        return existing.error();
    if (existing->isEmpty())
        return Error::notFound(QStringLiteral("No contact with id %1").arg(id));
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    if (auto q = sql::exec(m_vault->db(), QStringLiteral("DELETE FROM contacts WHERE id = ?"), {id},
                           QStringLiteral("remove the contact"));
        !q)
        return q.error();
    if (auto s = audit(QStringLiteral("contact.remove"), QStringLiteral("contact:%1").arg(id), {},
                       QJsonObject{{"project", existing->first().project}, {"service", existing->first().service}});
        !s)
        return s;
    return tx.commit();
}

// ---- notification outbox ------------------------------------------------------------------------------

Result<QList<Notification>> LocalVault::recordNotifications(const QList<Notification>& drafts)
{
    if (drafts.isEmpty())
        return Error::invalid(QStringLiteral("No notification to record"));
    if (drafts.size() > kMaxNotifications)
        return Error::invalid(
            QStringLiteral("At most %1 notifications can be recorded at once").arg(kMaxNotifications));
    for (qsizetype i = 0; i < drafts.size(); ++i)
        if (auto s = checkNotification(drafts[i]); !s)
            return Error::invalid(QStringLiteral("Notification %1: %2").arg(i).arg(s.errorMessage()));
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    QList<Notification> out;
    out.reserve(drafts.size());
    QSet<QString> incidents;
    QJsonObject channels;
    for (const Notification& draft : drafts) {
        Notification n = draft;
        n.createdAt = now;
        n.state = QStringLiteral("queued");
        n.attempts = 0;
        n.sentAt = 0;
        n.lastError.clear();
        n.incident = n.incident.trimmed();
        n.nextAttemptAt = now;
        if (n.channel == QLatin1String("webhook") && n.format.isEmpty())
            n.format = QStringLiteral("generic");
        auto ins = sql::exec(
            m_vault->db(),
            QStringLiteral("INSERT INTO notifications (created_at, kind, channel, recipient_sealed, subject, body, "
                           "incident, key_ids, state, attempts, next_attempt_at, format) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)"),
            {now, n.kind, n.channel, QByteArray(1, '\0'), n.subject, n.body, n.incident,
             QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(n.keyIds)).toJson(QJsonDocument::Compact)), now,
             n.format},
            QStringLiteral("queue the notification"));
        if (!ins)
            return ins.error();
        n.id = ins->lastInsertId().toLongLong();
        auto sealed = m_vault->seal(n.recipient.toUtf8(), notificationContext(n.id));
        if (!sealed)
            return sealed.error();
        if (auto q =
                sql::exec(m_vault->db(), QStringLiteral("UPDATE notifications SET recipient_sealed = ? WHERE id = ?"),
                          {*sealed, n.id}, QStringLiteral("queue the notification"));
            !q)
            return q.error();
        if (!n.routingKey.isEmpty()) {
            auto key = m_vault->seal(n.routingKey.toUtf8(), routingKeyContext(n.id));
            if (!key)
                return key.error();
            if (auto q = sql::exec(m_vault->db(),
                                   QStringLiteral("UPDATE notifications SET routing_key_sealed = ? WHERE id = ?"),
                                   {*key, n.id}, QStringLiteral("queue the notification"));
                !q)
                return q.error();
            n.routingKey.clear(); // never read back
        }
        if (!n.incident.isEmpty())
            incidents.insert(n.incident);
        channels.insert(n.channel, channels.value(n.channel).toInteger() + 1);
        out.append(std::move(n));
    }
    const QString incident = incidents.size() == 1 ? *incidents.cbegin() : QString();
    if (auto s = audit(QStringLiteral("notification.record"), QStringLiteral("notifications"), {},
                       QJsonObject{{"count", qint64(out.size())},
                                   {"firstId", out.first().id},
                                   {"lastId", out.last().id},
                                   {"channels", channels}},
                       incident);
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<QList<Notification>> LocalVault::notifications(const NotificationQuery& query)
{
    if (query.limit < 0)
        return Error::invalid(QStringLiteral("The notification limit must not be negative"));
    QStringList where;
    QVariantList binds;
    if (!query.incident.isEmpty()) {
        where << QStringLiteral("incident = ?");
        binds << query.incident;
    }
    if (!query.kind.isEmpty()) {
        where << QStringLiteral("kind = ?");
        binds << query.kind;
    }
    if (query.id < 0)
        return Error::invalid(QStringLiteral("A notification id must be positive"));
    if (query.id > 0) {
        where << QStringLiteral("id = ?");
        binds << query.id;
    }
    if (!query.state.isEmpty()) {
        static const QStringList states{QStringLiteral("queued"), QStringLiteral("sent"), QStringLiteral("failed")};
        if (!states.contains(query.state))
            return Error::invalid(
                QStringLiteral("The notification state \"%1\" must be queued, sent or failed").arg(query.state));
        where << QStringLiteral("state = ?");
        binds << query.state;
    }
    const int limit = query.limit == 0 ? 500 : std::min(query.limit, 100'000);
    auto q = sql::exec(
        m_vault->db(),
        QStringLiteral(
            "SELECT id, created_at, kind, channel, recipient_sealed, subject, body, incident, "
            "key_ids, state, attempts, sent_at, last_error, format, next_attempt_at FROM notifications %1 ORDER BY id "
            "DESC LIMIT %2")
            .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(u" AND "))
            .arg(limit),
        binds, QStringLiteral("read notifications"));
    if (!q)
        return q.error();
    QList<Notification> out;
    while (q->next()) {
        Notification n;
        n.id = q->value(0).toLongLong();
        n.createdAt = q->value(1).toLongLong();
        n.kind = q->value(2).toString();
        n.channel = q->value(3).toString();
        auto recipient = m_vault->unseal(q->value(4).toByteArray(), notificationContext(n.id));
        if (!recipient)
            return Error::crypto(
                QStringLiteral("Notification %1 cannot be decrypted: %2").arg(n.id).arg(recipient.errorMessage()));
        n.recipient = QString::fromUtf8(recipient->view());
        n.subject = q->value(5).toString();
        n.body = q->value(6).toString();
        n.incident = q->value(7).toString();
        for (const auto& v : QJsonDocument::fromJson(q->value(8).toString().toUtf8()).array())
            n.keyIds << v.toString();
        n.state = q->value(9).toString();
        n.attempts = q->value(10).toInt();
        n.sentAt = q->value(11).toLongLong();
        n.lastError = q->value(12).toString();
        n.format = q->value(13).toString();
        n.nextAttemptAt = n.state == QLatin1String("queued") ? q->value(14).toLongLong() : 0;
        out.append(std::move(n));
    }
    return out;
}

} // namespace kw
