#include "crypto/KeyFormat.h"

#include "crypto/Base62.h"
#include "crypto/Crc32.h"

#include <cstring>

namespace kw {

namespace {

constexpr bool isPrefixChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

} // namespace

Status KeyFormat::validatePrefix(QStringView prefix)
{
    if (prefix.size() < kMinPrefix || prefix.size() > kMaxPrefix)
        return Error::invalid(QStringLiteral("Key prefix \"%1\" must be %2 to %3 characters long")
                                  .arg(prefix)
                                  .arg(kMinPrefix)
                                  .arg(kMaxPrefix));
    if (!(prefix.front() >= u'a' && prefix.front() <= u'z'))
        return Error::invalid(QStringLiteral("Key prefix \"%1\" must start with a lowercase letter").arg(prefix));
    if (prefix.back() != u'_')
        return Error::invalid(QStringLiteral("Key prefix \"%1\" must end with '_'").arg(prefix));
    for (QChar c : prefix) {
        if (c.unicode() > 127 || !isPrefixChar(char(c.unicode())))
            return Error::invalid(
                QStringLiteral("Key prefix \"%1\" may only hold lowercase letters, digits and '_'").arg(prefix));
    }
    return {};
}

Result<SecureBytes> KeyFormat::generate(QStringView prefix, RandomSource& random)
{
    if (auto s = validatePrefix(prefix); !s)
        return s.error();
    SecureBytes raw(kRandomBytes);
    if (auto s = random.fill(raw.data(), raw.size()); !s)
        return s.error();

    QByteArray body = base62::encode(raw.view());
    const QByteArray p = prefix.toLatin1();
    const qsizetype total = p.size() + kBodyChars + kChecksumChars;
    SecureBytes out{std::size_t(total)};
    auto* dst = reinterpret_cast<char*>(out.data());
    std::memcpy(dst, p.constData(), std::size_t(p.size()));
    std::memcpy(dst + p.size(), body.constData(), kBodyChars);
    secureWipe(body);
    const std::uint32_t sum = crc32(dst, std::size_t(p.size() + kBodyChars));
    base62::encodeU32(sum, dst + p.size() + kBodyChars);
    return out;
}

Status KeyFormat::check(QByteArrayView secret)
{
    const qsizetype minLen = kMinPrefix + kBodyChars + kChecksumChars;
    const qsizetype maxLen = kMaxPrefix + kBodyChars + kChecksumChars;
    if (secret.size() < minLen || secret.size() > maxLen)
        return Error::invalid(QStringLiteral("Not a KeyWarden key: expected %1 to %2 characters, got %3")
                                  .arg(minLen)
                                  .arg(maxLen)
                                  .arg(secret.size()));
    const qsizetype prefixLen = secret.size() - kBodyChars - kChecksumChars;
    if (secret[prefixLen - 1] != '_')
        return Error::invalid(QStringLiteral("Not a KeyWarden key: the prefix must end with '_'"));
    if (!(secret[0] >= 'a' && secret[0] <= 'z'))
        return Error::invalid(QStringLiteral("Not a KeyWarden key: the prefix must start with a lowercase letter"));
    for (qsizetype i = 0; i < prefixLen; ++i) {
        if (!isPrefixChar(secret[i]))
            return Error::invalid(QStringLiteral("Not a KeyWarden key: invalid character in the prefix"));
    }
    for (qsizetype i = prefixLen; i < secret.size(); ++i) {
        if (base62::digitValue(secret[i]) < 0)
            return Error::invalid(QStringLiteral("Not a KeyWarden key: invalid character at position %1").arg(i + 1));
    }
    const auto stored = base62::decodeU32(secret.sliced(secret.size() - kChecksumChars));
    const std::uint32_t actual = crc32(secret.data(), std::size_t(secret.size() - kChecksumChars));
    if (!stored || *stored != actual)
        return Error::invalid(QStringLiteral("Not a valid KeyWarden key: the checksum does not match "
                                             "(mistyped or truncated)"));
    // The random part must be at most 2^256 - 1; 43 base62 digits can express slightly more. The encoding is
    // fixed-width over an alphabet in ASCII order, so comparing strings compares numbers.
    static const QByteArray kMaxBody = base62::encode(QByteArray(kRandomBytes, char(0xff)));
    if (secret.sliced(prefixLen, kBodyChars).compare(QByteArrayView(kMaxBody)) > 0)
        return Error::invalid(QStringLiteral("Not a valid KeyWarden key: the random part is out of range"));
    return {};
}

QString KeyFormat::prefixOf(QByteArrayView secret)
{
    const qsizetype prefixLen = secret.size() - kBodyChars - kChecksumChars;
    return prefixLen > 0 ? QString::fromLatin1(secret.first(prefixLen)) : QString();
}

QString KeyFormat::displayIdOf(QByteArrayView secret)
{
    const qsizetype prefixLen = secret.size() - kBodyChars - kChecksumChars;
    if (prefixLen <= 0)
        return {};
    return QString::fromLatin1(secret.first(prefixLen + kDisplayChars));
}

QList<KeyFormat::Candidate> KeyFormat::scan(QByteArrayView text)
{
    // A token is a maximal run of [A-Za-z0-9_]; a candidate is a token whose tail has the body+checksum
    // length after a '_' and whose head looks like a prefix.
    QList<Candidate> out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto isTokenChar = [](char c) { return base62::digitValue(c) >= 0 || c == '_'; };
    while (i < n) {
        if (!isTokenChar(text[i])) {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && isTokenChar(text[j]))
            ++j;
        const qsizetype len = j - i;
        const QByteArrayView token = text.sliced(i, len);
        const qsizetype prefixLen = len - kBodyChars - kChecksumChars;
        if (prefixLen >= kMinPrefix && prefixLen <= kMaxPrefix && token[prefixLen - 1] == '_' && token[0] >= 'a' &&
            token[0] <= 'z') {
            bool prefixOk = true;
            for (qsizetype k = 0; k < prefixLen && prefixOk; ++k)
                prefixOk = isPrefixChar(token[k]);
            bool bodyOk = true;
            for (qsizetype k = prefixLen; k < len && bodyOk; ++k)
                bodyOk = base62::digitValue(token[k]) >= 0;
            if (prefixOk && bodyOk)
                out.append({i, len, check(token).ok()});
        }
        i = j;
    }
    return out;
}

} // namespace kw
