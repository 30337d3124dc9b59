// Crypto primitives: SHA-256 and HMAC-SHA256 against published vectors, the precomputed HMAC against the
// one-shot one, AES-256-GCM round trip and tamper detection, Argon2id determinism and parameter checks, and
// the secret-holding byte type.

#include "crypto/Crypto.h"
#include "util/SecureBytes.h"

#include "TestSupport.h"

#include <QtTest>

using namespace kw;

namespace {

SecureBytes bytes(const QByteArray& b)
{
    return SecureBytes(b.constData(), std::size_t(b.size()));
}

QByteArray hex(const crypto::Digest& d)
{
    return QByteArray(reinterpret_cast<const char*>(d.data()), qsizetype(d.size())).toHex();
}

QByteArray plain(const SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

SecureBytes aeadKey(char fill = 'k')
{
    return bytes(QByteArray(int(crypto::kAeadKeySize), fill));
}

crypto::KdfParams kdf(const QByteArray& salt = QByteArray(16, 's'))
{
    crypto::KdfParams p = kwtest::fastKdf();
    p.salt = salt;
    return p;
}

} // namespace

class TestCrypto : public QObject {
    Q_OBJECT

private slots:
    void sha256Vectors_data();
    void sha256Vectors();
    void hmacRfc4231_data();
    void hmacRfc4231();
    void precomputedHmacMatchesOneShot_data();
    void precomputedHmacMatchesOneShot();
    void precomputedHmacIsReusable();
    void aeadRoundTrip_data();
    void aeadRoundTrip();
    void aeadUsesFreshNonces();
    void aeadDetectsTampering_data();
    void aeadDetectsTampering();
    void aeadRejectsWrongKeySize();
    void argon2idDeterministic();
    void argon2idSensitiveToInputs();
    void argon2idRejectsBadParams_data();
    void argon2idRejectsBadParams();
    void constantTimeEquals();
    void secureBytesMoveAndWipe();
    void secureBytesAdoptWipesSource();
};

void TestCrypto::sha256Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("digest");
    QTest::newRow("empty") << QByteArray()
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("million a") << QByteArray(1'000'000, 'a')
                               << QByteArray("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestCrypto::sha256Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, digest);
    QCOMPARE(crypto::sha256(input).toHex(), digest);
}

void TestCrypto::hmacRfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("mac");
    QTest::newRow("case 1") << QByteArray(20, 0x0b) << QByteArray("Hi There")
                            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("case 2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("case 3") << QByteArray(20, char(0xaa)) << QByteArray(50, char(0xdd))
                            << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("case 4") << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
                            << QByteArray(50, char(0xcd))
                            << QByteArray("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("case 6 (131-byte key)")
        << QByteArray(131, char(0xaa)) << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("case 7 (131-byte key, long data)")
        << QByteArray(131, char(0xaa))
        << QByteArray("This is a test using a larger than block-size key and a larger than block-size data. The key "
                      "needs to be hashed before being used by the HMAC algorithm.")
        << QByteArray("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

void TestCrypto::hmacRfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, mac);
    const SecureBytes k = bytes(key);
    QCOMPARE(crypto::hmacSha256(k, data).toHex(), mac);
    const crypto::HmacSha256 pre(k);
    QCOMPARE(hex(pre.mac(data)), mac);
}

void TestCrypto::precomputedHmacMatchesOneShot_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("32-byte key") << QByteArray(32, 'p');
    QTest::newRow("empty key") << QByteArray();
    QTest::newRow("63-byte key") << QByteArray(63, char(0x80));
    QTest::newRow("64-byte key") << QByteArray(64, char(0x01));
    QTest::newRow("65-byte key") << QByteArray(65, char(0x02));
    QTest::newRow("200-byte key") << QByteArray(200, char(0xfe));
}

void TestCrypto::precomputedHmacMatchesOneShot()
{
    QFETCH(QByteArray, key);
    const SecureBytes k = bytes(key);
    const crypto::HmacSha256 pre(k);
    for (int len : {0, 1, 31, 55, 56, 63, 64, 65, 127, 128, 1000, 100'000}) {
        QByteArray msg(len, Qt::Uninitialized);
        for (int i = 0; i < len; ++i)
            msg[i] = char(i * 31 + len);
        QCOMPARE(hex(pre.mac(msg)), crypto::hmacSha256(k, msg).toHex());
    }
}

void TestCrypto::precomputedHmacIsReusable()
{
    // mac() must not consume its prepared state: the same input gives the same output, interleaved or not.
    const SecureBytes k = bytes("pepper");
    const crypto::HmacSha256 a(k);
    const crypto::HmacSha256 b(bytes("other pepper"));
    const auto first = a.mac(QByteArrayView("kw_live_x"));
    b.mac(QByteArrayView("something else"));
    a.mac(QByteArrayView("and another"));
    QCOMPARE(hex(a.mac(QByteArrayView("kw_live_x"))), hex(first));
    QVERIFY(hex(b.mac(QByteArrayView("kw_live_x"))) != hex(first));
}

void TestCrypto::aeadRoundTrip_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("secret with aad") << QByteArray("kw_live_supersecret") << QByteArray("keywarden:secret:key_1");
    QTest::newRow("empty plaintext") << QByteArray() << QByteArray("ctx");
    QTest::newRow("no aad") << QByteArray("payload") << QByteArray();
    QTest::newRow("binary 64 KiB") << QByteArray(65536, char(0xa5)) << QByteArray("big");
}

void TestCrypto::aeadRoundTrip()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const SecureBytes key = aeadKey();
    auto sealed = crypto::aeadEncrypt(key, plaintext, aad);
    QVERIFY2(sealed, qPrintable(sealed.errorMessage()));
    QCOMPARE(std::size_t(sealed->size()),
             crypto::kAeadNonceSize + std::size_t(plaintext.size()) + crypto::kAeadTagSize);
    if (plaintext.size() >= 8)
        QVERIFY(!sealed->contains(plaintext)); // actually encrypted
    auto opened = crypto::aeadDecrypt(key, *sealed, aad);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QCOMPARE(plain(*opened), plaintext);
}

