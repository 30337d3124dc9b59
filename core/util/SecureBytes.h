#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace kw {

// Bytes that hold a secret: key material, plaintext API keys, passphrases. The buffer is wiped with
// OPENSSL_cleanse when the object dies or is reassigned, and is never implicitly copied into a QString
// or a log line. Copies are explicit (clone()) so that every copy of a secret is visible in the code.
class SecureBytes {
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    // Takes the bytes and wipes the source array's buffer.
    static SecureBytes adopt(QByteArray& source);
    static SecureBytes fromString(QString& source); // UTF-8; wipes the source string
    SecureBytes(const char* data, std::size_t size);
    ~SecureBytes();

    SecureBytes(SecureBytes&& other) noexcept;
    SecureBytes& operator=(SecureBytes&& other) noexcept;
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;

    SecureBytes clone() const { return SecureBytes(data(), size()); }

    unsigned char* data() { return reinterpret_cast<unsigned char*>(m_bytes.data()); }
    const char* data() const { return m_bytes.constData(); }
    const unsigned char* udata() const { return reinterpret_cast<const unsigned char*>(m_bytes.constData()); }
    std::size_t size() const { return static_cast<std::size_t>(m_bytes.size()); }
    bool isEmpty() const { return m_bytes.isEmpty(); }

    // The secret as text, for the one place it is shown to a person (creation output).
    QString toUtf8String() const { return QString::fromUtf8(m_bytes); }
    // A view for APIs that need a QByteArray; the result must not outlive this object.
    QByteArray view() const { return QByteArray::fromRawData(m_bytes.constData(), m_bytes.size()); }

    void wipe();

    friend bool operator==(const SecureBytes& a, const SecureBytes& b); // constant time for equal lengths

private:
    QByteArray m_bytes;
};

// Constant-time comparison for secrets and MACs. Unequal lengths return false without scanning.
bool constantTimeEquals(const char* a, std::size_t aLen, const char* b, std::size_t bLen);
inline bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    return constantTimeEquals(a.constData(), std::size_t(a.size()), b.constData(), std::size_t(b.size()));
}

// Wipes a QByteArray's buffer in place (detaching first would leave the shared copy unwiped, so callers
// pass arrays they own).
void secureWipe(QByteArray& bytes);
void secureWipe(QString& text);

} // namespace kw
