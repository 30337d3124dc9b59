// The low-level SHA256_CTX is deprecated in OpenSSL 3.0 but still supported; it is a plain struct that resets without
// allocating (see Crypto.cpp for the same choice on the verify path). This file alone opts back into it.
#undef OPENSSL_NO_DEPRECATED
#undef OPENSSL_API_COMPAT
#define OPENSSL_API_COMPAT 10101
#define OPENSSL_SUPPRESS_DEPRECATED

#include "crypto/Sha256.h"

#include <openssl/sha.h>

namespace kw::crypto {

struct Sha256::State {
    SHA256_CTX ctx;
};

Sha256::Sha256() : d(std::make_unique<State>())
{
    SHA256_Init(&d->ctx);
}

Sha256::~Sha256() = default;

void Sha256::reset()
{
    SHA256_Init(&d->ctx);
}

void Sha256::update(const void* data, std::size_t size)
{
    SHA256_Update(&d->ctx, data, size);
}

void Sha256::finish(unsigned char out[32])
{
    SHA256_Final(out, &d->ctx);
}

} // namespace kw::crypto
