#include "crypto/Crc32.h"

#include <array>

namespace kw {

namespace {

constexpr std::array<std::uint32_t, 256> makeTable()
{
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    return t;
}

constexpr auto kTable = makeTable();

} // namespace

std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t seed)
{
    std::uint32_t c = ~seed;
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i)
        c = kTable[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

} // namespace kw
