#include "auth/Operator.h"

#include "util/Json.h"

namespace kw {

bool roleAllows(OperatorRole role, Capability capability)
{
    switch (capability) {
    case Capability::Verify:
        return true; // every role may verify: a verifier only that
    case Capability::Read:
        return role != OperatorRole::Verifier;
    case Capability::Respond:
        return role == OperatorRole::Responder || role == OperatorRole::Admin;
    case Capability::Administer:
        return role == OperatorRole::Admin;
    }
    return false;
}

QString toString(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Verifier:
        return QStringLiteral("verifier");
    case OperatorRole::Auditor:
        return QStringLiteral("auditor");
    case OperatorRole::Responder:
        return QStringLiteral("responder");
    case OperatorRole::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<OperatorRole> operatorRoleFromString(QStringView text)
{
    for (auto r : {OperatorRole::Verifier, OperatorRole::Auditor, OperatorRole::Responder, OperatorRole::Admin}) {
        if (text == toString(r))
            return r;
    }
    return std::nullopt;
}

QJsonObject Operator::toJson() const
{
    return {{"name", name},
            {"role", toString(role)},
            {"createdAt", json::time(createdAt)},
            {"revokedAt", json::time(revokedAt)},
            {"token", tokenDisplayId}};
}

} // namespace kw
