// kwctl as scripts and people use it: the real binary, run in a scratch folder against a real vault file.
// Checks the command contract (arguments, JSON shapes, exit codes 0/1/2), the passphrase sources, and that
// bad input gives a message on stderr — never a crash, never a secret.

#include "crypto/KeyFormat.h"
#include "util/Json.h"

#include "KwctlRunner.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

const QByteArray kPassphrase = "cli test passphrase";

using Run = kwtest::KwctlRun;

struct Options {
    bool passphraseFile = true;  // pass --passphrase-file
    QByteArray envPassphrase;    // KEYWARDEN_PASSPHRASE, if not empty
    QByteArray stdinData;        // written to stdin, which is then closed
    QString vault;               // overrides the test's vault path
    bool withVault = true;       // pass --vault at all
    QHash<QString, QString> env; // extra environment
};

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestKwctl : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_templateDir; // one `vault init` for the whole suite; each test starts from a copy
    QString m_template;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_vault;
    QString m_passFile;

    Run kwctl(const QStringList& args, const Options& o = {})
    {
        kwtest::KwctlCall call;
        call.workingDirectory = m_dir->path();
        if (o.withVault)
            call.args << QStringLiteral("--vault") << (o.vault.isEmpty() ? m_vault : o.vault);
        if (o.passphraseFile)
            call.args << QStringLiteral("--passphrase-file") << m_passFile;
        call.args << args;
        if (!o.envPassphrase.isEmpty())
            call.env.insert(QStringLiteral("KEYWARDEN_PASSPHRASE"), QString::fromUtf8(o.envPassphrase));
        for (auto it = o.env.cbegin(); it != o.env.cend(); ++it)
            call.env.insert(it.key(), it.value());
        call.stdinData = o.stdinData;
        call.timeoutMs = 30'000;
        return kwtest::runKwctl(call);
    }

    // `key create --json` in a project (created on demand); returns the JSON object.
    QJsonObject createKey(const QString& project, const QString& env, const QString& name,
                          const QStringList& extra = {})
    {
        Run r =
            kwctl(QStringList{"key", "create", "--project", project, "--env", env, "--name", name, "--json"} + extra);
        if (r.code != 0)
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
        return r.object();
    }
    void project(const QString& name, const QStringList& extra = {})
    {
        Run r = kwctl(QStringList{"project", "create", name} + extra);
        if (r.code != 0)
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
    }
    QString statusOf(const QString& keyId)
    {
        return kwctl({"key", "show", keyId, "--json"}).object().value("status").toString();
    }
    int auditCount() { return int(kwctl({"audit", "list", "--json"}).array().size()); }

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void helpAndVersion();
    void vaultInit();
    void vaultInitRefusesExistingFile();
    void passphraseFromEnvironment();
    void noPassphraseSource();
    void projectCreateWithTeamAndPrefix();
    void keyCreateJson();
    void keyCreatePrintsOnlyTheSecret();
    void keyCreateOptions();
    void keyCreateErrors();
    void keyList();
    void keyListFilters();
    void keyListExpired();
    void keyEdit();
    void serviceCreateAndList();
    void vaultDemo();
    void keyShow();
    void suspendAndResume();
    void revokeDryRunChangesNothing();
    void revokeCascade();
    void revokeBatch();
    void verifyJsonAndExitCodes();
    void verifyFromStdin();
    void verifyMalformedDoesNotEchoSecret();
    void auditListAndActor();
    void auditVerifyDetectsTampering();
    void usageErrors_data();
    void usageErrors();
    void badDurationIsNamed();
    void wrongPassphrase();
    void missingVault();
    void secretsNeverOnStderr();
};

void TestKwctl::initTestCase()
{
    const QString program = kwtest::builtProgram(QStringLiteral("app/kwctl/kwctl"));
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + QLatin1String(" not built")));
    init();
    const Run r = kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"});
    CHECK_EXIT(r, 0);
    QVERIFY(!QFile::exists(m_vault + QLatin1String("-wal"))); // closed cleanly: the file alone is the vault
    m_template = m_templateDir.filePath(QStringLiteral("template.kwvault"));
    QVERIFY(QFile::copy(m_vault, m_template));
}

void TestKwctl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vault = m_dir->filePath(QStringLiteral("cli.kwvault"));
    m_passFile = m_dir->filePath(QStringLiteral("pass.txt"));
    QFile f(m_passFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassphrase + "\n"); // as `echo` writes it: the newline is not part of the passphrase
    f.close();
    if (!m_template.isEmpty()) {
        QVERIFY(QFile::copy(m_template, m_vault));
        QVERIFY(QFile::setPermissions(m_vault, QFile::ReadOwner | QFile::WriteOwner));
    }
}

void TestKwctl::cleanup()
{
    m_dir.reset();
}

void TestKwctl::helpAndVersion()
{
    const Run help = kwctl({"--help"}, {.passphraseFile = false, .withVault = false});
    CHECK_EXIT(help, 0);
    QVERIFY(help.out.contains("Usage"));
    for (const char* command : {"vault init", "vault demo", "project create", "key create", "key list", "key edit",
                                "key revoke", "key verify", "audit verify", "service create", "service list"})
        QVERIFY2(help.out.contains(command), command);
    const Run version = kwctl({"--version"}, {.passphraseFile = false, .withVault = false});
    CHECK_EXIT(version, 0);
    QVERIFY(version.out.startsWith("kwctl "));
}

void TestKwctl::vaultInit()
{
    // initTestCase() made the template with `vault init`; check the real thing here.
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(m_template).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);

    const Run info = kwctl({"vault", "info", "--json"});
    CHECK_EXIT(info, 0);
    const QJsonObject kdf = info.object().value("kdf").toObject();
    QCOMPARE(kdf.value("memoryKiB").toInteger(), 8 * 1024);
    QCOMPARE(kdf.value("iterations").toInteger(), 1);
    QCOMPARE(kdf.value("belowRecommended").toBool(), true);
    QVERIFY(!info.object().value("vaultId").toString().isEmpty());

    // A fresh init says so and warns about the weak settings on stderr.
    const QString other = m_dir->filePath(QStringLiteral("second.kwvault"));
    const Run r = kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}, {.vault = other});
    CHECK_EXIT(r, 0);
    QVERIFY(r.out.contains("Created vault"));
    QCOMPARE(::stat(QFile::encodeName(other).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);
    const Run otherInfo = kwctl({"vault", "info", "--json"}, {.vault = other});
    CHECK_EXIT(otherInfo, 0);
    QVERIFY(otherInfo.object().value("vaultId") != info.object().value("vaultId"));
    QVERIFY(r.err.contains("recommended"));
    QVERIFY(!r.err.contains(kPassphrase));
    QVERIFY(!r.out.contains(kPassphrase));
}

