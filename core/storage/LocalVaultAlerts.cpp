// LocalVault: alert rules, alerts (deduplicated by dedupKey) and the notifications new alerts queue.
#include "storage/LocalVault.h"

#include "notify/Payloads.h"
#include "notify/RevocationNotice.h"
#include "storage/NotifyContexts.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace kw {

namespace {

constexpr int kMaxNote = 2000;

const QString kRuleColumns = QStringLiteral(
    "id, kind, enabled, thresholds, window_ms, project, service, severity, notify_contacts, notify_owner, block_ms, "
    "created_at, updated_at");
const QString kAlertColumns = QStringLiteral(
    "id, rule_id, kind, dedup_key, severity, title, detail, key_id, project, service, source_ip, first_seen, "
    "last_seen, count, state, acknowledged_by, acknowledged_at, resolved_by, resolved_at, note");

QString thresholdsText(const QList<qint64>& thresholds)
{
    QJsonArray t;
    for (qint64 v : thresholds)
        t.append(v);
    return QString::fromUtf8(QJsonDocument(t).toJson(QJsonDocument::Compact));
}

bool isEmailAddress(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^[^@\s<>()\[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$)"));
    return text.size() <= 254 && re.match(text).hasMatch();
}

Result<AlertRule> ruleFromRow(const QSqlQuery& q)
{
    AlertRule r;
    r.id = q.value(0).toLongLong();
    const auto kind = alertKindFromString(q.value(1).toString());
    const auto severity = alertSeverityFromString(q.value(7).toString());
    if (!kind || !severity)
        return Error::storage(QStringLiteral("Alert rule %1 is damaged (kind or severity)").arg(r.id));
    r.kind = *kind;
    r.enabled = q.value(2).toBool();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(3).toByteArray()).array())
        r.thresholds.append(v.toInteger());
    r.windowMs = q.value(4).toLongLong();
    r.project = q.value(5).toString();
    r.service = q.value(6).toString();
    r.severity = *severity;
    r.notifyContacts = q.value(8).toBool();
    r.notifyOwner = q.value(9).toBool();
    r.blockMs = q.value(10).toLongLong();
    r.createdAt = q.value(11).toLongLong();
    r.updatedAt = q.value(12).toLongLong();
    return r;
}

Result<Alert> alertFromRow(const QSqlQuery& q)
{
    Alert a;
    a.id = q.value(0).toLongLong();
    a.ruleId = q.value(1).toLongLong();
    const auto kind = alertKindFromString(q.value(2).toString());
    const auto severity = alertSeverityFromString(q.value(4).toString());
    const auto state = alertStateFromString(q.value(14).toString());
    if (!kind || !severity || !state)
        return Error::storage(QStringLiteral("Alert %1 is damaged (kind, severity or state)").arg(a.id));
    a.kind = *kind;
    a.dedupKey = q.value(3).toString();
    a.severity = *severity;
    a.title = q.value(5).toString();
    a.detail = q.value(6).toString();
    a.keyId = q.value(7).toString();
    a.project = q.value(8).toString();
    a.service = q.value(9).toString();
    a.sourceIp = q.value(10).toString();
    a.firstSeen = q.value(11).toLongLong();
    a.lastSeen = q.value(12).toLongLong();
    a.count = q.value(13).toLongLong();
    a.state = *state;
    a.acknowledgedBy = q.value(15).toString();
    a.acknowledgedAt = q.value(16).toLongLong();
    a.resolvedBy = q.value(17).toString();
    a.resolvedAt = q.value(18).toLongLong();
    a.note = q.value(19).toString();
    return a;
}

bool isExpiryKind(AlertKind kind)
{
    return kind == AlertKind::ExpiryWithin || kind == AlertKind::GraceEntered;
}

