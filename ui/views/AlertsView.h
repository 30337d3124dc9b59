#pragma once

#include "alerts/Alert.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;

namespace kw::ui {

class AlertRulesPanel;
class ChannelsPanel;
class OutboxPanel;
class Session;

// Alerts: the live list of what the rules raised (expiry, grace, quota, rate limits, error bursts, anomalies,
// bad keys from one address, new client networks, a broken audit chain), filtered by state, kind and project, with
// the selected alert's detail and acknowledge/resolve with a note; and, in tabs, the rules, the notification outbox
// with its delivery log, and the channels (SMTP relay, webhook signing secret, test messages).
class AlertsView : public QWidget {
    Q_OBJECT
public:
    explicit AlertsView(QWidget* parent = nullptr);

    void setSession(Session* session);
    void refresh();
    void evaluateNow();
    void acknowledgeSelected();
    void resolveSelected();
    const QList<Alert>& shownAlerts() const { return m_alerts; }
    void selectAlert(qint64 id);

signals:
    void statusMessage(const QString& message);
    void keyActivated(const QString& keyId);

private:
    void loadAlerts(); // the list only (filters changed, an alert acknowledged or resolved)
    void showAlerts(const QList<Alert>& alerts);
    void showSelected();
    void changeState(bool resolve);
    void updateActions();
    std::optional<Alert> selected() const;

    QPointer<Session> m_session;
    QList<Alert> m_alerts;
    quint64 m_token = 0;
    QTabWidget* m_tabs;
    QComboBox* m_state;
    QComboBox* m_kind;
    QLineEdit* m_project;
    QPushButton* m_evaluate;
    QLabel* m_count;
    QTableWidget* m_table;
    QTextBrowser* m_detail;
    QLineEdit* m_note;
    QPushButton* m_ack;
    QPushButton* m_resolve;
    QPushButton* m_openKey;
    AlertRulesPanel* m_rules;
    OutboxPanel* m_outbox;
    ChannelsPanel* m_channels;
};

// Display texts shared by the alert panels.
QString alertKindText(AlertKind kind);
QString alertSeverityText(AlertSeverity severity);
QString alertStateText(AlertState state);

} // namespace kw::ui
