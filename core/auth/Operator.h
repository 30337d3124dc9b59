#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace kw {

// Console and API roles, enforced by the server (the GUI only mirrors them).
enum class OperatorRole { Verifier, Auditor, Responder, Admin };

// What an endpoint needs. Each role holds every capability of the roles before it, plus its own.
enum class Capability {
    Verify,    // verify keys, answer nginx auth_request, report gateway usage
    Read,      // read keys, usage, audit, policies; verify the audit trail; export reports
    Respond,   // suspend, resume, revoke (single, batch, cascading)
    Administer // everything else: issue, rotate, renew, policies, operators
};

bool roleAllows(OperatorRole role, Capability capability);
QString toString(OperatorRole role);
std::optional<OperatorRole> operatorRoleFromString(QStringView text);

struct Operator {
    QString name;
    OperatorRole role = OperatorRole::Auditor;
    qint64 createdAt = 0;
    qint64 revokedAt = 0;
    QString tokenDisplayId; // prefix + first characters, to recognise a token in logs
    QJsonObject toJson() const;
};

} // namespace kw
