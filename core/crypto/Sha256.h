#pragma once

#include <array>
#include <cstddef>
#include <memory>

namespace kw::crypto {

// Incremental SHA-256 on a plain state that is reset in place: no allocation per message, for hot loops that hash
// millions of small messages (audit chain verification). OpenSSL's EVP contexts free and reallocate their state on
// every init.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void reset();
    void update(const void* data, std::size_t size);
    void finish(unsigned char out[32]);

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace kw::crypto
