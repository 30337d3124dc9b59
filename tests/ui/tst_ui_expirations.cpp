// The expiration calendar over a vault with keys expiring on known days: day counts match the store,
// a day lists its keys, a bulk renewal moves them (and the calendar with them), let-expire tags them, and
// the expiry notifier warns once per key and threshold.
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "Backend.h"
#include "commands/BulkKeyCommand.h"
#include "dialogs/BulkActionDialog.h"
#include "expiry/ExpiryCalendarWidget.h"
#include "session/ConsoleSettings.h"
#include "session/ExpiryNotifier.h"
#include "views/ExpirationsView.h"

#include <QDateTime>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace kw;
using namespace kw::ui;

class TestExpirations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void calendarCountsMatchTheVault();
    void dayListsItsKeys();
    void bulkRenewMovesTheKeys();
    void letExpireTagsTheKeys();
    void notifierWarnsOncePerThreshold();
    void cleanupTestCase();

private:
    static qint64 noon(const QDate& d) { return QDateTime(d, QTime(12, 0)).toMSecsSinceEpoch(); }
    bool waitIdle(ExpirationsView& view)
    {
        return QTest::qWaitFor([&] { return !view.isLoading(); }, 15000);
    }

    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<Session> m_session;
    QDate m_soon, m_later, m_third;
    QStringList m_soonIds, m_laterIds, m_thirdIds;
};

void TestExpirations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_expirations"));
    QSettings().clear();
    m_vault = std::make_unique<kwtest::TempVault>();
    QVERIFY(m_vault->ok());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_vault->clock().setNowMs(now);
    LocalVault& b = m_vault->backend();
    QVERIFY(b.createProject({QStringLiteral("payments"), {}, {}}));
    m_soon = QDate::currentDate().addDays(3);
    m_later = QDate::currentDate().addDays(20);
    m_third = QDate::currentDate().addDays(45);
    auto key = [&](const QString& name, const QDate& day, const QString& owner) {
        KeySpec s;
        s.project = QStringLiteral("payments");
        s.environment = QStringLiteral("prod");
        s.name = name;
        s.owner = owner;
        s.expiresInMs = noon(day) - now;
        auto k = b.createKey(s);
        return k ? k->key.id : QString();
    };
    for (int i = 0; i < 3; ++i)
        m_soonIds << key(QStringLiteral("soon-%1").arg(i), m_soon, QStringLiteral("owner%1@example.com").arg(i));
    for (int i = 0; i < 2; ++i)
        m_laterIds << key(QStringLiteral("later-%1").arg(i), m_later, QStringLiteral("team-later"));
    m_thirdIds << key(QStringLiteral("third"), m_third, QString());
    for (const QString& id : m_soonIds + m_laterIds + m_thirdIds)
        QVERIFY(!id.isEmpty());
    m_vault->close();
    QString error;
    m_session = kwtest::ui::openLocalSession(m_vault->path(), false, &error);
    QVERIFY2(m_session, qPrintable(error));
}

void TestExpirations::cleanupTestCase()
{
    m_session.reset();
}

void TestExpirations::calendarCountsMatchTheVault()
{
    ExpirationsView view;
    view.resize(1200, 900);
    view.show();
    view.setSession(m_session.get());
    view.selectDate(m_soon);
    QVERIFY(waitIdle(view));
    const int offset = QDateTime::currentDateTime().offsetFromUtc();
    const qint64 from = QDateTime(m_soon.addDays(-10), QTime(0, 0)).toMSecsSinceEpoch();
    const qint64 to = QDateTime(m_soon.addDays(10), QTime(0, 0)).toMSecsSinceEpoch();
    auto direct = kwtest::ui::runOn(*m_session, [&](Backend& b) { return b.expiryCalendar({}, from, to, offset); });
    QVERIFY2(direct, qPrintable(direct.errorMessage()));
    QCOMPARE(view.calendar()->day(m_soon).expiring, 3);
    for (const ExpiryDay& d : *direct)
        QCOMPARE(view.calendar()->day(QDateTime::fromMSecsSinceEpoch(d.dayStartMs).date()).expiring, d.expiring);
    QCOMPARE(view.calendar()->day(m_soon.addDays(1)).expiring, 0);
    view.selectDate(m_later);
    QVERIFY(waitIdle(view));
    QCOMPARE(view.calendar()->day(m_later).expiring, 2);
    // The agenda lists the soon day (within two weeks) but not the later one.
    auto* agenda = view.findChild<QTreeWidget*>(QStringLiteral("expiryAgenda"));
    QVERIFY(agenda);
    bool soonListed = false, laterListed = false;
    for (int i = 0; i < agenda->topLevelItemCount(); ++i) {
        const QDate d = agenda->topLevelItem(i)->data(0, Qt::UserRole).toDate();
        soonListed |= d == m_soon && agenda->topLevelItem(i)->text(1) == QLatin1String("3");
        laterListed |= d == m_later;
    }
    QVERIFY(soonListed);
    QVERIFY(!laterListed);
}

void TestExpirations::dayListsItsKeys()
{
    ExpirationsView view;
    view.show();
    view.setSession(m_session.get());
    view.selectDate(m_soon);
    QVERIFY(waitIdle(view));
    QTRY_COMPARE(view.dayKeys()->topLevelItemCount(), 3);
    QStringList ids;
    for (const KeyRecord& k : view.dayKeyRecords())
        ids << k.id;
    ids.sort();
    QStringList expected = m_soonIds;
    expected.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(view.dayKeys()->topLevelItem(0)->text(2).endsWith(QLatin1String("@example.com")), true);
    QCOMPARE(view.dayKeys()->topLevelItem(0)->text(4), QStringLiteral("never"));
}

