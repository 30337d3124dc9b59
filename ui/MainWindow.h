#pragma once

#include "session/ConsoleSettings.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>

class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QStandardItemModel;
class QSystemTrayIcon;

namespace kw::ui {

class AlertMonitor;
class AlertsView;
class ExpirationsView;
class ExpiryNotifier;
class AuditView;
class ComplianceView;
class IdleWatcher;
class KeyActions;
class KeysView;
class OverviewView;
class RevocationView;
class ReportsView;
class Session;
class SettingsView;
class StartPage;
class UsageView;

// The console's window: the start page until something is open, then a sidebar of views over one
// session. Locking (on demand or after idle time) drops the session — the vault's key material goes with
// it — and asks again for the passphrase or token.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    static QString demoVaultPath();
    static QString demoPassphrase() { return QStringLiteral("keywarden-demo"); }

    // Entry points (also used by main() for --vault / --server / --demo).
    void openVault(const QString& path);
    void chooseVault(); // a file dialog, then openVault
    void connectServer(const QString& url = {});
    void openDemo();
    void createVault();
    // Takes a session opened elsewhere (tests, dialogs).
    void adoptSession(Session* session);
    void lock();
    void closeSession();

    Session* session() const { return m_session.get(); }
    bool isLocked() const { return m_locked; }
    QString currentView() const;
    void showView(const QString& name);
    KeysView* keysView() const { return m_keys; }
    OverviewView* overviewView() const { return m_overview; }
    UsageView* usageView() const { return m_usage; }
    ExpirationsView* expirationsView() const { return m_expirations; }
    RevocationView* revocationView() const { return m_revocation; }
    ExpiryNotifier* expiryNotifier() const { return m_notifier; }
    AlertsView* alertsView() const { return m_alerts; }
    AlertMonitor* alertMonitor() const { return m_alertMonitor; }
    // The emergency revocation panel with the paste box focused (Ctrl+Shift+X from anywhere).
    void showEmergency();
    AuditView* auditView() const { return m_audit; }
    ComplianceView* complianceView() const { return m_compliance; }
    ReportsView* reportsView() const { return m_reports; }
    KeyActions* keyActions() const { return m_actions; }
    IdleWatcher* idleWatcher() const { return m_idle; }
    QLineEdit* searchBox() const { return m_search; }

signals:
    void sessionChanged(kw::ui::Session* session);
    void locked();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void addView(const QString& name, const QString& title, QWidget* view, const QIcon& icon);
    void setBusy(const QString& message);
    void showError(const QString& title, const QString& message);
    void updateStatus();
    void runSearch();
    void openRecent(const RecentPlace& place);
    void applySettings();
    void setViewsSession(Session* session);
    // A tray message (and the status bar); clicking the tray message opens `view`.
    void showNotice(const QString& title, const QString& message, const QString& view = QStringLiteral("expirations"));

    std::unique_ptr<Session> m_session;
    bool m_locked = false;
    RecentPlace m_lockedPlace;

    QStackedWidget* m_pages;
    StartPage* m_start;
    QWidget* m_lockedPage;
    QLabel* m_lockedLabel;
    QWidget* m_console;
    QListWidget* m_sidebar;
    QStackedWidget* m_views;
    QStringList m_viewNames;
    OverviewView* m_overview;
    KeysView* m_keys;
    AuditView* m_audit;
    ComplianceView* m_compliance;
    ReportsView* m_reports;
    SettingsView* m_settings;
    UsageView* m_usage;
    ExpirationsView* m_expirations;
    RevocationView* m_revocation;
    ExpiryNotifier* m_notifier;
    AlertsView* m_alerts;
    AlertMonitor* m_alertMonitor;
    QString m_noticeView;
    QSystemTrayIcon* m_tray = nullptr;
    KeyActions* m_actions;
    IdleWatcher* m_idle;
    QLineEdit* m_search;
    QCompleter* m_completer;
    QStandardItemModel* m_searchModel;
    QTimer m_searchDelay;
    quint64 m_searchToken = 0;
    QLabel* m_locationLabel;
    QLabel* m_roleLabel;
    QList<QAction*> m_sessionActions; // enabled only while a session is open
};

} // namespace kw::ui
