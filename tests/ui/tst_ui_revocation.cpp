// The emergency revocation panel, end to end: a pasted log excerpt with two leaked keys and one look-alike
// string finds exactly the two; a keyboard-only responder goes from the main window to "revoked with the
// whole subtree, backup activated, replacement issued, contacts notified" and verification rejects every
// revoked key — on a local vault and against a real keywardend.
#include "ServerProcess.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "Backend.h"
#include "MainWindow.h"
#include "crypto/KeyFormat.h"
#include "views/RevocationView.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace kw;
using namespace kw::ui;

namespace {

struct Seeded {
    QString parent, child1, child2, grandchild, unrelated, backup;
    QHash<QString, QByteArray> secrets; // key id → secret (test data only)
    QByteArray adminToken;
};

QByteArray bytesOf(const SecureBytes& s)
{
    return QByteArray(s.view().constData(), qsizetype(s.size()));
}

Seeded seed(LocalVault& b)
{
    Seeded out;
    if (!b.createProject({QStringLiteral("payments"), {}, {}}))
        return out;
    auto make = [&](const QString& name, const QString& parent, bool backup) {
        KeySpec s;
        s.project = QStringLiteral("payments");
        s.environment = QStringLiteral("live");
        s.name = name;
        s.services = {QStringLiteral("checkout")};
        s.parentId = parent;
        s.backup = backup;
        s.owner = QStringLiteral("pay-team@example.com");
        auto k = b.createKey(s);
        if (!k)
            return QString();
        out.secrets.insert(k->key.id, bytesOf(k->secret));
        return k->key.id;
    };
    out.parent = make(QStringLiteral("checkout-primary"), {}, false);
    out.child1 = make(QStringLiteral("checkout-worker"), out.parent, false);
    out.child2 = make(QStringLiteral("checkout-cron"), out.parent, false);
    out.grandchild = make(QStringLiteral("checkout-worker-sub"), out.child1, false);
    out.backup = make(QStringLiteral("checkout-standby"), {}, true);
    KeySpec u;
    u.project = QStringLiteral("payments");
    u.environment = QStringLiteral("live");
    u.name = QStringLiteral("reporting");
    auto k = b.createKey(u);
    if (k) {
        out.unrelated = k->key.id;
        out.secrets.insert(k->key.id, bytesOf(k->secret));
    }
    Contact c;
    c.project = QStringLiteral("payments");
    c.name = QStringLiteral("Payments on-call");
    c.email = QStringLiteral("oncall@example.com");
    b.saveContact(c);
    auto admin = b.createOperator(QStringLiteral("resp"), OperatorRole::Admin);
    if (admin)
        out.adminToken = bytesOf(admin->token);
    return out;
}

// A log excerpt with the two leaked keys, a look-alike with a broken checksum, and noise.
QString logExcerpt(const Seeded& s)
{
    QByteArray lookalike = s.secrets.value(s.unrelated);
    const qsizetype at = lookalike.indexOf('_', 3) + 5;
    lookalike[at] = lookalike[at] == 'A' ? 'B' : 'A';
    return QStringLiteral("2026-11-25T10:01:02Z INFO request ok\n"
                          "2026-11-25T10:01:03Z DEBUG Authorization: Bearer %1\n"
                          "+ PAYMENTS_KEY=%2\n"
                          "- OLD_KEY=%3\n"
                          "token=not_a_key_at_all_4f9a\n")
        .arg(QString::fromLatin1(s.secrets.value(s.parent)), QString::fromLatin1(s.secrets.value(s.unrelated)),
             QString::fromLatin1(lookalike));
}

bool verifies(Session& session, const QByteArray& secret)
{
    auto r = kwtest::ui::runOn(session, [secret](Backend& b) {
        QByteArray copy = secret;
        VerifyContext context;
        context.service = QStringLiteral("checkout"); // the service the keys are bound to (or none)
        return b.verifyKey(SecureBytes::adopt(copy), context);
    });
    if (r && !r->valid)
        qInfo("verify: %s", qPrintable(toString(r->code)));
    return r && r->valid;
}

} // namespace

class TestRevocationPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void pasteFindsExactlyTheLeakedKeys();
    void keyboardOnlyCascadeOnLocalVault();
    void cascadeThroughTheServer();

private:
    void checkAftermath(Session& session, RevocationView& panel, const Seeded& s);
};

void TestRevocationPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_revocation"));
}

void TestRevocationPanel::pasteFindsExactlyTheLeakedKeys()
{
    kwtest::TempVault vault;
    vault.clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
    const Seeded s = seed(vault.backend());
    QVERIFY(!s.unrelated.isEmpty());
    vault.close();
    QString error;
    auto session = kwtest::ui::openLocalSession(vault.path(), false, &error);
    QVERIFY2(session, qPrintable(error));

    RevocationView panel;
    panel.show();
    panel.setSession(session.get());
    auto* paste = panel.findChild<QPlainTextEdit*>(QStringLiteral("revPaste"));
    QVERIFY(paste);
    paste->setPlainText(logExcerpt(s));
    panel.scanPasted();
    QTRY_COMPARE_WITH_TIMEOUT(panel.candidateIds().size(), 2, 10000);
    QStringList found = panel.candidateIds();
    found.sort();
    QStringList expected = {s.parent, s.unrelated};
    expected.sort();
    QCOMPARE(found, expected);
    QCOMPARE(panel.checkedIds().size(), 2);
    // The scan says what it saw — and the pasted text is gone from the screen.
    auto* result = panel.findChild<QLabel*>(QStringLiteral("revScanResult"));
    QVERIFY2(result->text().contains(QStringLiteral("failed the checksum")), qPrintable(result->text()));
    QVERIFY(paste->toPlainText().isEmpty());
    QVERIFY(!kwtest::ui::anyWidgetShows(QString::fromLatin1(s.secrets.value(s.parent))));
    // A lookup changes nothing: both keys still verify.
    QVERIFY(verifies(*session, s.secrets.value(s.parent)));
    QVERIFY(verifies(*session, s.secrets.value(s.unrelated)));
}

void TestRevocationPanel::checkAftermath(Session& session, RevocationView& panel, const Seeded& s)
{
    const IncidentOutcome& o = panel.outcome();
    QVERIFY2(o.ok(), qPrintable(o.revokeError));
    QCOMPARE(o.revoked.toRevokeCount(), 5);
    // Every revoked key is rejected from now on; the others still pass.
    for (const QString& id : {s.parent, s.child1, s.child2, s.grandchild, s.unrelated})
        QVERIFY2(!verifies(session, s.secrets.value(id)), qPrintable(id));
    // The backup took over for the primary; the unrelated key (no backup) got a replacement.
    QCOMPARE(o.activatedBackups.size(), 1);
    QCOMPARE(o.activatedBackups.first().id, s.backup);
    QVERIFY(verifies(session, s.secrets.value(s.backup)));
    auto backup = kwtest::ui::runOn(session, [&](Backend& b) { return b.key(s.backup); });
    QVERIFY(backup && !backup->backup);
    QVERIFY2(o.failures.isEmpty(), qPrintable(o.failures.join(QStringLiteral("; "))));
    QCOMPARE(o.replacements.size(), 1);
    QCOMPARE(o.replacedKeyIds, QStringList{s.unrelated});
    QCOMPARE(panel.shownSecretCount(), 1);
    auto* secrets = panel.findChild<QPlainTextEdit*>(QStringLiteral("revSecrets"));
    const QString shown = secrets->toPlainText().section(QStringLiteral("  "), 1).trimmed();
    QVERIFY(KeyFormat::isWellFormed(shown.toLatin1()));
    QVERIFY(verifies(session, shown.toLatin1()));
    // Contacts were notified, and the incident's trail holds the revocation.
    QVERIFY(!o.notifications.isEmpty());
    QCOMPARE(o.notifications.first().recipient, QStringLiteral("oncall@example.com"));
    QCOMPARE(o.notifications.first().incident, o.request.incident);
    QVERIFY(std::any_of(o.trail.begin(), o.trail.end(),
                        [](const AuditEntry& e) { return e.action.startsWith(QLatin1String("key.revoke")); }));
    for (const AuditEntry& e : o.trail)
        QCOMPARE(e.incident, o.request.incident);
    // The incident report holds the keys and never a secret.
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("incident.html"));
    QVERIFY(panel.exportReport(html));
    QFile f(html);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray report = f.readAll();
    QVERIFY(report.contains(o.request.incident.toUtf8()));
    QVERIFY(report.contains(o.revoked.entries.first().displayId.toUtf8()));
    for (const QByteArray& secret : s.secrets)
        QVERIFY(!report.contains(secret));
    QVERIFY(!report.contains(shown.toLatin1()));
    const QString pdf = dir.filePath(QStringLiteral("incident.pdf"));
    QVERIFY(panel.exportReport(pdf));
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
    // A new incident wipes the secrets shown.
    panel.reset();
    QCOMPARE(panel.shownSecretCount(), 0);
    QVERIFY(secrets->toPlainText().isEmpty());
}

