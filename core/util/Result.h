#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace kw {

// What went wrong, phrased for the person who has to act on it.
struct Error {
    enum class Code {
        Invalid,      // malformed input: a key string, a duration, a name, a request body
        NotFound,     // the named thing does not exist
        Conflict,     // the operation does not fit the current state (e.g. resume a revoked key)
        Unauthorized, // wrong passphrase / credential
        Forbidden,    // the actor's role does not allow it
        Storage,      // the vault file or database failed
        Crypto,       // a cryptographic primitive failed or detected tampering
        Io,           // files, network
        Internal,
    };
    Code code = Code::Internal;
    QString message;

    static Error invalid(QString m) { return {Code::Invalid, std::move(m)}; }
    static Error notFound(QString m) { return {Code::NotFound, std::move(m)}; }
    static Error conflict(QString m) { return {Code::Conflict, std::move(m)}; }
    static Error unauthorized(QString m) { return {Code::Unauthorized, std::move(m)}; }
    static Error forbidden(QString m) { return {Code::Forbidden, std::move(m)}; }
    static Error storage(QString m) { return {Code::Storage, std::move(m)}; }
    static Error crypto(QString m) { return {Code::Crypto, std::move(m)}; }
    static Error io(QString m) { return {Code::Io, std::move(m)}; }
};

// A value or an Error. Deliberately small: ok(), value(), error(), and implicit construction from both.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }
    QString errorMessage() const { return ok() ? QString() : error().message; }
    T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace kw