void TestCrypto::aeadUsesFreshNonces()
{
    const SecureBytes key = aeadKey();
    auto a = crypto::aeadEncrypt(key, "same", "ctx");
    auto b = crypto::aeadEncrypt(key, "same", "ctx");
    QVERIFY(a && b);
    QVERIFY(a->left(int(crypto::kAeadNonceSize)) != b->left(int(crypto::kAeadNonceSize)));
    QVERIFY(*a != *b);
}

void TestCrypto::aeadDetectsTampering_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("flip nonce byte") << "nonce";
    QTest::newRow("flip ciphertext byte") << "ciphertext";
    QTest::newRow("flip tag byte") << "tag";
    QTest::newRow("wrong aad") << "aad";
    QTest::newRow("missing aad") << "noaad";
    QTest::newRow("wrong key") << "key";
    QTest::newRow("truncated by one") << "truncate1";
    QTest::newRow("truncated below nonce+tag") << "truncate";
    QTest::newRow("extended") << "extend";
    QTest::newRow("empty") << "empty";
}

void TestCrypto::aeadDetectsTampering()
{
    QFETCH(QString, how);
    const SecureBytes key = aeadKey();
    const QByteArray aad("keywarden:secret:key_1");
    auto sealedR = crypto::aeadEncrypt(key, "the recoverable secret", aad);
    QVERIFY(sealedR);
    QByteArray sealed = *sealedR;
    QByteArray useAad = aad;
    SecureBytes useKey = key.clone();
    const int ctStart = int(crypto::kAeadNonceSize);
    if (how == u"nonce")
        sealed[3] = char(sealed[3] ^ 0x01);
    else if (how == u"ciphertext")
        sealed[ctStart + 5] = char(sealed[ctStart + 5] ^ 0x80);
    else if (how == u"tag")
        sealed[sealed.size() - 1] = char(sealed[sealed.size() - 1] ^ 0x01);
    else if (how == u"aad")
        useAad = "keywarden:secret:key_2";
    else if (how == u"noaad")
        useAad.clear();
    else if (how == u"key")
        useKey = aeadKey('K');
    else if (how == u"truncate1")
        sealed.chop(1);
    else if (how == u"truncate")
        sealed = sealed.left(int(crypto::kAeadNonceSize + crypto::kAeadTagSize) - 1);
    else if (how == u"extend")
        sealed.append('\0');
    else if (how == u"empty")
        sealed.clear();
    auto opened = crypto::aeadDecrypt(useKey, sealed, useAad);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, Error::Code::Crypto);
    QVERIFY(!opened.errorMessage().isEmpty());
    QVERIFY(!opened.errorMessage().contains(QLatin1String("recoverable secret")));
}