void TestRevocationPanel::keyboardOnlyCascadeOnLocalVault()
{
    kwtest::TempVault vault;
    vault.clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
    const Seeded s = seed(vault.backend());
    QVERIFY(!s.unrelated.isEmpty());
    vault.close();
    QString error;
    auto opened = kwtest::ui::openLocalSession(vault.path(), false, &error);
    QVERIFY2(opened, qPrintable(error));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.adoptSession(opened.release());
    Session& session = *w.session();
    w.showView(QStringLiteral("overview"));

    // Ctrl+Shift+X from anywhere: the panel, with the paste box focused.
    QTest::keyClick(&w, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(w.currentView(), QStringLiteral("revocation"));
    RevocationView* panel = w.revocationView();
    auto* paste = panel->findChild<QPlainTextEdit*>(QStringLiteral("revPaste"));
    QTRY_VERIFY(paste->hasFocus());
    QApplication::clipboard()->setText(logExcerpt(s));
    QTest::keyClick(paste, Qt::Key_V, Qt::ControlModifier);
    QApplication::clipboard()->clear();
    QTest::keyClick(paste, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(panel->candidateIds().size(), 2, 10000);

    // Focus moves to the reason; Enter goes on to the confirmation once the impact is known.
    auto* reason = panel->findChild<QLineEdit*>(QStringLiteral("revReason"));
    QTRY_VERIFY(reason->hasFocus());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isAssessing() && panel->impact().toRevoke() == 5, 10000);
    QTest::keyClicks(reason, QStringLiteral("secret in a public gist"));
    QTest::keyClick(reason, Qt::Key_Return);
    auto* confirm = panel->findChild<QLineEdit*>(QStringLiteral("confirmationEdit"));
    QTRY_VERIFY(confirm->hasFocus());
    QTest::keyClicks(confirm, QStringLiteral("REVOKE 5"));
    QTest::keyClick(confirm, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->outcome().revokedAt > 0 && !panel->outcome().trail.isEmpty(),
                             20000);
    checkAftermath(session, *panel, s);
}

void TestRevocationPanel::cascadeThroughTheServer()
{
    auto vault = std::make_unique<kwtest::TempVault>();
    vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
    const Seeded s = seed(vault->backend());
    QVERIFY(!s.adminToken.isEmpty());
    const QString path = vault->path();
    vault->close();
    kwtest::ServerProcess server(path);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QString error;
    auto session = kwtest::ui::connectSession(QUrl(server.url()), s.adminToken, &error);
    QVERIFY2(session, qPrintable(error));

    RevocationView panel;
    panel.show();
    panel.setSession(session.get());
    panel.findChild<QPlainTextEdit*>(QStringLiteral("revPaste"))->setPlainText(logExcerpt(s));
    panel.scanPasted();
    QTRY_COMPARE_WITH_TIMEOUT(panel.candidateIds().size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isAssessing() && panel.impact().toRevoke() == 5, 10000);
    // Impact before acting: the subtree, the backup ready for the primary, the contact to be told.
    QVERIFY(panel.impact().backups.contains(s.parent));
    QCOMPARE(panel.impact().contacts.size(), 1);
    QCOMPARE(panel.impact().projects, QStringList{QStringLiteral("payments")});
    QTest::keyClicks(panel.findChild<QLineEdit*>(QStringLiteral("revReason")), QStringLiteral("leaked in CI logs"));
    auto* confirm = panel.findChild<QLineEdit*>(QStringLiteral("confirmationEdit"));
    QTest::keyClicks(confirm, QStringLiteral("REVOKE 5"));
    QTest::keyClick(confirm, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy() && panel.outcome().revokedAt > 0 && !panel.outcome().trail.isEmpty(),
                             20000);
    checkAftermath(*session, panel, s);
    session.reset();
    server.stop();
}

QTEST_MAIN(TestRevocationPanel)
#include "tst_ui_revocation.moc"
