// kwctl alert list|show|ack|resolve|evaluate and alert rule list|set|remove, as a user runs them, on a real vault.
#include "KwctlRunner.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray kPassphrase = "cli alerts passphrase";

using Run = kwtest::KwctlRun;

} // namespace

class TestKwctlAlerts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vault;
    QString m_passFile;

    Run kwctl(const QStringList& args)
    {
        kwtest::KwctlCall call;
        call.workingDirectory = m_dir.path();
        call.args = QStringList{"--vault", m_vault, "--passphrase-file", m_passFile} + args;
        return kwtest::runKwctl(call);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("alerts.kwvault"));
        m_passFile = m_dir.filePath(QStringLiteral("pass.txt"));
        QFile f(m_passFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kPassphrase + "\n");
        f.close();
        CHECK_EXIT(kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}), 0);
        CHECK_EXIT(kwctl({"project", "create", "web", "--team", "core"}), 0);
        CHECK_EXIT(kwctl({"key", "create", "--project", "web", "--env", "live", "--name", "soon", "--owner",
                          "ana@example.com", "--expires-in", "5d", "--json"}),
                   0);
    }

    void rules()
    {
        Run list = kwctl({"alert", "rule", "list", "--json"});
        CHECK_EXIT(list, 0);
        QCOMPARE(list.array().size(), 5);
        Run table = kwctl({"alert", "rule", "list"});
        CHECK_EXIT(table, 0);
        QVERIFY2(table.out.contains("expiry_within") && table.out.contains("30,7,1"), table.out.constData());

        Run created = kwctl({"alert", "rule", "set", "--kind", "rate_limited_above", "--threshold", "50", "--window",
                             "5m", "--project", "web", "--severity", "critical", "--json"});
        CHECK_EXIT(created, 0);
        const qint64 id = created.object().value("id").toInteger();
        QVERIFY(id > 0);
        QCOMPARE(created.object().value("windowMs").toInteger(), qint64(300'000));
        Run changed = kwctl({"alert", "rule", "set", "--id", QString::number(id), "--disable", "--json"});
        CHECK_EXIT(changed, 0);
        QCOMPARE(changed.object().value("enabled").toBool(), false);
        QCOMPARE(changed.object().value("severity").toString(), QStringLiteral("critical")); // kept

        Run badKind = kwctl({"alert", "rule", "set", "--kind", "weather"});
        CHECK_EXIT(badKind, 2);
        QVERIFY(badKind.err.contains("weather"));
        Run badWindow = kwctl({"alert", "rule", "set", "--kind", "error_burst", "--threshold", "5"});
        CHECK_EXIT(badWindow, 1);
        QVERIFY2(badWindow.err.contains("window"), badWindow.err.constData());
        Run badBlock = kwctl({"alert", "rule", "set", "--kind", "bad_key_repeated", "--threshold", "5", "--window",
                              "1m", "--block", "soon"});
        CHECK_EXIT(badBlock, 2);

        CHECK_EXIT(kwctl({"alert", "rule", "remove", QString::number(id)}), 0);
        CHECK_EXIT(kwctl({"alert", "rule", "remove", QString::number(id)}), 1);
        QCOMPARE(kwctl({"alert", "rule", "list", "--json"}).array().size(), 5);
    }

    void evaluateListAckResolve()
    {
        Run eval = kwctl({"alert", "evaluate", "--json"});
        CHECK_EXIT(eval, 0);
        QCOMPARE(eval.array().size(), 1);
        const QJsonObject alert = eval.array().first().toObject();
        QCOMPARE(alert.value("kind").toString(), QStringLiteral("expiry_within"));
        const QString id = QString::number(alert.value("id").toInteger());
        Run again = kwctl({"alert", "evaluate"});
        CHECK_EXIT(again, 0);
        QVERIFY(again.out.startsWith("0 alert(s)"));

        Run table = kwctl({"alert", "list"});
        CHECK_EXIT(table, 0);
        QVERIFY2(table.out.contains("expiry_within") && table.out.contains("open"), table.out.constData());
        Run show = kwctl({"alert", "show", id});
        CHECK_EXIT(show, 0);
        QVERIFY2(show.out.contains("Dedup key:") && show.out.contains("expires at"), show.out.constData());

        Run ack = kwctl({"alert", "ack", id, "--note", "renewing today", "--json"});
        CHECK_EXIT(ack, 0);
        QCOMPARE(ack.object().value("state").toString(), QStringLiteral("acknowledged"));
        CHECK_EXIT(kwctl({"alert", "ack", id}), 1);
        CHECK_EXIT(kwctl({"alert", "resolve", id}), 0);
        QCOMPARE(kwctl({"alert", "list", "--json"}).array().size(), 0);
        QCOMPARE(kwctl({"alert", "list", "--all", "--json"}).array().size(), 1);
        QCOMPARE(kwctl({"alert", "list", "--state", "resolved", "--json"}).array().size(), 1);
        CHECK_EXIT(kwctl({"alert", "show", "x"}), 2);
        CHECK_EXIT(kwctl({"alert", "show", "999"}), 1);
        CHECK_EXIT(kwctl({"alert", "list", "--state", "asleep"}), 2);

        Run audit = kwctl({"audit", "list", "--action", "alert.", "--json"});
        CHECK_EXIT(audit, 0);
        QStringList actions;
        for (const QJsonValue& v : audit.array())
            actions << v.toObject().value("action").toString();
        QVERIFY(actions.contains("alert.ack"));
        QVERIFY(actions.contains("alert.resolve"));
    }
};

QTEST_GUILESS_MAIN(TestKwctlAlerts)
#include "tst_kwctl_alerts.moc"
