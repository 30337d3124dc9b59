#include "Backend.h"

#include "notify/RevocationNotice.h"

#include <QDateTime>
#include <QSet>

namespace kw {

Backend::~Backend() = default;

Result<QList<Notification>> Backend::notifyRevocation(const QString& incident, const RevocationPlan& plan,
                                                      const QString& reason)
{
    QStringList projects;
    for (const auto& e : plan.entries)
        if (!e.alreadyRevoked && !projects.contains(e.project))
            projects << e.project;
    QList<Contact> all;
    for (const QString& project : projects) {
        auto list = contacts(project);
        if (!list)
            return list.error();
        all += *list;
    }
    const QList<Notification> drafts =
        buildRevocationNotifications(incident, plan, reason, all, QDateTime::currentMSecsSinceEpoch());
    if (drafts.isEmpty())
        return QList<Notification>{};
    return recordNotifications(drafts);
}

} // namespace kw