void TestExpirations::bulkRenewMovesTheKeys()
{
    ExpirationsView view;
    view.show();
    view.setSession(m_session.get());
    view.selectDate(m_soon);
    QVERIFY(waitIdle(view));
    QTRY_COMPARE(view.dayKeys()->topLevelItemCount(), 3);
    view.dayKeys()->selectAll();
    QCOMPARE(view.selectedKeys().size(), 3);
    QSignalSpy finished(&view, &ExpirationsView::commandFinished);
    QVERIFY(view.startBulk(BulkKeyCommand::Operation::Renew));
    auto* dlg = kwtest::ui::waitForTopLevel<BulkActionDialog>();
    QVERIFY(dlg);
    auto* run = dlg->findChild<QPushButton*>(QStringLiteral("bulkRun"));
    QVERIFY(run && !run->isEnabled()); // a reason is required
    dlg->findChild<QSpinBox*>(QStringLiteral("bulkDays"))->setValue(30);
    QTest::keyClicks(dlg->findChild<QLineEdit*>(QStringLiteral("bulkReason")), QStringLiteral("quarterly renewal"));
    QVERIFY(run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    auto* keys = dlg->findChild<QTreeWidget*>(QStringLiteral("bulkKeys"));
    QTRY_VERIFY_WITH_TIMEOUT(keys->topLevelItem(2)->text(4) == QLatin1String("renewed"), 15000);
    QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("bulkClose")), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), true);

    for (const QString& id : m_soonIds) {
        auto k = kwtest::ui::runOn(*m_session, [&](Backend& b) { return b.key(id); });
        QVERIFY(k);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(k->expiresAt).date(), m_soon.addDays(30));
        auto history = kwtest::ui::runOn(*m_session, [&](Backend& b) { return b.expirationHistory(id); });
        QVERIFY(history);
        QVERIFY(std::any_of(history->begin(), history->end(),
                            [](const ExpirationEvent& e) { return e.event == QLatin1String("renewed"); }));
    }
    // The calendar follows: nothing left on the old day, three more thirty days later.
    QVERIFY(waitIdle(view));
    QTRY_COMPARE(view.calendar()->day(m_soon).expiring, 0);
    view.selectDate(m_soon.addDays(30));
    QVERIFY(waitIdle(view));
    QTRY_COMPARE(view.calendar()->day(m_soon.addDays(30)).expiring, 3);
}

void TestExpirations::letExpireTagsTheKeys()
{
    ExpirationsView view;
    view.show();
    view.setSession(m_session.get());
    view.selectDate(m_later);
    QVERIFY(waitIdle(view));
    QTRY_COMPARE(view.dayKeys()->topLevelItemCount(), 2);
    QVERIFY(view.startBulk(BulkKeyCommand::Operation::LetExpire)); // no selection: the whole day
    auto* dlg = kwtest::ui::waitForTopLevel<BulkActionDialog>();
    QVERIFY(dlg);
    QTest::keyClicks(dlg->findChild<QLineEdit*>(QStringLiteral("bulkReason")), QStringLiteral("service retired"));
    QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("bulkRun")), Qt::LeftButton);
    auto* keys = dlg->findChild<QTreeWidget*>(QStringLiteral("bulkKeys"));
    QTRY_VERIFY_WITH_TIMEOUT(!keys->topLevelItem(1)->text(4).isEmpty(), 15000);
    QTest::mouseClick(dlg->findChild<QPushButton*>(QStringLiteral("bulkClose")), Qt::LeftButton);
    for (const QString& id : m_laterIds) {
        auto k = kwtest::ui::runOn(*m_session, [&](Backend& b) { return b.key(id); });
        QVERIFY(k && k->tags.contains(BulkKeyCommand::letExpireTag()));
    }
}

void TestExpirations::notifierWarnsOncePerThreshold()
{
    // The later keys are let expire (previous test); the soon keys were renewed to +33 days; "third" at +45.
    ConsoleSettings::setExpiryWarningDays({60, 40, 7});
    ExpiryNotifier notifier;
    QSignalSpy notices(&notifier, &ExpiryNotifier::notice);
    notifier.setSession(m_session.get());
    QTRY_COMPARE_WITH_TIMEOUT(notifier.checks(), quint64(1), 10000);
    QCOMPARE(notices.count(), 1);
    QStringList ids = notices.first().at(2).toStringList();
    ids.sort();
    QStringList expected = m_soonIds + m_thirdIds; // inside 40 (33 days) and 60 (45 days); let-expire left out
    expected.sort();
    QCOMPARE(ids, expected);

    // Checking again announces nothing new.
    notifier.check();
    QTRY_COMPARE_WITH_TIMEOUT(notifier.checks(), quint64(2), 10000);
    QCOMPARE(notices.count(), 1);

    // A tighter threshold that now holds the soon keys announces them once more, and only them.
    ConsoleSettings::setExpiryWarningDays({60, 40, 35});
    notifier.check();
    QTRY_COMPARE_WITH_TIMEOUT(notifier.checks(), quint64(3), 10000);
    QCOMPARE(notices.count(), 2);
    ids = notices.last().at(2).toStringList();
    ids.sort();
    expected = m_soonIds;
    expected.sort();
    QCOMPARE(ids, expected);
}

QTEST_MAIN(TestExpirations)
#include "tst_ui_expirations.moc"
