#include "domain/AuditEntry.h"

#include "policy/Duration.h"
#include "util/Json.h"

namespace kw {

namespace {

QString hex(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return {{"seq", seq},         {"time", json::time(time)}, {"actor", actor},           {"role", role},
            {"action", action},   {"target", target},         {"reason", reason},         {"incident", incident},
            {"details", details}, {"hash", hex(hash)},        {"prevHash", hex(prevHash)}};
}

QJsonObject AuditVerification::toJson() const
{
    return {
        {"intact", intact},   {"checked", checked},    {"lastGoodSeq", lastGoodSeq},    {"firstBadSeq", firstBadSeq},
        {"problem", problem}, {"head", hex(headHash)}, {"checkpointSeq", checkpointSeq}};
}

QJsonObject AuditSettings::toJson() const
{
    return {{"retention", retentionMs > 0 ? Duration::format(retentionMs) : QStringLiteral("0")}};
}

QJsonObject AuditCheckpoint::toJson() const
{
    return {{"seq", seq},
            {"hash", hex(hash)},
            {"pruned", pruned},
            {"time", json::time(time)},
            {"signature", QString::fromLatin1(signature.toBase64())}};
}

QJsonObject AuditPruneReport::toJson() const
{
    return {{"pruned", pruned}, {"checkpoint", checkpoint.toJson()}};
}

QJsonObject AuditStatus::toJson() const
{
    return {{"headSeq", headSeq},
            {"headHash", hex(headHash)},
            {"entries", entries},
            {"lastVerifiedAt", json::time(lastVerifiedAt)},
            {"lastVerifiedIntact", lastVerifiedIntact},
            {"lastVerifiedChecked", lastVerifiedChecked},
            {"lastVerifiedFirstBadSeq", lastVerifiedFirstBadSeq},
            {"lastVerifiedHeadSeq", lastVerifiedHeadSeq},
            {"checkpoint", checkpoint.toJson()},
            {"settings", settings.toJson()}};
}

} // namespace kw
