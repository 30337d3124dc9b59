#include "util/SecureBytes.h"

#include <openssl/crypto.h>

#include <utility>

namespace kw {

SecureBytes::SecureBytes(std::size_t size) : m_bytes(qsizetype(size), '\0') {}

SecureBytes::SecureBytes(const char* data, std::size_t size) : m_bytes(data, qsizetype(size)) {}

SecureBytes SecureBytes::adopt(QByteArray& source)
{
    SecureBytes s(source.constData(), std::size_t(source.size()));
    secureWipe(source);
    return s;
}

SecureBytes SecureBytes::fromString(QString& source)
{
    QByteArray utf8 = source.toUtf8();
    secureWipe(source);
    return adopt(utf8);
}

SecureBytes::~SecureBytes()
{
    wipe();
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : m_bytes(std::exchange(other.m_bytes, QByteArray())) {}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::exchange(other.m_bytes, QByteArray());
    }
    return *this;
}

void SecureBytes::wipe()
{
    secureWipe(m_bytes);
}

bool operator==(const SecureBytes& a, const SecureBytes& b)
{
    return constantTimeEquals(a.data(), a.size(), b.data(), b.size());
}

bool constantTimeEquals(const char* a, std::size_t aLen, const char* b, std::size_t bLen)
{
    if (aLen != bLen)
        return false;
    return CRYPTO_memcmp(a, b, aLen) == 0;
}

void secureWipe(QByteArray& bytes)
{
    if (bytes.isEmpty()) {
        bytes.clear();
        return;
    }
    // Only wipe a buffer we own; a shared one would be detached by data() and the original left intact.
    if (!bytes.isDetached()) {
        bytes.clear();
        return;
    }
    OPENSSL_cleanse(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
}

void secureWipe(QString& text)
{
    if (!text.isEmpty() && text.isDetached())
        OPENSSL_cleanse(text.data(), std::size_t(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace kw
