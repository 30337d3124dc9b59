// The verify path hashes every presented key with HMAC-SHA256. OpenSSL 3's EVP digest contexts allocate on
// every copy; the low-level SHA256_CTX (deprecated in 3.0, still supported) is a plain struct that copies
// with a memcpy. This file alone opts back into it.
#undef OPENSSL_NO_DEPRECATED
#undef OPENSSL_API_COMPAT
#define OPENSSL_API_COMPAT 10101
#define OPENSSL_SUPPRESS_DEPRECATED

#include "crypto/Crypto.h"

#include "crypto/RandomSource.h"

#include <argon2.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstring>

namespace kw::crypto {

namespace {

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

} // namespace

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(int(kSha256Size), Qt::Uninitialized);
    unsigned int len = 0;
    EVP_Digest(data.data(), std::size_t(data.size()), reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(),
               nullptr);
    return out;
}

QByteArray hmacSha256(const SecureBytes& key, QByteArrayView message)
{
    QByteArray out(int(kSha256Size), Qt::Uninitialized);
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
         std::size_t(message.size()), reinterpret_cast<unsigned char*>(out.data()), &len);
    return out;
}

// The pads are absorbed once into two SHA-256 states; each mac() copies them (a struct copy, no key schedule,
// no allocation) and finishes the inner and outer hashes.
struct HmacSha256::State {
    SHA256_CTX inner;
    SHA256_CTX outer;
};

HmacSha256::HmacSha256(const SecureBytes& key) : d(std::make_unique<State>())
{
    unsigned char block[64] = {};
    if (key.size() > sizeof block)
        SHA256(key.udata(), key.size(), block);
    else
        std::memcpy(block, key.data(), key.size());
    unsigned char ipad[64], opad[64];
    for (int i = 0; i < 64; ++i) {
        ipad[i] = block[i] ^ 0x36;
        opad[i] = block[i] ^ 0x5c;
    }
    SHA256_Init(&d->inner);
    SHA256_Update(&d->inner, ipad, sizeof ipad);
    SHA256_Init(&d->outer);
    SHA256_Update(&d->outer, opad, sizeof opad);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(ipad, sizeof ipad);
    OPENSSL_cleanse(opad, sizeof opad);
}

HmacSha256::~HmacSha256()
{
    OPENSSL_cleanse(d.get(), sizeof(State));
}

Digest HmacSha256::mac(const void* data, std::size_t size) const
{
    Digest innerDigest{};
    Digest out{};
    SHA256_CTX ctx = d->inner;
    SHA256_Update(&ctx, data, size);
    SHA256_Final(innerDigest.data(), &ctx);
    ctx = d->outer;
    SHA256_Update(&ctx, innerDigest.data(), innerDigest.size());
    SHA256_Final(out.data(), &ctx);
    OPENSSL_cleanse(&ctx, sizeof ctx);
    return out;
}

Result<QByteArray> aeadEncrypt(const SecureBytes& key, QByteArrayView plaintext, QByteArrayView aad)
{
    if (key.size() != kAeadKeySize)
        return Error::crypto(QStringLiteral("Encryption key has the wrong size"));
    QByteArray out(qsizetype(kAeadNonceSize + std::size_t(plaintext.size()) + kAeadTagSize), Qt::Uninitialized);
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    if (auto s = RandomSource::system().fill(nonce, kAeadNonceSize); !s)
        return s.error();

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    auto* ct = nonce + kAeadNonceSize;
    bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.udata(), nonce) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                               int(aad.size())) == 1;
    if (ok && !plaintext.isEmpty())
        ok = EVP_EncryptUpdate(ctx.get(), ct, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                               int(plaintext.size())) == 1;
    ok = ok && EVP_EncryptFinal_ex(ctx.get(), ct + plaintext.size(), &len) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, int(kAeadTagSize), ct + plaintext.size()) == 1;
    if (!ok)
        return Error::crypto(QStringLiteral("AES-256-GCM encryption failed"));
    return out;
}

Result<SecureBytes> aeadDecrypt(const SecureBytes& key, QByteArrayView sealed, QByteArrayView aad)
{
    if (key.size() != kAeadKeySize)
        return Error::crypto(QStringLiteral("Decryption key has the wrong size"));
    if (std::size_t(sealed.size()) < kAeadNonceSize + kAeadTagSize)
        return Error::crypto(QStringLiteral("Encrypted data is truncated"));
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
    const auto* ct = nonce + kAeadNonceSize;
    const int ctLen = int(std::size_t(sealed.size()) - kAeadNonceSize - kAeadTagSize);
    unsigned char tag[kAeadTagSize];
    std::memcpy(tag, ct + ctLen, kAeadTagSize);

    SecureBytes plain(std::size_t(ctLen) + 1); // +1 keeps data() valid for empty plaintexts
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.udata(), nonce) == 1;
    if (ok && !aad.isEmpty())
        ok = EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                               int(aad.size())) == 1;
    if (ok && ctLen > 0)
        ok = EVP_DecryptUpdate(ctx.get(), plain.data(), &len, ct, ctLen) == 1;
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(kAeadTagSize), tag) == 1;
    ok = ok && EVP_DecryptFinal_ex(ctx.get(), plain.data() + ctLen, &len) == 1;
    if (!ok)
        return Error::crypto(QStringLiteral("Encrypted data failed authentication (wrong key or tampered data)"));
    return SecureBytes(plain.data() ? reinterpret_cast<const char*>(plain.data()) : nullptr, std::size_t(ctLen));
}

Result<SecureBytes> argon2id(const SecureBytes& passphrase, const KdfParams& params, std::size_t outLen)
{
    if (params.memoryKiB < KdfParams::kMinMemoryKiB || params.memoryKiB > 4u * 1024 * 1024)
        return Error::invalid(QStringLiteral("Argon2id memory must be between %1 MiB and 4096 MiB (got %2 KiB)")
                                  .arg(KdfParams::kMinMemoryKiB / 1024)
                                  .arg(params.memoryKiB));
    if (params.iterations < 1 || params.iterations > 100)
        return Error::invalid(QStringLiteral("Argon2id iterations must be between 1 and 100"));
    if (params.parallelism < 1 || params.parallelism > 16)
        return Error::invalid(QStringLiteral("Argon2id parallelism must be between 1 and 16"));
    if (params.salt.size() < 16)
        return Error::invalid(QStringLiteral("Argon2id salt must be at least 16 bytes"));
    SecureBytes out(outLen);
    const int rc =
        argon2id_hash_raw(params.iterations, params.memoryKiB, params.parallelism, passphrase.data(), passphrase.size(),
                          params.salt.constData(), std::size_t(params.salt.size()), out.data(), outLen);
    if (rc != ARGON2_OK)
        return Error::crypto(QStringLiteral("Argon2id failed: %1").arg(QString::fromUtf8(argon2_error_message(rc))));
    return out;
}

} // namespace kw::crypto