void TestKwctl::vaultInitRefusesExistingFile()
{
    const QByteArray before = fileDigest(m_vault);
    const Run r = kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"});
    CHECK_EXIT(r, 1);
    QVERIFY2(r.err.contains("already exists"), r.err.constData());
    QCOMPARE(fileDigest(m_vault), before);
    const Run bad = kwctl({"vault", "init", "--kdf-memory", "lots"}, {.vault = m_dir->filePath("x.kwvault")});
    CHECK_EXIT(bad, 2);
    QVERIFY(bad.err.contains("--kdf-memory"));
    QVERIFY(!QFile::exists(m_dir->filePath("x.kwvault")));
}

void TestKwctl::passphraseFromEnvironment()
{
    const Run r = kwctl({"project", "create", "envproj"}, {.passphraseFile = false, .envPassphrase = kPassphrase});
    CHECK_EXIT(r, 0);
    const Run list = kwctl({"project", "list", "--json"});
    CHECK_EXIT(list, 0);
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array().at(0).toObject().value("name").toString(), QStringLiteral("envproj"));

    const Run wrong = kwctl({"project", "list"}, {.passphraseFile = false, .envPassphrase = "not it at all"});
    CHECK_EXIT(wrong, 1);
    QVERIFY(wrong.err.contains("Wrong passphrase"));

    // A vault created with the environment passphrase opens with it.
    const QString other = m_dir->filePath(QStringLiteral("env.kwvault"));
    CHECK_EXIT(kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"},
                     {.passphraseFile = false, .envPassphrase = "from the environment", .vault = other}),
               0);
    CHECK_EXIT(
        kwctl({"project", "list"}, {.passphraseFile = false, .envPassphrase = "from the environment", .vault = other}),
        0);
}

