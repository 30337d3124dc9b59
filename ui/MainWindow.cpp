#include "MainWindow.h"

#include "commands/KeyActions.h"
#include "dialogs/ConnectDialog.h"
#include "dialogs/CreateVaultDialog.h"
#include "dialogs/UnlockDialog.h"
#include "models/KeyTreeModel.h"
#include "session/AlertMonitor.h"
#include "session/ExpiryNotifier.h"
#include "session/IdleWatcher.h"
#include "session/Session.h"
#include "views/AlertsView.h"
#include "views/AuditView.h"
#include "views/ComplianceView.h"
#include "views/ExpirationsView.h"
#include "views/KeysView.h"
#include "views/OverviewView.h"
#include "views/ReportsView.h"
#include "views/RevocationView.h"
#include "views/SettingsView.h"
#include "views/StartPage.h"
#include "views/UsageView.h"
#include "widgets/ClipboardGuard.h"
#include "widgets/StatusStyle.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCompleter>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QVBoxLayout>

namespace kw::ui {

namespace {

enum Page { StartPageIndex, LockedPageIndex, ConsolePageIndex };

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("KeyWarden"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/keywarden.svg")));

    m_pages = new QStackedWidget;
    m_start = new StartPage;
    connect(m_start, &StartPage::createVault, this, &MainWindow::createVault);
    connect(m_start, &StartPage::openVault, this, &MainWindow::chooseVault);
    connect(m_start, &StartPage::connectServer, this, [this] { connectServer(); });
    connect(m_start, &StartPage::openDemo, this, &MainWindow::openDemo);
    connect(m_start, &StartPage::openRecent, this, &MainWindow::openRecent);
    m_pages->addWidget(m_start);

    m_lockedPage = new QWidget;
    m_lockedPage->setObjectName(QStringLiteral("lockedPage"));
    auto* lockedLayout = new QVBoxLayout(m_lockedPage);
    m_lockedLabel = new QLabel;
    m_lockedLabel->setAlignment(Qt::AlignCenter);
    auto* unlockButton = new QPushButton(tr("&Unlock…"));
    unlockButton->setObjectName(QStringLiteral("unlockAgain"));
    unlockButton->setAccessibleName(tr("Unlock"));
    connect(unlockButton, &QPushButton::clicked, this, [this] { openRecent(m_lockedPlace); });
    auto* leaveButton = new QPushButton(tr("Back to the &start page"));
    connect(leaveButton, &QPushButton::clicked, this, &MainWindow::closeSession);
    lockedLayout->addStretch();
    lockedLayout->addWidget(m_lockedLabel);
    auto* lockedButtons = new QHBoxLayout;
    lockedButtons->addStretch();
    lockedButtons->addWidget(unlockButton);
    lockedButtons->addWidget(leaveButton);
    lockedButtons->addStretch();
    lockedLayout->addLayout(lockedButtons);
    lockedLayout->addStretch();
    m_pages->addWidget(m_lockedPage);

    m_console = new QWidget;
    m_sidebar = new QListWidget;
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Views"));
    m_sidebar->setFixedWidth(170);
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setSpacing(2);
    m_views = new QStackedWidget;
    auto* consoleLayout = new QHBoxLayout(m_console);
    consoleLayout->setContentsMargins(0, 0, 0, 0);
    consoleLayout->addWidget(m_sidebar);
    consoleLayout->addWidget(m_views, 1);
    m_pages->addWidget(m_console);
    setCentralWidget(m_pages);

    m_actions = new KeyActions(this, this);
    connect(m_actions, &KeyActions::commandFinished, this, [this](bool ok, const QString& message) {
        // Failures (and cancellations) stay longer: they are what a person needs to read.
        if (!message.isEmpty())
            statusBar()->showMessage(message, ok ? 8000 : 15000);
    });
    m_overview = new OverviewView;
    m_keys = new KeysView;
    m_keys->setActions(m_actions);
    m_settings = new SettingsView;
    m_usage = new UsageView;
    m_expirations = new ExpirationsView;
    m_revocation = new RevocationView;
    m_notifier = new ExpiryNotifier(this);
    connect(m_notifier, &ExpiryNotifier::notice, this,
            [this](const QString& title, const QString& message) { showNotice(title, message); });
    m_alerts = new AlertsView;
    m_alertMonitor = new AlertMonitor(this);
    connect(m_alertMonitor, &AlertMonitor::raised, this, [this](const QList<Alert>& alerts) {
        QStringList titles;
        for (const Alert& a : alerts.mid(0, 3))
            titles << a.title;
        if (alerts.size() > 3)
            titles << tr("and %n more", nullptr, int(alerts.size() - 3));
        showNotice(tr("%n new alert(s)", nullptr, int(alerts.size())), titles.join(QStringLiteral("; ")),
                   QStringLiteral("alerts"));
        m_alerts->refresh();
    });
    connect(m_alertMonitor, &AlertMonitor::openAtStart, this, [this](int open) {
        showNotice(tr("Open alerts"), tr("%n alert(s) waiting for someone to look at them.", nullptr, open),
                   QStringLiteral("alerts"));
    });
    connect(m_alertMonitor, &AlertMonitor::openCountChanged, this, [this](int open) {
        if (QListWidgetItem* item = m_sidebar->item(int(m_viewNames.indexOf(QStringLiteral("alerts")))))
            item->setText(open > 0 ? tr("Alerts (%1)").arg(open) : tr("Alerts"));
    });
    connect(m_alertMonitor, &AlertMonitor::failed, this,
            [this](const QString& m) { statusBar()->showMessage(tr("Alerts: %1").arg(m), 15000); });
    connect(m_alerts, &AlertsView::statusMessage, this,
            [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    connect(m_alerts, &AlertsView::keyActivated, this, [this](const QString& keyId) {
        if (!m_session)
            return;
        m_session->call(
            this, [keyId](Backend& b) { return b.key(keyId); },
            [this](Result<KeyRecord> key) {
                if (!key) {
                    statusBar()->showMessage(key.errorMessage(), 10000);
                    return;
                }
                showView(QStringLiteral("keys"));
                m_keys->revealKey(*key);
            });
    });
    connect(m_expirations, &ExpirationsView::keyActivated, this, [this](const KeyRecord& key) {
        showView(QStringLiteral("keys"));
        m_keys->revealKey(key);
    });
    connect(m_expirations, &ExpirationsView::commandFinished, this, [this](bool ok, const QString& message) {
        if (!message.isEmpty())
            statusBar()->showMessage(message, ok ? 8000 : 15000);
    });
    connect(m_actions, &KeyActions::keyCreated, this, [this](const KeyRecord& key) {
        showView(QStringLiteral("keys"));
        m_keys->revealKey(key);
    });
    connect(m_keys, &KeysView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    connect(m_overview, &OverviewView::keyActivated, this, [this](const KeyRecord& key) {
        showView(QStringLiteral("keys"));
        m_keys->revealKey(key);
    });
    QStyle* st = style();
    addView(QStringLiteral("overview"), tr("Overview"), m_overview, st->standardIcon(QStyle::SP_ComputerIcon));
    addView(QStringLiteral("keys"), tr("Keys"), m_keys, QIcon(QStringLiteral(":/icons/keywarden.svg")));
    addView(QStringLiteral("usage"), tr("Usage"), m_usage, st->standardIcon(QStyle::SP_FileDialogContentsView));
    addView(QStringLiteral("expirations"), tr("Expirations"), m_expirations,
            st->standardIcon(QStyle::SP_FileDialogInfoView));
    addView(QStringLiteral("revocation"), tr("Emergency"), m_revocation,
            st->standardIcon(QStyle::SP_MessageBoxCritical));
    addView(QStringLiteral("alerts"), tr("Alerts"), m_alerts, st->standardIcon(QStyle::SP_MessageBoxWarning));
    // Audit, compliance and reports: the auditor's views.
    m_audit = new AuditView;
    m_compliance = new ComplianceView;
    m_reports = new ReportsView;
    auto show = [this](const QString& m) { statusBar()->showMessage(m, 10000); };
    connect(m_audit, &AuditView::statusMessage, this, show);
    connect(m_compliance, &ComplianceView::statusMessage, this, show);
    connect(m_reports, &ReportsView::statusMessage, this, show);
    addView(QStringLiteral("audit"), tr("Audit log"), m_audit, st->standardIcon(QStyle::SP_FileDialogContentsView));
    addView(QStringLiteral("compliance"), tr("Compliance"), m_compliance,
            st->standardIcon(QStyle::SP_DialogApplyButton));
    addView(QStringLiteral("reports"), tr("Reports"), m_reports, st->standardIcon(QStyle::SP_DialogSaveButton));
    addView(QStringLiteral("settings"), tr("Settings"), m_settings,
            st->standardIcon(QStyle::SP_FileDialogDetailedView));
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_views->setCurrentIndex(row);
        ConsoleSettings::setLastView(m_viewNames.value(row));
        if (m_viewNames.value(row) == QStringLiteral("overview"))
            m_overview->refresh();
    });

    m_idle = new IdleWatcher(this);
    connect(m_idle, &IdleWatcher::idle, this, [this] {
        lock();
        statusBar()->showMessage(
            tr("Locked after %n minute(s) without activity.", nullptr, ConsoleSettings::autoLockMinutes()));
    });
    connect(m_settings, &SettingsView::autoLockChanged, this, [this](int minutes) {
        m_idle->setTimeoutMs(qint64(minutes) * 60'000);
        m_idle->setActive(m_session != nullptr);
    });
    connect(m_settings, &SettingsView::themeChanged, this, [] { Theme::apply(ConsoleSettings::theme()); });
    connect(m_settings, &SettingsView::expiringSoonChanged, this,
            [this](int days) { m_keys->model()->setExpiringSoonDays(days); });

    // Global search: keys by name, display id, owner or tag, answered by the store as you type.
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("globalSearch"));
    m_search->setAccessibleName(tr("Search keys"));
    m_search->setPlaceholderText(tr("Search keys (Ctrl+K)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(360);
    m_searchModel = new QStandardItemModel(this);
    m_completer = new QCompleter(m_searchModel, this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    m_search->setCompleter(m_completer);
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(200);
    connect(&m_searchDelay, &QTimer::timeout, this, &MainWindow::runSearch);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_searchDelay.start(); });
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this, [this](const QModelIndex& i) {
        KeyRecord k;
        k.id = i.data(Qt::UserRole).toString();
        k.displayId = i.data(Qt::UserRole + 1).toString();
        if (k.id.isEmpty())
            return;
        showView(QStringLiteral("keys"));
        m_keys->revealKey(k);
        QTimer::singleShot(0, m_search, [this] { m_search->clear(); });
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_completer->popup()->isVisible() || m_search->text().trimmed().isEmpty() || !m_session)
            return;
        // Enter without choosing: show every match in the tree.
        showView(QStringLiteral("keys"));
        KeyRecord k;
        k.displayId = m_search->text().trimmed();
        m_keys->revealKey(k);
    });

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction* a : m_actions->actions())
        toolbar->addAction(a);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_search);

