// A real keywardend delivering the outbox: killed with SIGKILL while it holds notifications mid-send (the receiver
// accepted the connections and never answered), restarted, and every notification still arrives — at least once,
// deduplicable by X-KeyWarden-Delivery. Then kwctl against the server: list, show with the delivery log, deliver.
#include "ServerProcess.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"

#include "remote/RemoteBackend.h"
#include "storage/LocalVault.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace kw;

class TstNotifyServer : public QObject {
    Q_OBJECT

private slots:
    void killedMidLeaseLosesNothing()
    {
        kwtest::TempVault tv;
        QVERIFY(tv.ok());
        LocalVault& v = tv.backend();
        auto admin = v.createOperator("admin", OperatorRole::Admin);
        QVERIFY(admin.ok());
        QVERIFY(v.createTeam("core").ok());
        QVERIFY(v.createProject(ProjectSpec{"web", "core", {}}).ok());
        QVERIFY(v.createEnvironment("web", "live").ok());

        // A receiver that accepts connections and never answers: the server's sends hang mid-lease.
        QTcpServer blackHole;
        QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));
        const quint16 port = blackHole.serverPort();
        QList<QTcpSocket*> held;
        connect(&blackHole, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = blackHole.nextPendingConnection())
                held << s;
        });
        const int kContacts = 4;
        for (int i = 0; i < kContacts; ++i)
            QVERIFY(v.saveContact(Contact{0,
                                          "web",
                                          "",
                                          QStringLiteral("Hook %1").arg(i),
                                          {},
                                          QStringLiteral("http://127.0.0.1:%1/hook/%2").arg(port).arg(i),
                                          {},
                                          {}})
                        .ok());
        KeySpec spec;
        spec.project = "web";
        spec.environment = "live";
        spec.name = "leaked";
        auto key = v.createKey(spec);
        QVERIFY(key.ok());
        auto plan = v.revokeKeys(RevocationRequest{{key->key.id}, false, "leaked", "INC-K"});
        QVERIFY(plan.ok());
        auto queued = v.notifyRevocation("INC-K", *plan, "leaked");
        QVERIFY(queued.ok());
        QCOMPARE(queued->size(), kContacts);
        QSet<QByteArray> ids;
        for (const Notification& n : *queued)
            ids.insert(QByteArray::number(n.id));
        tv.close();

        const QStringList args{"--notify-interval-ms", "100", "--notify-backoff-ms", "100",
                               "--notify-lease-ms",    "3000"};
        kwtest::ServerProcess server(tv.path(), args);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // The dispatcher claimed the batch and is stuck sending the first one.
        QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 20'000);
        server.kill();
        QVERIFY(!server.isRunning());
        blackHole.close();
        qDeleteAll(held);

        // The receiver comes back on the same port; the server restarts over the same vault.
        kwtest::WebhookReceiver receiver({}, 200, port);
        QVERIFY(receiver.listen());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        auto remote = RemoteBackend::create(QUrl(server.url()), admin->token.clone());
        QVERIFY2(remote.ok(), qPrintable(remote.errorMessage()));
        NotificationQuery q;
        q.incident = "INC-K";
        auto allSent = [&] {
            auto list = (*remote)->notifications(q);
            if (!list)
                return false;
            for (const Notification& n : *list)
                if (n.state != QLatin1String("sent"))
                    return false;
            return list->size() == kContacts;
        };
        // The claim from before the crash runs out (3 s), then everything is delivered.
        QTRY_VERIFY_WITH_TIMEOUT(allSent(), 60'000);
        QSet<QByteArray> delivered;
        for (const auto& r : receiver.requests())
            delivered.insert(r.headers.value("x-keywarden-delivery"));
        QCOMPARE(delivered, ids);
        // Every notification's log ends with its successful attempt.
        for (const QByteArray& id : ids) {
            auto log = (*remote)->notificationDeliveries(id.toLongLong());
            QVERIFY(log.ok());
            QVERIFY(!log->isEmpty());
            QCOMPARE(log->last().outcome, QStringLiteral("sent"));
        }

        // kwctl against the server: the outbox, one notification with its log, a delivery pass.
        const QString kwctl = kwtest::builtProgram("app/kwctl/kwctl");
        auto run = [&](const QStringList& words, QString* out) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("KEYWARDEN_TOKEN", admin->token.toUtf8String());
            p.setProcessEnvironment(env);
            p.start(kwctl, QStringList{"--server", server.url()} + words);
            p.waitForFinished(30'000);
            *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            return p.exitCode();
        };
        QString out;
        QCOMPARE(run({"notification", "list", "--incident", "INC-K", "--state", "sent"}, &out), 0);
        QCOMPARE(out.count("sent"), kContacts);
        QCOMPARE(run({"notification", "show", QString::fromLatin1(*ids.begin())}, &out), 0);
        QVERIFY2(out.contains("Delivery log:") && out.contains(" sent "), qPrintable(out));
        QCOMPARE(run({"notification", "deliver"}, &out), 0);
        QVERIFY2(out.contains("Claimed 0"), qPrintable(out));
        QCOMPARE(run({"notification", "show", "999999"}, &out), 1);
        QVERIFY(out.contains("No notification with id 999999"));
        QCOMPARE(run({"notification", "test", "--webhook", receiver.url("/t")}, &out), 0);
        QVERIFY2(out.contains("Test message sent (HTTP 200"), qPrintable(out));
        QCOMPARE(run({"incident", "resolve", "INC-K", "--note", "rotated"}, &out), 0);
        QVERIFY2(out.contains("4 notification(s) queued"), qPrintable(out));
        QCOMPARE(run({"notification", "settings", "smtp", "set", "--host", "127.0.0.1", "--from", "nobody"}, &out), 1);
        QVERIFY2(out.contains("sender"), qPrintable(out));
        QCOMPARE(run({"notification", "settings", "webhook-secret", "show"}, &out), 0);
        QVERIFY(out.contains("whsec_"));
        QVERIFY(server.stop() == 0);
        // The server's log names no secret.
        QVERIFY(!server.log().contains("whsec_"));
    }
};

QTEST_GUILESS_MAIN(TstNotifyServer)
#include "tst_notify_server.moc"
