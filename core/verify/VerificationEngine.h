#pragma once

#include "domain/VerifyResult.h"
#include "usage/UsageEvent.h"
#include "util/Clock.h"
#include "verify/KeyRuntimeSpec.h"

#include <QHash>
#include <QStringList>

#include <cstring>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace kw {

namespace crypto {
class HmacSha256;
}

// The one function that decides whether a presented key may pass, and every policy funnels into it.
// It answers from memory: an index of key hashes built at load and kept current by upsert()/remove(),
// which the owning backend calls from its change signals. No SQL on the decision path.
//
// Order of checks: format and checksum → lookup → stored state → expiry (and grace) → environment →
// service → client IP → time window → permissions → then, under the key's lock, usage limit, quota and
// rate limits, which are only consumed when every check has passed: a rejected attempt costs nothing.
// Every decision, accepted or not, becomes a usage event handed to the sink.
class VerificationEngine {
public:
    using UsageSink = std::function<void(UsageEvent&&)>;

    VerificationEngine(const crypto::HmacSha256& pepper, const Clock& clock);
    ~VerificationEngine();
    VerificationEngine(const VerificationEngine&) = delete;
    VerificationEngine& operator=(const VerificationEngine&) = delete;

    void setUsageSink(UsageSink sink) { m_sink = std::move(sink); }

    // Replaces the whole index.
    void replaceAll(const QList<KeyRuntimeSpec>& specs);
    // Adds or refreshes keys. A key whose rules did not change keeps its rate-limit and usage state.
    void upsert(const QList<KeyRuntimeSpec>& specs);
    void remove(const QStringList& ids);
    int size() const;

    VerifyResult verify(QByteArrayView secret, const VerifyContext& context);

    // Counters as the engine sees them (for tests and status views); -1 when the key is unknown.
    qint64 usesConsumed(const QString& keyId) const;

    struct KeyState;

private:
    struct DigestHash {
        std::size_t operator()(const crypto::Digest& d) const noexcept
        {
            std::size_t h;
            std::memcpy(&h, d.data(), sizeof h); // HMAC output is uniformly distributed already
            return h;
        }
    };
    std::shared_ptr<KeyState> build(const KeyRuntimeSpec& spec, const KeyState* previous) const;
    void emitEvent(const KeyState* state, const VerifyContext& context, const VerifyResult& result, qint64 now,
                   qint64 cost);

    const crypto::HmacSha256& m_pepper;
    const Clock& m_clock;
    UsageSink m_sink;
    mutable std::shared_mutex m_lock;
    std::unordered_map<crypto::Digest, std::shared_ptr<KeyState>, DigestHash> m_byHash;
    QHash<QString, crypto::Digest> m_hashById;
};

} // namespace kw
