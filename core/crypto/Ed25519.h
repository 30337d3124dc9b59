#pragma once

#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace kw::crypto {

// Ed25519 (RFC 8032) through OpenSSL: detached signatures for reports, exports and audit checkpoints. Keys travel
// as their raw 32-byte forms; the public key is also written as PEM (SubjectPublicKeyInfo) for people and tools.
namespace ed25519 {

constexpr int kKeySize = 32;
constexpr int kSignatureSize = 64;

struct KeyPair {
    SecureBytes privateKey; // the 32-byte seed
    QByteArray publicKey;   // 32 bytes
};

Result<KeyPair> generate();
// The public key belonging to a private key (seed).
Result<QByteArray> publicKeyOf(const SecureBytes& privateKey);
Result<QByteArray> sign(const SecureBytes& privateKey, QByteArrayView message);
bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

// "-----BEGIN PUBLIC KEY-----" PEM of a raw public key, and back; the error says what is wrong with the text.
QString publicKeyToPem(QByteArrayView publicKey);
Result<QByteArray> publicKeyFromPem(QByteArrayView pem);
// A short fingerprint: the first 16 hex digits of SHA-256 over the raw public key.
QString keyId(QByteArrayView publicKey);

} // namespace ed25519

} // namespace kw::crypto
