#pragma once

#include "crypto/Ed25519.h"
#include "util/Result.h"

namespace kw {

class Vault;

// The vault's Ed25519 signing key (reports, exports, audit checkpoints). Generated on first use; the private key is
// sealed under the vault's data key (AES-256-GCM, bound to the vault id) in the vault header, like recoverable
// secrets, so only an unlocked vault can sign. The public key is always derived from the sealed private key, never
// trusted from the file on its own. Callers own the transaction and audit the key's creation.
class SigningKeyStore {
public:
    explicit SigningKeyStore(Vault& vault) : m_vault(vault) {}

    bool exists();
    // The key pair; when there is none yet and `create` is set, a new one (and *created = true).
    Result<crypto::ed25519::KeyPair> load(bool create, bool* created = nullptr);
    // The public key (raw 32 bytes); NotFound when the vault has no signing key yet.
    Result<QByteArray> publicKey();

private:
    Vault& m_vault;
};

} // namespace kw