void TestKwctl::noPassphraseSource()
{
    const Run r = kwctl({"key", "list"}, {.passphraseFile = false});
    CHECK_EXIT(r, 1);
    QVERIFY2(r.err.contains("passphrase"), r.err.constData());
    QVERIFY(r.err.contains("KEYWARDEN_PASSPHRASE"));
    // An empty passphrase file is named as such.
    QFile empty(m_dir->filePath(QStringLiteral("empty.txt")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const Run e = kwctl({"--passphrase-file", empty.fileName(), "key", "list"}, {.passphraseFile = false});
    CHECK_EXIT(e, 1);
    QVERIFY(e.err.contains("empty"));
}

void TestKwctl::projectCreateWithTeamAndPrefix()
{
    const Run r = kwctl({"project", "create", "payments", "--team", "fintech", "--prefix", "pay"});
    CHECK_EXIT(r, 0);
    QVERIFY(r.out.contains("payments"));
    const Run list = kwctl({"project", "list", "--json"});
    CHECK_EXIT(list, 0);
    const QJsonObject p = list.array().at(0).toObject();
    QCOMPARE(p.value("name").toString(), QStringLiteral("payments"));
    QCOMPARE(p.value("team").toString(), QStringLiteral("fintech"));
    QCOMPARE(p.value("keyPrefix").toString(), QStringLiteral("pay"));
    const Run teams = kwctl({"team", "list", "--json"});
    CHECK_EXIT(teams, 0);
    QCOMPARE(teams.array().at(0).toObject().value("name").toString(), QStringLiteral("fintech"));

    const QJsonObject k = createKey("payments", "live", "checkout");
    QVERIFY(k.value("secret").toString().startsWith(QLatin1String("pay_live_")));

    const Run dup = kwctl({"project", "create", "payments"});
    CHECK_EXIT(dup, 1);
    QVERIFY(dup.err.contains("already exists"));
    const Run badPrefix = kwctl({"project", "create", "other", "--prefix", "Bad-Prefix"});
    CHECK_EXIT(badPrefix, 1);
    QVERIFY(badPrefix.err.contains("Bad-Prefix"));
}

void TestKwctl::keyCreateJson()
{
    project("shop");
    const Run r = kwctl({"key", "create", "--project", "shop", "--env", "live", "--name", "checkout", "--json"});
    CHECK_EXIT(r, 0);
    const QJsonObject o = r.object();
    QVERIFY2(!o.isEmpty(), r.out.constData());
    const QString id = o.value("id").toString();
    const QString secret = o.value("secret").toString();
    const QString displayId = o.value("displayId").toString();
    QVERIFY(id.startsWith(QLatin1String("key_")));
    QVERIFY(secret.startsWith(QLatin1String("kw_live_")));
    QVERIFY(kw::KeyFormat::isWellFormed(secret.toLatin1()));
    QCOMPARE(displayId, kw::KeyFormat::displayIdOf(secret.toLatin1()));
    QCOMPARE(o.value("key").toObject().value("id").toString(), id);
    QCOMPARE(o.value("key").toObject().value("status").toString(), QStringLiteral("active"));
    QVERIFY(!r.err.contains(secret.toLatin1()));

    const Run v = kwctl({"key", "verify", secret, "--json"});
    CHECK_EXIT(v, 0);
    QCOMPARE(v.object().value("keyId").toString(), id);
}

void TestKwctl::keyCreatePrintsOnlyTheSecret()
{
    project("shop");
    const Run r = kwctl({"key", "create", "--project", "shop", "--env", "test", "--name", "ci"});
    CHECK_EXIT(r, 0);
    // stdout is the secret and a newline, nothing else: SECRET=$(kwctl key create ...) works.
    QVERIFY2(r.out.endsWith('\n'), r.out.constData());
    const QByteArray secret = r.out.chopped(1);
    QVERIFY(!secret.contains('\n'));
    QVERIFY(kw::KeyFormat::isWellFormed(secret));
    QVERIFY(secret.startsWith("kw_test_"));
    // stderr tells the person what was created and that this is the only time, without the secret.
    QVERIFY(r.err.contains("key_"));
    QVERIFY(r.err.contains(kw::KeyFormat::displayIdOf(secret).toLatin1()));
    QVERIFY(!r.err.contains(secret));
    const Run v = kwctl({"key", "verify", QString::fromLatin1(secret)});
    CHECK_EXIT(v, 0);
    QVERIFY(v.out.startsWith("valid VALID"));
}

void TestKwctl::keyCreateOptions()
{
    project("shop");
    project("partner");
    const QJsonObject root = createKey("shop", "live", "root");
    const QString rootId = root.value("id").toString();
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject child =
        createKey("shop", "live", "child",
                  {"--parent", rootId, "--service", "billing", "--service", "search", "--expires-in", "90d", "--owner",
                   "alice", "--tag", "pci", "--tag", "eu", "--recoverable", "--backup"});
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject dep = createKey("partner", "live", "dep", {"--depends-on", child.value("id").toString()});

    const Run show = kwctl({"key", "show", child.value("id").toString(), "--json"});
    CHECK_EXIT(show, 0);
    const QJsonObject k = show.object();
    QCOMPARE(k.value("parentId").toString(), rootId);
    QCOMPARE(k.value("services").toArray(), (QJsonArray{"billing", "search"}));
    QCOMPARE(k.value("owner").toString(), QStringLiteral("alice"));
    QCOMPARE(k.value("tags").toArray(), (QJsonArray{"pci", "eu"}));
    QCOMPARE(k.value("recoverable").toBool(), true);
    QCOMPARE(k.value("backup").toBool(), true);
    const qint64 expires = kw::json::parseTime(k.value("expiresAt"));
    const qint64 ninetyDays = 90LL * 86'400'000;
    QVERIFY2(expires >= before + ninetyDays - 1000 && expires <= after + ninetyDays + 1000,
             qPrintable(k.value("expiresAt").toString()));

    const Run depShow = kwctl({"key", "show", dep.value("id").toString(), "--json"});
    QCOMPARE(depShow.object().value("dependsOn").toArray(), QJsonArray{child.value("id").toString()});
    QCOMPARE(depShow.object().value("project").toString(), QStringLiteral("partner"));

    // Service restriction is enforced by verify.
    const QString secret = child.value("secret").toString();
    CHECK_EXIT(kwctl({"key", "verify", secret, "--service", "billing"}), 0);
    const Run wrongService = kwctl({"key", "verify", secret, "--service", "email", "--json"});
    CHECK_EXIT(wrongService, 1);
    QCOMPARE(wrongService.object().value("code").toString(), QStringLiteral("WRONG_SERVICE"));

    // The recoverable key can be shown again; it is the same secret.
    const Run reveal = kwctl({"key", "reveal", child.value("id").toString()});
    CHECK_EXIT(reveal, 0);
    QCOMPARE(reveal.out.trimmed(), secret.toLatin1());
    const Run notRecoverable = kwctl({"key", "reveal", rootId});
    CHECK_EXIT(notRecoverable, 1);
    QVERIFY(notRecoverable.err.contains("not recoverable"));

    // The human-readable show includes the same facts.
    const Run text = kwctl({"key", "show", child.value("displayId").toString()});
    CHECK_EXIT(text, 0);
    QVERIFY(text.out.contains("billing, search"));
    QVERIFY(text.out.contains(rootId.toLatin1()));
}

void TestKwctl::keyCreateErrors()
{
    const Run noProject = kwctl({"key", "create", "--project", "ghost", "--env", "live", "--name", "k"});
    CHECK_EXIT(noProject, 1);
    QVERIFY(noProject.err.contains("ghost"));
    QVERIFY(noProject.out.isEmpty());
    project("shop");
    const Run badParent =
        kwctl({"key", "create", "--project", "shop", "--env", "live", "--name", "k", "--parent", "key_nope"});
    CHECK_EXIT(badParent, 1);
    QVERIFY(badParent.err.contains("key_nope"));
    const Run badEnv = kwctl({"key", "create", "--project", "shop", "--env", "Live", "--name", "k"});
    CHECK_EXIT(badEnv, 1);
    QVERIFY(badEnv.err.contains("Live"));
    QVERIFY(badEnv.out.isEmpty());
    CHECK_EXIT(kwctl({"key", "list", "--json"}), 0);
    QCOMPARE(kwctl({"key", "list", "--json"}).array().size(), 0);
}

void TestKwctl::keyList()
{
    project("shop");
    project("blog");
    const QJsonObject a = createKey("shop", "live", "a");
    const QJsonObject b = createKey("shop", "test", "b");
    const QJsonObject c = createKey("blog", "live", "c");
    CHECK_EXIT(kwctl({"key", "suspend", b.value("id").toString(), "--reason", "unused"}), 0);

    auto idsOf = [](const QJsonArray& arr) {
        QStringList ids;
        for (const auto& v : arr)
            ids << v.toObject().value("id").toString();
        ids.sort();
        return ids;
    };
    auto sorted = [](QStringList l) {
        l.sort();
        return l;
    };
    const Run all = kwctl({"key", "list", "--json"});
    CHECK_EXIT(all, 0);
    QVERIFY(QJsonDocument::fromJson(all.out).isArray());
    QCOMPARE(idsOf(all.array()),
             sorted({a.value("id").toString(), b.value("id").toString(), c.value("id").toString()}));
    for (const auto& v : all.array())
        QVERIFY(!v.toObject().contains("secret"));
    QVERIFY(!all.out.contains(a.value("secret").toString().toLatin1()));

    QCOMPARE(idsOf(kwctl({"key", "list", "--project", "shop", "--json"}).array()),
             sorted({a.value("id").toString(), b.value("id").toString()}));
    QCOMPARE(idsOf(kwctl({"key", "list", "--status", "suspended", "--json"}).array()),
             QStringList{b.value("id").toString()});
    QCOMPARE(idsOf(kwctl({"key", "list", "--project", "shop", "--status", "active", "--json"}).array()),
             QStringList{a.value("id").toString()});
    QCOMPARE(idsOf(kwctl({"key", "list", "--env", "live", "--json"}).array()),
             sorted({a.value("id").toString(), c.value("id").toString()}));
    QCOMPARE(kwctl({"key", "list", "--project", "nope", "--json"}).array().size(), 0);

    // The table form has a header and one line per key.
    const Run table = kwctl({"key", "list"});
    CHECK_EXIT(table, 0);
    QCOMPARE(table.out.count('\n'), 4);
    QVERIFY(table.out.startsWith("ID"));
    QVERIFY(table.out.contains(a.value("displayId").toString().toLatin1()));
}

void TestKwctl::keyListFilters()
{
    project("shop", {"--team", "retail"});
    project("blog", {"--team", "media"});
    const QJsonObject root = createKey("shop", "live", "root", {"--service", "billing", "--tag", "pci"});
    const QString rootId = root.value("id").toString();
    const QJsonObject child1 =
        createKey("shop", "live", "child one", {"--parent", rootId, "--service", "search", "--expires-in", "3d"});
    const QJsonObject child2 =
        createKey("shop", "live", "child two", {"--parent", rootId, "--tag", "pci-dss", "--expires-in", "60d"});
    const QJsonObject blog = createKey("blog", "live", "writer", {"--service", "billing", "--tag", "pci"});

    auto ids = [this](const QStringList& args) {
        const Run r = kwctl(QStringList{"key", "list", "--json"} + args);
        if (r.code != 0)
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
        QStringList out;
        for (const auto& v : r.array())
            out << v.toObject().value("id").toString();
        out.sort();
        return out;
    };
    auto sorted = [](QStringList l) {
        l.sort();
        return l;
    };
    const QString c1 = child1.value("id").toString();
    const QString c2 = child2.value("id").toString();
    const QString w = blog.value("id").toString();
    QCOMPARE(ids({"--team", "retail"}), sorted({rootId, c1, c2}));
    QCOMPARE(ids({"--team", "media"}), QStringList{w});
    QCOMPARE(ids({"--service", "billing"}), sorted({rootId, w}));
    QCOMPARE(ids({"--service", "billing", "--project", "shop"}), QStringList{rootId});
    QCOMPARE(ids({"--tag", "pci"}), sorted({rootId, w})); // exact tags: not pci-dss
    QCOMPARE(ids({"--expiring-within", "7d"}), QStringList{c1});
    QCOMPARE(ids({"--expiring-within", "90d"}), sorted({c1, c2}));
    QCOMPARE(ids({"--children-of", rootId}), sorted({c1, c2}));
    QCOMPARE(ids({"--children-of", root.value("displayId").toString()}), sorted({c1, c2}));
    QCOMPARE(ids({"--children-of", rootId, "--service", "search"}), QStringList{c1});
    const Run shown = kwctl({"key", "show", rootId});
    CHECK_EXIT(shown, 0);
    QVERIFY2(shown.out.contains("Children:     2"), shown.out.constData());
    QCOMPARE(kwctl({"key", "show", rootId, "--json"}).object().value("childCount").toInt(), 2);

    const Run badDuration = kwctl({"key", "list", "--expiring-within", "soon"});
    CHECK_EXIT(badDuration, 2);
    QVERIFY(badDuration.err.contains("--expiring-within"));
    const Run unknownParent = kwctl({"key", "list", "--children-of", "key_doesnotexist0000"});
    CHECK_EXIT(unknownParent, 1);
    QVERIFY2(unknownParent.err.contains("Parent key"), unknownParent.err.constData());
}

void TestKwctl::keyEdit()
{
    project("shop");
    const QJsonObject dep = createKey("shop", "live", "gateway");
    const QJsonObject k =
        createKey("shop", "live", "checkout", {"--service", "billing", "--tag", "pci", "--owner", "ana@example.com"});
    const QString id = k.value("id").toString();
    const QString secret = k.value("secret").toString();
    const Run edit = kwctl({"key",
                            "edit",
                            k.value("displayId").toString(),
                            "--name",
                            "checkout v2",
                            "--owner",
                            "zoe@example.com",
                            "--tag",
                            "eu",
                            "--tag",
                            "gdpr",
                            "--service",
                            "search",
                            "--depends-on",
                            dep.value("id").toString(),
                            "--meta",
                            "ticket=SEC-7",
                            "--meta",
                            "team=payments",
                            "--reason",
                            "reorganisation",
                            "--json"});
    CHECK_EXIT(edit, 0);
    QJsonObject o = edit.object();
    QCOMPARE(o.value("id").toString(), id);
    QCOMPARE(o.value("name").toString(), QStringLiteral("checkout v2"));
    QCOMPARE(o.value("owner").toString(), QStringLiteral("zoe@example.com"));
    QCOMPARE(o.value("tags").toArray(), (QJsonArray{"eu", "gdpr"}));
    QCOMPARE(o.value("services").toArray(), QJsonArray{"search"});
    QCOMPARE(o.value("dependsOn").toArray(), QJsonArray{dep.value("id").toString()});
    QCOMPARE(o.value("metadata").toObject(), (QJsonObject{{"ticket", "SEC-7"}, {"team", "payments"}}));
    // The new binding is what verification enforces.
    CHECK_EXIT(kwctl({"key", "verify", secret, "--service", "search"}), 0);
    CHECK_EXIT(kwctl({"key", "verify", secret, "--service", "billing"}), 1);

    // --meta merges: KEY=VALUE sets, KEY= removes; --clear-tags empties the tags.
    const Run more = kwctl({"key", "edit", id, "--meta", "team=", "--meta", "runbook=wiki/checkout", "--clear-tags",
                            "--reason", "tidy up", "--json"});
    CHECK_EXIT(more, 0);
    o = more.object();
    QCOMPARE(o.value("metadata").toObject(), (QJsonObject{{"ticket", "SEC-7"}, {"runbook", "wiki/checkout"}}));
    QCOMPARE(o.value("tags").toArray(), QJsonArray{});
    const Run plain = kwctl({"key", "edit", id, "--owner", "ops@example.com", "--reason", "handover"});
    CHECK_EXIT(plain, 0);
    QVERIFY2(plain.out.startsWith("Updated " + id.toLatin1()), plain.out.constData());

    // Audited with the field names only.
    const Run audit = kwctl({"audit", "list", "--target", id, "--json"});
    CHECK_EXIT(audit, 0);
    QStringList changed;
    for (const auto& v : audit.array()) {
        const QJsonObject e = v.toObject();
        if (e.value("action").toString() != QLatin1String("key.update"))
            continue;
        for (const auto& f : e.value("details").toObject().value("changed").toArray())
            changed << f.toString();
    }
    QCOMPARE(changed,
             (QStringList{"name", "owner", "tags", "metadata", "services", "dependsOn", "tags", "metadata", "owner"}));
    QVERIFY(!audit.out.contains("SEC-7"));
    QVERIFY(!audit.out.contains("wiki/checkout"));

    // Errors: usage mistakes exit 2 before opening the vault, refusals exit 1 with the field named.
    const Run noReason = kwctl({"key", "edit", id, "--name", "x"});
    CHECK_EXIT(noReason, 2);
    QVERIFY(noReason.err.contains("--reason"));
    const Run nothing = kwctl({"key", "edit", id, "--reason", "r"});
    CHECK_EXIT(nothing, 2);
    QVERIFY(nothing.err.contains("nothing to change"));
    const Run both = kwctl({"key", "edit", id, "--tag", "a", "--clear-tags", "--reason", "r"});
    CHECK_EXIT(both, 2);
    QVERIFY(both.err.contains("--clear-tags"));
    const Run badMeta = kwctl({"key", "edit", id, "--meta", "novalue", "--reason", "r"});
    CHECK_EXIT(badMeta, 2);
    QVERIFY(badMeta.err.contains("KEY=VALUE"));
    QVERIFY(!badMeta.err.contains("novalue")); // a pasted secret would not be repeated either
    const QByteArray before = fileDigest(m_vault);
    const Run badName = kwctl({"key", "edit", id, "--name", "   ", "--reason", "r"});
    CHECK_EXIT(badName, 1);
    QVERIFY2(badName.err.contains("Key name"), badName.err.constData());
    const Run badService = kwctl({"key", "edit", id, "--service", "Not Valid", "--reason", "r"});
    CHECK_EXIT(badService, 1);
    QVERIFY2(badService.err.contains("Service name"), badService.err.constData());
    QCOMPARE(fileDigest(m_vault), before);
    CHECK_EXIT(kwctl({"key", "revoke", id, "--reason", "leaked"}), 0);
    const Run revoked = kwctl({"key", "edit", id, "--name", "again", "--reason", "r"});
    CHECK_EXIT(revoked, 1);
    QVERIFY2(revoked.err.contains("revoked"), revoked.err.constData());
}

void TestKwctl::serviceCreateAndList()
{
    project("shop");
    const Run created = kwctl({"service", "create", "shop", "billing", "--json"});
    CHECK_EXIT(created, 0);
    QCOMPARE(created.object().value("name").toString(), QStringLiteral("billing"));
    QCOMPARE(created.object().value("project").toString(), QStringLiteral("shop"));
    CHECK_EXIT(kwctl({"service", "create", "shop", "archive"}), 0);
    createKey("shop", "live", "k", {"--service", "search"});
    const Run list = kwctl({"service", "list", "shop", "--json"});
    CHECK_EXIT(list, 0);
    QStringList names;
    for (const auto& v : list.array())
        names << v.toObject().value("name").toString();
    QCOMPARE(names, (QStringList{"archive", "billing", "search"}));
    const Run table = kwctl({"service", "list", "shop"});
    CHECK_EXIT(table, 0);
    QVERIFY(table.out.startsWith("SERVICE"));
    QCOMPARE(table.out.count('\n'), 4);

    const Run dup = kwctl({"service", "create", "shop", "billing"});
    CHECK_EXIT(dup, 1);
    QVERIFY(dup.err.contains("already exists"));
    const Run bad = kwctl({"service", "create", "shop", "Bad Name"});
    CHECK_EXIT(bad, 1);
    QVERIFY(bad.err.contains("Service name"));
    const Run noProject = kwctl({"service", "list", "nope"});
    CHECK_EXIT(noProject, 1);
    QVERIFY(noProject.err.contains("nope"));
    CHECK_EXIT(kwctl({"service", "list"}), 2);
    // The price command is still there.
    CHECK_EXIT(kwctl({"service", "price", "shop", "billing", "0.002"}), 0);
    const Run unknown = kwctl({"service", "delete", "shop", "billing"});
    CHECK_EXIT(unknown, 2);
    QVERIFY(unknown.err.contains("delete"));
}

void TestKwctl::vaultDemo()
{
    const QString path = m_dir->filePath(QStringLiteral("demo.kwvault"));
    const Run r = kwctl({"vault", "demo", path, "--kdf-memory", "8", "--kdf-iterations", "1", "--seed", "3", "--json"},
                        {.withVault = false});
    CHECK_EXIT(r, 0);
    const QJsonObject o = r.object();
    QCOMPARE(o.value("path").toString(), path);
    QCOMPARE(o.value("seed").toInt(), 3);
    QVERIFY2(o.value("keys").toInt() >= 300 && o.value("keys").toInt() <= 400, r.out.constData());
    QVERIFY(o.value("requests").toInteger() > 0);
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);

    // An ordinary vault afterwards, opened with the same passphrase.
    const Run teams = kwctl({"team", "list", "--json"}, {.vault = path});
    CHECK_EXIT(teams, 0);
    QVERIFY(teams.array().size() >= 4);
    const Run partners =
        kwctl({"key", "list", "--project", "partner-gateway", "--env", "prod", "--json"}, {.vault = path});
    CHECK_EXIT(partners, 0);
    QVERIFY(partners.array().size() > 5);
    const Run top = kwctl({"usage", "top", "--by", "project", "--since", "30d", "--json"}, {.vault = path});
    CHECK_EXIT(top, 0);
    QCOMPARE(top.array().size(), 8);
    const Run verify = kwctl({"audit", "verify"}, {.vault = path});
    CHECK_EXIT(verify, 0);

    // Never over an existing file, and a bad seed is a usage error.
    const QByteArray before = fileDigest(path);
    const Run again =
        kwctl({"vault", "demo", path, "--kdf-memory", "8", "--kdf-iterations", "1"}, {.withVault = false});
    CHECK_EXIT(again, 1);
    QVERIFY(again.err.contains("already exists"));
    QCOMPARE(fileDigest(path), before);
    const Run existing = kwctl({"vault", "demo", m_vault}, {.withVault = false});
    CHECK_EXIT(existing, 1);
    const Run badSeed = kwctl({"vault", "demo", m_dir->filePath("x.kwvault"), "--seed", "-1"}, {.withVault = false});
    CHECK_EXIT(badSeed, 2);
    QVERIFY(badSeed.err.contains("--seed"));
    QVERIFY(!QFile::exists(m_dir->filePath("x.kwvault")));
    CHECK_EXIT(kwctl({"vault", "demo"}, {.withVault = false}), 2);
}

void TestKwctl::keyListExpired()
{
    project("shop");
    const QJsonObject shortLived = createKey("shop", "live", "short", {"--expires-in", "1ms"});
    const QJsonObject longLived = createKey("shop", "live", "long", {"--expires-in", "90d"});
    QTest::qWait(5);
    const Run expired = kwctl({"key", "list", "--status", "expired", "--json"});
    CHECK_EXIT(expired, 0);
    QCOMPARE(expired.array().size(), 1);
    QCOMPARE(expired.array().at(0).toObject().value("id").toString(), shortLived.value("id").toString());
    QCOMPARE(expired.array().at(0).toObject().value("status").toString(), QStringLiteral("expired"));
    const Run v = kwctl({"key", "verify", shortLived.value("secret").toString(), "--json"});
    CHECK_EXIT(v, 1);
    QCOMPARE(v.object().value("code").toString(), QStringLiteral("EXPIRED"));
    CHECK_EXIT(kwctl({"key", "verify", longLived.value("secret").toString()}), 0);
}

void TestKwctl::keyShow()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "shown");
    const Run byId = kwctl({"key", "show", k.value("id").toString(), "--json"});
    CHECK_EXIT(byId, 0);
    QCOMPARE(byId.object().value("name").toString(), QStringLiteral("shown"));
    QCOMPARE(byId.object().value("displayId").toString(), k.value("displayId").toString());
    QVERIFY(!byId.object().contains("secret"));
    const Run byDisplay = kwctl({"key", "show", k.value("displayId").toString(), "--json"});
    CHECK_EXIT(byDisplay, 0);
    QCOMPARE(byDisplay.object().value("id").toString(), k.value("id").toString());

    const Run missing = kwctl({"key", "show", "key_doesnotexist"});
    CHECK_EXIT(missing, 1);
    QVERIFY(missing.err.contains("key_doesnotexist"));
    QVERIFY(missing.out.isEmpty());
}

