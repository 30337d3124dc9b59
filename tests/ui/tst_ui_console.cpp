// The console shell over real vault files: start page, unlock (right and wrong passphrase, delay, caps
// lock), vault creation, the main window's views and shortcuts, global search, lock on demand and after
// idle time, state restored between runs, and the demo vault.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "commands/KeyActions.h"
#include "dialogs/CreateVaultDialog.h"
#include "dialogs/UnlockDialog.h"
#include "models/KeyTreeModel.h"
#include "session/ConsoleSettings.h"
#include "session/IdleWatcher.h"
#include "session/Session.h"
#include "views/KeyDetailsPanel.h"
#include "views/KeysView.h"
#include "views/OverviewView.h"

#include <QAction>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace kw::ui;

class TestConsole : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void startPageBeforeAnythingIsOpen();
    void unlockWithWrongThenRightPassphrase();
    void capsLockIsPointedOut();
    void createVaultValidatesThePassphrase();
    void mainWindowShowsTheSession();
    void globalSearchRevealsTheKey();
    void lockOnDemandDropsTheSession();
    void autoLockAfterIdleTime();
    void stateIsRestoredBetweenRuns();
    void demoVaultIsPopulated();
    void keyCreatedInTheWizardIsFoundInTheTreeThenRevoked();

private:
    Session* openSession();
    QAction* action(MainWindow& w, const QString& name) { return w.findChild<QAction*>(name); }

    QTemporaryDir m_dir;
    QString m_vaultPath;
    QString m_keyId;
    QString m_keyDisplayId;
};

void TestConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_console"));
    QVERIFY(m_dir.isValid());
    m_vaultPath = m_dir.filePath(QStringLiteral("console.kwvault"));
    QString error;
    auto session = kwtest::ui::openLocalSession(m_vaultPath, true, &error);
    QVERIFY2(session, qPrintable(error));
    auto made = kwtest::ui::runOn(*session, [](kw::Backend& b) -> kw::Result<kw::IssuedKey> {
        if (auto p = b.createProject({QStringLiteral("payments"), {}, {}}); !p)
            return p.error();
        kw::KeySpec s;
        s.project = QStringLiteral("payments");
        s.environment = QStringLiteral("prod");
        s.services = {QStringLiteral("checkout")};
        s.owner = QStringLiteral("ana@example.com");
        kw::Result<kw::IssuedKey> last = kw::Error::invalid(QStringLiteral("none"));
        for (int i = 0; i < 30; ++i) {
            s.name = QStringLiteral("checkout-%1").arg(i);
            if (i == 17)
                s.name = QStringLiteral("ledger-writer");
            auto k = b.createKey(s);
            if (!k)
                return k;
            if (i == 17)
                last = std::move(k);
        }
        return last;
    });
    QVERIFY2(made, qPrintable(made.errorMessage()));
    m_keyId = made->key.id;
    m_keyDisplayId = made->key.displayId;
}

void TestConsole::init()
{
    QSettings().clear();
}

Session* TestConsole::openSession()
{
    QString error;
    auto s = kwtest::ui::openLocalSession(m_vaultPath, false, &error);
    if (!s)
        qWarning("open: %s", qPrintable(error));
    return s.release();
}

void TestConsole::startPageBeforeAnythingIsOpen()
{
    MainWindow w;
    w.show();
    QVERIFY(w.findChild<QWidget*>(QStringLiteral("startPage"))->isVisible());
    auto* recent = w.findChild<QListWidget*>(QStringLiteral("recentPlaces"));
    QCOMPARE(recent->count(), 1);
    QVERIFY(!(recent->item(0)->flags() & Qt::ItemIsEnabled));
    QVERIFY(!action(w, QStringLiteral("action.lock"))->isEnabled());
    QVERIFY(!w.keyActions()->newKeyAction()->isEnabled());
    for (const char* name : {"startCreateVault", "startOpenVault", "startConnect", "startDemo"}) {
        auto* b = w.findChild<QPushButton*>(QString::fromLatin1(name));
        QVERIFY2(b && b->isVisible() && !b->accessibleName().isEmpty(), name);
    }
}

