// Takes the README's screenshots of the console: opens the demo vault in a real window (run it under
// Xvfb: scripts/screenshots.sh) and saves one PNG per view into the given folder.
//
//   shoot_console OUTDIR
#include "MainWindow.h"
#include "commands/KeyActions.h"
#include "expiry/ExpiryCalendarWidget.h"
#include "models/KeyTreeModel.h"
#include "session/ConsoleSettings.h"
#include "session/Session.h"
#include "views/AlertsView.h"
#include "views/AuditView.h"
#include "views/ComplianceView.h"
#include "views/ExpirationsView.h"
#include "views/KeysView.h"
#include "views/ReportsView.h"
#include "views/RevocationView.h"
#include "views/UsageView.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QScreen>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <cstdio>

namespace {

bool save(QWidget& window, const QString& path)
{
    QTest::qWait(600); // let queued loads and paints finish
    const QPixmap shot = window.screen()->grabWindow(window.winId());
    const bool ok = !shot.isNull() && shot.save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KeyWardenScreenshots"));
    QApplication::setApplicationName(QStringLiteral("KeyWarden"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: shoot_console OUTDIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QDir().mkpath(out.path());
    kw::ui::ConsoleSettings::setTheme(kw::ui::ConsoleSettings::Theme::Light);
    kw::ui::Theme::apply(kw::ui::ConsoleSettings::theme());

    kw::ui::MainWindow window;
    window.resize(1400, 860);
    window.show();
    bool ok = save(window, out.filePath(QStringLiteral("start-page.png")));

    window.openDemo();
    if (!QTest::qWaitFor([&] { return window.session() != nullptr; }, 120000)) {
        std::fprintf(stderr, "the demo vault did not open\n");
        return 1;
    }
    window.showView(QStringLiteral("overview"));
    ok = save(window, out.filePath(QStringLiteral("overview.png"))) && ok;

    // Keys: open the first team's first project down to a service, select a key with details.
    window.showView(QStringLiteral("keys"));
    kw::ui::KeyTreeModel* model = window.keysView()->model();
    QTreeView* tree = window.keysView()->tree();
    QTest::qWaitFor([&] { return model->rowCount() > 0 && !model->isLoading(); }, 30000);
    std::function<bool(const QModelIndex&, int)> openDown = [&](const QModelIndex& parent, int depth) -> bool {
        if (depth == 0)
            return true;
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            if (i.data(kw::ui::KeyTreeModel::TotalRole).toLongLong() <= 0)
                continue;
            tree->expand(i);
            if (model->canFetchMore(i))
                model->fetchMore(i);
            QTest::qWaitFor([&] { return !model->isLoading(); }, 30000);
            return openDown(i, depth - 1);
        }
        return false;
    };
    const QModelIndex org = model->index(0, 0);
    openDown(org, 4);
    // Select the first key found.
    std::function<QModelIndex(const QModelIndex&)> firstKey = [&](const QModelIndex& p) -> QModelIndex {
        for (int r = 0; r < model->rowCount(p); ++r) {
            const QModelIndex i = model->index(r, 0, p);
            if (model->keyAt(i))
                return i;
            if (QModelIndex k = firstKey(i); k.isValid())
                return k;
        }
        return {};
    };
    if (QModelIndex k = firstKey({}); k.isValid()) {
        tree->setCurrentIndex(k);
        tree->scrollTo(k);
    }
    ok = save(window, out.filePath(QStringLiteral("keys.png"))) && ok;

    // The create-key wizard over the console.
    window.keyActions()->newKeyAction()->trigger();
    QTest::qWait(800);
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (w->isVisible() && w->objectName() == QStringLiteral("createKeyWizard")) {
            const QPixmap shot = w->screen()->grabWindow(w->winId());
            ok = shot.save(out.filePath(QStringLiteral("create-key-wizard.png"))) && ok;
            std::printf("wrote %s\n", qPrintable(out.filePath(QStringLiteral("create-key-wizard.png"))));
            w->close();
        }
    }
    // Usage: the last seven days, then the hour-of-week pattern.
    window.showView(QStringLiteral("usage"));
    kw::ui::UsageView* usage = window.usageView();
    quint64 loads = usage->loadCount();
    usage->setRange(kw::ui::UsageRange::Week);
    QTest::qWaitFor([&] { return usage->loadCount() > loads && !usage->isLoading(); }, 60000);
    ok = save(window, out.filePath(QStringLiteral("usage.png"))) && ok;
    if (auto* tabs = usage->findChild<QTabWidget*>(QStringLiteral("usageTabs"))) {
        tabs->setCurrentIndex(4);
        ok = save(window, out.filePath(QStringLiteral("usage-pattern.png"))) && ok;
        tabs->setCurrentIndex(0);
    }

    // Expirations: the busiest day of the coming weeks selected.
    window.showView(QStringLiteral("expirations"));
    kw::ui::ExpirationsView* expirations = window.expirationsView();
    QTest::qWaitFor([&] { return !expirations->isLoading(); }, 30000);
    QDate busiest = QDate::currentDate();
    qint64 most = 0;
    for (int d = 0; d < 28; ++d) {
        const QDate day = QDate::currentDate().addDays(d);
        if (expirations->calendar()->day(day).expiring > most) {
            most = expirations->calendar()->day(day).expiring;
            busiest = day;
        }
    }
    expirations->selectDate(busiest);
    QTest::qWaitFor([&] { return !expirations->isLoading(); }, 30000);
    ok = save(window, out.filePath(QStringLiteral("expirations.png"))) && ok;

    // Emergency: a search by project, the first key checked, its impact worked out.
    window.showEmergency();
    kw::ui::RevocationView* panel = window.revocationView();
    if (auto* tabs = panel->findChild<QTabWidget*>(QStringLiteral("revFindTabs")))
        tabs->setCurrentIndex(1);
    if (auto* project = panel->findChild<QComboBox*>(QStringLiteral("revProject"));
        project && QTest::qWaitFor([&] { return project->count() > 1; }, 10000)) {
        project->setCurrentIndex(1);
        panel->search();
        QTest::qWaitFor([&] { return !panel->candidateIds().isEmpty(); }, 30000);
        if (!panel->candidateIds().isEmpty())
            panel->setChecked(panel->candidateIds().first(), true);
        QTest::qWaitFor([&] { return panel->assessments() > 0 && !panel->isAssessing(); }, 30000);
        if (auto* reason = panel->findChild<QLineEdit*>(QStringLiteral("revReason")))
            reason->setText(QStringLiteral("secret found in a public repository"));
    }
    ok = save(window, out.filePath(QStringLiteral("revocation.png"))) && ok;

    window.showView(QStringLiteral("settings"));
    ok = save(window, out.filePath(QStringLiteral("settings.png"))) && ok;

    // Alerts: the demo's rules evaluated, the first alert selected.
    window.showView(QStringLiteral("alerts"));
    window.alertsView()->evaluateNow();
    QTest::qWaitFor([&] { return !window.alertsView()->shownAlerts().isEmpty(); }, 60000);
    if (!window.alertsView()->shownAlerts().isEmpty())
        window.alertsView()->selectAlert(window.alertsView()->shownAlerts().first().id);
    QTest::qWait(300);
    ok = save(window, out.filePath(QStringLiteral("alerts.png"))) && ok;
    if (auto* tabs = window.alertsView()->findChild<QTabWidget*>(QStringLiteral("alertTabs"))) {
        tabs->setCurrentIndex(1);
        QTest::qWait(500);
        ok = save(window, out.filePath(QStringLiteral("alert-rules.png"))) && ok;
        tabs->setCurrentIndex(2);
        QTest::qWait(800);
        ok = save(window, out.filePath(QStringLiteral("alert-outbox.png"))) && ok;
        tabs->setCurrentIndex(3);
        QTest::qWait(500);
        ok = save(window, out.filePath(QStringLiteral("alert-channels.png"))) && ok;
        tabs->setCurrentIndex(0);
    }

    // The auditor's views: the audit log after a verification, compliance after a run, a report written.
    window.showView(QStringLiteral("audit"));
    window.auditView()->verifyChain();
    QTest::qWaitFor([&] { return window.auditView()->chainStatusText().contains(QStringLiteral("entry")); }, 60000);
    window.auditView()->table()->selectRow(0);
    ok = save(window, out.filePath(QStringLiteral("audit.png"))) && ok;
    window.showView(QStringLiteral("compliance"));
    window.complianceView()->runChecks();
    QTest::qWaitFor([&] { return window.complianceView()->lastReport().time > 0; }, 60000);
    ok = save(window, out.filePath(QStringLiteral("compliance.png"))) && ok;
    window.showView(QStringLiteral("reports"));
    if (auto* file = window.reportsView()->findChild<QLineEdit*>(QStringLiteral("reportFile")))
        file->setText(QDir::temp().filePath(QStringLiteral("keywarden-screenshot-report.csv")));
    window.reportsView()->createReport();
    QTest::qWaitFor([&] { return !window.reportsView()->isRunning(); }, 60000);
    ok = save(window, out.filePath(QStringLiteral("reports.png"))) && ok;

    kw::ui::ConsoleSettings::setTheme(kw::ui::ConsoleSettings::Theme::Dark);
    kw::ui::Theme::apply(kw::ui::ConsoleSettings::theme());
    window.showView(QStringLiteral("keys"));
    ok = save(window, out.filePath(QStringLiteral("keys-dark.png"))) && ok;
    kw::ui::ConsoleSettings::setTheme(kw::ui::ConsoleSettings::Theme::System);
    window.closeSession();
    return ok ? 0 : 1;
}