    m_locationLabel = new QLabel;
    m_locationLabel->setObjectName(QStringLiteral("statusLocation"));
    m_roleLabel = new QLabel;
    m_roleLabel->setObjectName(QStringLiteral("statusRole"));
    statusBar()->addPermanentWidget(m_locationLabel);
    statusBar()->addPermanentWidget(m_roleLabel);

    buildMenus();
    m_pages->setCurrentIndex(StartPageIndex);
    updateStatus();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_keys->restoreState();
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    applySettings();
}

MainWindow::~MainWindow()
{
    // Views first: they hold pointers into the session.
    setViewsSession(nullptr);
    m_session.reset();
}

QString MainWindow::demoVaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("demo.kwvault"));
}

void MainWindow::applySettings()
{
    m_idle->setTimeoutMs(qint64(ConsoleSettings::autoLockMinutes()) * 60'000);
}

void MainWindow::setViewsSession(Session* session)
{
    m_overview->setSession(session);
    m_keys->setSession(session);
    m_usage->setSession(session);
    m_expirations->setSession(session);
    m_revocation->setSession(session);
    m_audit->setSession(session);
    m_compliance->setSession(session);
    m_reports->setSession(session);
    m_settings->setSession(session);
    m_actions->setSession(session);
    m_notifier->setSession(session);
    m_alerts->setSession(session);
    m_alertMonitor->setSession(session);
}

void MainWindow::showEmergency()
{
    if (!m_session)
        return;
    showView(QStringLiteral("revocation"));
    m_revocation->focusFind();
}

void MainWindow::showNotice(const QString& title, const QString& message, const QString& view)
{
    m_noticeView = view;
    // The system tray where there is one; the status bar always.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            m_tray->setToolTip(tr("KeyWarden"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                showView(m_noticeView);
                raise();
                activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning, 15000);
    }
    statusBar()->showMessage(title + QStringLiteral(": ") + message, 30000);
}

