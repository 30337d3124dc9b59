// The Alerts view over a local vault the console holds: rules evaluated (the console plays keywardend's part), an
// expiry alert listed for a key expiring in five days with its detail, acknowledged and resolved with a note
// through the buttons (audited as the console's user), the rules editor refusing a bad rule and saving a good one,
// the outbox listing the owner's and the contact's messages, Deliver now sending the contact's webhook signed to a
// real receiver on loopback (e-mail waits: no SMTP relay is set), and the monitor announcing only alerts it has not
// seen before.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "WebhookReceiver.h"

#include "Backend.h"
#include "alerting/AlertRulesPanel.h"
#include "alerting/OutboxPanel.h"
#include "session/AlertMonitor.h"
#include "views/AlertsView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

using namespace kw;
using namespace kw::ui;

class TestAlerts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void evaluateListsTheExpiryAlert();
    void acknowledgeAndResolveWithANote();
    void rulesEditorValidates();
    void outboxListsTheMessages();
    void deliverNowSendsTheSignedWebhook();
    void monitorAnnouncesOnlyNewAlerts();
    void cleanupTestCase();

private:
    QString createKey(const QString& name, int expiresInDays, const QString& owner)
    {
        return kwtest::ui::runOn(*m_session, [&](Backend& b) {
            KeySpec s;
            s.project = QStringLiteral("payments");
            s.environment = QStringLiteral("prod");
            s.name = name;
            s.owner = owner;
            s.expiresInMs = qint64(expiresInDays) * 86'400'000LL - 3'600'000LL;
            auto k = b.createKey(s);
            return k ? k->key.id : QString();
        });
    }
    static int rowOf(QTableWidget* table, int column, const QString& text)
    {
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, column) && table->item(r, column)->text() == text)
                return r;
        return -1;
    }

    std::unique_ptr<kwtest::TempVault> m_vault;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<kwtest::WebhookReceiver> m_receiver;
    QString m_key;
};

void TestAlerts::initTestCase()
{
    m_receiver = std::make_unique<kwtest::WebhookReceiver>();
    QVERIFY(m_receiver->listen());
    m_vault = std::make_unique<kwtest::TempVault>();
    QVERIFY(m_vault->ok());
    LocalVault& b = m_vault->backend();
    QVERIFY(b.createProject({QStringLiteral("payments"), {}, {}}));
    Contact c;
    c.project = QStringLiteral("payments");
    c.name = QStringLiteral("Payments on-call");
    c.email = QStringLiteral("oncall@example.com");
    c.webhookUrl = m_receiver->url();
    QVERIFY(b.saveContact(c));
    m_vault->close();
    QString error;
    m_session = kwtest::ui::openLocalSession(m_vault->path(), false, &error);
    QVERIFY2(m_session, qPrintable(error));
    m_key = createKey(QStringLiteral("checkout"), 5, QStringLiteral("owner@example.com"));
    QVERIFY(!m_key.isEmpty());
}

void TestAlerts::cleanupTestCase()
{
    m_session.reset();
}

void TestAlerts::evaluateListsTheExpiryAlert()
{
    AlertsView view;
    view.resize(1300, 900);
    view.show();
    view.setSession(m_session.get());
    auto* evaluate = view.findChild<QPushButton*>(QStringLiteral("alertEvaluate"));
    auto* table = view.findChild<QTableWidget*>(QStringLiteral("alertTable"));
    QVERIFY(evaluate && table);
    QVERIFY(evaluate->isEnabled());
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, 2, m_key) >= 0, 10000);
    const int row = rowOf(table, 2, m_key);
    QCOMPARE(table->item(row, 8)->text(), QStringLiteral("Open"));
    QCOMPARE(table->item(row, 3)->text(), QStringLiteral("payments"));
    table->selectRow(row);
    auto* detail = view.findChild<QTextBrowser*>(QStringLiteral("alertDetail"));
    QVERIFY(detail->toPlainText().contains(m_key));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("Expiry approaching")));
    // The view shows what the store holds.
    auto stored = kwtest::ui::runOn(*m_session, [](Backend& b) {
        AlertQuery q;
        q.activeOnly = true;
        return b.alerts(q);
    });
    QVERIFY2(stored, qPrintable(stored.errorMessage()));
    QCOMPARE(int(stored->size()), table->rowCount());
    // Evaluating again raises nothing new: the same alert, not a second row.
    QTest::mouseClick(evaluate, Qt::LeftButton);
    QTest::qWait(500);
    QTRY_COMPARE(table->rowCount(), int(stored->size()));
}

