#include "policy/PermissionSet.h"

#include <QTest>

using namespace kw;

class TestPermissionSet : public QObject {
    Q_OBJECT

private slots:
    void grants_data()
    {
        QTest::addColumn<QStringList>("held");
        QTest::addColumn<QString>("requested");
        QTest::addColumn<bool>("granted");
        const QStringList billingAll{"billing.*"};
        QTest::newRow("exact") << QStringList{"billing.read"} << "billing.read" << true;
        QTest::newRow("exact other") << QStringList{"billing.read"} << "billing.write" << false;
        QTest::newRow("exact is not prefix") << QStringList{"billing.read"} << "billing.read.all" << false;
        QTest::newRow("wildcard child") << billingAll << "billing.read" << true;
        QTest::newRow("wildcard grandchild") << billingAll << "billing.invoices.write" << true;
        QTest::newRow("wildcard not stem") << billingAll << "billing" << false;
        QTest::newRow("wildcard not sibling") << billingAll << "billingx.read" << false;
        QTest::newRow("wildcard not shorter") << billingAll << "bill.read" << false;
        QTest::newRow("nested wildcard") << QStringList{"billing.invoices.*"} << "billing.invoices.write" << true;
        QTest::newRow("nested wildcard not parent") << QStringList{"billing.invoices.*"} << "billing.read" << false;
        QTest::newRow("star") << QStringList{"*"} << "anything.at.all" << true;
        QTest::newRow("star single segment") << QStringList{"*"} << "admin" << true;
        QTest::newRow("empty set") << QStringList{} << "billing.read" << false;
        QTest::newRow("request wildcard") << QStringList{"*"} << "billing.*" << false;
        QTest::newRow("request malformed") << QStringList{"*"} << "Billing.read" << false;
        QTest::newRow("request empty") << QStringList{"*"} << "" << false;
        QTest::newRow("request empty segment") << billingAll << "billing..read" << false;
        QTest::newRow("request trailing dot") << billingAll << "billing." << false;
        QTest::newRow("several") << QStringList{"users.read", "billing.*", "audit.export"} << "audit.export" << true;
        QTest::newRow("several miss") << QStringList{"users.read", "billing.*", "audit.export"} << "audit.read"
                                      << false;
    }
    void grants()
    {
        QFETCH(QStringList, held);
        QFETCH(QString, requested);
        QFETCH(bool, granted);
        const Result<PermissionSet> set = PermissionSet::parse(held);
        QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
        QCOMPARE(set->grants(requested), granted);
    }

    void grantsAll()
    {
        const PermissionSet set = *PermissionSet::parse({"billing.*", "users.read"});
        QVERIFY(set.grantsAll({"billing.read", "users.read"}));
        QVERIFY(!set.grantsAll({"billing.read", "users.write"}));
        QVERIFY(set.grantsAll({}));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("permission");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("empty segment") << "billing..read"
                                       << "empty segment";
        QTest::newRow("leading dot") << ".read"
                                     << "empty segment";
        QTest::newRow("trailing dot") << "billing."
                                      << "empty segment";
        QTest::newRow("upper case") << "Billing.read"
                                    << "'B' is not allowed";
        QTest::newRow("space") << "billing read"
                               << "' ' is not allowed";
        QTest::newRow("star inside segment") << "billing*"
                                             << "'*' is not allowed";
        QTest::newRow("star not last") << "*.read"
                                       << "last segment";
        QTest::newRow("star middle") << "billing.*.read"
                                     << "last segment";
        QTest::newRow("double star") << "billing.**"
                                     << "'*' is not allowed";
    }
    void rejects()
    {
        QFETCH(QString, permission);
        QFETCH(QString, mentions);
        const Result<PermissionSet> r = PermissionSet::parse({"users.read", permission});
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(mentions), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(u'\'' + permission + u'\''), qPrintable(r.errorMessage()));
    }

    void acceptsAllowedCharacters()
    {
        QVERIFY(PermissionSet::validate(u"keys_v2.re-read.0").ok());
        QVERIFY(PermissionSet::parse({" billing.read "})->grants(u"billing.read"));
    }

    void normalises()
    {
        const PermissionSet set = *PermissionSet::parse({"users.read", "billing.*", "users.read", "*"});
        QCOMPARE(set.toStringList(), (QStringList{"*", "billing.*", "users.read"}));
        QVERIFY(!set.isEmpty());
        QVERIFY(PermissionSet().isEmpty());
        QVERIFY(!PermissionSet().grants(u"users.read"));
    }
};

QTEST_GUILESS_MAIN(TestPermissionSet)
#include "tst_permissionset.moc"
