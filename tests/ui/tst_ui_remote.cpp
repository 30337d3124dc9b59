// The console against a real keywardend on loopback: the tree and details come from the server, the
// role in the status bar is the operator's, and actions the role may not take are disabled with a
// tooltip saying why. An admin's actions go through the server.
#include "ServerProcess.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "commands/KeyActions.h"
#include "models/KeyTreeModel.h"
#include "session/Session.h"
#include "views/KeyDetailsPanel.h"
#include "views/KeysView.h"
#include "views/OverviewView.h"

#include <QAction>
#include <QDateTime>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace kw::ui;

class TestRemoteConsole : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void auditorSeesKeysButCannotAct();
    void adminActsThroughTheServer();
    void wrongTokenIsRefused();
    void cleanupTestCase();

private:
    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<kwtest::ServerProcess> m_server;
    QByteArray m_adminToken;
    QByteArray m_auditorToken;
    QString m_keyId;
};

void TestRemoteConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_remote"));
    m_vault = std::make_unique<kwtest::TempVault>();
    QVERIFY(m_vault->ok());
    m_vault->clock().setNowMs(QDateTime::currentMSecsSinceEpoch());
    kw::LocalVault& b = m_vault->backend();
    auto admin = b.createOperator(QStringLiteral("alice"), kw::OperatorRole::Admin);
    auto auditor = b.createOperator(QStringLiteral("audrey"), kw::OperatorRole::Auditor);
    QVERIFY(admin && auditor);
    m_adminToken = QByteArray(admin->token.view().constData(), qsizetype(admin->token.size()));
    m_auditorToken = QByteArray(auditor->token.view().constData(), qsizetype(auditor->token.size()));
    QVERIFY(b.createTeam(QStringLiteral("platform")));
    QVERIFY(b.createProject({QStringLiteral("payments"), QStringLiteral("platform"), {}}));
    for (int i = 0; i < 12; ++i) {
        kw::KeySpec s;
        s.project = QStringLiteral("payments");
        s.environment = i < 8 ? QStringLiteral("prod") : QStringLiteral("dev");
        s.name = QStringLiteral("svc-%1").arg(i);
        s.services = {QStringLiteral("checkout")};
        auto k = b.createKey(s);
        QVERIFY(k);
        if (i == 3)
            m_keyId = k->key.id;
    }
    m_vault->close();
    m_server = std::make_unique<kwtest::ServerProcess>(m_vault->path());
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestRemoteConsole::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void TestRemoteConsole::auditorSeesKeysButCannotAct()
{
    QString error;
    auto session = kwtest::ui::connectSession(QUrl(m_server->url()), m_auditorToken, &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(session->op().role == kw::OperatorRole::Auditor);
    MainWindow w;
    w.show();
    w.adoptSession(session.release());
    const QString role = w.findChild<QLabel*>(QStringLiteral("statusRole"))->text();
    QVERIFY2(role.contains(QStringLiteral("audrey")) && role.contains(QStringLiteral("Auditor")), qPrintable(role));
    QVERIFY(w.findChild<QLabel*>(QStringLiteral("statusLocation"))->text().contains(QStringLiteral("127.0.0.1")));

    w.showView(QStringLiteral("keys"));
    KeyTreeModel* model = w.keysView()->model();
    QTRY_COMPARE(model->totalKeys(), 12);
    // Reading works: reveal a key, its details load from the server.
    kw::KeyRecord k;
    k.id = m_keyId;
    w.keysView()->revealKey(k);
    QTRY_COMPARE(w.keysView()->selectedKeys().size(), 1);
    QTRY_COMPARE(w.keysView()->details()->keyId(), m_keyId);
    QCOMPARE(w.keysView()->details()->fieldText(QStringLiteral("id")), m_keyId);

    // Every mutating action is disabled, and says why.
    KeyActions* actions = w.keyActions();
    for (QAction* a : {actions->newKeyAction(), actions->rotateAction(), actions->renewAction(), actions->editAction(),
                       actions->suspendAction(), actions->revokeAction(), actions->organisationAction()}) {
        QVERIFY2(!a->isEnabled(), qPrintable(a->objectName()));
        QVERIFY2(a->toolTip().contains(QStringLiteral("Auditor")), qPrintable(a->objectName() + u' ' + a->toolTip()));
    }
    // The keyboard shortcut does nothing either.
    QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
    QTest::qWait(200);
    for (QWidget* top : QApplication::topLevelWidgets())
        QVERIFY2(!(top->isVisible() && top->objectName() == QStringLiteral("createKeyWizard")), "wizard opened");
}

void TestRemoteConsole::adminActsThroughTheServer()
{
    QString error;
    auto session = kwtest::ui::connectSession(QUrl(m_server->url()), m_adminToken, &error);
    QVERIFY2(session, qPrintable(error));
    MainWindow w;
    w.show();
    Session* s = session.release();
    w.adoptSession(s);
    QVERIFY(w.findChild<QLabel*>(QStringLiteral("statusRole"))->text().contains(QStringLiteral("Administrator")));
    w.showView(QStringLiteral("keys"));
    QTRY_COMPARE(w.keysView()->model()->totalKeys(), 12);
    kw::KeyRecord k;
    k.id = m_keyId;
    w.keysView()->revealKey(k);
    QTRY_COMPARE(w.keysView()->selectedKeys().size(), 1);
    QVERIFY(w.keyActions()->suspendAction()->isEnabled());
    QVERIFY(w.keyActions()->revokeAction()->isEnabled());
    QVERIFY(w.keyActions()->newKeyAction()->isEnabled());
    // A change made through this session shows in the tree at once.
    const QString id = m_keyId;
    auto suspended =
        kwtest::ui::runOn(*s, [id](kw::Backend& b) { return b.suspendKey(id, QStringLiteral("remote test")); });
    QVERIFY2(suspended, qPrintable(suspended.errorMessage()));
    QTRY_COMPARE(w.keysView()->model()->indexOfKey(id).siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Suspended"));
    QTRY_VERIFY(w.keyActions()->resumeAction()->isEnabled());
    QVERIFY(!w.keyActions()->suspendAction()->isEnabled());
    auto resumed =
        kwtest::ui::runOn(*s, [id](kw::Backend& b) { return b.resumeKey(id, QStringLiteral("remote test")); });
    QVERIFY(resumed);
    w.showView(QStringLiteral("overview"));
    QTRY_COMPARE(w.overviewView()->tileText(QStringLiteral("total")), QStringLiteral("12"));

    // Issue a key through the wizard and revoke it through the dialog, both against the server.
    w.showView(QStringLiteral("keys"));
    const QString secret = kwtest::ui::createKeyThroughWizard(*w.keyActions(), QStringLiteral("remote-made"), &error);
    QVERIFY2(!secret.isEmpty(), qPrintable(error));
    QTRY_COMPARE(w.keysView()->selectedKeys().size(), 1);
    const kw::KeyRecord made = w.keysView()->selectedKeys().first();
    QCOMPARE(made.name, QStringLiteral("remote-made"));
    QVERIFY(!kwtest::ui::anyWidgetShows(secret));
    QVERIFY2(kwtest::ui::revokeThroughDialog(*w.keyActions(), made.displayId, QStringLiteral("remote test"), &error),
             qPrintable(error));
    // The server rejects the key from now on.
    auto verdict = kwtest::ui::runOn(*s, [secret](kw::Backend& b) {
        QString copy = secret;
        return b.verifyKey(kw::SecureBytes::fromString(copy), kw::VerifyContext{});
    });
    QVERIFY(verdict);
    QVERIFY(!verdict->valid);
    QTRY_COMPARE(
        w.keysView()->model()->indexOfKey(made.id).siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(),
        QStringLiteral("Revoked"));
}

void TestRemoteConsole::wrongTokenIsRefused()
{
    QString error;
    auto session = kwtest::ui::connectSession(QUrl(m_server->url()), QByteArray("kwop_notavalidtoken"), &error);
    QVERIFY(!session);
    QVERIFY2(!error.isEmpty(), "an error message names the problem");
}

QTEST_MAIN(TestRemoteConsole)
#include "tst_ui_remote.moc"
