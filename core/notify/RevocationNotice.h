#pragma once

#include "domain/Contact.h"
#include "domain/Revocation.h"

#include <QList>

namespace kw {

// The emergency-contact messages for a revocation: one per channel (email, webhook) of every contact of an
// affected project (service ""), or of a service one of the affected keys is bound to. Subject and body name the keys
// by display id only.
QList<Notification> buildRevocationNotifications(const QString& incident, const RevocationPlan& plan,
                                                 const QString& reason, const QList<Contact>& contacts);

} // namespace kw
