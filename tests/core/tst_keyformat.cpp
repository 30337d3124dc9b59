// The API key string: generation from an injected random source, the offline checksum, the parser's
// rejections (each naming the problem, never echoing the secret), display ids, scanning free text, and the
// base62 / CRC-32 building blocks.

#include "crypto/Base62.h"
#include "crypto/Crc32.h"
#include "crypto/KeyFormat.h"

#include <QRegularExpression>
#include <QtTest>

#include <cstring>

using kw::KeyFormat;

namespace {

// Hands out a fixed byte pattern and records every request, so a test can prove where key material came from.
class RecordingRandomSource final : public kw::RandomSource {
public:
    explicit RecordingRandomSource(unsigned char seed) : m_seed(seed) {}
    kw::Status fill(unsigned char* out, std::size_t size) override
    {
        requests.append(size);
        for (std::size_t i = 0; i < size; ++i)
            out[i] = static_cast<unsigned char>(m_seed + i * 7);
        return {};
    }
    QList<std::size_t> requests;

private:
    unsigned char m_seed;
};

class FailingRandomSource final : public kw::RandomSource {
public:
    kw::Status fill(unsigned char*, std::size_t) override
    {
        return kw::Error::crypto(QStringLiteral("entropy pool exhausted"));
    }
};

QByteArray bytesOf(const kw::SecureBytes& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

QByteArray generated(const char* prefix = "kw_live_")
{
    auto k = KeyFormat::generate(QString::fromLatin1(prefix));
    if (!k)
        qFatal("generate failed: %s", qPrintable(k.errorMessage()));
    return bytesOf(*k);
}

// A well-formed key with a chosen body (checksum computed here, independently of generate()).
QByteArray withChecksum(const QByteArray& prefixAndBody)
{
    char sum[6];
    kw::base62::encodeU32(kw::crc32(prefixAndBody.constData(), std::size_t(prefixAndBody.size())), sum);
    return prefixAndBody + QByteArray(sum, 6);
}

char otherBase62(char c)
{
    return c == 'A' ? 'B' : 'A';
}

} // namespace

class TestKeyFormat : public QObject {
    Q_OBJECT

private slots:
    void generationDrawsFromInjectedSource();
    void generationPropagatesSourceFailure();
    void generatedKeysDiffer();
    void formatIsPrefixBodyChecksum();
    void checksumIsCrc32OfPrefixAndBody();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsEveryFlippedCharacter();
    void rejectsBodyOutOfRange();
    void prefixValidation_data();
    void prefixValidation();
    void generateRejectsBadPrefix();
    void prefixAndDisplayId();
    void scanFindsOnlyRealKeys();
    void scanIgnoresNearMisses();
    void base62RoundTrip_data();
    void base62RoundTrip();
    void base62DecodeRejects();
    void base62U32();
    void crc32KnownVectors();
};

void TestKeyFormat::generationDrawsFromInjectedSource()
{
    RecordingRandomSource a(0x11), b(0x11), c(0x12);
    auto k1 = KeyFormat::generate(u"kw_test_", a);
    auto k2 = KeyFormat::generate(u"kw_test_", b);
    auto k3 = KeyFormat::generate(u"kw_test_", c);
    QVERIFY2(k1 && k2 && k3, qPrintable(k1.errorMessage()));

    // Exactly one request for 256 bits.
    QCOMPARE(a.requests, QList<std::size_t>{32});
    QCOMPARE(c.requests, QList<std::size_t>{32});
    // Same bytes from the source, same key; different bytes, different key.
    QCOMPARE(bytesOf(*k1), bytesOf(*k2));
    QVERIFY(bytesOf(*k1) != bytesOf(*k3));

    // The body is the base62 of exactly those bytes.
    QByteArray raw(32, Qt::Uninitialized);
    RecordingRandomSource again(0x11);
    QVERIFY(again.fill(reinterpret_cast<unsigned char*>(raw.data()), 32));
    QCOMPARE(bytesOf(*k1).mid(8, KeyFormat::kBodyChars), kw::base62::encode(raw));
    QVERIFY(KeyFormat::isWellFormed(bytesOf(*k1)));
}

void TestKeyFormat::generationPropagatesSourceFailure()
{
    FailingRandomSource broken;
    auto k = KeyFormat::generate(u"kw_live_", broken);
    QVERIFY(!k);
    QCOMPARE(k.error().code, kw::Error::Code::Crypto);
    QVERIFY(k.errorMessage().contains(QLatin1String("entropy")));
}

void TestKeyFormat::generatedKeysDiffer()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i)
        seen.insert(generated());
    QCOMPARE(seen.size(), 200);
}