void TestConsole::unlockWithWrongThenRightPassphrase()
{
    UnlockDialog dialog(m_vaultPath);
    dialog.show();
    QSignalSpy unlocked(&dialog, &UnlockDialog::unlocked);
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("passphrase"));
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("unlockButton"));
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("unlockError"));
    QVERIFY(!button->isEnabled()); // nothing typed
    QTest::keyClicks(field, QStringLiteral("not the passphrase"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(dialog.failures(), 1);
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("Wrong passphrase")));
    QVERIFY(field->text().isEmpty()); // the typed text is not kept
    // The next attempt waits: the field and the button stay disabled for a second.
    QVERIFY(dialog.isWaiting());
    QVERIFY(!field->isEnabled());
    QVERIFY(!button->isEnabled());
    QCOMPARE(unlocked.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isWaiting(), 3000);
    QVERIFY(field->isEnabled());
    QTest::keyClicks(field, QStringLiteral("correct horse battery staple"));
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY2(unlocked.count() == 1, qPrintable(error->text()));
    std::unique_ptr<Session> session(unlocked.first().first().value<Session*>());
    QVERIFY(session);
    QCOMPARE(session->kind(), Session::Kind::LocalVault);
    QVERIFY(session->can(kw::Capability::Administer));
    QVERIFY(!dialog.isVisible());
}

void TestConsole::capsLockIsPointedOut()
{
    UnlockDialog dialog(m_vaultPath);
    dialog.show();
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("passphrase"));
    auto* warning = dialog.findChild<QLabel*>(QStringLiteral("capsLockWarning"));
    QVERIFY(!warning->isVisible());
    QTest::keyClick(field, Qt::Key_A, Qt::NoModifier); // lower case without shift: caps lock off
    QVERIFY(!warning->isVisible());
    QKeyEvent upperNoShift(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("A"));
    QApplication::sendEvent(field, &upperNoShift);
    QVERIFY(warning->isVisible());
    QKeyEvent upperShift(QEvent::KeyPress, Qt::Key_B, Qt::ShiftModifier, QStringLiteral("B"));
    QApplication::sendEvent(field, &upperShift);
    QVERIFY(!warning->isVisible());
}

void TestConsole::createVaultValidatesThePassphrase()
{
    const QString path = m_dir.filePath(QStringLiteral("new.kwvault"));
    CreateVaultDialog dialog(path);
    dialog.setFastKdfForTests(true);
    dialog.show();
    QSignalSpy created(&dialog, &CreateVaultDialog::created);
    auto* pass = dialog.findChild<QLineEdit*>(QStringLiteral("newPassphrase"));
    auto* confirm = dialog.findChild<QLineEdit*>(QStringLiteral("confirmPassphrase"));
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("createVaultButton"));
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("createVaultError"));
    QTest::keyClicks(pass, QStringLiteral("short"));
    QVERIFY(!button->isEnabled());
    QVERIFY(error->text().contains(QStringLiteral("at least 8")));
    QTest::keyClicks(pass, QStringLiteral(" but long enough"));
    QTest::keyClicks(confirm, QStringLiteral("short but long"));
    QVERIFY(!button->isEnabled());
    QVERIFY(error->text().contains(QStringLiteral("differ")));
    QTest::keyClicks(confirm, QStringLiteral(" enough"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(created.count(), 1);
    std::unique_ptr<Session> session(created.first().first().value<Session*>());
    QVERIFY(QFileInfo::exists(path));
    // The file now exists: a second dialog for the same path refuses it before trying.
    CreateVaultDialog again(path);
    auto* againError = again.findChild<QLabel*>(QStringLiteral("createVaultError"));
    QVERIFY(againError->text().contains(QStringLiteral("already exists")));
}

void TestConsole::mainWindowShowsTheSession()
{
    MainWindow w;
    w.show();
    QSignalSpy changed(&w, &MainWindow::sessionChanged);
    w.adoptSession(openSession());
    QCOMPARE(changed.count(), 1);
    QVERIFY(w.session());
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("statusRole"))->text().contains(QStringLiteral("Administrator")),
             true);
    QVERIFY(w.findChild<QLabel*>(QStringLiteral("statusLocation"))->text().contains(QStringLiteral("console.kwvault")));
    QVERIFY(w.windowTitle().contains(QStringLiteral("console.kwvault")));
    QCOMPARE(w.currentView(), QStringLiteral("overview"));
    QTRY_COMPARE(w.overviewView()->tileText(QStringLiteral("total")), QStringLiteral("30"));
    QCOMPARE(w.overviewView()->tileText(QStringLiteral("active")), QStringLiteral("30"));
    // Ctrl+2 opens the keys; the tree loads from the store.
    QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(w.currentView(), QStringLiteral("keys"));
    QTRY_COMPARE(w.keysView()->model()->totalKeys(), 30);
    QVERIFY(w.keyActions()->newKeyAction()->isEnabled());
    // The place is remembered for the start page.
    const auto recent = ConsoleSettings::recentPlaces();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().location, QFileInfo(m_vaultPath).absoluteFilePath());
    w.closeSession();
    QVERIFY(!w.session());
    QVERIFY(w.findChild<QWidget*>(QStringLiteral("startPage"))->isVisible());
    QCOMPARE(w.findChild<QListWidget*>(QStringLiteral("recentPlaces"))->item(0)->data(Qt::UserRole + 1).toString(),
             QFileInfo(m_vaultPath).absoluteFilePath());
}

