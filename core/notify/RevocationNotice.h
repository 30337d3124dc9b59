#pragma once

#include "domain/Contact.h"
#include "domain/Revocation.h"

#include <QList>

namespace kw {

// The emergency-contact messages for a revocation: one per channel (email, webhook) of every contact of an
// affected project (service ""), or of a service one of the affected keys is bound to. Subject and body name the keys
// by display id only.
// Webhooks follow the contact's webhookFormat: generic JSON ({"event":"keys.revoked",...}), a Slack message, or a
// PagerDuty trigger (dedup_key "keywarden:<incident>") carrying the contact's routing key.
QList<Notification> buildRevocationNotifications(const QString& incident, const RevocationPlan& plan,
                                                 const QString& reason, const QList<Contact>& contacts,
                                                 qint64 nowMs = 0);

// The "resolved" messages closing an incident: one per distinct receiver (channel, recipient, format, routing key)
// of `sent`, the incident's earlier notifications. PagerDuty receivers get a resolve event for the same dedup_key.
QList<Notification> buildResolutionNotifications(const QString& incident, const QString& note,
                                                 const QList<Notification>& sent);

QString notifyJsonText(const QJsonObject& object);

} // namespace kw