void TestKwctl::suspendAndResume()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    const QString id = k.value("id").toString();
    const QString secret = k.value("secret").toString();

    const Run s = kwctl({"key", "suspend", id, "--reason", "investigating"});
    CHECK_EXIT(s, 0);
    QCOMPARE(statusOf(id), QStringLiteral("suspended"));
    const Run v = kwctl({"key", "verify", secret, "--json"});
    CHECK_EXIT(v, 1);
    QCOMPARE(v.object().value("code").toString(), QStringLiteral("SUSPENDED"));
    QCOMPARE(v.object().value("valid").toBool(true), false);

    const Run again = kwctl({"key", "suspend", id, "--reason", "again"});
    CHECK_EXIT(again, 1);
    QVERIFY(again.err.contains("already suspended"));

    const Run noReason = kwctl({"key", "resume", id});
    CHECK_EXIT(noReason, 2);
    QVERIFY(noReason.err.contains("--reason"));
    QCOMPARE(statusOf(id), QStringLiteral("suspended"));

    const Run r = kwctl({"key", "resume", id, "--reason", "cleared", "--json"});
    CHECK_EXIT(r, 0);
    QCOMPARE(r.object().value("status").toString(), QStringLiteral("active"));
    CHECK_EXIT(kwctl({"key", "verify", secret}), 0);

    const Run resumeActive = kwctl({"key", "resume", id, "--reason", "x"});
    CHECK_EXIT(resumeActive, 1);
    QVERIFY(resumeActive.err.contains("not suspended"));

    const Run show = kwctl({"key", "show", id, "--json"});
    QCOMPARE(show.object().value("statusReason").toString(), QStringLiteral("cleared"));
}