// The outbox messages for a new alert. The dedup key travels as the incident so a paging service can trigger and
// later resolve the same incident.
// The PagerDuty event of an alert: the same dedup_key as the resolve event its resolution sends.
QJsonObject pagerDutyEvent(const Alert& a, qint64 nowMs)
{
    notify::PagerDutyTrigger t;
    t.summary = QStringLiteral("KeyWarden: %1").arg(a.title);
    t.severity = a.severity == AlertSeverity::Critical  ? QStringLiteral("critical")
                 : a.severity == AlertSeverity::Warning ? QStringLiteral("warning")
                                                        : QStringLiteral("info");
    t.timestampMs = a.lastSeen > 0 ? a.lastSeen : nowMs;
    t.component = a.service.isEmpty() ? a.project : a.project + u'/' + a.service;
    t.eventClass = QStringLiteral("alert.") + toString(a.kind);
    t.customDetails =
        QJsonObject{{"alertId", a.id},        {"kind", toString(a.kind)}, {"detail", a.detail},    {"keyId", a.keyId},
                    {"sourceIp", a.sourceIp}, {"count", a.count},         {"dedupKey", a.dedupKey}};
    return notify::pagerDutyTrigger(QStringLiteral("keywarden:%1").arg(a.dedupKey), t);
}

QList<Notification> notificationsFor(const Alert& a, const LocalVault::AlertDraft& d, const QList<Contact>& contacts)
{
    const QString kind = isExpiryKind(a.kind) ? QStringLiteral("expiry") : QStringLiteral("alert");
    const QString subject = QStringLiteral("[KeyWarden] %1: %2").arg(toString(a.severity), a.title).left(500);
    QString body = a.detail;
    body += QStringLiteral("\n\nAlert %1 (%2), severity %3").arg(a.id).arg(toString(a.kind), toString(a.severity));
    if (!a.project.isEmpty())
        body += QStringLiteral("\nProject: %1%2").arg(a.project, a.service.isEmpty() ? QString() : "/" + a.service);
    if (!a.keyId.isEmpty())
        body += QStringLiteral("\nKey: %1").arg(a.keyId);
    if (!a.sourceIp.isEmpty())
        body += QStringLiteral("\nSource address: %1").arg(a.sourceIp);
    body += QStringLiteral("\nDedup key: %1").arg(a.dedupKey);
    QList<Notification> out;
    QSet<QString> seen;
    auto add = [&](const QString& channel, const QString& recipient, const Contact* contact = nullptr) {
        if (recipient.isEmpty() || seen.contains(channel + '|' + recipient))
            return;
        seen.insert(channel + '|' + recipient);
        Notification n;
        n.kind = kind;
        n.channel = channel;
        n.recipient = recipient;
        n.subject = subject;
        n.body = body;
        n.incident = a.dedupKey;
        if (!a.keyId.isEmpty())
            n.keyIds = {a.keyId};
        if (channel == QLatin1String("webhook")) {
            // Shaped for the receiver the contact names: KeyWarden's JSON, a Slack message or a PagerDuty event.
            n.format =
                contact && !contact->webhookFormat.isEmpty() ? contact->webhookFormat : QStringLiteral("generic");
            if (n.format == QLatin1String("slack")) {
                n.body = notifyJsonText(notify::slackMessage(subject, body, a.dedupKey));
            } else if (n.format == QLatin1String("pagerduty")) {
                n.routingKey = contact->pagerDutyRoutingKey;
                n.body = notifyJsonText(pagerDutyEvent(a, a.lastSeen));
            } else {
                QJsonObject alert = a.toJson();
                n.body = notifyJsonText(
                    QJsonObject{{"event", kind == QLatin1String("expiry") ? QStringLiteral("key.expiring")
                                                                          : QStringLiteral("alert.raised")},
                                {"subject", subject},
                                {"alert", alert}});
            }
        }
        out.append(n);
    };
    if (d.notifyOwner && isEmailAddress(d.ownerEmail))
        add(QStringLiteral("email"), d.ownerEmail);
    if (d.notifyContacts) {
        for (const Contact& c : contacts) {
            // No project (server-wide alerts): every contact; else the project's, and for a service its own too.
            if (!a.project.isEmpty() && (c.project != a.project || (!c.service.isEmpty() && c.service != a.service)))
                continue;
            add(QStringLiteral("email"), c.email);
            add(QStringLiteral("webhook"), c.webhookUrl, &c);
        }
    }
    return out;
}

} // namespace

