// The console's Audit, Compliance and Reports views over real vault files (and a real keywardend for roles): the
// audit table loads lazily over a long trail and filters in the store; the chain status reads plainly and, after a
// row is edited directly in SQLite, shows and highlights the first broken entry — the same one kwctl names; retention
// is saved; compliance runs, is configured and trends; reports are created, written with their signatures and
// verify; the main window reaches each view by its shortcut.
#include "AuditFill.h"
#include "ReportCheck.h"
#include "ServerProcess.h"
#include "TestSupport.h"
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "crypto/Ed25519.h"
#include "models/AuditTableModel.h"
#include "session/Session.h"
#include "views/AuditView.h"
#include "views/ComplianceView.h"
#include "views/ReportsView.h"
#include "widgets/Sparkline.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace kw::ui;

namespace {

constexpr qint64 kTrail = 100'000;

kw::LocalVault& local(kw::Backend& b)
{
    return dynamic_cast<kw::LocalVault&>(b);
}

void selectData(QComboBox* box, const QString& data)
{
    const int i = box->findData(data);
    QVERIFY2(i >= 0, qPrintable(data));
    box->setCurrentIndex(i);
}

} // namespace

class TestUiAudit : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_big; // a vault with a long trail
    std::unique_ptr<Session> m_session;

    QString seedSmallVault(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QString error;
        auto s = kwtest::ui::openLocalSession(path, true, &error);
        if (!s)
            return {};
        auto made = kwtest::ui::runOn(*s, [](kw::Backend& b) -> kw::Status {
            if (auto p = b.createProject({QStringLiteral("payments"), QStringLiteral("core"), {}}); !p)
                return p.error();
            kw::KeySpec spec;
            spec.project = "payments";
            spec.environment = "prod";
            spec.owner = "ana@example.com";
            QStringList ids;
            for (const char* name : {"ledger", "checkout", "refunds"}) {
                spec.name = QString::fromLatin1(name);
                auto k = b.createKey(spec);
                if (!k)
                    return k.error();
                ids << k->key.id;
            }
            if (auto r =
                    b.revokeKeys({{ids[2]}, false, QStringLiteral("pasted in a ticket"), QStringLiteral("INC-SEED-1")});
                !r)
                return r.error();
            return {};
        });
        return made ? path : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("KeyWardenTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ui_audit"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_big = seedSmallVault(QStringLiteral("big.kwvault"));
        QVERIFY(!m_big.isEmpty());
        QString error;
        m_session = kwtest::ui::openLocalSession(m_big, false, &error);
        QVERIFY2(m_session, qPrintable(error));
        const QString filled = kwtest::ui::runOn(*m_session, [](kw::Backend& b) {
            return kwtest::fillAuditTrail(local(b), kTrail, QDateTime::currentMSecsSinceEpoch() - 2 * kTrail * 1000);
        });
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
    }

    void cleanupTestCase() { m_session.reset(); }

    void tableLoadsLazily()
    {
        AuditView view;
        view.resize(1200, 700);
        view.setSession(m_session.get());
        view.show();
        AuditTableModel* model = view.model();
        const qint64 total =
            kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.countAuditEntries({}); }).value();
        QVERIFY(total > kTrail);
        QTRY_COMPARE(model->total(), total);
        QCOMPARE(view.table()->model()->rowCount(), int(total));
        QTRY_VERIFY(model->entryAt(0).has_value());
        // Newest first; only what is on screen was fetched.
        const qint64 head = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.auditStatus(); })->headSeq;
        QCOMPARE(model->entryAt(0)->seq, head);
        QVERIFY2(model->pagesFetched() <= 2, qPrintable(QString::number(model->pagesFetched())));
        // The bottom of the trail: one jump, one page.
        view.table()->scrollToBottom();
        QTRY_VERIFY(model->entryAt(int(total) - 1).has_value());
        QCOMPARE(model->entryAt(int(total) - 1)->seq, qint64(1));
        QVERIFY(model->pagesFetched() <= 4);
        // Scrolling up page by page continues from the loaded edge, and memory stays bounded.
        for (int i = 1; i <= 60; ++i) {
            const int row = int(total) - 1 - i * AuditTableModel::kPageSize;
            view.table()->scrollTo(model->index(row, 0));
            QTRY_VERIFY(model->entryAt(row).has_value());
            QCOMPARE(model->entryAt(row)->seq, qint64(1) + i * AuditTableModel::kPageSize);
        }
        QVERIFY2(model->cachedPages() <= AuditTableModel::kMaxCachedPages,
                 qPrintable(QString::number(model->cachedPages())));
        // The count reads plainly.
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("auditCount"))->text().contains(QLocale().toString(total)) ||
                view.findChild<QLabel*>(QStringLiteral("auditCount"))->text().contains(QString::number(total)));
        // Selecting a row shows its details and hashes.
        view.table()->setCurrentIndex(model->index(0, 0));
        QTRY_VERIFY(view.findChild<QPlainTextEdit*>(QStringLiteral("auditDetails"))
                        ->toPlainText()
                        .contains(QStringLiteral("Hash:")));
    }

    void filtersAreAppliedByTheStore()
    {
        AuditView view;
        view.setSession(m_session.get());
        view.show();
        AuditTableModel* model = view.model();
        QTRY_VERIFY(model->total() > kTrail);
        auto backendCount = [&](const kw::AuditQuery& q) {
            return kwtest::ui::runOn(*m_session, [q](kw::Backend& b) { return b.countAuditEntries(q); }).value();
        };
        // Full-text search over a hundred thousand entries.
        QTest::keyClicks(view.findChild<QLineEdit*>(QStringLiteral("auditSearch")), QStringLiteral("in a tick"));
        QTRY_COMPARE(model->total(), qint64(1));
        QTRY_VERIFY(model->entryAt(0).has_value());
        QCOMPARE(model->entryAt(0)->action, QStringLiteral("key.revoke"));
        kw::AuditQuery text;
        text.text = "reason 9999";
        view.findChild<QLineEdit*>(QStringLiteral("auditSearch"))->setText(text.text);
        QTRY_COMPARE(model->total(), backendCount(text));
        QCOMPARE(model->total(), qint64(11)); // 9999 and 99990..99999
        view.findChild<QLineEdit*>(QStringLiteral("auditSearch"))->clear();
        // Action prefix and actor.
        auto* action = view.findChild<QComboBox*>(QStringLiteral("auditAction"));
        action->setCurrentText(QStringLiteral("key."));
        view.findChild<QLineEdit*>(QStringLiteral("auditActor"))->setText(QStringLiteral("operator:bob"));
        kw::AuditQuery q;
        q.action = "key.";
        q.actor = "operator:bob";
        QTRY_COMPARE(model->total(), backendCount(q));
        QVERIFY(model->total() > 0);
        QTRY_VERIFY(model->entryAt(0).has_value());
        QVERIFY(model->entryAt(0)->action.startsWith(QLatin1String("key.")));
        QCOMPARE(model->entryAt(0)->actor, QStringLiteral("operator:bob"));
        // Incident and period.
        view.findChild<QPushButton*>(QStringLiteral("auditClearFilters"))->click();
        view.findChild<QLineEdit*>(QStringLiteral("auditIncident"))->setText(QStringLiteral("INC-SEED-1"));
        QTRY_COMPARE(model->total(), qint64(1));
        QTRY_VERIFY(model->entryAt(0).has_value());
        QCOMPARE(model->entryAt(0)->reason, QStringLiteral("pasted in a ticket"));
        auto* period = view.findChild<QComboBox*>(QStringLiteral("auditPeriod"));
        period->setCurrentIndex(period->findData(QVariant(qint64(3'600'000))));
        QVERIFY(period->currentIndex() > 0);
        QTRY_COMPARE(model->total(), qint64(1)); // it happened within the hour
        view.findChild<QPushButton*>(QStringLiteral("auditClearFilters"))->click();
        QTRY_VERIFY(model->total() > kTrail);
    }

    void verifyShowsIntactThenTheBrokenEntry()
    {
        const QString path = seedSmallVault(QStringLiteral("tamper.kwvault"));
        QVERIFY(!path.isEmpty());
        QString error;
        auto session = kwtest::ui::openLocalSession(path, false, &error);
        QVERIFY2(session, qPrintable(error));
        AuditView view;
        view.setSession(session.get());
        view.show();
        QTRY_VERIFY(view.chainStatusText().contains(QLatin1String("not been verified")));
        QSignalSpy verified(&view, &AuditView::verified);
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("auditVerify")), Qt::LeftButton);
        QTRY_COMPARE(verified.count(), 1);
        QVERIFY2(view.chainStatusText().contains(QLatin1String("intact through entry")),
                 qPrintable(view.chainStatusText()));
        QCOMPARE(view.findChild<QFrame*>(QStringLiteral("auditBanner"))->property("tone").toString(),
                 QStringLiteral("ok"));
        // The verification is itself in the trail.
        const auto runs = kwtest::ui::runOn(*session, [](kw::Backend& b) {
            return b.auditEntries({0, 0, {}, QStringLiteral("audit.verify")});
        });
        QCOMPARE(runs->size(), 1);

        // Someone edits entry 5 in the file.
        view.setSession(nullptr);
        session.reset();
        QVERIFY(kwtest::execRawSql(path, QStringLiteral("UPDATE audit SET reason = 'routine' WHERE seq = 5")));
        session = kwtest::ui::openLocalSession(path, false, &error);
        QVERIFY2(session, qPrintable(error));
        view.setSession(session.get());
        QTRY_VERIFY(view.chainStatusText().contains(QLatin1String("intact"))); // what the last run found
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("auditVerify")), Qt::LeftButton);
        QTRY_COMPARE(verified.count(), 2);
        const auto v = verified.last().first().value<kw::AuditVerification>();
        QVERIFY(!v.intact);
        QCOMPARE(v.firstBadSeq, qint64(5));
        QVERIFY2(view.chainStatusText().contains(QLatin1String("BROKEN at entry 5")),
                 qPrintable(view.chainStatusText()));
        QCOMPARE(view.findChild<QFrame*>(QStringLiteral("auditBanner"))->property("tone").toString(),
                 QStringLiteral("broken"));
        // Highlighted and brought into view.
        AuditTableModel* model = view.model();
        QCOMPARE(model->brokenSeq(), qint64(5));
        QTRY_VERIFY(view.table()->currentIndex().isValid() &&
                    model->data(view.table()->currentIndex(), AuditTableModel::SeqRole).toLongLong() == 5);
        QVERIFY(model->data(view.table()->currentIndex(), Qt::BackgroundRole).isValid());

        // kwctl agrees on the same file.
        QProcess kwctl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KEYWARDEN_PASSPHRASE"), QStringLiteral("correct horse battery staple"));
        kwctl.setProcessEnvironment(env);
        kwctl.start(kwtest::builtProgram(QStringLiteral("app/kwctl/kwctl")),
                    {QStringLiteral("--vault"), path, QStringLiteral("audit"), QStringLiteral("verify"),
                     QStringLiteral("--json")});
        QVERIFY(kwctl.waitForFinished(30'000));
        QCOMPARE(kwctl.exitCode(), 1);
        const QJsonObject cli = QJsonDocument::fromJson(kwctl.readAllStandardOutput()).object();
        QCOMPARE(cli.value("firstBadSeq").toInteger(), v.firstBadSeq);
        QCOMPARE(cli.value("problem").toString(), v.problem);
        view.setSession(nullptr);
    }

    void retentionIsSaved()
    {
        AuditView view;
        view.setSession(m_session.get());
        auto* audit = view.findChild<QSpinBox*>(QStringLiteral("auditRetentionDays"));
        auto* usage = view.findChild<QSpinBox*>(QStringLiteral("usageRetentionDays"));
        QVERIFY(audit->isEnabled());      // the local user administers the vault
        QTRY_COMPARE(usage->value(), 30); // the default raw-event retention
        audit->setValue(400);
        usage->setValue(14);
        QSignalSpy message(&view, &AuditView::statusMessage);
        view.findChild<QPushButton*>(QStringLiteral("auditRetentionApply"))->click();
        QTRY_COMPARE(message.count(), 1);
        QVERIFY2(message.first().first().toString().contains(QLatin1String("saved")),
                 qPrintable(message.first().first().toString()));
        const auto settings = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.auditSettings(); });
        QCOMPARE(settings->retentionMs, 400LL * 86'400'000);
        const auto raw = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.usageSettings(); });
        QCOMPARE(raw->rawRetentionMs, 14LL * 86'400'000);
        QVERIFY(kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.setAuditSettings({}); }));
    }

    void complianceRunsAndIsConfigured()
    {
        ComplianceView view;
        view.setSession(m_session.get());
        view.show();
        auto* rules = view.findChild<QTableWidget*>(QStringLiteral("complianceRules"));
        QCOMPARE(rules->rowCount(), 10);
        QSignalSpy finished(&view, &ComplianceView::checksFinished);
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("complianceRun")), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        const kw::ComplianceReport& report = view.lastReport();
        QCOMPARE(view.scoreText(), QString::number(report.score));
        QCOMPARE(finished.first().first().toInt(), report.score);
        auto* findings = view.findChild<QTableWidget*>(QStringLiteral("complianceFindings"));
        QCOMPARE(findings->rowCount(), int(report.findings.size()));
        QVERIFY(report.findings.size() > 0);
        auto* projects = view.findChild<QTableWidget*>(QStringLiteral("complianceProjects"));
        QCOMPARE(projects->rowCount(), 1);
        QCOMPARE(projects->item(0, 0)->text(), QStringLiteral("payments"));
        // The recorded run is the one shown.
        const auto history = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.complianceHistory(5); });
        QCOMPARE(history->first().score, report.score);

        // Switch the KDF rule off and raise a threshold; saved, then the next run follows.
        int weakKdf = -1, unused = -1;
        for (int row = 0; row < rules->rowCount(); ++row) {
            const QString id = rules->item(row, 0)->data(Qt::UserRole).toString();
            if (id == QLatin1String("vault.weak-kdf"))
                weakKdf = row;
            if (id == QLatin1String("key.unused"))
                unused = row;
        }
        QVERIFY(weakKdf >= 0 && unused >= 0);
        rules->item(weakKdf, 2)->setCheckState(Qt::Unchecked);
        rules->item(unused, 3)->setData(Qt::EditRole, 45);
        QSignalSpy message(&view, &ComplianceView::statusMessage);
        view.findChild<QPushButton*>(QStringLiteral("complianceSave"))->click();
        QTRY_COMPARE(message.count(), 1);
        const auto config = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.complianceConfig(); });
        QVERIFY(!config->enabled(QStringLiteral("vault.weak-kdf")));
        QCOMPARE(config->thresholdDays(QStringLiteral("key.unused")), qint64(45));
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("complianceRun")), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 2);
        for (const auto& f : view.lastReport().findings)
            QVERIFY(f.ruleId != QLatin1String("vault.weak-kdf"));
        // The trend has a point per run.
        QTRY_COMPARE(view.findChild<Sparkline*>(QStringLiteral("complianceTrend"))->values().size(), 2);
        QVERIFY(kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.setComplianceConfig({}); }));
    }

    void reportsAreWrittenAndSigned_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("format");
        QTest::newRow("inventory csv") << "inventory"
                                       << "csv";
        QTest::newRow("revocations pdf") << "revocations"
                                         << "pdf";
        QTest::newRow("compliance json") << "compliance"
                                         << "json";
    }

    void reportsAreWrittenAndSigned()
    {
        QFETCH(QString, type);
        QFETCH(QString, format);
        ReportsView view;
        view.setSession(m_session.get());
        view.show();
        selectData(view.findChild<QComboBox*>(QStringLiteral("reportType")), type);
        selectData(view.findChild<QComboBox*>(QStringLiteral("reportFormat")), format);
        QTRY_VERIFY(view.findChild<QComboBox*>(QStringLiteral("reportScope"))->count() > 1);
        selectData(view.findChild<QComboBox*>(QStringLiteral("reportScope")), QStringLiteral("project:payments"));
        const QString path = m_dir.filePath(QStringLiteral("report-%1.%2").arg(type, format));
        auto* file = view.findChild<QLineEdit*>(QStringLiteral("reportFile"));
        file->clear();
        QTest::keyClicks(file, path);
        QSignalSpy written(&view, &ReportsView::reportWritten);
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("reportCreate")), Qt::LeftButton);
        QVERIFY(view.isRunning() || written.count() == 1);
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 30'000);
        QVERIFY2(view.resultText().contains(path), qPrintable(view.resultText()));
        QVERIFY(view.findChild<QPushButton*>(QStringLiteral("reportOpen"))->isEnabled());
        QFile f(path), s(path + ".sig");
        QVERIFY(f.open(QIODevice::ReadOnly) && s.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        auto sig = kw::DetachedSignature::fromFileContent(s.readAll());
        QVERIFY2(sig, qPrintable(sig.errorMessage()));
        const QString pem = kwtest::ui::runOn(*m_session, [](kw::Backend& b) { return b.reportPublicKey(); }).value();
        const QByteArray pub = kw::crypto::ed25519::publicKeyFromPem(pem.toLatin1()).value();
        QVERIFY(sig->verify(content, pub));
        QVERIFY(view.findChild<QPlainTextEdit*>(QStringLiteral("reportSignature"))->toPlainText().contains(sig->keyId));
        QString text = QString::fromUtf8(content);
        if (format == QLatin1String("pdf")) {
            QString error;
            auto extracted = kwtest::pdfText(content, &error);
            QVERIFY2(extracted, qPrintable(error));
            text = *extracted;
        }
        if (type == QLatin1String("revocations"))
            QVERIFY2(text.contains(QLatin1String("INC-SEED-1")), qPrintable(text.left(400)));
        if (type == QLatin1String("inventory"))
            QVERIFY(text.contains(QLatin1String("ledger")));
        QVERIFY(text.contains(QLatin1String("payments")));
    }

    void reportErrorsAreShown()
    {
        ReportsView view;
        view.setSession(m_session.get());
        auto* file = view.findChild<QLineEdit*>(QStringLiteral("reportFile"));
        file->setText(m_dir.filePath(QStringLiteral("no/such/folder/r.csv")));
        view.findChild<QPushButton*>(QStringLiteral("reportCreate"))->click();
        QVERIFY2(view.resultText().contains(QLatin1String("does not exist")), qPrintable(view.resultText()));
        QVERIFY(!view.isRunning());
    }

    void mainWindowReachesTheViews()
    {
        QString error;
        auto session = kwtest::ui::openLocalSession(m_big, false, &error);
        QVERIFY2(session, qPrintable(error));
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w)); // shortcuts reach the active window only
        w.adoptSession(session.release());
        QTest::keyClick(&w, Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(w.currentView(), QStringLiteral("alerts"));
        QTest::keyClick(&w, Qt::Key_7, Qt::ControlModifier);
        QCOMPARE(w.currentView(), QStringLiteral("audit"));
        QTRY_VERIFY(w.auditView()->model()->total() > kTrail);
        QTest::keyClick(&w, Qt::Key_8, Qt::ControlModifier);
        QCOMPARE(w.currentView(), QStringLiteral("compliance"));
        QTest::keyClick(&w, Qt::Key_9, Qt::ControlModifier);
        QCOMPARE(w.currentView(), QStringLiteral("reports"));
        QVERIFY(w.reportsView()->isVisible());
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(w.currentView(), QStringLiteral("settings"));
        w.closeSession();
    }

    void rolesOnAKeyServer()
    {
        // An auditor verifies and reports but does not administer retention or compliance settings.
        kwtest::TempVault vault;
        QVERIFY(vault.ok());
        auto auditor = vault.backend().createOperator(QStringLiteral("audrey"), kw::OperatorRole::Auditor);
        QVERIFY(auditor);
        QVERIFY(vault.backend().createProject({QStringLiteral("web"), {}, {}}));
        vault.close();
        kwtest::ServerProcess server(vault.path());
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QString error;
        auto session = kwtest::ui::connectSession(QUrl(server.url()), auditor->token.view(), &error);
        QVERIFY2(session, qPrintable(error));
        AuditView audit;
        audit.setSession(session.get());
        audit.show();
        QVERIFY(!audit.findChild<QPushButton*>(QStringLiteral("auditRetentionApply"))->isEnabled());
        QVERIFY(!audit.findChild<QPushButton*>(QStringLiteral("auditRetentionApply"))->toolTip().isEmpty());
        QSignalSpy verified(&audit, &AuditView::verified);
        audit.findChild<QPushButton*>(QStringLiteral("auditVerify"))->click();
        QTRY_COMPARE(verified.count(), 1);
        QVERIFY(audit.chainStatusText().contains(QLatin1String("intact through entry")));
        QTRY_VERIFY(audit.model()->total() >= 3);
        QTRY_VERIFY(audit.model()->entryAt(0).has_value());
        QCOMPARE(audit.model()->entryAt(0)->actor, QStringLiteral("operator:audrey"));
        QCOMPARE(audit.model()->entryAt(0)->role, QStringLiteral("auditor"));
        ComplianceView compliance;
        compliance.setSession(session.get());
        QVERIFY(!compliance.findChild<QPushButton*>(QStringLiteral("complianceSave"))->isEnabled());
        QVERIFY(compliance.findChild<QPushButton*>(QStringLiteral("complianceRun"))->isEnabled());
        audit.setSession(nullptr);
        compliance.setSession(nullptr);
    }
};

QTEST_MAIN(TestUiAudit)
#include "tst_ui_audit.moc"