void TestKwctl::revokeDryRunChangesNothing()
{
    project("shop");
    const QJsonObject root = createKey("shop", "live", "root");
    const QJsonObject child = createKey("shop", "live", "child", {"--parent", root.value("id").toString()});
    const int auditBefore = auditCount();
    const QByteArray vaultBefore = fileDigest(m_vault);

    const Run dry = kwctl({"key", "revoke", root.value("id").toString(), "--cascade", "--dry-run", "--json"});
    CHECK_EXIT(dry, 0);
    const QJsonObject plan = dry.object();
    QCOMPARE(plan.value("executed").toBool(true), false);
    QCOMPARE(plan.value("revoked").toInt(-1), 0);
    QCOMPARE(plan.value("keys").toArray().size(), 2);
    QStringList relations;
    for (const auto& e : plan.value("keys").toArray())
        relations << e.toObject().value("relation").toString();
    QCOMPARE(relations,
             (QStringList{QStringLiteral("selected"), QStringLiteral("child of %1").arg(root.value("id").toString())}));

    const Run dryText = kwctl({"key", "revoke", root.value("id").toString(), "--cascade", "--dry-run"});
    CHECK_EXIT(dryText, 0);
    QVERIFY(dryText.out.contains("2 key(s) would be revoked"));
    QVERIFY(dryText.out.contains(child.value("displayId").toString().toLatin1()));

    QCOMPARE(fileDigest(m_vault), vaultBefore);
    QCOMPARE(statusOf(root.value("id").toString()), QStringLiteral("active"));
    QCOMPARE(statusOf(child.value("id").toString()), QStringLiteral("active"));
    CHECK_EXIT(kwctl({"key", "verify", child.value("secret").toString()}), 0);
    QCOMPARE(auditCount(), auditBefore);
}