Result<QList<AlertRule>> LocalVault::alertRules()
{
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT %1 FROM alert_rules ORDER BY id").arg(kRuleColumns), {},
                       QStringLiteral("read the alert rules"));
    if (!q)
        return q.error();
    QList<AlertRule> out;
    while (q->next()) {
        auto r = ruleFromRow(*q);
        if (!r)
            return r.error();
        out.append(*r);
    }
    return out;
}

Result<AlertRule> LocalVault::saveAlertRule(const AlertRule& input)
{
    AlertRule r = input;
    r.project = r.project.trimmed();
    r.service = r.service.trimmed();
    if (auto s = r.validate(); !s)
        return s.error();
    if (r.kind == AlertKind::ExpiryWithin)
        std::sort(r.thresholds.begin(), r.thresholds.end(), std::greater<>());
    if (!r.project.isEmpty()) {
        auto pid = projectId(r.project);
        if (!pid)
            return pid.error();
    }
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    const QVariantList values{
        toString(r.kind),     r.enabled ? 1 : 0,        thresholdsText(r.thresholds), r.windowMs, r.project, r.service,
        toString(r.severity), r.notifyContacts ? 1 : 0, r.notifyOwner ? 1 : 0,        r.blockMs};
    if (r.id == 0) {
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("INSERT INTO alert_rules (kind, enabled, thresholds, window_ms, project, "
                                          "service, severity, notify_contacts, notify_owner, block_ms, created_at, "
                                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           values + QVariantList{now, now}, QStringLiteral("create the alert rule"));
        if (!q)
            return q.error();
        r.id = q->lastInsertId().toLongLong();
        r.createdAt = now;
    } else {
        auto old = sql::exec(m_vault->db(), QStringLiteral("SELECT created_at FROM alert_rules WHERE id = ?"), {r.id},
                             QStringLiteral("read the alert rule"));
        if (!old)
            return old.error();
        if (!old->next())
            return Error::notFound(QStringLiteral("No alert rule with id %1").arg(r.id));
        r.createdAt = old->value(0).toLongLong();
        auto q =
            sql::exec(m_vault->db(),
                      QStringLiteral("UPDATE alert_rules SET kind = ?, enabled = ?, thresholds = ?, window_ms = ?, "
                                     "project = ?, service = ?, severity = ?, notify_contacts = ?, "
                                     "notify_owner = ?, block_ms = ?, updated_at = ? WHERE id = ?"),
                      values + QVariantList{now, r.id}, QStringLiteral("update the alert rule"));
        if (!q)
            return q.error();
    }
    r.updatedAt = now;
    if (auto s = audit(QStringLiteral("alert.rule.save"), QStringLiteral("alert-rule:%1").arg(r.id), {}, r.toJson());
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return r;
}

Status LocalVault::removeAlertRule(qint64 id)
{
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT kind FROM alert_rules WHERE id = ?"), {id},
                       QStringLiteral("read the alert rule"));
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(QStringLiteral("No alert rule with id %1").arg(id));
    const QString kind = q->value(0).toString();
    if (auto d = sql::exec(m_vault->db(), QStringLiteral("DELETE FROM alert_rules WHERE id = ?"), {id},
                           QStringLiteral("remove the alert rule"));
        !d)
        return d.error();
    if (auto s = audit(QStringLiteral("alert.rule.remove"), QStringLiteral("alert-rule:%1").arg(id), {},
                       QJsonObject{{"kind", kind}});
        !s)
        return s;
    return tx.commit();
}