void TestCrypto::aeadRejectsWrongKeySize()
{
    const SecureBytes shortKey = bytes(QByteArray(16, 'k'));
    auto sealed = crypto::aeadEncrypt(shortKey, "x", "ctx");
    QVERIFY(!sealed);
    QVERIFY(sealed.errorMessage().contains(QLatin1String("size")));
    auto good = crypto::aeadEncrypt(aeadKey(), "x", "ctx");
    QVERIFY(good);
    QVERIFY(!crypto::aeadDecrypt(shortKey, *good, "ctx"));
}

void TestCrypto::argon2idDeterministic()
{
    const SecureBytes pass = kwtest::passphrase("correct horse");
    auto a = crypto::argon2id(pass, kdf());
    auto b = crypto::argon2id(pass, kdf());
    QVERIFY2(a && b, qPrintable(a.errorMessage()));
    QCOMPARE(a->size(), std::size_t(32));
    QCOMPARE(plain(*a), plain(*b));
    QVERIFY(plain(*a) != QByteArray(32, '\0'));
    auto longer = crypto::argon2id(pass, kdf(), 64);
    QVERIFY(longer);
    QCOMPARE(longer->size(), std::size_t(64));
}

void TestCrypto::argon2idSensitiveToInputs()
{
    const SecureBytes pass = kwtest::passphrase("correct horse");
    const QByteArray base = plain(*crypto::argon2id(pass, kdf()));
    QVERIFY(plain(*crypto::argon2id(pass, kdf(QByteArray(16, 't')))) != base);
    QVERIFY(plain(*crypto::argon2id(kwtest::passphrase("correct horsf"), kdf())) != base);
    crypto::KdfParams moreIterations = kdf();
    moreIterations.iterations = 2;
    QVERIFY(plain(*crypto::argon2id(pass, moreIterations)) != base);
    crypto::KdfParams moreMemory = kdf();
    moreMemory.memoryKiB += 1024;
    QVERIFY(plain(*crypto::argon2id(pass, moreMemory)) != base);
}

void TestCrypto::argon2idRejectsBadParams_data()
{
    QTest::addColumn<quint32>("memoryKiB");
    QTest::addColumn<quint32>("iterations");
    QTest::addColumn<quint32>("parallelism");
    QTest::addColumn<int>("saltBytes");
    QTest::addColumn<QString>("mentions");
    const quint32 m = crypto::KdfParams::kMinMemoryKiB;
    QTest::newRow("memory too small") << m - 1 << 1u << 1u << 16 << "memory";
    QTest::newRow("memory 4 TiB") << 0xffffffffu << 1u << 1u << 16 << "memory";
    QTest::newRow("zero iterations") << m << 0u << 1u << 16 << "iterations";
    QTest::newRow("absurd iterations") << m << 1000000u << 1u << 16 << "iterations";
    QTest::newRow("zero parallelism") << m << 1u << 0u << 16 << "parallelism";
    QTest::newRow("absurd parallelism") << m << 1u << 1024u << 16 << "parallelism";
    QTest::newRow("short salt") << m << 1u << 1u << 8 << "salt";
    QTest::newRow("no salt") << m << 1u << 1u << 0 << "salt";
}