void TestKwctl::revokeCascade()
{
    project("shop");
    project("partner");
    const QJsonObject root = createKey("shop", "live", "root");
    const QJsonObject child = createKey("shop", "live", "child", {"--parent", root.value("id").toString()});
    const QJsonObject grandchild = createKey("shop", "test", "grandchild", {"--parent", child.value("id").toString()});
    const QJsonObject dependent =
        createKey("partner", "live", "dependent", {"--depends-on", child.value("id").toString()});
    const QJsonObject unrelated = createKey("shop", "live", "unrelated");

    const Run noReason = kwctl({"key", "revoke", root.value("id").toString(), "--cascade"});
    CHECK_EXIT(noReason, 2);
    QVERIFY(noReason.err.contains("--reason"));
    QCOMPARE(statusOf(root.value("id").toString()), QStringLiteral("active"));

    const Run r = kwctl({"key", "revoke", root.value("displayId").toString(), "--cascade", "--reason", "root leaked",
                         "--incident", "INC-77", "--json"});
    CHECK_EXIT(r, 0);
    QCOMPARE(r.object().value("executed").toBool(), true);
    QCOMPARE(r.object().value("revoked").toInt(), 4);

    // verify rejects every key of the branch from now on.
    for (const QJsonObject* k : {&root, &dependent}) {
        const Run v = kwctl({"key", "verify", k->value("secret").toString(), "--json"});
        CHECK_EXIT(v, 1);
        QCOMPARE(v.object().value("code").toString(), QStringLiteral("REVOKED"));
        QCOMPARE(v.object().value("keyId").toString(), k->value("id").toString());
    }
    CHECK_EXIT(kwctl({"key", "verify", grandchild.value("secret").toString()}), 1);
    CHECK_EXIT(kwctl({"key", "verify", unrelated.value("secret").toString()}), 0);
    QHash<QString, QJsonObject> listed;
    for (const auto& v : kwctl({"key", "list", "--json"}).array())
        listed.insert(v.toObject().value("id").toString(), v.toObject());
    QCOMPARE(listed.size(), 5);
    for (const QJsonObject* k : {&root, &child, &grandchild, &dependent}) {
        const QJsonObject shown = listed.value(k->value("id").toString());
        QCOMPARE(shown.value("status").toString(), QStringLiteral("revoked"));
        QCOMPARE(shown.value("incidentId").toString(), QStringLiteral("INC-77"));
        QCOMPARE(shown.value("statusReason").toString(), QStringLiteral("root leaked"));
    }
    QCOMPARE(listed.value(unrelated.value("id").toString()).value("status").toString(), QStringLiteral("active"));

    const Run audit = kwctl({"audit", "list", "--json"});
    int revokes = 0;
    for (const auto& e : audit.array()) {
        const QJsonObject o = e.toObject();
        if (o.value("action").toString() != u"key.revoke")
            continue;
        ++revokes;
        QCOMPARE(o.value("reason").toString(), QStringLiteral("root leaked"));
        QCOMPARE(o.value("incident").toString(), QStringLiteral("INC-77"));
    }
    QCOMPARE(revokes, 4);

    // Revocation is final.
    const Run resume = kwctl({"key", "resume", root.value("id").toString(), "--reason", "oops"});
    CHECK_EXIT(resume, 1);
    QVERIFY(resume.err.contains("final"));
    const Run again = kwctl({"key", "revoke", root.value("id").toString(), "--reason", "again"});
    CHECK_EXIT(again, 1);
    QVERIFY(again.err.contains("already revoked"));
}

void TestKwctl::revokeBatch()
{
    project("shop");
    const QJsonObject a = createKey("shop", "live", "a");
    const QJsonObject b = createKey("shop", "live", "b");
    const QJsonObject keep = createKey("shop", "live", "keep");
    const QJsonObject child = createKey("shop", "live", "child", {"--parent", a.value("id").toString()});
    const Run r =
        kwctl({"key", "revoke", a.value("id").toString(), b.value("displayId").toString(), "--reason", "offboarding"});
    CHECK_EXIT(r, 0);
    QVERIFY(r.out.contains("Revoked 2 key(s)"));
    QCOMPARE(statusOf(a.value("id").toString()), QStringLiteral("revoked"));
    QCOMPARE(statusOf(b.value("id").toString()), QStringLiteral("revoked"));
    QCOMPARE(statusOf(keep.value("id").toString()), QStringLiteral("active"));
    QCOMPARE(statusOf(child.value("id").toString()), QStringLiteral("active")); // no --cascade

    const Run unknown = kwctl({"key", "revoke", keep.value("id").toString(), "key_missing", "--reason", "x"});
    CHECK_EXIT(unknown, 1);
    QVERIFY(unknown.err.contains("key_missing"));
    QCOMPARE(statusOf(keep.value("id").toString()), QStringLiteral("active")); // all or nothing
}

