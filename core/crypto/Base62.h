#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace kw::base62 {

// Alphabet 0-9A-Za-z. Fixed-width encodings: the same number of input bytes always gives the same number
// of characters, so a key's length alone tells whether it can be well-formed.
inline constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

constexpr int digitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 36;
    return -1;
}

// Characters needed for n bytes: ceil(8n / log2(62)).
int encodedLength(int bytes);

// Big-endian base conversion of `bytes`, left-padded with '0' to encodedLength(bytes.size()).
QByteArray encode(QByteArrayView bytes);
// Inverse of encode for exactly `byteCount` bytes; nullopt if a character is outside the alphabet or the
// value does not fit.
std::optional<QByteArray> decode(QByteArrayView text, int byteCount);

// A 32-bit value as exactly 6 characters (62^6 > 2^32).
void encodeU32(std::uint32_t value, char out[6]);
std::optional<std::uint32_t> decodeU32(QByteArrayView sixChars);

} // namespace kw::base62