void MainWindow::addView(const QString& name, const QString& title, QWidget* view, const QIcon& icon)
{
    auto* item = new QListWidgetItem(icon, title);
    item->setData(Qt::UserRole, name);
    item->setSizeHint(QSize(150, 34));
    m_sidebar->addItem(item);
    m_views->addWidget(view);
    m_viewNames << name;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu* menu, const QString& text, const QString& name, const QKeySequence& shortcut, auto slot) {
        QAction* a = menu->addAction(text);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    add(file, tr("&New vault…"), QStringLiteral("action.newVault"), QKeySequence(tr("Ctrl+Shift+N")),
        [this] { createVault(); });
    add(file, tr("&Open vault…"), QStringLiteral("action.openVault"), QKeySequence::Open, [this] { chooseVault(); });
    add(file, tr("&Connect to server…"), QStringLiteral("action.connect"), QKeySequence(tr("Ctrl+Shift+C")),
        [this] { connectServer(); });
    add(file, tr("Open &demo"), QStringLiteral("action.demo"), {}, [this] { openDemo(); });
    file->addSeparator();
    m_sessionActions << add(file, tr("&Lock"), QStringLiteral("action.lock"), QKeySequence(tr("Ctrl+L")),
                            [this] { lock(); });
    m_sessionActions << add(file, tr("&Close"), QStringLiteral("action.close"), QKeySequence(tr("Ctrl+W")),
                            [this] { closeSession(); });
    file->addSeparator();
    add(file, tr("&Quit"), QStringLiteral("action.quit"), QKeySequence::Quit, [this] { close(); });

    QMenu* keys = menuBar()->addMenu(tr("&Keys"));
    for (QAction* a : m_actions->actions())
        keys->addAction(a);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_viewNames.size(); ++i) {
        const QString name = m_viewNames[i];
        QAction* a = add(view, m_sidebar->item(i)->text(), QStringLiteral("action.view.") + name,
                         QKeySequence(tr("Ctrl+%1").arg((i + 1) % 10)), [this, name] { showView(name); });
        m_sessionActions << a;
    }
    view->addSeparator();
    m_sessionActions << add(view, tr("&Emergency revocation"), QStringLiteral("action.emergency"),
                            QKeySequence(tr("Ctrl+Shift+X")), [this] { showEmergency(); });
    QAction* search =
        add(view, tr("&Search keys"), QStringLiteral("action.search"), QKeySequence(tr("Ctrl+K")), [this] {
            m_search->setFocus();
            m_search->selectAll();
        });
    search->setShortcuts({QKeySequence(tr("Ctrl+K")), QKeySequence::Find});
    m_sessionActions << search;
    m_sessionActions << add(view, tr("&Filter the key tree"), QStringLiteral("action.filter"),
                            QKeySequence(tr("Ctrl+Shift+F")), [this] {
                                showView(QStringLiteral("keys"));
                                m_keys->focusFilter();
                            });
    m_sessionActions << add(view, tr("&Refresh"), QStringLiteral("action.refresh"), QKeySequence::Refresh, [this] {
        m_keys->model()->reload();
        m_overview->refresh();
        m_usage->refresh();
        m_expirations->refresh();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&About KeyWarden"), QStringLiteral("action.about"), {}, [this] {
        QMessageBox::about(this, tr("About KeyWarden"),
                           tr("<h3>KeyWarden %1</h3><p>API key management: a vault, a key server, this console and "
                              "kwctl.</p>")
                               .arg(QStringLiteral(KW_VERSION)));
    });
}