void TestKwctl::verifyJsonAndExitCodes()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    const Run ok = kwctl({"key", "verify", k.value("secret").toString(), "--json"});
    CHECK_EXIT(ok, 0);
    const QJsonObject o = ok.object();
    QCOMPARE(o.value("valid").toBool(), true);
    QCOMPARE(o.value("code").toString(), QStringLiteral("VALID"));
    QCOMPARE(o.value("keyId").toString(), k.value("id").toString());
    QVERIFY(!ok.out.contains(k.value("secret").toString().toLatin1()));

    auto stranger = kw::KeyFormat::generate(u"kw_live_");
    QVERIFY(stranger);
    const Run notFound = kwctl({"key", "verify", stranger->toUtf8String(), "--json"});
    CHECK_EXIT(notFound, 1);
    QCOMPARE(notFound.object().value("valid").toBool(true), false);
    QCOMPARE(notFound.object().value("code").toString(), QStringLiteral("NOT_FOUND"));
    QVERIFY(notFound.object().value("keyId").isNull());
    QVERIFY(notFound.object().contains("keyId"));

    const Run text = kwctl({"key", "verify", stranger->toUtf8String()});
    CHECK_EXIT(text, 1);
    QVERIFY(text.out.startsWith("invalid NOT_FOUND"));
}

void TestKwctl::verifyFromStdin()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    const QByteArray secret = k.value("secret").toString().toLatin1();
    const Run r = kwctl({"key", "verify", "-", "--json"}, {.stdinData = secret + "\n"});
    CHECK_EXIT(r, 0);
    QCOMPARE(r.object().value("keyId").toString(), k.value("id").toString());
    const Run empty = kwctl({"key", "verify", "-", "--json"}, {.stdinData = "\n"});
    CHECK_EXIT(empty, 1);
    QCOMPARE(empty.object().value("code").toString(), QStringLiteral("MALFORMED"));
}

void TestKwctl::verifyMalformedDoesNotEchoSecret()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    QByteArray typo = k.value("secret").toString().toLatin1();
    typo[20] = typo[20] == 'Q' ? 'R' : 'Q';
    for (const QByteArray& bad :
         {typo, typo.left(typo.size() - 3), QByteArray("kw_live_not-a-key-at-all-but-long-enough-to-be-one-x")}) {
        const Run json = kwctl({"key", "verify", QString::fromLatin1(bad), "--json"});
        CHECK_EXIT(json, 1);
        QCOMPARE(json.object().value("code").toString(), QStringLiteral("MALFORMED"));
        QCOMPARE(json.object().value("valid").toBool(true), false);
        QVERIFY(!json.out.contains(bad));
        QVERIFY(!json.err.contains(bad));
        const Run text = kwctl({"key", "verify", QString::fromLatin1(bad)});
        CHECK_EXIT(text, 1);
        QVERIFY(text.out.contains("MALFORMED"));
        QVERIFY2(!text.err.isEmpty(), "a malformed key gets an explanation");
        QVERIFY2(!text.err.contains(bad), text.err.constData());
        QVERIFY(!text.err.contains(bad.mid(8, 20)));
        QVERIFY(!text.out.contains(bad));
    }
}

void TestKwctl::auditListAndActor()
{
    const Run create = kwctl({"project", "create", "shop"}, {.env = {{"KEYWARDEN_ACTOR", "ci:release-bot"}}});
    CHECK_EXIT(create, 0);
    const QJsonObject k = createKey("shop", "live", "k");
    const Run list = kwctl({"audit", "list", "--json"});
    CHECK_EXIT(list, 0);
    QVERIFY(QJsonDocument::fromJson(list.out).isArray());
    const QJsonArray entries = list.array();
    QCOMPARE(entries.size(), 3); // project, environment, key
    QCOMPARE(entries.at(0).toObject().value("action").toString(), QStringLiteral("project.create"));
    QCOMPARE(entries.at(0).toObject().value("actor").toString(), QStringLiteral("ci:release-bot"));
    QCOMPARE(entries.at(0).toObject().value("seq").toInteger(), 1);
    QVERIFY(entries.at(2).toObject().value("actor").toString().startsWith(QLatin1String("local:")));
    QCOMPARE(entries.at(2).toObject().value("action").toString(), QStringLiteral("key.create"));
    QCOMPARE(entries.at(2).toObject().value("target").toString(), k.value("id").toString());
    QVERIFY(!list.out.contains(k.value("secret").toString().toLatin1()));

    const Run filtered = kwctl({"audit", "list", "--target", k.value("id").toString(), "--json"});
    CHECK_EXIT(filtered, 0);
    QCOMPARE(filtered.array().size(), 1);
    const Run after = kwctl({"audit", "list", "--after", "2", "--json"});
    QCOMPARE(after.array().size(), 1);
    const Run table = kwctl({"audit", "list"});
    CHECK_EXIT(table, 0);
    QVERIFY(table.out.contains("key.create"));
}

void TestKwctl::auditVerifyDetectsTampering()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    CHECK_EXIT(kwctl({"key", "suspend", k.value("id").toString(), "--reason", "looking"}), 0);
    const Run ok = kwctl({"audit", "verify"});
    CHECK_EXIT(ok, 0);
    QVERIFY(ok.out.contains("intact"));
    const Run okJson = kwctl({"audit", "verify", "--json"});
    CHECK_EXIT(okJson, 0);
    QCOMPARE(okJson.object().value("intact").toBool(), true);

    QVERIFY(kwtest::execRawSql(m_vault, QStringLiteral("UPDATE audit SET reason = 'nothing happened' WHERE seq = 4")));
    const Run broken = kwctl({"audit", "verify"});
    CHECK_EXIT(broken, 1);
    QVERIFY2(broken.err.contains("entry 4"), broken.err.constData());
    const Run brokenJson = kwctl({"audit", "verify", "--json"});
    CHECK_EXIT(brokenJson, 1);
    QCOMPARE(brokenJson.object().value("intact").toBool(true), false);
    QCOMPARE(brokenJson.object().value("firstBadSeq").toInteger(), 4);
}

