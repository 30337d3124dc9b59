#pragma once

#include "util/Result.h"

#include <cstddef>

namespace kw {

// Where key material comes from. Production uses OpenSSL's CSPRNG; a test can substitute a recording or
// deterministic source to prove which source the generator drew from.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual Status fill(unsigned char* out, std::size_t size) = 0;

    static RandomSource& system(); // OpenSSL RAND_bytes
};

class OpenSslRandomSource final : public RandomSource {
public:
    Status fill(unsigned char* out, std::size_t size) override;
};

} // namespace kw
