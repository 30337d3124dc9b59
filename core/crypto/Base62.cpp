#include "crypto/Base62.h"

#include <cmath>
#include <vector>

namespace kw::base62 {

int encodedLength(int bytes)
{
    return int(std::ceil(double(bytes) * 8.0 / std::log2(62.0)));
}

QByteArray encode(QByteArrayView bytes)
{
    const int width = encodedLength(int(bytes.size()));
    std::vector<unsigned char> num(bytes.begin(), bytes.end());
    QByteArray out(width, '0');
    // Repeated division of the big-endian number by 62; each pass yields the next least significant digit.
    for (int pos = width - 1; pos >= 0; --pos) {
        unsigned remainder = 0;
        for (auto& b : num) {
            const unsigned acc = (remainder << 8) | b;
            b = static_cast<unsigned char>(acc / 62);
            remainder = acc % 62;
        }
        out[pos] = kAlphabet[remainder];
    }
    return out;
}

std::optional<QByteArray> decode(QByteArrayView text, int byteCount)
{
    std::vector<unsigned> num(std::size_t(byteCount), 0);
    for (char c : text) {
        const int v = digitValue(c);
        if (v < 0)
            return std::nullopt;
        unsigned carry = unsigned(v);
        for (auto it = num.rbegin(); it != num.rend(); ++it) {
            const unsigned acc = *it * 62 + carry;
            *it = acc & 0xff;
            carry = acc >> 8;
        }
        if (carry != 0)
            return std::nullopt; // does not fit in byteCount bytes
    }
    QByteArray out(byteCount, Qt::Uninitialized);
    for (int i = 0; i < byteCount; ++i)
        out[i] = char(num[std::size_t(i)]);
    return out;
}

void encodeU32(std::uint32_t value, char out[6])
{
    for (int i = 5; i >= 0; --i) {
        out[i] = kAlphabet[value % 62];
        value /= 62;
    }
}

std::optional<std::uint32_t> decodeU32(QByteArrayView sixChars)
{
    if (sixChars.size() != 6)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : sixChars) {
        const int d = digitValue(c);
        if (d < 0)
            return std::nullopt;
        v = v * 62 + std::uint64_t(d);
    }
    if (v > 0xffffffffull)
        return std::nullopt;
    return std::uint32_t(v);
}

} // namespace kw::base62