QString MainWindow::currentView() const
{
    return m_viewNames.value(m_sidebar->currentRow());
}

void MainWindow::showView(const QString& name)
{
    const int row = int(m_viewNames.indexOf(name));
    if (row >= 0 && m_session)
        m_sidebar->setCurrentRow(row);
}

void MainWindow::updateStatus()
{
    const bool open = m_session != nullptr;
    for (QAction* a : std::as_const(m_sessionActions))
        a->setEnabled(open);
    m_search->setEnabled(open);
    if (!open) {
        m_locationLabel->clear();
        m_roleLabel->clear();
        setWindowTitle(tr("KeyWarden"));
        return;
    }
    m_locationLabel->setText(m_session->isRemote() ? tr("Server %1").arg(m_session->location())
                                                   : tr("Vault %1").arg(QFileInfo(m_session->location()).fileName()));
    m_locationLabel->setToolTip(m_session->location());
    m_roleLabel->setText(tr("%1 · %2").arg(m_session->op().name, Session::roleName(m_session->op().role)));
    m_roleLabel->setToolTip(tr("Your role decides which actions are available; the %1 enforces it.")
                                .arg(m_session->isRemote() ? tr("server") : tr("vault")));
    setWindowTitle(
        tr("%1 — KeyWarden")
            .arg(m_session->isRemote() ? m_session->location() : QFileInfo(m_session->location()).fileName()));
}