void TestCrypto::argon2idRejectsBadParams()
{
    QFETCH(quint32, memoryKiB);
    QFETCH(quint32, iterations);
    QFETCH(quint32, parallelism);
    QFETCH(int, saltBytes);
    QFETCH(QString, mentions);
    crypto::KdfParams p;
    p.memoryKiB = memoryKiB;
    p.iterations = iterations;
    p.parallelism = parallelism;
    p.salt = QByteArray(saltBytes, 's');
    QElapsedTimer t;
    t.start();
    auto r = crypto::argon2id(kwtest::passphrase(), p);
    QVERIFY(!r);
    QCOMPARE(r.error().code, Error::Code::Invalid);
    QVERIFY2(r.errorMessage().contains(mentions, Qt::CaseInsensitive), qPrintable(r.errorMessage()));
    QVERIFY2(t.elapsed() < 1000, "bad parameters must be refused before any work is done");
}

void TestCrypto::constantTimeEquals()
{
    QVERIFY(kw::constantTimeEquals(QByteArray("abcdef"), QByteArray("abcdef")));
    QVERIFY(kw::constantTimeEquals(QByteArray(), QByteArray()));
    QVERIFY(!kw::constantTimeEquals(QByteArray("abcdef"), QByteArray("abcdeg")));
    QVERIFY(!kw::constantTimeEquals(QByteArray("bbcdef"), QByteArray("abcdef")));
    QVERIFY(!kw::constantTimeEquals(QByteArray("abc"), QByteArray("abcdef")));
    QVERIFY(!kw::constantTimeEquals(QByteArray("abcdef"), QByteArray("abc")));
    QVERIFY(!kw::constantTimeEquals(QByteArray(), QByteArray("a")));
    QVERIFY(kw::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0b", 3)));
    QVERIFY(!kw::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
    QVERIFY(bytes("same") == bytes("same"));
    QVERIFY(!(bytes("same") == bytes("sane")));
    QVERIFY(!(bytes("same") == bytes("same ")));
}

void TestCrypto::secureBytesMoveAndWipe()
{
    SecureBytes a("top secret", 10);
    QCOMPARE(a.size(), std::size_t(10));
    SecureBytes b(std::move(a));
    QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is what is tested
    QCOMPARE(a.size(), std::size_t(0));
    QCOMPARE(plain(b), QByteArray("top secret"));

    SecureBytes c("other", 5);
    c = std::move(b);
    QVERIFY(b.isEmpty()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(plain(c), QByteArray("top secret"));

    SecureBytes copy = c.clone();
    QCOMPARE(plain(copy), QByteArray("top secret"));
    QVERIFY(copy.data() != c.data()); // an explicit, separate copy

    // The zeroing itself happens on memory that is released right after, so only its effect on the object
    // is observable here: nothing of the secret stays reachable through it.
    c.wipe();
    QVERIFY(c.isEmpty());
    QCOMPARE(c.size(), std::size_t(0));
    QCOMPARE(plain(copy), QByteArray("top secret")); // wiping one copy leaves the other alone
}

void TestCrypto::secureBytesAdoptWipesSource()
{
    QByteArray source("hunter2hunter2");
    source.detach();
    SecureBytes s = SecureBytes::adopt(source);
    QVERIFY(source.isEmpty());
    QCOMPARE(plain(s), QByteArray("hunter2hunter2"));

    QString text = QStringLiteral("passphrase text");
    text.detach();
    SecureBytes fromText = SecureBytes::fromString(text);
    QVERIFY(text.isEmpty());
    QCOMPARE(plain(fromText), QByteArray("passphrase text"));

    // A shared buffer is not wiped behind the other owner's back; only this handle lets go of it.
    QByteArray shared("shared secret");
    const QByteArray otherOwner = shared;
    kw::secureWipe(shared);
    QVERIFY(shared.isEmpty());
    QCOMPARE(otherOwner, QByteArray("shared secret"));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
