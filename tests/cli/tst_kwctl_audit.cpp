// kwctl's audit, compliance and report commands as an auditor's scripts use them: the real binary in a scratch
// folder against a real vault — filters and counts, batch export as JSON lines and RFC 5424, retention and pruning,
// the compliance run with its exit code, and signed exports in CSV, JSON and PDF that `kwctl report verify` checks
// (offline with --public-key), failing after a one-byte change.

#include "KwctlRunner.h"
#include "ReportCheck.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray kPassphrase = "cli audit passphrase";

using Run = kwtest::KwctlRun;

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestKwctlAudit : public QObject {
    Q_OBJECT

    QTemporaryDir m_templateDir;
    QString m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vault;
    QString m_passFile;
    QStringList m_secrets;

    Run kwctl(const QStringList& args, bool withVault = true)
    {
        kwtest::KwctlCall call;
        call.workingDirectory = m_dir->path();
        call.unset << QStringLiteral("QT_QPA_PLATFORM"); // kwctl picks the offscreen platform for PDFs itself
        if (withVault)
            call.args << QStringLiteral("--vault") << m_vault << QStringLiteral("--passphrase-file") << m_passFile;
        call.args << args;
        return kwtest::runKwctl(call);
    }

    QString path(const QString& name) const { return m_dir->filePath(name); }

    // Two keys in web/live (one revoked in INC-9), one in lab/dev.
    void seed()
    {
        CHECK_EXIT(kwctl({"project", "create", "web", "--team", "core"}), 0);
        CHECK_EXIT(kwctl({"project", "create", "lab"}), 0);
        QStringList ids;
        for (const auto& [project, env, name] : {std::tuple{"web", "live", "alpha"}, std::tuple{"web", "live", "beta"},
                                                 std::tuple{"lab", "dev", "gamma"}}) {
            Run r = kwctl({"key", "create", "--project", project, "--env", env, "--name", name, "--owner",
                           "ana@example.com", "--json"});
            CHECK_EXIT(r, 0);
            ids << r.object().value("id").toString();
            m_secrets << r.object().value("secret").toString();
        }
        CHECK_EXIT(kwctl({"key", "revoke", ids[1], "--reason", "leaked, badly", "--incident", "INC-9", "--yes"}), 0);
    }

private slots:
    void initTestCase()
    {
        const QString program = kwtest::builtProgram(QStringLiteral("app/kwctl/kwctl"));
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QLatin1String(" not built")));
        init();
        CHECK_EXIT(kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}), 0);
        m_template = m_templateDir.filePath(QStringLiteral("template.kwvault"));
        QVERIFY(QFile::copy(m_vault, m_template));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_vault = m_dir->filePath(QStringLiteral("cli.kwvault"));
        m_passFile = m_dir->filePath(QStringLiteral("pass.txt"));
        QVERIFY(writeAll(m_passFile, kPassphrase + "\n"));
        m_secrets.clear();
        if (!m_template.isEmpty()) {
            QVERIFY(QFile::copy(m_template, m_vault));
            QVERIFY(QFile::setPermissions(m_vault, QFile::ReadOwner | QFile::WriteOwner));
        }
    }

    void cleanup() { m_dir.reset(); }

    void helpNamesTheCommands()
    {
        const Run help = kwctl({"--help"}, false);
        CHECK_EXIT(help, 0);
        for (const char* command : {"audit export", "audit prune", "audit settings", "audit status", "compliance run",
                                    "compliance config", "report create", "report verify", "report public-key"})
            QVERIFY2(help.out.contains(command), command);
    }

    void auditListFiltersAndCount()
    {
        seed();
        Run revokes = kwctl({"audit", "list", "--action", "key.revoke", "--json"});
        CHECK_EXIT(revokes, 0);
        QCOMPARE(revokes.array().size(), 1);
        const QJsonObject e = revokes.array().first().toObject();
        QCOMPARE(e.value("incident").toString(), QStringLiteral("INC-9"));
        QCOMPARE(e.value("role").toString(), QStringLiteral("local"));
        QCOMPARE(kwctl({"audit", "list", "--action", "key.", "--count"}).out.trimmed(), QByteArray("4"));
        QCOMPARE(kwctl({"audit", "list", "--search", "badly", "--count"}).out.trimmed(), QByteArray("1"));
        QCOMPARE(kwctl({"audit", "list", "--incident", "INC-9", "--count", "--json"}).object().value("count").toInt(),
                 1);
        const Run newest = kwctl({"audit", "list", "--newest", "--limit", "2", "--json"});
        QCOMPARE(newest.array().size(), 2);
        QVERIFY(newest.array()[0].toObject().value("seq").toInt() > newest.array()[1].toObject().value("seq").toInt());
        QCOMPARE(kwctl({"audit", "list", "--since", "2000-01-01", "--until", "1d", "--count"}).out.trimmed(),
                 QByteArray("0")); // everything was written in the last day
        QVERIFY(kwctl({"audit", "list", "--since", "1h", "--count"}).out.trimmed().toInt() >= 8);
        // Human output names the role column.
        const Run table = kwctl({"audit", "list"});
        QVERIFY(table.out.startsWith("SEQ"));
        QVERIFY(table.out.contains("ROLE"));
        // Bad input is a usage error that names it.
        const Run bad = kwctl({"audit", "list", "--since", "yesterday"});
        CHECK_EXIT(bad, 2);
        QVERIFY2(bad.err.contains("--since"), bad.err.constData());
        CHECK_EXIT(kwctl({"audit", "list", "--since", "1h", "--until", "2h"}), 2);
    }

    void exportJsonLinesAndSyslog()
    {
        seed();
        const Run jsonl = kwctl({"audit", "export", "--format", "jsonl"});
        CHECK_EXIT(jsonl, 0);
        const QList<QByteArray> lines = jsonl.out.trimmed().split('\n');
        QCOMPARE(qsizetype(lines.size()), qsizetype(kwctl({"audit", "list", "--count"}).out.trimmed().toInt()));
        for (const QByteArray& line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QCOMPARE(o.value("type").toString(), QStringLiteral("audit"));
            QVERIFY(o.value("seq").toInt() > 0);
        }
        const Run syslog = kwctl({"audit", "export", "--format", "syslog", "--action", "key.revoke"});
        CHECK_EXIT(syslog, 0);
        static const QRegularExpression re(QStringLiteral(
            R"(^<109>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ kwctl \d+ audit \[keywarden@32473 seq="\d+" action="key.revoke" .*\] \x{FEFF}\{.*"incident":"INC-9".*\}$)"));
        QVERIFY2(re.match(QString::fromUtf8(syslog.out.trimmed())).hasMatch(), syslog.out.constData());
        // To a file, with a summary on stderr.
        const Run toFile = kwctl({"audit", "export", "--format", "jsonl", "--since", "1h", "--out", path("a.jsonl")});
        CHECK_EXIT(toFile, 0);
        QVERIFY(toFile.err.contains("Exported"));
        QCOMPARE(readAll(path("a.jsonl")), jsonl.out);
        CHECK_EXIT(kwctl({"audit", "export", "--format", "xml"}), 2);
    }

    void verifyStatusAndTampering()
    {
        seed();
        const Run ok = kwctl({"audit", "verify"});
        CHECK_EXIT(ok, 0);
        QVERIFY(ok.out.contains("intact through entry"));
        const QJsonObject status = kwctl({"audit", "status", "--json"}).object();
        QVERIFY(status.value("lastVerifiedIntact").toBool());
        QVERIFY(!status.value("lastVerifiedAt").isNull());
        QVERIFY(kwtest::execRawSql(m_vault, QStringLiteral("UPDATE audit SET reason = 'nothing' WHERE seq = 4")));
        const Run broken = kwctl({"audit", "verify"});
        CHECK_EXIT(broken, 1);
        QVERIFY2(broken.err.contains("BROKEN at entry 4"), broken.err.constData());
        QVERIFY(kwctl({"audit", "status"}).out.contains("BROKEN at entry 4"));
    }

    void retentionAndPrune()
    {
        seed();
        const Run settings = kwctl({"audit", "settings", "--retention", "90d", "--json"});
        CHECK_EXIT(settings, 0);
        QCOMPARE(settings.object().value("auditRetention").toString(), QStringLiteral("90d"));
        QCOMPARE(settings.object().value("usageRawRetention").toString(), QStringLiteral("30d"));
        CHECK_EXIT(kwctl({"audit", "settings", "--retention", "soon"}), 2);
        // Without --yes and without a terminal: says what would happen, does nothing.
        const Run asked = kwctl({"audit", "prune", "--before", "2099-01-01"});
        CHECK_EXIT(asked, 1);
        const Run unconfirmed = kwctl({"audit", "prune", "--before", "1s"});
        CHECK_EXIT(unconfirmed, 1);
        QVERIFY2(unconfirmed.err.contains("will be deleted") && unconfirmed.err.contains("--yes"),
                 unconfirmed.err.constData());
        QTest::qSleep(1100);
        const int before = kwctl({"audit", "list", "--count"}).out.trimmed().toInt();
        const Run pruned = kwctl({"audit", "prune", "--before", "1s", "--yes", "--json"});
        CHECK_EXIT(pruned, 0);
        QVERIFY(pruned.object().value("pruned").toInt() >= before - 1);
        const Run verified = kwctl({"audit", "verify"});
        CHECK_EXIT(verified, 0);
        QVERIFY2(verified.out.contains("signed checkpoint"), verified.out.constData());
        // Nothing more is old enough.
        QVERIFY(kwctl({"audit", "prune", "--before", "1d", "--yes"}).out.contains("Nothing to prune"));
    }

    void complianceCommands()
    {
        seed();
        const Run rules = kwctl({"compliance", "rules", "--json"});
        CHECK_EXIT(rules, 0);
        QCOMPARE(rules.array().size(), 10);
        const Run run = kwctl({"compliance", "run", "--json"});
        CHECK_EXIT(run, 0);
        const int score = run.object().value("score").toInt();
        QVERIFY(score > 0 && score < 100);
        QStringList ruleIds;
        for (const QJsonValue& f : run.object().value("findings").toArray())
            ruleIds << f.toObject().value("rule").toString();
        QVERIFY(ruleIds.contains("key.no-expiry"));
        QVERIFY(ruleIds.contains("vault.weak-kdf")); // the test vault's settings
        // --fail-under turns the score into an exit code for scheduled jobs.
        CHECK_EXIT(kwctl({"compliance", "run", "--fail-under", "100"}), 1);
        CHECK_EXIT(kwctl({"compliance", "run", "--fail-under", "0"}), 0);
        CHECK_EXIT(kwctl({"compliance", "run", "--fail-under", "101"}), 2);
        // Configuration.
        CHECK_EXIT(kwctl({"compliance", "config", "--rule", "vault.weak-kdf", "--disable"}), 0);
        CHECK_EXIT(kwctl({"compliance", "config", "--rule", "key.unused", "--threshold", "5", "--severity", "high"}),
                   0);
        const QJsonObject config = kwctl({"compliance", "config", "--json"}).object();
        QCOMPARE(config.value("rules").toObject().value("key.unused").toObject().value("thresholdDays").toInt(), 5);
        QVERIFY(!config.value("rules").toObject().value("vault.weak-kdf").toObject().value("enabled").toBool(true));
        const Run again = kwctl({"compliance", "run", "--json"});
        for (const QJsonValue& f : again.object().value("findings").toArray())
            QVERIFY(f.toObject().value("rule").toString() != QLatin1String("vault.weak-kdf"));
        CHECK_EXIT(kwctl({"compliance", "config", "--rule", "key.nope", "--disable"}), 2);
        CHECK_EXIT(kwctl({"compliance", "config", "--rule", "key.no-expiry", "--threshold", "4"}), 1);
        CHECK_EXIT(kwctl({"compliance", "config", "--threshold", "4"}), 2);
        const Run history = kwctl({"compliance", "history", "--json"});
        CHECK_EXIT(history, 0);
        QCOMPARE(history.array().size(), 4); // every run is recorded, --fail-under ones too
    }

    void reportCreateAndVerify_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("format");
        for (const char* type : {"inventory", "usage", "expirations", "revocations", "compliance", "audit"})
            for (const char* format : {"csv", "json", "pdf"})
                QTest::addRow("%s-%s", type, format) << QString::fromLatin1(type) << QString::fromLatin1(format);
    }

    void reportCreateAndVerify()
    {
        QFETCH(QString, type);
        QFETCH(QString, format);
        seed();
        const QString file = path(QStringLiteral("out.") + format);
        const Run created =
            kwctl({"report", "create", type, "--format", format, "--since", "7d", "--out", file, "--json"});
        CHECK_EXIT(created, 0);
        QVERIFY(QFile::exists(file));
        QVERIFY(QFile::exists(file + ".sig"));
        const QJsonObject sig = QJsonDocument::fromJson(readAll(file + ".sig")).object();
        QCOMPARE(sig.value("format").toString(), QStringLiteral("keywarden-signature-v1"));
        QCOMPARE(sig.value("algorithm").toString(), QStringLiteral("Ed25519"));
        QCOMPARE(sig.value("file").toString(), QStringLiteral("out.") + format);
        QCOMPARE(sig.value("keyId").toString(), created.object().value("keyId").toString());
        const QByteArray content = readAll(file);
        if (format == QLatin1String("csv")) {
            QString error;
            QVERIFY2(kwtest::parseCsv(content, &error), qPrintable(error));
        } else if (format == QLatin1String("json")) {
            QCOMPARE(QJsonDocument::fromJson(content).object().value("report").toString(), type);
        } else {
            QString error;
            auto text = kwtest::pdfText(content, &error);
            QVERIFY2(text, qPrintable(error));
            QVERIFY(text->contains(QLatin1String("KeyWarden report")));
        }
        for (const QString& s : m_secrets)
            QVERIFY(!content.contains(s.toUtf8()));

        // Checked against the vault's own key ...
        const Run verified = kwctl({"report", "verify", file});
        CHECK_EXIT(verified, 0);
        QVERIFY(verified.out.contains("signature valid"));
        // ... and offline with the exported public key, no vault needed.
        CHECK_EXIT(kwctl({"report", "public-key", "--out", path("vault.pem")}), 0);
        QVERIFY(readAll(path("vault.pem")).startsWith("-----BEGIN PUBLIC KEY-----"));
        CHECK_EXIT(kwctl({"report", "verify", file, "--public-key", path("vault.pem")}, false), 0);

        // One byte changed: refused, with the reason.
        QByteArray changed = content;
        changed[changed.size() / 2] = char(changed[changed.size() / 2] ^ 0x20);
        QVERIFY(writeAll(path("changed." + format), changed));
        QVERIFY(QFile::copy(file + ".sig", path("changed." + format + ".sig")));
        const Run refused =
            kwctl({"report", "verify", path("changed." + format), "--public-key", path("vault.pem")}, false);
        CHECK_EXIT(refused, 1);
        QVERIFY2(refused.err.contains("NOT valid") && refused.err.contains("changed after it was signed"),
                 refused.err.constData());
    }

    void reportErrors()
    {
        seed();
        CHECK_EXIT(kwctl({"report", "create", "inventory", "--format", "csv"}), 2);               // no --out
        CHECK_EXIT(kwctl({"report", "create", "secrets", "--format", "csv", "--out", "x"}), 2);   // unknown type
        CHECK_EXIT(kwctl({"report", "create", "inventory", "--format", "xls", "--out", "x"}), 2); // unknown format
        CHECK_EXIT(kwctl({"report", "create", "inventory", "--format", "csv", "--team", "core", "--project", "web",
                          "--out", "x"}),
                   2);
        const Run missing =
            kwctl({"report", "create", "inventory", "--format", "csv", "--project", "nope", "--out", path("x.csv")});
        CHECK_EXIT(missing, 1);
        QVERIFY(missing.err.contains("nope"));
        QVERIFY(!QFile::exists(path("x.csv")));
        // Verification needs a key to trust.
        CHECK_EXIT(kwctl({"report", "create", "inventory", "--format", "csv", "--out", path("i.csv")}), 0);
        CHECK_EXIT(kwctl({"report", "verify", path("i.csv")}, false), 2);
        // Another key's signature does not pass as this vault's.
        QVERIFY(writeAll(path("other.pem"),
                         "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
                         "-----END PUBLIC KEY-----\n"));
        const Run other = kwctl({"report", "verify", path("i.csv"), "--public-key", path("other.pem")}, false);
        CHECK_EXIT(other, 1);
        QVERIFY2(other.err.contains("expected key"), other.err.constData());
        QVERIFY(writeAll(path("junk.pem"), "not a key"));
        CHECK_EXIT(kwctl({"report", "verify", path("i.csv"), "--public-key", path("junk.pem")}, false), 1);
        QVERIFY(writeAll(path("i.csv.sig"), "{}"));
        const Run badSig = kwctl({"report", "verify", path("i.csv")});
        CHECK_EXIT(badSig, 1);
        QVERIFY(badSig.err.contains("signature"));
        CHECK_EXIT(kwctl({"report", "verify", path("nothing.csv")}), 1);
    }
};

QTEST_GUILESS_MAIN(TestKwctlAudit)
#include "tst_kwctl_audit.moc"
