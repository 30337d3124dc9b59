#include "policy/IpAddress.h"

#include <QHostAddress>

namespace kw {

namespace {

constexpr quint64 kMappedPrefix = 0x0000'ffff'0000'0000ULL;

inline char16_t at(const QChar* s, qsizetype i)
{
    return s[i].unicode();
}
inline char16_t at(const char* s, qsizetype i)
{
    return char16_t(static_cast<unsigned char>(s[i]));
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

template <typename Ch> bool parseV4(const Ch* s, qsizetype n, quint32* out)
{
    quint32 value = 0;
    qsizetype i = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (i >= n || at(s, i) != u'.')
                return false;
            ++i;
        }
        const qsizetype start = i;
        unsigned octet = 0;
        while (i < n && i - start < 4 && at(s, i) >= u'0' && at(s, i) <= u'9')
            octet = octet * 10 + (at(s, i++) - u'0');
        const qsizetype len = i - start;
        if (len == 0 || len > 3 || octet > 255 || (len > 1 && at(s, start) == u'0'))
            return false;
        value = (value << 8) | octet;
    }
    *out = value;
    return i == n;
}

template <typename Ch> bool parseV6(const Ch* s, qsizetype n, quint16 (&groups)[8])
{
    quint16 g[8] = {};
    int count = 0;
    int gap = -1; // index in g where "::" stands
    qsizetype i = 0;
    if (n >= 2 && at(s, 0) == u':' && at(s, 1) == u':') {
        gap = 0;
        i = 2;
    }
    while (i < n) {
        qsizetype j = i;
        unsigned value = 0;
        while (j < n && j - i < 5 && hexValue(at(s, j)) >= 0)
            value = (value << 4) | unsigned(hexValue(at(s, j++)));
        if (j < n && at(s, j) == u'.') { // trailing dotted quad takes two groups and ends the text
            quint32 v4 = 0;
            if (count > 6 || !parseV4(s + i, n - i, &v4))
                return false;
            g[count++] = quint16(v4 >> 16);
            g[count++] = quint16(v4);
            i = n;
            break;
        }
        if (j == i || j - i > 4 || count == 8)
            return false;
        g[count++] = quint16(value);
        i = j;
        if (i == n)
            break;
        if (at(s, i) != u':')
            return false;
        if (++i == n)
            return false; // a single trailing ':'
        if (at(s, i) == u':') {
            if (gap >= 0)
                return false; // a second "::"
            gap = count;
            ++i;
        }
    }
    if (gap < 0 ? count != 8 : count > 7)
        return false;
    const int fill = 8 - count; // zero groups the "::" stands for
    for (int k = 0, src = 0; k < 8; ++k) {
        const bool inGap = gap >= 0 && k >= gap && k < gap + fill;
        groups[k] = inGap ? 0 : g[src++];
    }
    return true;
}

template <typename Ch> std::optional<IpAddress> parseAny(const Ch* s, qsizetype n)
{
    if (n == 0 || n > 45) // 45 = longest IPv6 text with an embedded IPv4
        return std::nullopt;
    bool hasColon = false;
    for (qsizetype i = 0; i < n && !hasColon; ++i)
        hasColon = at(s, i) == u':';
    if (!hasColon) {
        quint32 v4 = 0;
        if (!parseV4(s, n, &v4))
            return std::nullopt;
        return IpAddress::fromV4(v4);
    }
    quint16 g[8];
    if (!parseV6(s, n, g))
        return std::nullopt;
    quint64 hi = 0, lo = 0;
    for (int k = 0; k < 4; ++k) {
        hi = (hi << 16) | g[k];
        lo = (lo << 16) | g[k + 4];
    }
    return IpAddress::fromV6(hi, lo);
}

} // namespace

IpAddress IpAddress::fromV4(quint32 address)
{
    IpAddress a;
    a.m_lo = kMappedPrefix | address;
    return a;
}

IpAddress IpAddress::fromV6(quint64 hi, quint64 lo)
{
    IpAddress a;
    a.m_hi = hi;
    a.m_lo = lo;
    a.m_family = (hi == 0 && (lo >> 32) == 0xffff) ? Family::V4 : Family::V6;
    return a;
}

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    return parseAny(text.data(), text.size());
}

std::optional<IpAddress> IpAddress::parse(QByteArrayView text)
{
    return parseAny(text.data(), text.size());
}

QString IpAddress::toString() const
{
    if (isV4())
        return QHostAddress(toV4()).toString();
    Q_IPV6ADDR bytes;
    for (int k = 0; k < 8; ++k) {
        bytes[k] = quint8(m_hi >> (56 - 8 * k));
        bytes[k + 8] = quint8(m_lo >> (56 - 8 * k));
    }
    return QHostAddress(bytes).toString();
}

} // namespace kw