void TestConsole::globalSearchRevealsTheKey()
{
    MainWindow w;
    w.show();
    w.adoptSession(openSession());
    QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier);
    QLineEdit* search = w.searchBox();
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("ledger"));
    QCompleter* completer = search->completer();
    QTRY_COMPARE(completer->completionModel()->rowCount(), 1);
    const QModelIndex hit = completer->completionModel()->index(0, 0);
    QVERIFY(hit.data().toString().contains(m_keyDisplayId));
    emit completer->activated(hit);
    QCOMPARE(w.currentView(), QStringLiteral("keys"));
    // The tree narrows to the key, opens its path and selects it; the details show it.
    QTRY_COMPARE(w.keysView()->selectedKeys().size(), 1);
    QCOMPARE(w.keysView()->selectedKeys().first().id, m_keyId);
    QTRY_COMPARE(w.keysView()->details()->keyId(), m_keyId);
    QCOMPARE(w.keysView()->details()->fieldText(QStringLiteral("displayId")), m_keyDisplayId);
    QCOMPARE(w.keysView()->details()->fieldText(QStringLiteral("owner")), QStringLiteral("ana@example.com"));
    QVERIFY(w.keyActions()->revokeAction()->isEnabled());
}

void TestConsole::lockOnDemandDropsTheSession()
{
    MainWindow w;
    w.show();
    w.adoptSession(openSession());
    QSignalSpy locked(&w, &MainWindow::locked);
    QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(locked.count(), 1);
    QVERIFY(w.isLocked());
    QVERIFY(!w.session());
    QVERIFY(w.findChild<QWidget*>(QStringLiteral("lockedPage"))->isVisible());
    QCOMPARE(w.keysView()->model()->rowCount(), 0); // nothing of the vault stays on screen
    QVERIFY(!w.keyActions()->newKeyAction()->isEnabled());
    // Unlocking again asks for the passphrase of the same vault.
    QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("unlockAgain")), Qt::LeftButton);
    auto* dialog = kwtest::ui::waitForTopLevel<UnlockDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->vaultPath(), QFileInfo(m_vaultPath).absoluteFilePath());
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("passphrase")),
                     QStringLiteral("correct horse battery staple"));
    QTest::keyClick(dialog->findChild<QLineEdit*>(QStringLiteral("passphrase")), Qt::Key_Return);
    QPointer<UnlockDialog> guard(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(
        w.session() || (guard && !guard->findChild<QLabel*>(QStringLiteral("unlockError"))->text().isEmpty()), 10000);
    if (guard)
        QFAIL(qPrintable(guard->findChild<QLabel*>(QStringLiteral("unlockError"))->text() +
                         QStringLiteral(" visible=%1").arg(guard->isVisible())));
    QVERIFY(w.session());
    QVERIFY(!w.isLocked());
}

