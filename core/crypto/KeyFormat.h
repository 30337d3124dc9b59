#pragma once

#include "crypto/RandomSource.h"
#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace kw {

// The API key string: `<prefix><base62 random><6-char base62 CRC32>`, e.g.
//   kw_live_3f9XkQ...Zt4b2C
// The prefix ends with '_' and names the environment (configurable per project and environment), so a
// leaked string is recognisable. The checksum covers prefix and random part, so a scanner can tell a real
// key from a random string offline, before any lookup.
class KeyFormat {
public:
    static constexpr int kRandomBytes = 32; // 256 bits
    static constexpr int kBodyChars = 43;   // base62 of 32 bytes
    static constexpr int kChecksumChars = 6;
    static constexpr int kMinPrefix = 2;
    static constexpr int kMaxPrefix = 32;
    static constexpr int kDisplayChars = 8; // characters of the random part shown in display ids

    // A prefix is 2-32 characters of [a-z0-9_], starts with a letter and ends with '_'.
    static Status validatePrefix(QStringView prefix);

    static Result<SecureBytes> generate(QStringView prefix, RandomSource& random = RandomSource::system());

    // Format and checksum only; the error names what is wrong (never echoing the secret).
    static Status check(QByteArrayView secret);
    static bool isWellFormed(QByteArrayView secret) { return check(secret).ok(); }

    // For a well-formed key: its prefix (with the trailing '_') and its non-secret display id, which is
    // the prefix plus the first kDisplayChars characters of the random part.
    static QString prefixOf(QByteArrayView secret);
    static QString displayIdOf(QByteArrayView secret);

    // Every key-looking token in free text (a pasted log excerpt, a diff), with whether its checksum holds.
    struct Candidate {
        qsizetype offset = 0;
        qsizetype length = 0;
        bool checksumValid = false;
    };
    static QList<Candidate> scan(QByteArrayView text);
};

} // namespace kw
