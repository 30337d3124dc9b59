#pragma once

#include "domain/Contact.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace kw::ui {

class Session;

// The notification outbox: every message written before it is sent (revocations, resolutions, expiry warnings,
// alerts), with its delivery state, attempts, next try and last error; the selected message's delivery log;
// retry of a queued or failed message; a delivery pass now; and resolving the selected message's incident at its
// receivers (PagerDuty resolve events, messages to the same contacts).
class OutboxPanel : public QWidget {
    Q_OBJECT
public:
    explicit OutboxPanel(QWidget* parent = nullptr);
    void setSession(Session* session);
    void refresh();
    void retrySelected();
    void deliverNow();
    void resolveIncident();
    const QList<Notification>& shown() const { return m_notifications; }

signals:
    void statusMessage(const QString& message);

private:
    void showNotifications(const QList<Notification>& list);
    void loadDeliveries();
    std::optional<Notification> selected() const;
    void updateActions();

    QPointer<Session> m_session;
    QList<Notification> m_notifications;
    quint64 m_token = 0;
    QComboBox* m_state;
    QLabel* m_summary;
    QTableWidget* m_table;
    QTableWidget* m_deliveries;
    QPushButton* m_retry;
    QPushButton* m_deliver;
    QPushButton* m_resolve;
};

} // namespace kw::ui
