#pragma once

#include "alerts/Alert.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace kw::ui {

class Session;

// Keeps the console told about alerts. Over a local vault the console is the process that holds the store, so it
// also does keywardend's periodic work: evaluates the alert rules and sends the notification outbox (one pass per
// check). Over a server it only reads the active alerts, which keywardend evaluates itself. Alerts not seen by an
// earlier check are announced with raised(); the first check of a session announces only how many are open.
class AlertMonitor : public QObject {
    Q_OBJECT
public:
    static constexpr int kLocalIntervalMs = 60'000;
    static constexpr int kRemoteIntervalMs = 30'000;

    explicit AlertMonitor(QObject* parent = nullptr);
    void setSession(Session* session);
    void check();
    quint64 checks() const { return m_checks; }
    int openCount() const { return m_open; }

signals:
    void raised(const QList<kw::Alert>& alerts);
    // The first check of a session found `open` unacknowledged alerts.
    void openAtStart(int open);
    void openCountChanged(int open);
    void checked();
    void failed(const QString& message);

private:
    QPointer<Session> m_session;
    QTimer m_timer;
    QSet<qint64> m_known;
    bool m_primed = false;
    int m_open = -1;
    quint64 m_checks = 0;
    quint64 m_token = 0;
};

} // namespace kw::ui
