#include "crypto/RandomSource.h"

#include <openssl/err.h>
#include <openssl/rand.h>

#include <climits>

namespace kw {

RandomSource& RandomSource::system()
{
    static OpenSslRandomSource source;
    return source;
}

Status OpenSslRandomSource::fill(unsigned char* out, std::size_t size)
{
    while (size > 0) {
        const int chunk = size > std::size_t(INT_MAX) ? INT_MAX : int(size);
        if (RAND_bytes(out, chunk) != 1)
            return Error::crypto(
                QStringLiteral("The system random generator failed (OpenSSL error %1)").arg(ERR_get_error()));
        out += chunk;
        size -= std::size_t(chunk);
    }
    return {};
}

} // namespace kw
