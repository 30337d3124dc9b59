#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace kw {

// An IPv4 or IPv6 address as two 64-bit halves, parsed once from request text and then compared with a few
// integer operations. IPv4 is held in its IPv4-mapped IPv6 form (::ffff:a.b.c.d), and any IPv6 address in
// that range is reported as IPv4: "::ffff:1.2.3.4" and "1.2.3.4" are the same IpAddress.
//
// The parser is strict and does not allocate: dotted-quad IPv4 without leading zeros (no octal or shortened
// forms such as "127.1"), RFC 4291 IPv6 text including "::" and a trailing dotted quad; no zone ids, no brackets.
class IpAddress {
public:
    enum class Family : quint8 { V4, V6 };

    IpAddress() = default; // 0.0.0.0
    static IpAddress fromV4(quint32 address);
    static IpAddress fromV6(quint64 hi, quint64 lo);

    static std::optional<IpAddress> parse(QStringView text);
    static std::optional<IpAddress> parse(QByteArrayView text);

    Family family() const { return m_family; }
    bool isV4() const { return m_family == Family::V4; }
    quint64 hi() const { return m_hi; }
    quint64 lo() const { return m_lo; }
    quint32 toV4() const { return quint32(m_lo); }
    QString toString() const;

    friend bool operator==(const IpAddress&, const IpAddress&) = default;

private:
    quint64 m_hi = 0;
    quint64 m_lo = 0x0000'ffff'0000'0000ULL;
    Family m_family = Family::V4;
};

} // namespace kw
