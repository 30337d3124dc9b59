#pragma once

#include <cstddef>
#include <cstdint>

namespace kw {

// CRC-32 (IEEE 802.3, the zlib/PNG polynomial), used as the offline checksum of key strings.
std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t seed = 0);

} // namespace kw
