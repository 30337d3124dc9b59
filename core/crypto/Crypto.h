#pragma once

#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <memory>

namespace kw::crypto {

constexpr std::size_t kSha256Size = 32;
constexpr std::size_t kAeadKeySize = 32; // AES-256-GCM
constexpr std::size_t kAeadNonceSize = 12;
constexpr std::size_t kAeadTagSize = 16;

using Digest = std::array<unsigned char, kSha256Size>;

QByteArray sha256(QByteArrayView data);
QByteArray hmacSha256(const SecureBytes& key, QByteArrayView message);

// HMAC-SHA256 with the key schedule computed once: the verify path hashes every presented key with the
// vault pepper, and re-deriving the inner/outer pads per call would double its cost. Thread-safe: mac()
// works on copies of the prepared states.
class HmacSha256 {
public:
    explicit HmacSha256(const SecureBytes& key);
    ~HmacSha256();
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;

    Digest mac(const void* data, std::size_t size) const;
    Digest mac(QByteArrayView data) const { return mac(data.data(), std::size_t(data.size())); }

private:
    struct State;
    std::unique_ptr<State> d;
};

// AES-256-GCM. The output is nonce || ciphertext || tag; `aad` binds the ciphertext to its context (for
// example the table and column it belongs to) so a blob cannot be moved elsewhere undetected.
Result<QByteArray> aeadEncrypt(const SecureBytes& key, QByteArrayView plaintext, QByteArrayView aad);
Result<SecureBytes> aeadDecrypt(const SecureBytes& key, QByteArrayView sealed, QByteArrayView aad);

struct KdfParams {
    quint32 memoryKiB = 64 * 1024; // 64 MiB
    quint32 iterations = 3;
    quint32 parallelism = 1;
    QByteArray salt; // 16 random bytes, stored beside the parameters

    static constexpr quint32 kMinMemoryKiB = 8 * 1024;
    static constexpr quint32 kRecommendedMemoryKiB = 64 * 1024;
    bool belowRecommended() const { return memoryKiB < kRecommendedMemoryKiB || iterations < 3; }
};

// Argon2id (libargon2). Parameters are validated so a corrupted vault header gives an error, not an
// allocation of 4 TiB.
Result<SecureBytes> argon2id(const SecureBytes& passphrase, const KdfParams& params, std::size_t outLen = 32);

} // namespace kw::crypto