void TestKeyFormat::formatIsPrefixBodyChecksum()
{
    static const QRegularExpression shape(QStringLiteral("^kw_live_[0-9A-Za-z]{43}[0-9A-Za-z]{6}$"));
    for (int i = 0; i < 50; ++i) {
        const QByteArray k = generated();
        QCOMPARE(k.size(), 8 + 43 + 6);
        QVERIFY2(shape.match(QString::fromLatin1(k)).hasMatch(), k.constData());
        QVERIFY2(KeyFormat::check(k), qPrintable(KeyFormat::check(k).errorMessage()));
    }
    const QByteArray longPrefix = generated("acme_payments_staging_eu_west_1_");
    QCOMPARE(longPrefix.size(), 32 + 43 + 6);
    QVERIFY(KeyFormat::isWellFormed(longPrefix));
    QVERIFY(KeyFormat::isWellFormed(generated("a_")));
}

void TestKeyFormat::checksumIsCrc32OfPrefixAndBody()
{
    const QByteArray k = generated();
    const QByteArray head = k.left(k.size() - 6);
    QCOMPARE(withChecksum(head), k);
    const auto stored = kw::base62::decodeU32(k.right(6));
    QVERIFY(stored.has_value());
    QCOMPARE(*stored, kw::crc32(head.constData(), std::size_t(head.size())));
}

void TestKeyFormat::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expectedProblem"); // a word the message must contain

    const QByteArray k = generated();
    const QByteArray body = k.mid(8, 43);
    QTest::newRow("empty") << QByteArray() << "characters";
    QTest::newRow("too short") << QByteArray("kw_live_abc") << "characters";
    QTest::newRow("too long") << QByteArray(33, 'a') + "_" + k.mid(8) << "characters";
    QTest::newRow("way too long") << k + k << "characters";
    QTest::newRow("uppercase prefix") << withChecksum("KW_live_" + body) << "lowercase";
    QTest::newRow("uppercase inside prefix") << withChecksum("kw_LIVE_" + body) << "prefix";
    QTest::newRow("digit first") << withChecksum("9w_live_" + body) << "lowercase";
    QTest::newRow("bad prefix char") << withChecksum("kw-live_" + body) << "prefix";
    QTest::newRow("missing underscore") << withChecksum("kwlive" + body) << "'_'";
    QTest::newRow("non-base62 in body") << k.left(20) + '-' + k.mid(21) << "position 21";
    QTest::newRow("non-base62 in checksum") << k.left(k.size() - 1) + '!' << "position";
    QTest::newRow("space in body") << k.left(30) + ' ' + k.mid(31) << "position 31";
    QTest::newRow("flipped checksum char") << k.left(k.size() - 1) + otherBase62(k.back()) << "checksum";
    QByteArray flippedBody = k;
    flippedBody[20] = otherBase62(flippedBody[20]);
    QTest::newRow("flipped body char") << flippedBody << "checksum";
    QByteArray flippedPrefix = k;
    flippedPrefix[3] = 'x'; // kw_xive_
    QTest::newRow("flipped prefix char") << flippedPrefix << "checksum";
    QTest::newRow("truncated by one") << k.left(k.size() - 1) << "Not a";
    QTest::newRow("truncated checksum") << k.left(k.size() - 6) << "Not a";
    QTest::newRow("body only") << k.mid(8) << "Not a";
    QByteArray transposed = k;
    std::swap(transposed[30], transposed[31]);
    if (transposed != k)
        QTest::newRow("transposed body chars") << transposed << "checksum";
}

void TestKeyFormat::rejectsMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expectedProblem);
    const kw::Status s = KeyFormat::check(input);
    QVERIFY2(!s, input.constData());
    QCOMPARE(s.error().code, kw::Error::Code::Invalid);
    QVERIFY2(s.errorMessage().contains(expectedProblem), qPrintable(s.errorMessage()));
    QVERIFY(!KeyFormat::isWellFormed(input));
    // The message never echoes the presented string, nor a long part of it.
    if (input.size() >= 16) {
        const QString msg = s.errorMessage();
        QVERIFY2(!msg.contains(QString::fromLatin1(input)), qPrintable(msg));
        for (qsizetype i = 0; i + 12 <= input.size(); ++i)
            QVERIFY2(!msg.contains(QString::fromLatin1(input.mid(i, 12))), qPrintable(msg));
    }
}