Result<QList<Alert>> LocalVault::readAlerts(const QString& where, const QVariantList& binds, const QString& tail)
{
    auto q = sql::exec(m_vault->db(), QStringLiteral("SELECT %1 FROM alerts %2 %3").arg(kAlertColumns, where, tail),
                       binds, QStringLiteral("read the alerts"));
    if (!q)
        return q.error();
    QList<Alert> out;
    while (q->next()) {
        auto a = alertFromRow(*q);
        if (!a)
            return a.error();
        out.append(*a);
    }
    return out;
}

Result<QList<Alert>> LocalVault::alerts(const AlertQuery& query)
{
    QStringList where;
    QVariantList binds;
    if (query.state) {
        where << QStringLiteral("state = ?");
        binds << toString(*query.state);
    } else if (query.activeOnly) {
        where << QStringLiteral("state <> 'resolved'");
    }
    if (query.kind) {
        where << QStringLiteral("kind = ?");
        binds << toString(*query.kind);
    }
    if (!query.project.isEmpty()) {
        where << QStringLiteral("project = ?");
        binds << query.project;
    }
    if (!query.keyId.isEmpty()) {
        where << QStringLiteral("key_id = ?");
        binds << query.keyId;
    }
    const int limit = query.limit > 0 ? std::min(query.limit, 10'000) : 10'000;
    return readAlerts(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")),
                      binds, QStringLiteral("ORDER BY last_seen DESC, id DESC LIMIT %1").arg(limit));
}

Result<Alert> LocalVault::alert(qint64 id)
{
    auto list = readAlerts(QStringLiteral("WHERE id = ?"), {id});
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Error::notFound(QStringLiteral("No alert with id %1").arg(id));
    return list->first();
}

Result<Alert> LocalVault::changeAlertState(qint64 id, AlertState to, const QString& note)
{
    if (note.size() > kMaxNote)
        return Error::invalid(QStringLiteral("The note is longer than %1 characters").arg(kMaxNote));
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto current = alert(id);
    if (!current)
        return current.error();
    Alert a = *current;
    if (a.state == AlertState::Resolved)
        return Error::conflict(QStringLiteral("Alert %1 is already resolved").arg(id));
    if (to == AlertState::Acknowledged && a.state == AlertState::Acknowledged)
        return Error::conflict(QStringLiteral("Alert %1 is already acknowledged by %2").arg(id).arg(a.acknowledgedBy));
    const qint64 now = m_clock.nowMs();
    a.state = to;
    if (!note.trimmed().isEmpty())
        a.note = note.trimmed();
    if (to == AlertState::Acknowledged) {
        a.acknowledgedBy = m_actor;
        a.acknowledgedAt = now;
    } else {
        a.resolvedBy = m_actor;
        a.resolvedAt = now;
    }
    auto q =
        sql::exec(m_vault->db(),
                  QStringLiteral("UPDATE alerts SET state = ?, note = ?, acknowledged_by = ?, acknowledged_at = ?, "
                                 "resolved_by = ?, resolved_at = ? WHERE id = ?"),
                  {toString(a.state), a.note, a.acknowledgedBy, sql::nullableTime(a.acknowledgedAt), a.resolvedBy,
                   sql::nullableTime(a.resolvedAt), id},
                  QStringLiteral("update the alert"));
    if (!q)
        return q.error();
    // Resolving closes what the alert opened at its webhook receivers: a "resolution" message to each (PagerDuty: a
    // resolve event for the same dedup_key), queued in this transaction.
    qint64 resolutions = 0;
    if (to == AlertState::Resolved) {
        NotificationQuery query;
        query.incident = a.dedupKey;
        query.limit = 10'000;
        auto earlier = notifications(query);
        if (!earlier)
            return earlier.error();
        // Newest first: what this alert sent is everything after the last resolution of the same dedup key.
        // Incident tools need the close; people were told by the alert and see the resolution in the console.
        QList<Notification> sent;
        for (const Notification& n : *earlier) {
            if (n.kind == QLatin1String("resolution"))
                break;
            if (n.channel == QLatin1String("webhook"))
                sent.prepend(n);
        }
        if (!sent.isEmpty()) {
            if (auto s = unsealRoutingKeys(*m_vault, sent); !s)
                return s.error();
            auto recorded = recordNotifications(buildResolutionNotifications(a.dedupKey, note.trimmed(), sent));
            if (!recorded)
                return recorded.error();
            resolutions = recorded->size();
        }
    }
    const QString action =
        to == AlertState::Acknowledged ? QStringLiteral("alert.ack") : QStringLiteral("alert.resolve");
    if (auto s = audit(action, QStringLiteral("alert:%1").arg(id), note.trimmed(),
                       QJsonObject{{"kind", toString(a.kind)},
                                   {"dedupKey", a.dedupKey},
                                   {"keyId", a.keyId},
                                   {"notifications", resolutions}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return a;
}

Result<Alert> LocalVault::acknowledgeAlert(qint64 id, const QString& note)
{
    return changeAlertState(id, AlertState::Acknowledged, note);
}

Result<Alert> LocalVault::resolveAlert(qint64 id, const QString& note)
{
    return changeAlertState(id, AlertState::Resolved, note);
}

Result<QList<Alert>> LocalVault::recordAlerts(const QList<AlertDraft>& drafts, qint64 nowMs)
{
    if (drafts.isEmpty())
        return QList<Alert>{};
    if (nowMs <= 0)
        nowMs = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    QList<Alert> changed;
    QList<Notification> outbox;
    std::optional<QList<Contact>> contactList; // read once, only when a new alert needs it
    QJsonObject created;
    for (const AlertDraft& d : drafts) {
        const Alert& draft = d.alert;
        auto existing = readAlerts(d.once ? QStringLiteral("WHERE dedup_key = ?")
                                          : QStringLiteral("WHERE dedup_key = ? AND state <> 'resolved'"),
                                   {draft.dedupKey}, QStringLiteral("ORDER BY id DESC LIMIT 1"));
        if (!existing)
            return existing.error();
        if (!existing->isEmpty()) {
            if (d.once)
                continue;
            Alert a = existing->first();
            a.count += std::max<qint64>(draft.count, 1);
            a.lastSeen = std::max(a.lastSeen, nowMs);
            a.detail = draft.detail;
            auto q = sql::exec(m_vault->db(),
                               QStringLiteral("UPDATE alerts SET count = ?, last_seen = ?, detail = ? WHERE id = ?"),
                               {a.count, a.lastSeen, a.detail, a.id}, QStringLiteral("update the alert"));
            if (!q)
                return q.error();
            changed.append(a);
            continue;
        }
        Alert a = draft;
        a.firstSeen = a.lastSeen = nowMs;
        a.count = std::max<qint64>(draft.count, 1);
        a.state = AlertState::Open;
        auto q = sql::exec(
            m_vault->db(),
            QStringLiteral("INSERT INTO alerts (rule_id, kind, dedup_key, severity, title, detail, key_id, project, "
                           "service, source_ip, first_seen, last_seen, count, state) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')"),
            {a.ruleId, toString(a.kind), a.dedupKey, toString(a.severity), a.title.left(500), a.detail, a.keyId,
             a.project, a.service, a.sourceIp, a.firstSeen, a.lastSeen, a.count},
            QStringLiteral("record the alert"));
        if (!q)
            return q.error();
        a.id = q->lastInsertId().toLongLong();
        created.insert(toString(a.kind), created.value(toString(a.kind)).toInteger() + 1);
        if (d.notifyContacts && !contactList) {
            auto c = contacts({});
            if (!c)
                return c.error();
            contactList = *c;
        }
        outbox += notificationsFor(a, d, contactList.value_or(QList<Contact>{}));
        changed.append(a);
    }
    if (!created.isEmpty())
        if (auto s =
                audit(QStringLiteral("alert.raise"), QStringLiteral("alerts"), {}, QJsonObject{{"kinds", created}});
            !s)
            return s.error();
    if (!outbox.isEmpty())
        if (auto n = recordNotifications(outbox); !n)
            return n.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return changed;
}

} // namespace kw
