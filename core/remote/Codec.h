#pragma once

#include "domain/KeySpec.h"
#include "domain/Lifecycle.h"
#include "domain/Revocation.h"
#include "domain/VerifyResult.h"
#include "util/Result.h"

#include <QJsonObject>

// JSON forms of requests shared by keywardend (which parses them) and the remote backend (which writes
// them). Response types carry their own toJson(); their parsers live beside them here too.
namespace kw::codec {

QJsonObject toJson(const KeySpec& spec);
Result<KeySpec> keySpecFromJson(const QJsonObject& object);

struct VerifyRequest {
    SecureBytes key;
    VerifyContext context;
};
QJsonObject verifyRequestToJson(QByteArrayView secret, const VerifyContext& context);
Result<VerifyRequest> verifyRequestFromJson(const QJsonObject& object);

QJsonObject toJson(const RevocationRequest& request);
Result<RevocationRequest> revocationRequestFromJson(const QJsonObject& object);

QJsonObject toJson(const PolicyTarget& target);
Result<PolicyTarget> policyTargetFromJson(const QJsonObject& object);

} // namespace kw::codec