void TestKeyFormat::rejectsEveryFlippedCharacter()
{
    // CRC-32 detects every single-character substitution in the checked part: no flip may slip through.
    const QByteArray k = generated();
    for (qsizetype i = 0; i < k.size(); ++i) {
        QByteArray t = k;
        t[i] = t[i] == '_' ? 'a' : otherBase62(t[i]);
        if (t == k)
            continue;
        QVERIFY2(!KeyFormat::isWellFormed(t), qPrintable(QStringLiteral("flip at %1 accepted").arg(i)));
    }
}

void TestKeyFormat::rejectsBodyOutOfRange()
{
    // 43 base62 digits can exceed 2^256; such a body cannot come from 32 random bytes even with a valid checksum.
    const QByteArray overflow = withChecksum("kw_live_" + QByteArray(43, 'z'));
    const kw::Status s = KeyFormat::check(overflow);
    QVERIFY(!s);
    QVERIFY2(s.errorMessage().contains(QLatin1String("range")), qPrintable(s.errorMessage()));

    // The largest legal body (all 0xff bytes) and the smallest (all zero) are accepted.
    const QByteArray maxBody = kw::base62::encode(QByteArray(32, char(0xff)));
    QVERIFY(KeyFormat::check(withChecksum("kw_live_" + maxBody)));
    QVERIFY(KeyFormat::check(withChecksum("kw_live_" + QByteArray(43, '0'))));
}

void TestKeyFormat::prefixValidation_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<bool>("valid");
    QTest::newRow("kw_live_") << "kw_live_" << true;
    QTest::newRow("two chars") << "a_" << true;
    QTest::newRow("digits") << "acme2_v1_" << true;
    QTest::newRow("32 chars") << QString(31, u'a') + u'_' << true;
    QTest::newRow("33 chars") << QString(32, u'a') + u'_' << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("one char") << "_" << false;
    QTest::newRow("no trailing _") << "kw_live" << false;
    QTest::newRow("uppercase") << "KW_live_" << false;
    QTest::newRow("uppercase inside") << "kw_Live_" << false;
    QTest::newRow("starts with digit") << "1kw_" << false;
    QTest::newRow("starts with _") << "_kw_" << false;
    QTest::newRow("dash") << "kw-live_" << false;
    QTest::newRow("space") << "kw live_" << false;
    QTest::newRow("non-ascii") << QStringLiteral("kw_l\u00efve_") << false;
}

void TestKeyFormat::prefixValidation()
{
    QFETCH(QString, prefix);
    QFETCH(bool, valid);
    const kw::Status s = KeyFormat::validatePrefix(prefix);
    QCOMPARE(s.ok(), valid);
    if (!valid) {
        QCOMPARE(s.error().code, kw::Error::Code::Invalid);
        QVERIFY(s.errorMessage().contains(QLatin1String("prefix")));
    }
}

void TestKeyFormat::generateRejectsBadPrefix()
{
    RecordingRandomSource source(1);
    auto k = KeyFormat::generate(u"Bad-Prefix", source);
    QVERIFY(!k);
    QCOMPARE(k.error().code, kw::Error::Code::Invalid);
    QVERIFY(source.requests.isEmpty()); // no key material drawn for a key that cannot be issued
}

void TestKeyFormat::prefixAndDisplayId()
{
    const QByteArray k = generated("acme_prod_");
    QCOMPARE(KeyFormat::prefixOf(k), QStringLiteral("acme_prod_"));
    const QString display = KeyFormat::displayIdOf(k);
    QCOMPARE(display, QString::fromLatin1(k.left(10 + KeyFormat::kDisplayChars)));
    QVERIFY(display.startsWith(QLatin1String("acme_prod_")));
    QVERIFY(display.size() < k.size() - 40); // far too little of the secret to matter
    QVERIFY(!KeyFormat::isWellFormed(display.toLatin1()));
    QCOMPARE(KeyFormat::displayIdOf("short"), QString());
    QCOMPARE(KeyFormat::prefixOf("short"), QString());
}

void TestKeyFormat::scanFindsOnlyRealKeys()
{
    const QByteArray real1 = generated("kw_live_");
    const QByteArray real2 = generated("shop_test_");
    // Key-shaped, right alphabet and length, but the checksum is wrong.
    QByteArray fake = generated("kw_live_");
    fake[25] = otherBase62(fake[25]);

    const QByteArray log = "2026-01-02T10:00:00Z INFO request from 10.0.0.7 Authorization: Bearer " + real1 +
                           "\n2026-01-02T10:00:01Z WARN retrying with key=" + fake +
                           " (user_id=kw_user_42, trace=abc_def_ghi)\n"
                           "config: {\"apiKey\":\"" +
                           real2 + "\"}\nnoise kw_live_tooshort and " + QByteArray(60, 'x') + "\n";

    const auto candidates = KeyFormat::scan(log);
    QList<QByteArray> valid, invalid;
    for (const auto& c : candidates) {
        const QByteArray token = log.mid(c.offset, c.length);
        (c.checksumValid ? valid : invalid) << token;
    }
    QCOMPARE(valid, (QList<QByteArray>{real1, real2}));
    QCOMPARE(invalid, QList<QByteArray>{fake});
}

