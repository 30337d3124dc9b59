#include "crypto/Ed25519.h"

#include "crypto/Crypto.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace kw::crypto::ed25519 {

namespace {

struct PkeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

struct BioDeleter {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;

Pkey privateKey(const SecureBytes& seed)
{
    if (seed.size() != std::size_t(kKeySize))
        return nullptr;
    return Pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.udata(), seed.size()));
}

Pkey publicKey(QByteArrayView raw)
{
    if (raw.size() != kKeySize)
        return nullptr;
    return Pkey(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), std::size_t(raw.size())));
}

Result<QByteArray> rawPublic(EVP_PKEY* key)
{
    QByteArray out(kKeySize, Qt::Uninitialized);
    std::size_t len = std::size_t(out.size());
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
        len != std::size_t(kKeySize))
        return Error::crypto(QStringLiteral("Cannot read the Ed25519 public key"));
    return out;
}

} // namespace

Result<KeyPair> generate()
{
    EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!raw)
        return Error::crypto(QStringLiteral("Cannot generate an Ed25519 key"));
    Pkey key(raw);
    KeyPair pair;
    pair.privateKey = SecureBytes(std::size_t(kKeySize));
    std::size_t len = pair.privateKey.size();
    if (EVP_PKEY_get_raw_private_key(key.get(), pair.privateKey.data(), &len) != 1 || len != std::size_t(kKeySize))
        return Error::crypto(QStringLiteral("Cannot read the new Ed25519 key"));
    auto pub = rawPublic(key.get());
    if (!pub)
        return pub.error();
    pair.publicKey = *pub;
    return pair;
}

Result<QByteArray> publicKeyOf(const SecureBytes& seed)
{
    Pkey key = privateKey(seed);
    if (!key)
        return Error::crypto(QStringLiteral("The Ed25519 private key is malformed"));
    return rawPublic(key.get());
}

Result<QByteArray> sign(const SecureBytes& seed, QByteArrayView message)
{
    Pkey key = privateKey(seed);
    if (!key)
        return Error::crypto(QStringLiteral("The Ed25519 private key is malformed"));
    MdCtx ctx(EVP_MD_CTX_new());
    QByteArray sig(kSignatureSize, Qt::Uninitialized);
    std::size_t len = std::size_t(sig.size());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(message.data()), std::size_t(message.size())) != 1 ||
        len != std::size_t(kSignatureSize))
        return Error::crypto(QStringLiteral("Ed25519 signing failed"));
    return sig;
}

bool verify(QByteArrayView publicKeyRaw, QByteArrayView message, QByteArrayView signature)
{
    if (signature.size() != kSignatureSize)
        return false;
    Pkey key = publicKey(publicKeyRaw);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            std::size_t(signature.size()), reinterpret_cast<const unsigned char*>(message.data()),
                            std::size_t(message.size())) == 1;
}

QString publicKeyToPem(QByteArrayView raw)
{
    Pkey key = publicKey(raw);
    Bio bio(BIO_new(BIO_s_mem()));
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        return {};
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QString::fromLatin1(data, qsizetype(len));
}

Result<QByteArray> publicKeyFromPem(QByteArrayView pem)
{
    if (!pem.contains(QByteArrayView("-----BEGIN PUBLIC KEY-----")))
        return Error::invalid(QStringLiteral("Not a PEM public key (no \"-----BEGIN PUBLIC KEY-----\" line)"));
    Bio bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return Error::invalid(QStringLiteral("The PEM public key cannot be read"));
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return Error::invalid(QStringLiteral("The PEM public key is not an Ed25519 key"));
    return rawPublic(key.get());
}

QString keyId(QByteArrayView publicKeyRaw)
{
    return QString::fromLatin1(sha256(publicKeyRaw).toHex().left(16));
}

} // namespace kw::crypto::ed25519
