#include "policy/IpRuleSet.h"

#include <QHostAddress>
#include <QTest>

using namespace kw;

namespace {

IpAddress ip(const char* text)
{
    const std::optional<IpAddress> a = IpAddress::parse(QLatin1StringView(text));
    if (!a)
        qFatal("test address %s does not parse", text);
    return *a;
}

} // namespace

class TestIpRuleSet : public QObject {
    Q_OBJECT

private slots:
    void parsesAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("v4");
        for (const char* t : {"0.0.0.0", "1.2.3.4", "255.255.255.255", "10.0.0.1"})
            QTest::newRow(t) << t << true;
        for (const char* t :
             {"::", "::1", "1::", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8",
              "1:2:3:4:5:6::8", "::1.2.3.4", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4"})
            QTest::newRow(t) << t << false;
        QTest::newRow("mapped") << "::ffff:1.2.3.4" << true;
        QTest::newRow("mapped hex") << "::ffff:102:304" << true;
    }
    void parsesAddresses()
    {
        QFETCH(QString, text);
        QFETCH(bool, v4);
        const std::optional<IpAddress> a = IpAddress::parse(text);
        QVERIFY(a.has_value());
        QCOMPARE(a->isV4(), v4);
        // Agrees with Qt's parser on the value, and the byte-string overload agrees with the UTF-16 one.
        QVERIFY(QHostAddress(a->toString()).isEqual(QHostAddress(text), QHostAddress::ConvertV4MappedToIPv4));
        QCOMPARE(IpAddress::parse(QByteArrayView(text.toLatin1())), a);
    }

    void rejectsAddresses_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* t : {"",
                              "1.2.3",
                              "1.2.3.4.5",
                              "256.1.1.1",
                              "01.2.3.4",
                              "1.2.3.4 ",
                              "127.1",
                              "1..2.3",
                              "a.b.c.d",
                              "1.2.3.-4",
                              ":",
                              ":::",
                              "1:2",
                              "1::2::3",
                              "12345::",
                              ":1::",
                              "1::2:",
                              "1:2:3:4:5:6:7:8:9",
                              "1:2:3:4:5:6:7::8",
                              "::1.2.3",
                              "::1.2.3.4:5",
                              "1:2:3:4:5:6:7:1.2.3.4",
                              "fe80::1%eth0",
                              "[::1]",
                              "g::1",
                              "1.2.3.4/32"})
            QTest::newRow(qPrintable(QStringLiteral("'%1'").arg(QLatin1StringView(t)))) << t;
    }
    void rejectsAddresses()
    {
        QFETCH(QString, text);
        QVERIFY(!IpAddress::parse(text).has_value());
    }

    void mappedEqualsV4()
    {
        QCOMPARE(ip("::ffff:1.2.3.4"), ip("1.2.3.4"));
        QCOMPARE(ip("::ffff:1.2.3.4").toString(), QStringLiteral("1.2.3.4"));
        QCOMPARE(ip("1.2.3.4").toV4(), 0x01020304u);
        QVERIFY(ip("::1.2.3.4") != ip("1.2.3.4")); // the deprecated IPv4-compatible form is plain IPv6
    }

    void permits_data()
    {
        QTest::addColumn<QStringList>("allow");
        QTest::addColumn<QStringList>("deny");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("permitted");
        const QStringList none;
        QTest::newRow("no rules") << none << none << "8.8.8.8" << true;
        QTest::newRow("v4 inside") << QStringList{"10.0.0.0/8"} << none << "10.255.1.2" << true;
        QTest::newRow("v4 outside") << QStringList{"10.0.0.0/8"} << none << "11.0.0.0" << false;
        QTest::newRow("v4 /24 last") << QStringList{"192.168.1.0/24"} << none << "192.168.1.255" << true;
        QTest::newRow("v4 /24 next") << QStringList{"192.168.1.0/24"} << none << "192.168.2.0" << false;
        QTest::newRow("v4 /0") << QStringList{"0.0.0.0/0"} << none << "203.0.113.9" << true;
        QTest::newRow("v4 /0 not v6") << QStringList{"0.0.0.0/0"} << none << "2001:db8::1" << false;
        QTest::newRow("v4 /32 hit") << QStringList{"1.2.3.4/32"} << none << "1.2.3.4" << true;
        QTest::newRow("v4 /32 miss") << QStringList{"1.2.3.4/32"} << none << "1.2.3.5" << false;
        QTest::newRow("v4 bare") << QStringList{"1.2.3.4"} << none << "1.2.3.4" << true;
        QTest::newRow("v4 /31") << QStringList{"1.2.3.4/31"} << none << "1.2.3.5" << true;
        QTest::newRow("v4 host bits masked") << QStringList{"10.1.2.3/8"} << none << "10.200.0.1" << true;
        QTest::newRow("mapped matches v4 rule") << QStringList{"10.0.0.0/8"} << none << "::ffff:10.1.1.1" << true;
        QTest::newRow("mapped rule matches v4") << QStringList{"::ffff:10.0.0.0/104"} << none << "10.9.9.9" << true;
        QTest::newRow("mapped rule bounds") << QStringList{"::ffff:10.0.0.0/104"} << none << "11.0.0.0" << false;
        QTest::newRow("v6 /64 inside") << QStringList{"2001:db8:1:2::/64"} << none << "2001:db8:1:2:ffff::1" << true;
        QTest::newRow("v6 /64 outside") << QStringList{"2001:db8:1:2::/64"} << none << "2001:db8:1:3::" << false;
        QTest::newRow("v6 /65 low half") << QStringList{"2001:db8::/65"} << none << "2001:db8::7fff:0:0:1" << true;
        QTest::newRow("v6 /65 high half") << QStringList{"2001:db8::/65"} << none << "2001:db8::8000:0:0:1" << false;
        QTest::newRow("v6 /63") << QStringList{"2001:db8::/63"} << none << "2001:db8:0:1::9" << true;
        QTest::newRow("v6 /128 hit") << QStringList{"2001:db8::1/128"} << none << "2001:db8::1" << true;
        QTest::newRow("v6 /128 miss") << QStringList{"2001:db8::1/128"} << none << "2001:db8::2" << false;
        QTest::newRow("v6 bare") << QStringList{"::1"} << none << "::1" << true;
        QTest::newRow("v6 /0") << QStringList{"::/0"} << none << "2a00::1" << true;
        QTest::newRow("v6 /0 not v4") << QStringList{"::/0"} << none << "1.2.3.4" << false;
        QTest::newRow("v6 /0 not mapped") << QStringList{"::/0"} << none << "::ffff:1.2.3.4" << false;
        QTest::newRow("deny wins") << QStringList{"10.0.0.0/8"} << QStringList{"10.0.0.0/24"} << "10.0.0.7" << false;
        QTest::newRow("deny elsewhere") << QStringList{"10.0.0.0/8"} << QStringList{"10.0.0.0/24"} << "10.0.1.7"
                                        << true;
        QTest::newRow("deny only") << none << QStringList{"203.0.113.0/24"} << "203.0.113.5" << false;
        QTest::newRow("deny only other") << none << QStringList{"203.0.113.0/24"} << "198.51.100.1" << true;
        QTest::newRow("deny mapped") << none << QStringList{"203.0.113.5"} << "::ffff:203.0.113.5" << false;
        QTest::newRow("mixed lists") << QStringList{"10.0.0.0/8", "2001:db8::/32"} << none << "2001:db8:ff::" << true;
    }
    void permits()
    {
        QFETCH(QStringList, allow);
        QFETCH(QStringList, deny);
        QFETCH(QString, address);
        QFETCH(bool, permitted);
        const Result<IpRuleSet> rules = IpRuleSet::parse(allow, deny);
        QVERIFY2(rules.ok(), qPrintable(rules.errorMessage()));
        QCOMPARE(rules->permits(ip(address.toLatin1().constData())), permitted);
    }

    void rejectsRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("v4 prefix 33") << "10.0.0.0/33"
                                      << "0 to 32";
        QTest::newRow("v6 prefix 129") << "2001:db8::/129"
                                       << "0 to 128";
        QTest::newRow("negative prefix") << "10.0.0.0/-1"
                                         << "0 to 32";
        QTest::newRow("empty prefix") << "10.0.0.0/"
                                      << "0 to 32";
        QTest::newRow("junk prefix") << "10.0.0.0/8x"
                                     << "0 to 32";
        QTest::newRow("long prefix") << "10.0.0.0/0008"
                                     << "0 to 32";
        QTest::newRow("two slashes") << "10.0.0.0/8/8"
                                     << "0 to 32";
        QTest::newRow("bad address") << "10.0.0.256/8"
                                     << "'10.0.0.256' is not an IPv4 or IPv6 address";
        QTest::newRow("hostname") << "example.com"
                                  << "not an IPv4 or IPv6 address";
        QTest::newRow("empty") << ""
                               << "empty";
    }
    void rejectsRules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, mentions);
        const Result<IpRuleSet> asAllow = IpRuleSet::parse({"10.0.0.0/8", rule});
        QVERIFY(!asAllow.ok());
        QVERIFY2(asAllow.errorMessage().contains(mentions), qPrintable(asAllow.errorMessage()));
        QVERIFY2(asAllow.errorMessage().contains(u'\'' + rule + u'\''), qPrintable(asAllow.errorMessage()));
        QVERIFY(asAllow.errorMessage().contains(u"allow list"));
        const Result<IpRuleSet> asDeny = IpRuleSet::parse({}, {rule});
        QVERIFY(!asDeny.ok());
        QVERIFY(asDeny.errorMessage().contains(u"deny list"));
    }

    void showsMaskedRules()
    {
        const IpRuleSet rules =
            *IpRuleSet::parse({"10.1.2.3/8", "::ffff:192.168.0.0/112", "2001:db8::1/32"}, {"1.2.3.4"});
        QCOMPARE(rules.allowList(), (QStringList{"10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"}));
        QCOMPARE(rules.denyList(), QStringList{"1.2.3.4/32"});
    }
};

QTEST_GUILESS_MAIN(TestIpRuleSet)
#include "tst_ipruleset.moc"