void TestKwctl::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no command") << QStringList{} << "no command";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("unknown key command") << QStringList{"key", "destroy"} << "destroy";
    QTest::newRow("unknown vault command") << QStringList{"vault", "explode"} << "explode";
    QTest::newRow("unknown audit command") << QStringList{"audit", "erase"} << "erase";
    QTest::newRow("unknown global option") << QStringList{"--verbose", "key", "list"} << "--verbose";
    QTest::newRow("unknown option") << QStringList{"key", "list", "--colour"} << "--colour";
    QTest::newRow("flag with value") << QStringList{"key", "list", "--json=yes"} << "--json";
    QTest::newRow("option without value") << QStringList{"key", "list", "--project"} << "--project";
    QTest::newRow("missing --project") << QStringList{"key", "create", "--env", "live", "--name", "k"} << "--project";
    QTest::newRow("missing key id") << QStringList{"key", "show"} << "missing";
    QTest::newRow("extra argument") << QStringList{"key", "show", "a", "b"} << "\"b\"";
    QTest::newRow("suspend without reason") << QStringList{"key", "suspend", "key_x"} << "--reason";
    QTest::newRow("revoke without reason") << QStringList{"key", "revoke", "key_x"} << "--reason";
    QTest::newRow("revoke blank reason") << QStringList{"key", "revoke", "key_x", "--reason", "  "} << "--reason";
    QTest::newRow("revoke nothing") << QStringList{"key", "revoke", "--reason", "x"} << "missing";
    QTest::newRow("bad status") << QStringList{"key", "list", "--status", "zombie"} << "--status";
    QTest::newRow("bad limit") << QStringList{"key", "list", "--limit", "-3"} << "--limit";
    QTest::newRow("bad audit after") << QStringList{"audit", "list", "--after", "yesterday"} << "--after";
    QTest::newRow("verify without key") << QStringList{"key", "verify"} << "missing";
    QTest::newRow("edit without key") << QStringList{"key", "edit", "--reason", "r"} << "missing";
    QTest::newRow("edit unknown option") << QStringList{"key", "edit", "key_x", "--colour", "red"} << "--colour";
    QTest::newRow("children-of blank") << QStringList{"key", "list", "--children-of", " "} << "--children-of";
    QTest::newRow("service create one argument") << QStringList{"service", "create", "shop"} << "missing";
}

void TestKwctl::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const QByteArray before = fileDigest(m_vault);
    const Run r = kwctl(args);
    CHECK_EXIT(r, 2);
    QVERIFY2(r.err.contains(mentions.toUtf8()), r.err.constData());
    QVERIFY(r.err.startsWith("kwctl: "));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(fileDigest(m_vault), before);
}

void TestKwctl::badDurationIsNamed()
{
    project("shop");
    for (const char* bad : {"5x", "-3d", "0d", "d", "1h1d", "soon"}) {
        const Run r = kwctl({"key", "create", "--project", "shop", "--env", "live", "--name", "k", "--expires-in",
                             QString::fromLatin1(bad)});
        CHECK_EXIT(r, 2);
        QVERIFY2(r.err.contains("--expires-in"), r.err.constData());
        QVERIFY2(r.err.contains(QByteArray("'") + bad + "'"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
    QCOMPARE(kwctl({"key", "list", "--json"}).array().size(), 0);
}

void TestKwctl::wrongPassphrase()
{
    project("shop");
    createKey("shop", "live", "k");
    const QByteArray before = fileDigest(m_vault);
    QFile wrong(m_dir->filePath(QStringLiteral("wrong.txt")));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("cli test passphrasE\n");
    wrong.close();
    const Run r = kwctl({"--passphrase-file", wrong.fileName(), "key", "list"}, {.passphraseFile = false});
    CHECK_EXIT(r, 1);
    QVERIFY2(r.err.contains("Wrong passphrase"), r.err.constData());
    QVERIFY(!r.err.contains("cli test passphrasE"));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(fileDigest(m_vault), before);
    QVERIFY(!QFile::exists(m_vault + QLatin1String("-wal")) || QFileInfo(m_vault + QLatin1String("-wal")).size() == 0);
    // The right one still works.
    const Run ok = kwctl({"key", "list", "--json"});
    CHECK_EXIT(ok, 0);
    QCOMPARE(ok.array().size(), 1);
}

void TestKwctl::missingVault()
{
    const QString nowhere = m_dir->filePath(QStringLiteral("does/not/exist.kwvault"));
    const Run r = kwctl({"key", "list"}, {.vault = nowhere});
    CHECK_EXIT(r, 1);
    QVERIFY2(r.err.contains(nowhere.toUtf8()), r.err.constData());
    QVERIFY(r.err.contains("vault init"));
    QVERIFY(!QFile::exists(nowhere));

    const Run noVault = kwctl({"key", "list"}, {.withVault = false});
    QVERIFY2(noVault.code != 0, qPrintable(noVault.describe()));
    QVERIFY(noVault.err.contains("--vault"));

    const Run notAVault = kwctl({"key", "list"}, {.vault = m_passFile});
    CHECK_EXIT(notAVault, 1);
    QVERIFY(notAVault.err.contains("not a KeyWarden vault"));

    const Run initInMissingDir =
        kwctl({"vault", "init", "--kdf-memory", "8", "--kdf-iterations", "1"}, {.vault = nowhere});
    CHECK_EXIT(initInMissingDir, 1);
    QVERIFY(initInMissingDir.err.contains(nowhere.toUtf8()));
}

void TestKwctl::secretsNeverOnStderr()
{
    project("shop");
    const QJsonObject k = createKey("shop", "live", "k");
    const QByteArray secret = k.value("secret").toString().toLatin1();
    const QByteArray body = secret.mid(secret.size() - 49, 43);
    QByteArray typo = secret;
    typo[30] = typo[30] == 'Z' ? 'Y' : 'Z';
    // Places a responder might paste a secret by mistake, and verifying a mistyped one.
    const QList<QStringList> attempts{
        {"key", "show", QString::fromLatin1(secret)},
        {"key", "suspend", QString::fromLatin1(secret), "--reason", "pasted the secret"},
        {"key", "revoke", QString::fromLatin1(secret), "--reason", "pasted the secret"},
        {"key", "create", "--project", "shop", "--env", "live", "--name", "x", "--parent", QString::fromLatin1(secret)},
        {"key", "verify", QString::fromLatin1(typo)},
        {"key", "verify", QString::fromLatin1(typo), "--json"},
        // A mistyped secret is as good as the secret: one wrong character and a checksum to test guesses.
        {"key", "show", QString::fromLatin1(typo)},
        {"key", "revoke", QString::fromLatin1(typo), "--reason", "pasted a mistyped secret"},
    };
    for (const QStringList& args : attempts) {
        const Run r = kwctl(args);
        QVERIFY2(r.code != 0, qPrintable(args.join(u' ') + u'\n' + r.describe()));
        QVERIFY2(!r.err.contains(body), qPrintable(args.join(u' ') + u'\n' + r.describe()));
        QVERIFY2(!r.err.contains(typo.mid(8, 43)), qPrintable(args.join(u' ') + u'\n' + r.describe()));
        QVERIFY(!r.out.contains(body));
    }
    QCOMPARE(statusOf(k.value("id").toString()), QStringLiteral("active"));
}

QTEST_GUILESS_MAIN(TestKwctl)
#include "tst_kwctl.moc"
