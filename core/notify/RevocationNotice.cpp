#include "notify/RevocationNotice.h"

#include "notify/Payloads.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kw {

namespace {

bool concerns(const Contact& c, const RevocationPlan::Entry& e)
{
    return !e.alreadyRevoked && e.project == c.project && (c.service.isEmpty() || e.services.contains(c.service));
}

QString subjectFor(const QString& incident, const Contact& c, qsizetype keys)
{
    const QString where = c.service.isEmpty() ? c.project : c.project + u'/' + c.service;
    const QString what = keys == 1 ? QStringLiteral("1 key revoked") : QStringLiteral("%1 keys revoked").arg(keys);
    return incident.isEmpty() ? QStringLiteral("[KeyWarden] %1 in %2").arg(what, where)
                              : QStringLiteral("[KeyWarden] %1: %2 in %3").arg(incident, what, where);
}

QString textBody(const QString& incident, const QString& reason, const Contact& c,
                 const QList<const RevocationPlan::Entry*>& keys)
{
    QString body = QStringLiteral("Hello %1,\n\nKeys you are the emergency contact for were revoked.\n\n")
                       .arg(c.name.isEmpty() ? QStringLiteral("there") : c.name);
    if (!incident.isEmpty())
        body += QStringLiteral("Incident: %1\n").arg(incident);
    body += QStringLiteral("Reason: %1\nProject: %2\n").arg(reason, c.project);
    if (!c.service.isEmpty())
        body += QStringLiteral("Service: %1\n").arg(c.service);
    body += QStringLiteral("\nRevoked keys (display ids; secrets are never sent):\n");
    for (const auto* e : keys)
        body +=
            QStringLiteral("  %1  %2  (%3%4)\n")
                .arg(e->displayId, e->name, e->environment,
                     e->services.isEmpty() ? QString() : QStringLiteral(", ") + e->services.join(QStringLiteral(", ")));
    body += QStringLiteral("\nClients still using these keys are rejected from now on. Switch them to a backup or "
                           "replacement key.\n");
    return body;
}

QString webhookBody(const QString& incident, const QString& reason, const Contact& c,
                    const QList<const RevocationPlan::Entry*>& keys)
{
    QJsonArray list;
    for (const auto* e : keys)
        list.append(QJsonObject{{"keyId", e->keyId},
                                {"displayId", e->displayId},
                                {"name", e->name},
                                {"environment", e->environment},
                                {"services", QJsonArray::fromStringList(e->services)},
                                {"relation", e->relation}});
    const QJsonObject o{{"event", "keys.revoked"}, {"incident", incident}, {"reason", reason},
                        {"project", c.project},    {"service", c.service}, {"keys", list}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The incident id opens and closes the PagerDuty incident; without one, the first key stands for it.
QString dedupKey(const QString& incident, const Contact& c, const QList<const RevocationPlan::Entry*>& keys)
{
    return incident.isEmpty() ? QStringLiteral("keywarden:%1:%2").arg(c.project, keys.first()->keyId)
                              : QStringLiteral("keywarden:%1").arg(incident);
}

notify::PagerDutyTrigger pagerDutyDetails(const QString& incident, const QString& reason, const Contact& c,
                                          const QList<const RevocationPlan::Entry*>& keys, qint64 nowMs)
{
    QJsonArray list;
    QStringList environments;
    for (const auto* e : keys) {
        list.append(QJsonObject{{"displayId", e->displayId}, {"name", e->name}, {"environment", e->environment}});
        if (!environments.contains(e->environment))
            environments << e->environment;
    }
    notify::PagerDutyTrigger t;
    t.summary = subjectFor(incident, c, keys.size()) + QStringLiteral(" (%1)").arg(reason);
    t.timestampMs = nowMs;
    t.component = c.service.isEmpty() ? c.project : c.project + u'/' + c.service;
    t.group = environments.join(u',');
    t.eventClass = QStringLiteral("key.revocation");
    t.customDetails = QJsonObject{{"incident", incident}, {"reason", reason}, {"keys", list}};
    return t;
}

} // namespace

QString notifyJsonText(const QJsonObject& o)
{
    return compact(o);
}

QList<Notification> buildRevocationNotifications(const QString& incident, const RevocationPlan& plan,
                                                 const QString& reason, const QList<Contact>& contacts, qint64 nowMs)
{
    QList<Notification> out;
    for (const Contact& c : contacts) {
        QList<const RevocationPlan::Entry*> keys;
        QStringList ids;
        for (const auto& e : plan.entries) {
            if (concerns(c, e)) {
                keys << &e;
                ids << e.keyId;
            }
        }
        if (keys.isEmpty())
            continue;
        Notification n;
        n.kind = QStringLiteral("revocation");
        n.incident = incident;
        n.keyIds = ids;
        n.subject = subjectFor(incident, c, keys.size());
        n.state = QStringLiteral("queued");
        if (!c.email.isEmpty()) {
            n.channel = QStringLiteral("email");
            n.recipient = c.email;
            n.body = textBody(incident, reason, c, keys);
            out << n;
        }
        if (!c.webhookUrl.isEmpty()) {
            n.channel = QStringLiteral("webhook");
            n.recipient = c.webhookUrl;
            n.format = c.webhookFormat.isEmpty() ? QStringLiteral("generic") : c.webhookFormat;
            if (n.format == QLatin1String("slack")) {
                n.body = compact(notify::slackMessage(n.subject, textBody(incident, reason, c, keys), incident));
            } else if (n.format == QLatin1String("pagerduty")) {
                n.routingKey = c.pagerDutyRoutingKey;
                n.body = compact(notify::pagerDutyTrigger(dedupKey(incident, c, keys),
                                                          pagerDutyDetails(incident, reason, c, keys, nowMs)));
            } else {
                n.body = webhookBody(incident, reason, c, keys);
            }
            out << n;
            n.format.clear();
            n.routingKey.clear();
        }
    }
    return out;
}

} // namespace kw

namespace kw {

QList<Notification> buildResolutionNotifications(const QString& incident, const QString& note,
                                                 const QList<Notification>& sent)
{
    QList<Notification> out;
    QSet<QString> seen;
    const QString subject = QStringLiteral("[KeyWarden] %1: resolved").arg(incident);
    QString text = QStringLiteral("Incident %1 is resolved.\n").arg(incident);
    if (!note.isEmpty())
        text += QStringLiteral("\n%1\n").arg(note);
    for (const Notification& prior : sent) {
        const QString id = prior.channel + u'\n' + prior.recipient + u'\n' + prior.format + u'\n' + prior.routingKey;
        if (seen.contains(id))
            continue;
        seen.insert(id);
        Notification n;
        n.kind = QStringLiteral("resolution");
        n.channel = prior.channel;
        n.recipient = prior.recipient;
        n.format = prior.format;
        n.routingKey = prior.routingKey;
        n.incident = incident;
        n.keyIds = prior.keyIds;
        n.subject = subject;
        if (n.format == QLatin1String("pagerduty"))
            n.body = notifyJsonText(notify::pagerDutyResolve(QStringLiteral("keywarden:%1").arg(incident)));
        else if (n.format == QLatin1String("slack"))
            n.body = notifyJsonText(notify::slackMessage(subject, text, incident));
        else if (n.channel == QLatin1String("webhook"))
            n.body =
                notifyJsonText(QJsonObject{{"event", "incident.resolved"}, {"incident", incident}, {"note", note}});
        else
            n.body = text;
        out << n;
    }
    return out;
}

} // namespace kw