void MainWindow::adoptSession(Session* session)
{
    // Read before anything is shown: a list view taking focus selects its first row.
    const QString lastView = ConsoleSettings::lastView();
    if (m_session)
        closeSession();
    m_session.reset(session);
    m_locked = false;
    session->setParent(nullptr);
    RecentPlace place;
    place.kind = session->isRemote() ? RecentPlace::Kind::Server : RecentPlace::Kind::Vault;
    place.location = session->location();
    ConsoleSettings::addRecentPlace(place);
    setViewsSession(session);
    m_pages->setCurrentIndex(ConsolePageIndex);
    updateStatus();
    const int row = int(m_viewNames.indexOf(lastView));
    m_sidebar->setCurrentRow(row >= 0 ? row : 0);
    m_idle->setTimeoutMs(qint64(ConsoleSettings::autoLockMinutes()) * 60'000);
    m_idle->setActive(true);
    emit sessionChanged(session);
}

void MainWindow::closeSession()
{
    m_idle->setActive(false);
    ClipboardGuard::instance()->clearNow(); // a secret copied from this session does not outlive it
    setViewsSession(nullptr);
    m_session.reset();
    m_locked = false;
    m_start->refresh();
    m_pages->setCurrentIndex(StartPageIndex);
    updateStatus();
    emit sessionChanged(nullptr);
}

void MainWindow::lock()
{
    if (!m_session)
        return;
    m_lockedPlace.kind = m_session->isRemote() ? RecentPlace::Kind::Server : RecentPlace::Kind::Vault;
    m_lockedPlace.location = m_session->location();
    m_keys->saveState();
    // Dialogs of the session (a wizard showing a secret, a revoke confirmation) close with it.
    for (QWidget* w : QApplication::topLevelWidgets())
        if (w != this && w->isVisible() && qobject_cast<QDialog*>(w))
            w->close();
    closeSession();
    m_locked = true;
    m_lockedLabel->setText(tr("<h2>Locked</h2><p>%1</p>").arg(m_lockedPlace.location.toHtmlEscaped()));
    m_pages->setCurrentIndex(LockedPageIndex);
    emit locked();
}

void MainWindow::openRecent(const RecentPlace& place)
{
    if (place.kind == RecentPlace::Kind::Server) {
        connectServer(place.location);
        return;
    }
    if (place.location == demoVaultPath()) {
        openDemo();
        return;
    }
    if (!QFileInfo::exists(place.location)) {
        showError(tr("Open vault"), tr("%1 no longer exists.").arg(place.location));
        ConsoleSettings::removeRecentPlace(place);
        m_start->refresh();
        return;
    }
    openVault(place.location);
}

void MainWindow::openVault(const QString& path)
{
    auto* dialog = new UnlockDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UnlockDialog::unlocked, this, &MainWindow::adoptSession);
    dialog->open();
}