void TestAlerts::acknowledgeAndResolveWithANote()
{
    AlertsView view;
    view.resize(1300, 900);
    view.show();
    view.setSession(m_session.get());
    auto* table = view.findChild<QTableWidget*>(QStringLiteral("alertTable"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, 2, m_key) >= 0, 10000);
    table->selectRow(rowOf(table, 2, m_key));
    auto* note = view.findChild<QLineEdit*>(QStringLiteral("alertNote"));
    auto* ack = view.findChild<QPushButton*>(QStringLiteral("alertAck"));
    auto* resolve = view.findChild<QPushButton*>(QStringLiteral("alertResolve"));
    QVERIFY(ack->isEnabled());
    QTest::keyClicks(note, QStringLiteral("renewal booked with the team"));
    QTest::mouseClick(ack, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, 2, m_key) >= 0 &&
                                 table->item(rowOf(table, 2, m_key), 8)->text() == QStringLiteral("Acknowledged"),
                             10000);
    table->selectRow(rowOf(table, 2, m_key));
    QVERIFY(!ack->isEnabled());
    QVERIFY(resolve->isEnabled());
    auto acked = kwtest::ui::runOn(*m_session, [this](Backend& b) {
        AlertQuery q;
        q.keyId = m_key;
        return b.alerts(q);
    });
    QVERIFY(acked && !acked->isEmpty());
    QVERIFY(acked->first().state == AlertState::Acknowledged);
    QCOMPARE(acked->first().note, QStringLiteral("renewal booked with the team"));
    QVERIFY(!acked->first().acknowledgedBy.isEmpty());

    QTest::mouseClick(resolve, Qt::LeftButton);
    // Resolved alerts leave the active list.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, 2, m_key) < 0, 10000);
    auto* state = view.findChild<QComboBox*>(QStringLiteral("alertState"));
    state->setCurrentIndex(state->findData(QStringLiteral("resolved")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(table, 2, m_key) >= 0, 10000);
    auto trail = kwtest::ui::runOn(*m_session, [](Backend& b) {
        AuditQuery q;
        q.limit = 50;
        return b.auditEntries(q);
    });
    QVERIFY(trail);
    QStringList actions;
    for (const AuditEntry& e : *trail)
        actions << e.action;
    QVERIFY2(actions.contains(QStringLiteral("alert.ack")), qPrintable(actions.join(u',')));
    QVERIFY2(actions.contains(QStringLiteral("alert.resolve")), qPrintable(actions.join(u',')));
}

void TestAlerts::rulesEditorValidates()
{
    AlertRulesPanel panel;
    panel.show();
    panel.setSession(m_session.get());
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.rules().isEmpty(), 10000); // the defaults of a new vault
    const int before = int(panel.rules().size());
    panel.newRule();
    auto* kind = panel.findChild<QComboBox*>(QStringLiteral("ruleKind"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("bad_key_repeated")));
    auto* thresholds = panel.findChild<QLineEdit*>(QStringLiteral("ruleThresholds"));
    auto* window = panel.findChild<QLineEdit*>(QStringLiteral("ruleWindow"));
    auto* block = panel.findChild<QLineEdit*>(QStringLiteral("ruleBlock"));
    auto* hint = panel.findChild<QLabel*>(QStringLiteral("ruleHint"));
    thresholds->setText(QStringLiteral("many"));
    window->setText(QStringLiteral("1m"));
    QSignalSpy status(&panel, &AlertRulesPanel::statusMessage);
    panel.saveRule();
    QVERIFY(hint->text().contains(QStringLiteral("\"many\"")));
    QTest::qWait(200);
    QCOMPARE(int(panel.rules().size()), before);
    window->setText(QStringLiteral("soon"));
    thresholds->setText(QStringLiteral("5"));
    panel.saveRule();
    QVERIFY2(hint->text().startsWith(QStringLiteral("Window:")), qPrintable(hint->text()));
    window->setText(QStringLiteral("1m"));
    block->setText(QStringLiteral("15m"));
    panel.saveRule();
    QTRY_COMPARE_WITH_TIMEOUT(int(panel.rules().size()), before + 1, 10000);
    bool found = false;
    for (const AlertRule& r : panel.rules())
        found = found || (r.kind == AlertKind::BadKeyRepeated && r.threshold() == 5 && r.windowMs == 60'000 &&
                          r.blockMs == 15 * 60'000);
    QVERIFY(found);
}

