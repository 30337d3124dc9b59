// kwctl's incident-response and calendar commands as responders and scripts use them: the real binary in a scratch
// folder against a real vault file. key list's new filters, key scan (positions and keys, never secrets; exit 1 on a
// live key), backups, activation and replacement, contacts and the notification outbox, the calendar and the
// rotation schedule, usage anomalies and latency percentiles on the demo vault.

#include "crypto/KeyFormat.h"

#include "KwctlRunner.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray kPassphrase = "cli incident test passphrase";

using Run = kwtest::KwctlRun;

QStringList namesOf(const QJsonArray& keys)
{
    QStringList out;
    for (const auto& k : keys)
        out << k.toObject().value("name").toString();
    out.sort();
    return out;
}

} // namespace

class TestKwctlIncident : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vault;
    QString m_passFile;

    Run kwctl(const QStringList& args, const QByteArray& stdinData = {}, const QString& vault = {})
    {
        kwtest::KwctlCall call;
        call.workingDirectory = m_dir->path();
        call.args = QStringList{"--vault", vault.isEmpty() ? m_vault : vault, "--passphrase-file", m_passFile} + args;
        call.stdinData = stdinData;
        return kwtest::runKwctl(call);
    }
    Run ok(const QStringList& args, const QByteArray& stdinData = {})
    {
        Run r = kwctl(args, stdinData);
        if (r.code != 0)
            QTest::qFail(qPrintable(args.join(u' ') + u'\n' + r.describe()), __FILE__, __LINE__);
        return r;
    }
    // `key create --json`: {"id", "secret", "displayId", "key"}.
    QJsonObject createKey(const QString& name, const QStringList& extra = {})
    {
        return ok(QStringList{"key", "create", "--project", "acme", "--env", "live", "--name", name, "--json"} + extra)
            .object();
    }
    QString writeFile(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

private slots:
    void initTestCase()
    {
        const QString program = kwtest::builtProgram(QStringLiteral("app/kwctl/kwctl"));
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QLatin1String(" not built")));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_vault = m_dir->filePath(QStringLiteral("incident.kwvault"));
        m_passFile = m_dir->filePath(QStringLiteral("pass.txt"));
        QVERIFY(!writeFile(QStringLiteral("pass.txt"), kPassphrase + "\n").isEmpty());
        CHECK_EXIT(kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}), 0);
        CHECK_EXIT(kwctl({"project", "create", "acme"}), 0);
    }
    void cleanup() { m_dir.reset(); }

    void keyListIncidentFilters()
    {
        createKey("alpha", {"--owner", "Ana@Example.com", "--expires-in", "10d"});
        createKey("beta", {"--owner", "bo@example.com", "--expires-in", "40d"});
        const QJsonObject gamma = createKey("gamma", {"--owner", "ana@example.com", "--service", "billing"});
        QCOMPARE(namesOf(ok({"key", "list", "--owner", "ANA@example.com", "--json"}).array()),
                 (QStringList{"alpha", "gamma"}));
        QCOMPARE(ok({"key", "list", "--created-from", "2000-01-01", "--json"}).array().size(), 3);
        QCOMPARE(ok({"key", "list", "--created-to", "2000-01-01T00:00:00Z", "--json"}).array().size(), 0);
        const QString in20days =
            QDateTime::currentDateTimeUtc().addDays(20).toString(Qt::ISODate); // e.g. 2026-03-01T12:00:00Z
        QCOMPARE(namesOf(ok({"key", "list", "--expires-after", in20days, "--json"}).array()), QStringList{"beta"});

        CHECK_EXIT(
            kwctl({"key", "verify", gamma.value("secret").toString(), "--service", "billing", "--ip", "203.0.113.9"}),
            0);
        QCOMPARE(namesOf(ok({"key", "list", "--client-ip", "203.0.113.9", "--json"}).array()), QStringList{"gamma"});
        QCOMPARE(ok({"key", "list", "--client-ip", "198.51.100.1", "--json"}).array().size(), 0);

        const Run badIp = kwctl({"key", "list", "--client-ip", "not-an-ip"});
        CHECK_EXIT(badIp, 1);
        QVERIFY(badIp.err.contains("not-an-ip"));
        const Run badTime = kwctl({"key", "list", "--created-from", "yesterday"});
        CHECK_EXIT(badTime, 2);
        QVERIFY(badTime.err.contains("--created-from"));
    }

    void keyScanFindsKeysWithoutEchoingThem()
    {
        const QJsonObject live = createKey("checkout web");
        const QJsonObject leaked = createKey("old mobile");
        ok({"key", "revoke", leaked.value("id").toString(), "--reason", "leaked", "--incident", "INC-5"});
        const QString liveSecret = live.value("secret").toString();
        const QString revokedSecret = leaked.value("secret").toString();
        const QString unknown = kw::KeyFormat::generate(u"kw_live_")->toUtf8String();
        QString broken = liveSecret;
        broken[broken.size() - 1] = broken.back() == u'A' ? u'B' : u'A';
        const QByteArray text = "2026-03-01 GET /orders\n"
                                "  Authorization: Bearer " +
                                liveSecret.toUtf8() + "\n" + "config: key=" + revokedSecret.toUtf8() +
                                " other=" + unknown.toUtf8() + "\n" + "typo: " + broken.toUtf8() + "\n";
        const QString file = writeFile(QStringLiteral("excerpt.log"), text);

        const Run table = kwctl({"key", "scan", file});
        CHECK_EXIT(table, 1); // a live key was found
        for (const QString& secret : {liveSecret, revokedSecret, unknown, broken}) {
            QVERIFY2(!table.out.contains(secret.toUtf8()), qPrintable(table.describe()));
            QVERIFY2(!table.err.contains(secret.toUtf8()), qPrintable(table.describe()));
        }
        QVERIFY2(table.out.contains("2:25"), qPrintable(table.describe()));
        QVERIFY(table.out.contains(live.value("displayId").toString().toUtf8()));
        QVERIFY(table.out.contains("checkout web"));
        QVERIFY(table.out.contains("revoked"));
        QVERIFY(table.out.contains("unknown to this vault"));
        QVERIFY(table.out.contains("checksum"));
        QVERIFY(table.err.contains("Live keys were found"));

        const Run json = kwctl({"key", "scan", file, "--json"});
        CHECK_EXIT(json, 1);
        const QJsonArray found = json.array();
        QCOMPARE(found.size(), 4);
        QCOMPARE(found[0].toObject().value("line").toInt(), 2);
        QCOMPARE(found[0].toObject().value("key").toObject().value("id").toString(), live.value("id").toString());
        QCOMPARE(found[1].toObject().value("key").toObject().value("status").toString(), QStringLiteral("revoked"));
        QCOMPARE(found[2].toObject().value("known").toBool(), false);
        QCOMPARE(found[3].toObject().value("checksumValid").toBool(), false);
        QVERIFY(!json.out.contains(liveSecret.toUtf8()));

        // From standard input; only a revoked key: nothing live, exit 0.
        const Run revokedOnly = kwctl({"key", "scan", "-"}, "leak: " + revokedSecret.toUtf8() + "\n");
        CHECK_EXIT(revokedOnly, 0);
        QVERIFY(revokedOnly.out.contains("old mobile"));
        const Run nothing = kwctl({"key", "scan"}, "no keys here\n");
        CHECK_EXIT(nothing, 0);
        QVERIFY(nothing.out.contains("No key-like strings found"));
        CHECK_EXIT(kwctl({"key", "scan", m_dir->filePath("missing.log")}), 1);
        // The lookups are in the audit trail; the secrets are not.
        const Run audit = ok({"audit", "list", "--json"});
        QVERIFY(audit.out.contains("key.lookup"));
        QVERIFY(!audit.out.contains(liveSecret.toUtf8()));
    }

    void backupsActivationReplacementAndNotifications()
    {
        const QJsonObject primary =
            createKey("primary", {"--service", "billing", "--tag", "pci", "--expires-in", "30d"});
        const QJsonObject standby = createKey("standby", {"--service", "billing", "--backup"});
        const QString primaryId = primary.value("id").toString();
        const QString standbyId = standby.value("id").toString();
        QCOMPARE(namesOf(ok({"key", "backups", primaryId, "--json"}).array()), QStringList{"standby"});
        QVERIFY(ok({"key", "backups", primaryId}).out.contains("standby"));

        const Run contact = ok({"contact", "add", "--project", "acme", "--name", "Ops", "--email", "ops@example.com",
                                "--webhook", "https://hooks.example.com/kw", "--json"});
        const qint64 contactId = contact.object().value("id").toInteger();
        QVERIFY(contactId > 0);
        ok({"contact", "add", "--project", "acme", "--service", "billing", "--name", "Billing desk", "--phone",
            "+1 555 0100"});

        CHECK_EXIT(kwctl({"key", "activate-backup", standbyId}), 2); // --reason
        CHECK_EXIT(kwctl({"key", "activate-backup", primaryId, "--reason", "failover"}), 1);
        const Run revoked =
            ok({"key", "revoke", primaryId, "--reason", "leaked in a ticket", "--incident", "INC-8", "--notify"});
        QVERIFY2(revoked.out.contains("Queued 2 notification(s)"), qPrintable(revoked.describe()));
        const Run activated =
            ok({"key", "activate-backup", standbyId, "--reason", "failover", "--incident", "INC-8", "--json"});
        QCOMPARE(activated.object().value("backup").toBool(), false);
        QCOMPARE(activated.object().value("incidentId").toString(), QStringLiteral("INC-8"));

        const Run replaced = ok({"key", "replace", primaryId, "--reason", "leaked", "--incident", "INC-8"});
        const QByteArray secret = replaced.out.trimmed();
        QVERIFY2(kw::KeyFormat::isWellFormed(secret), qPrintable(replaced.describe())); // the secret alone on stdout
        QVERIFY(replaced.err.contains("Issued replacement key"));
        QVERIFY(!replaced.err.contains(secret));
        CHECK_EXIT(kwctl({"key", "verify", QString::fromLatin1(secret), "--service", "billing"}), 0);
        CHECK_EXIT(kwctl({"key", "replace", primaryId, "--reason", "again"}), 1);

        const Run queued = ok({"notification", "list", "--incident", "INC-8", "--json"});
        QCOMPARE(queued.array().size(), 2);
        for (const auto& n : queued.array()) {
            QCOMPARE(n.toObject().value("state").toString(), QStringLiteral("queued"));
            QVERIFY(!n.toObject().value("body").toString().contains(primary.value("secret").toString()));
        }
        QVERIFY(ok({"notification", "list"}).out.contains("ops@example.com"));
        CHECK_EXIT(kwctl({"notification", "list", "--limit", "zero"}), 2);
    }

    void contacts()
    {
        CHECK_EXIT(kwctl({"contact", "add", "--project", "acme", "--name", "Nobody"}), 2); // no channel
        const Run badEmail = kwctl({"contact", "add", "--project", "acme", "--name", "Ops", "--email", "ops"});
        CHECK_EXIT(badEmail, 1);
        QVERIFY(badEmail.err.contains("e-mail"));
        CHECK_EXIT(kwctl({"contact", "add", "--project", "nope", "--name", "Ops", "--email", "o@example.com"}), 1);
        const qint64 id =
            ok({"contact", "add", "--project", "acme", "--name", "Ops", "--email", "o@example.com", "--json"})
                .object()
                .value("id")
                .toInteger();
        QCOMPARE(ok({"contact", "list", "--project", "acme", "--json"}).array().size(), 1);
        QVERIFY(ok({"contact", "list"}).out.contains("o@example.com"));
        ok({"contact", "remove", QString::number(id)});
        CHECK_EXIT(kwctl({"contact", "remove", QString::number(id)}), 1);
        CHECK_EXIT(kwctl({"contact", "remove", "abc"}), 2);
        QCOMPARE(ok({"contact", "list", "--json"}).array().size(), 0);
        CHECK_EXIT(kwctl({"contact", "frobnicate"}), 2);
    }

    void calendarAndRotations()
    {
        createKey("soon", {"--expires-in", "3d"});
        createKey("rotating", {"--rotate-every", "5d"});
        const Run days = ok({"key", "calendar", "--days", "10", "--json"});
        qint64 expiring = 0, rotations = 0;
        for (const auto& d : days.array()) {
            expiring += d.toObject().value("expiring").toInteger();
            rotations += d.toObject().value("rotations").toInteger();
        }
        QCOMPARE(expiring, 1);
        QCOMPARE(rotations, 1);
        QVERIFY(ok({"key", "calendar", "--days", "10", "--utc-offset", "+05:30"}).out.contains("EXPIRING"));
        const Run due = ok({"key", "rotations", "--days", "10", "--json"});
        QCOMPARE(due.array().size(), 1);
        QCOMPARE(due.array().first().toObject().value("name").toString(), QStringLiteral("rotating"));
        QCOMPARE(ok({"key", "rotations", "--days", "2", "--json"}).array().size(), 0);
        QCOMPARE(ok({"key", "calendar", "--project", "acme", "--env", "staging", "--json"}).array().size(), 0);

        CHECK_EXIT(kwctl({"key", "calendar", "--utc-offset", "Europe/Paris"}), 2);
        CHECK_EXIT(kwctl({"key", "calendar", "--from", "2026-03-10", "--to", "2026-03-01"}), 2);
        CHECK_EXIT(kwctl({"key", "calendar", "--to", "2026-03-01", "--days", "3"}), 2);
        CHECK_EXIT(kwctl({"key", "rotations", "--limit", "0"}), 2);
    }

    // The demo vault: gateway latencies and the hidden anomalies, as kwctl shows them.
    void anomaliesAndPercentilesOnTheDemo()
    {
        const QString demo = m_dir->filePath(QStringLiteral("demo.kwvault"));
        CHECK_EXIT(kwctl({"vault", "demo", demo, "--kdf-memory", "8", "--kdf-iterations", "1", "--seed", "3"}), 0);
        const Run summary = kwctl({"usage", "summary", "--project", "payments", "--since", "7d"}, {}, demo);
        CHECK_EXIT(summary, 0);
        QVERIFY2(summary.out.contains("p50 <=") && summary.out.contains("p95 <=") && summary.out.contains("p99 <="),
                 qPrintable(summary.describe()));
        const Run json = kwctl({"usage", "summary", "--project", "payments", "--since", "7d", "--json"}, {}, demo);
        CHECK_EXIT(json, 0);
        QVERIFY(json.object().value("latencyP99Us").toInteger() >= json.object().value("latencyP50Us").toInteger());
        QCOMPARE(json.object().value("latencyHistogram").toArray().size(), 16);

        const Run anomalies =
            kwctl({"usage", "anomalies", "--project", "partner-gateway", "--since", "3d", "--json"}, {}, demo);
        CHECK_EXIT(anomalies, 0);
        QStringList kinds;
        for (const auto& a : anomalies.array())
            kinds << a.toObject().value("kind").toString();
        QVERIFY2(kinds.contains("spike") && kinds.contains("off-hours"), qPrintable(anomalies.describe()));
        const Run table = kwctl({"usage", "anomalies", "--project", "partner-gateway", "--since", "3d"}, {}, demo);
        CHECK_EXIT(table, 0);
        QVERIFY(table.out.contains("spike"));
        CHECK_EXIT(kwctl({"usage", "anomalies", "--service", "nope"}, {}, demo), 2);
    }
};

QTEST_GUILESS_MAIN(TestKwctlIncident)
#include "tst_kwctl_incident.moc"
