#include "domain/Revocation.h"

#include <QJsonArray>

namespace kw {

QStringList RevocationPlan::keyIds() const
{
    QStringList ids;
    for (const auto& e : entries)
        ids << e.keyId;
    return ids;
}

int RevocationPlan::toRevokeCount() const
{
    int n = 0;
    for (const auto& e : entries)
        n += e.alreadyRevoked ? 0 : 1;
    return n;
}

QJsonObject RevocationPlan::toJson() const
{
    QJsonArray arr;
    for (const auto& e : entries)
        arr.append(QJsonObject{{"keyId", e.keyId},
                               {"displayId", e.displayId},
                               {"name", e.name},
                               {"project", e.project},
                               {"environment", e.environment},
                               {"relation", e.relation},
                               {"alreadyRevoked", e.alreadyRevoked},
                               {"services", QJsonArray::fromStringList(e.services)}});
    return {{"executed", executed}, {"revoked", executed ? toRevokeCount() : 0}, {"keys", arr}};
}

} // namespace kw