void TestConsole::autoLockAfterIdleTime()
{
    MainWindow w;
    w.show();
    w.adoptSession(openSession());
    QSignalSpy locked(&w, &MainWindow::locked);
    w.idleWatcher()->setTimeoutMs(400);
    w.idleWatcher()->setActive(true);
    // Input keeps it open...
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(150);
        QTest::mouseMove(w.keysView(), QPoint(10 + i, 10));
        QKeyEvent press(QEvent::KeyPress, Qt::Key_Shift, Qt::NoModifier);
        QApplication::sendEvent(&w, &press);
    }
    QCOMPARE(locked.count(), 0);
    // ...and idleness locks it.
    QTRY_COMPARE_WITH_TIMEOUT(locked.count(), 1, 3000);
    QVERIFY(w.isLocked());
    QVERIFY(!w.session());
}

void TestConsole::stateIsRestoredBetweenRuns()
{
    {
        MainWindow w;
        w.show();
        w.resize(1111, 777);
        w.adoptSession(openSession());
        w.showView(QStringLiteral("keys"));
        w.close();
    }
    MainWindow again;
    again.show();
    QCOMPARE(again.size(), QSize(1111, 777));
    again.adoptSession(openSession());
    QCOMPARE(again.currentView(), QStringLiteral("keys"));
}

void TestConsole::demoVaultIsPopulated()
{
    QFile::remove(MainWindow::demoVaultPath());
    MainWindow w;
    w.show();
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.session(), 60000);
    QCOMPARE(w.session()->location(), MainWindow::demoVaultPath());
    w.showView(QStringLiteral("overview"));
    QTRY_VERIFY(w.overviewView()->tileText(QStringLiteral("total")).remove(u',').toInt() >= 200);
    QVERIFY(w.overviewView()->tileText(QStringLiteral("revoked")).toInt() > 0);
    w.showView(QStringLiteral("keys"));
    QTRY_VERIFY(w.keysView()->model()->totalKeys() >= 200);
    // Teams with projects: the organisation node has more than one team under it.
    QVERIFY(w.keysView()->model()->rowCount(w.keysView()->model()->index(0, 0)) >= 3);
    // Reopening uses the same file and its known passphrase.
    w.closeSession();
    w.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(w.session(), 60000);
}

void TestConsole::keyCreatedInTheWizardIsFoundInTheTreeThenRevoked()
{
    MainWindow w;
    w.show();
    w.adoptSession(openSession());
    w.showView(QStringLiteral("keys"));
    QTRY_VERIFY(w.keysView()->model()->totalKeys() > 0);
    // Make the payments/prod environment current: the wizard takes its defaults from it.
    KeyTreeModel* model = w.keysView()->model();
    const QModelIndex team = model->index(0, 0, model->index(0, 0));
    const QModelIndex prod = model->index(0, 0, model->index(0, 0, team));
    QCOMPARE(prod.data().toString(), QStringLiteral("prod"));
    w.keysView()->tree()->setCurrentIndex(prod);

    QString error;
    const QString secret = kwtest::ui::createKeyThroughWizard(*w.keyActions(), QStringLiteral("wizard-made"), &error);
    QVERIFY2(!secret.isEmpty(), qPrintable(error));
    // The console shows the new key: the tree narrows to it and selects it, the details name it.
    QTRY_COMPARE(w.keysView()->selectedKeys().size(), 1);
    const kw::KeyRecord made = w.keysView()->selectedKeys().first();
    QCOMPARE(made.name, QStringLiteral("wizard-made"));
    QCOMPARE(made.project, QStringLiteral("payments"));
    QVERIFY(secret.startsWith(made.displayId));
    QTRY_COMPARE(w.keysView()->details()->keyId(), made.id);
    // Shown once: nothing on screen holds the secret any more.
    QVERIFY(!kwtest::ui::anyWidgetShows(secret));

    QVERIFY2(kwtest::ui::revokeThroughDialog(*w.keyActions(), made.displayId, QStringLiteral("console test"), &error),
             qPrintable(error));
    QTRY_COMPARE(model->indexOfKey(made.id).siblingAtColumn(KeyTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Revoked"));
    QTRY_VERIFY(!w.keyActions()->revokeAction()->isEnabled());
    QTRY_COMPARE(w.keysView()->details()->fieldText(QStringLiteral("reason")), QStringLiteral("console test"));
}

QTEST_MAIN(TestConsole)
#include "tst_ui_console.moc"
