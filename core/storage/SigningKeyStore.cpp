#include "storage/SigningKeyStore.h"

#include "storage/Vault.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace kw {

namespace {

const QString kMetaName = QStringLiteral("signing_key");

QByteArray sealContext(const Vault& vault)
{
    return QByteArrayLiteral("keywarden:signing-key:") + vault.vaultId().toLatin1();
}

} // namespace

bool SigningKeyStore::exists()
{
    return m_vault.readMeta(kMetaName).ok();
}

Result<crypto::ed25519::KeyPair> SigningKeyStore::load(bool create, bool* created)
{
    if (created)
        *created = false;
    if (auto raw = m_vault.readMeta(kMetaName)) {
        const QJsonObject o = QJsonDocument::fromJson(*raw).object();
        const QByteArray sealed = QByteArray::fromBase64(o.value(QLatin1String("sealed")).toString().toLatin1());
        auto seed = m_vault.unseal(sealed, sealContext(m_vault));
        if (!seed)
            return Error::crypto(QStringLiteral("The vault's signing key cannot be unsealed: the vault header was "
                                                "altered (%1)")
                                     .arg(seed.errorMessage()));
        auto pub = crypto::ed25519::publicKeyOf(*seed);
        if (!pub)
            return pub.error();
        return crypto::ed25519::KeyPair{std::move(*seed), *pub};
    }
    if (!create)
        return Error::notFound(QStringLiteral("This vault has no signing key yet: it is created with the first "
                                              "signed report or audit checkpoint"));
    auto pair = crypto::ed25519::generate();
    if (!pair)
        return pair.error();
    auto sealed =
        m_vault.seal(QByteArrayView(pair->privateKey.data(), qsizetype(pair->privateKey.size())), sealContext(m_vault));
    if (!sealed)
        return sealed.error();
    const QJsonObject o{{"algorithm", "Ed25519"},
                        {"sealed", QString::fromLatin1(sealed->toBase64())},
                        {"public", QString::fromLatin1(pair->publicKey.toBase64())},
                        {"createdAt", QDateTime::currentMSecsSinceEpoch()}};
    if (auto s = m_vault.writeMeta(kMetaName, QJsonDocument(o).toJson(QJsonDocument::Compact)); !s)
        return s.error();
    if (created)
        *created = true;
    return pair;
}

Result<QByteArray> SigningKeyStore::publicKey()
{
    auto pair = load(false);
    if (!pair)
        return pair.error();
    return pair->publicKey;
}

} // namespace kw