void TestKeyFormat::scanIgnoresNearMisses()
{
    const QByteArray k = generated();
    // Glued to more token characters the run is longer than any key: not a candidate.
    QVERIFY(KeyFormat::scan("xx" + k + "yy").size() <= 1);
    for (const auto& c : KeyFormat::scan("xx" + k + "yy"))
        QVERIFY(!c.checksumValid);
    QVERIFY(KeyFormat::scan("").isEmpty());
    QVERIFY(KeyFormat::scan("no keys here at all, only_words_and_snake_case").isEmpty());
    // Delimited by punctuation on both sides it is found.
    const auto found = KeyFormat::scan("'" + k + "'.");
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].offset, 1);
    QCOMPARE(found[0].length, k.size());
    QVERIFY(found[0].checksumValid);
}

void TestKeyFormat::base62RoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("32 zero bytes") << QByteArray(32, '\0');
    QTest::newRow("32 x 0xff") << QByteArray(32, char(0xff));
    QTest::newRow("leading zeros") << QByteArray(5, '\0') + QByteArray::fromHex("0102fffe80");
    QTest::newRow("single zero") << QByteArray(1, '\0');
    QTest::newRow("single 0xff") << QByteArray(1, char(0xff));
    QTest::newRow("12 bytes") << QByteArray::fromHex("00112233445566778899aabb");
    QByteArray ramp(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i)
        ramp[i] = char(i * 8);
    QTest::newRow("ramp") << ramp;
}

void TestKeyFormat::base62RoundTrip()
{
    QFETCH(QByteArray, bytes);
    const QByteArray text = kw::base62::encode(bytes);
    QCOMPARE(text.size(), kw::base62::encodedLength(int(bytes.size())));
    for (char c : text)
        QVERIFY(kw::base62::digitValue(c) >= 0);
    const auto back = kw::base62::decode(text, int(bytes.size()));
    QVERIFY(back.has_value());
    QCOMPARE(*back, bytes);
}

void TestKeyFormat::base62DecodeRejects()
{
    QCOMPARE(kw::base62::encodedLength(32), 43);
    QCOMPARE(kw::base62::encode(QByteArray(32, '\0')), QByteArray(43, '0'));
    QVERIFY(!kw::base62::decode("abc-def", 8).has_value());
    QVERIFY(!kw::base62::decode(QByteArray(43, 'z'), 32).has_value()); // > 2^256
    QVERIFY(!kw::base62::decode("zz", 1).has_value());                 // 3843 > 255
    QCOMPARE(*kw::base62::decode("47", 1), QByteArray(1, char(255)));  // 4*62+7
}

void TestKeyFormat::base62U32()
{
    for (std::uint32_t v : {0u, 1u, 61u, 62u, 0xCBF43926u, 0xffffffffu}) {
        char buf[6];
        kw::base62::encodeU32(v, buf);
        const auto back = kw::base62::decodeU32(QByteArrayView(buf, 6));
        QVERIFY(back.has_value());
        QCOMPARE(*back, v);
    }
    char zero[6];
    kw::base62::encodeU32(0, zero);
    QCOMPARE(QByteArray(zero, 6), QByteArray("000000"));
    QVERIFY(!kw::base62::decodeU32("zzzzzz").has_value()); // 62^6-1 > 2^32-1
    QVERIFY(!kw::base62::decodeU32("12345").has_value());
    QVERIFY(!kw::base62::decodeU32("12345!").has_value());
}

void TestKeyFormat::crc32KnownVectors()
{
    QCOMPARE(kw::crc32("123456789", 9), 0xCBF43926u);
    QCOMPARE(kw::crc32("", 0), 0u);
    const char* fox = "The quick brown fox jumps over the lazy dog";
    QCOMPARE(kw::crc32(fox, std::strlen(fox)), 0x414FA339u);
    // Incremental use through the seed gives the same result as one pass.
    QCOMPARE(kw::crc32("6789", 4, kw::crc32("12345", 5)), 0xCBF43926u);
}

QTEST_GUILESS_MAIN(TestKeyFormat)
#include "tst_keyformat.moc"
