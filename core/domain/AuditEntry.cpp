#include "domain/AuditEntry.h"

#include "util/Json.h"

namespace kw {

QJsonObject AuditEntry::toJson() const
{
    return {{"seq", seq},           {"time", json::time(time)}, {"actor", actor},
            {"action", action},     {"target", target},         {"reason", reason},
            {"incident", incident}, {"details", details},       {"hash", QString::fromLatin1(hash.toHex())}};
}

QJsonObject AuditVerification::toJson() const
{
    return {{"intact", intact},           {"checked", checked}, {"lastGoodSeq", lastGoodSeq},
            {"firstBadSeq", firstBadSeq}, {"problem", problem}, {"head", QString::fromLatin1(headHash.toHex())}};
}

} // namespace kw