void TestAlerts::outboxListsTheMessages()
{
    OutboxPanel panel;
    panel.show();
    panel.setSession(m_session.get());
    panel.refresh();
    // The expiry alert told the key's owner and the project's contact by e-mail.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.shown().isEmpty(), 10000);
    QStringList recipients;
    for (const Notification& n : panel.shown())
        if (n.keyIds.contains(m_key) || n.subject.contains(m_key) || n.body.contains(m_key))
            recipients << n.recipient;
    QVERIFY2(recipients.contains(QStringLiteral("owner@example.com")), qPrintable(recipients.join(u',')));
    QVERIFY2(recipients.contains(QStringLiteral("oncall@example.com")), qPrintable(recipients.join(u',')));
    auto* table = panel.findChild<QTableWidget*>(QStringLiteral("outboxTable"));
    QCOMPARE(table->rowCount(), int(panel.shown().size()));
}

void TestAlerts::deliverNowSendsTheSignedWebhook()
{
    OutboxPanel panel;
    panel.show();
    panel.setSession(m_session.get());
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.shown().isEmpty(), 10000);
    auto* deliver = panel.findChild<QPushButton*>(QStringLiteral("outboxDeliverNow"));
    QVERIFY(deliver->isEnabled());
    QTest::mouseClick(deliver, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_receiver->requests().isEmpty(), 15000);
    auto secret = kwtest::ui::runOn(*m_session, [](Backend& b) { return b.webhookSigningSecret(); });
    QVERIFY2(secret, qPrintable(secret.errorMessage()));
    const QByteArray key(reinterpret_cast<const char*>(secret->data()), qsizetype(secret->size()));
    const auto requests = m_receiver->requests();
    bool aboutTheKey = false;
    for (const auto& r : requests) {
        QVERIFY2(kwtest::signatureValid(r, key), r.body.constData());
        QVERIFY(!r.body.contains(key));
        aboutTheKey = aboutTheKey || r.body.contains(m_key.toUtf8());
    }
    QVERIFY2(aboutTheKey, requests.first().body.constData());
    // The outbox says so: the webhook sent after one attempt; e-mail still waiting, the reason given.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const Notification& n : panel.shown())
                if (n.channel == QLatin1String("webhook") && n.state == QLatin1String("sent") && n.attempts == 1)
                    return true;
            return false;
        }(),
        10000);
    for (const Notification& n : panel.shown())
        if (n.channel == QLatin1String("email"))
            QVERIFY2(n.state != QLatin1String("sent") && !n.lastError.isEmpty(), qPrintable(n.lastError));
    // The delivery log of the webhook message.
    auto* table = panel.findChild<QTableWidget*>(QStringLiteral("outboxTable"));
    auto* log = panel.findChild<QTableWidget*>(QStringLiteral("outboxDeliveries"));
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 5)->text() == QStringLiteral("Sent")) {
            table->selectRow(row);
            break;
        }
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 1, 10000);
    QCOMPARE(log->item(0, 2)->text(), QStringLiteral("sent"));
    QCOMPARE(log->item(0, 3)->text(), QStringLiteral("200"));
}

void TestAlerts::monitorAnnouncesOnlyNewAlerts()
{
    AlertMonitor monitor;
    QSignalSpy raised(&monitor, &AlertMonitor::raised);
    QSignalSpy checked(&monitor, &AlertMonitor::checked);
    monitor.setSession(m_session.get()); // primes with what is there
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, 10000);
    QCOMPARE(raised.count(), 0);
    const QString tomorrow = createKey(QStringLiteral("tomorrow"), 1, QStringLiteral("other@example.com"));
    QVERIFY(!tomorrow.isEmpty());
    monitor.check();
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 2, 10000);
    QCOMPARE(raised.count(), 1);
    const auto alerts = raised.first().first().value<QList<Alert>>();
    QVERIFY(!alerts.isEmpty());
    for (const Alert& a : alerts)
        QCOMPARE(a.keyId, tomorrow);
    // Nothing new the next time.
    monitor.check();
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 3, 10000);
    QCOMPARE(raised.count(), 1);
}

QTEST_MAIN(TestAlerts)
#include "tst_ui_alerts.moc"