void MainWindow::chooseVault()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open vault"), QDir::homePath(),
                                                      tr("KeyWarden vaults (*.kwvault);;All files (*)"));
    if (!path.isEmpty())
        openVault(path);
}

void MainWindow::connectServer(const QString& url)
{
    auto* dialog = new ConnectDialog(url, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectDialog::connected, this, &MainWindow::adoptSession);
    dialog->open();
}

void MainWindow::createVault()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new CreateVaultDialog(
        QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("keys.kwvault")), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateVaultDialog::created, this, &MainWindow::adoptSession);
    dialog->open();
}

void MainWindow::openDemo()
{
    const QString path = demoVaultPath();
    const bool create = !QFileInfo::exists(path);
    if (create)
        QDir().mkpath(QFileInfo(path).absolutePath());
    // Cancelling drops the result: the progress dialog is the context the opened session is delivered to.
    auto* progress = new QProgressDialog(create ? tr("Creating the demo vault…") : tr("Opening the demo vault…"),
                                         tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("openProgress"));
    progress->setWindowTitle(tr("KeyWarden demo"));
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, progress, &QWidget::close);
    Session::LocalSpec spec;
    spec.path = path;
    spec.create = create;
    spec.seedDemo = create;
    QString passphrase = demoPassphrase();
    Session::openLocal(spec, SecureBytes::fromString(passphrase), progress, [this, progress](Result<Session*> opened) {
        progress->close();
        if (!opened) {
            showError(tr("Demo"), opened.errorMessage());
            return;
        }
        adoptSession(*opened);
        statusBar()->showMessage(tr("Demo vault: its passphrase is \"%1\".").arg(demoPassphrase()), 15000);
    });
}

void MainWindow::showError(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::runSearch()
{
    const QString text = m_search->text().trimmed();
    const quint64 token = ++m_searchToken;
    if (!m_session || text.size() < 2) {
        m_searchModel->clear();
        return;
    }
    KeyFilter filter;
    filter.text = text;
    filter.limit = 15;
    m_session->call(
        this, [filter](Backend& b) { return b.keys(filter); },
        [this, token, text](Result<QList<KeyRecord>> keys) {
            if (token != m_searchToken)
                return;
            m_searchModel->clear();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (const KeyRecord& k : keys.value_or({})) {
                auto* item =
                    new QStandardItem(StatusStyle::icon(StatusStyle::lookOf(k, now)),
                                      tr("%1 — %2 · %3/%4%5")
                                          .arg(k.displayId, k.name, k.project, k.environment,
                                               k.owner.isEmpty() ? QString() : QStringLiteral(" · ") + k.owner));
                item->setData(k.id, Qt::UserRole);
                item->setData(k.displayId, Qt::UserRole + 1);
                m_searchModel->appendRow(item);
            }
            if (m_search->hasFocus() && m_search->text().trimmed() == text && m_searchModel->rowCount() > 0)
                m_completer->complete();
        });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_keys->saveState();
    QMainWindow::closeEvent(event);
}

} // namespace kw::ui
