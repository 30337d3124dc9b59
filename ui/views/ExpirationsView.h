#pragma once

#include "commands/BulkKeyCommand.h"
#include "domain/ExpiryCalendar.h"
#include "domain/KeyRecord.h"

#include <QDate>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace kw::ui {

class ExpiryCalendarWidget;
class Session;

// Expirations: a month calendar of how many keys expire each day (urgency colours, grace periods and
// scheduled rotations marked), an agenda of the coming two weeks beside it, and the keys of the selected
// day with owner and last use. Bulk actions — renew, rotate, let expire, notify owners — run as commands
// with progress over the selected keys; the expiration history of the selection is shown below.
class ExpirationsView : public QWidget {
    Q_OBJECT
public:
    explicit ExpirationsView(QWidget* parent = nullptr);
    void setSession(Session* session);
    void refresh();

    void selectDate(const QDate& date);
    QDate selectedDate() const;
    ExpiryCalendarWidget* calendar() const { return m_calendar; }
    QTreeWidget* dayKeys() const { return m_dayKeys; }
    const QList<KeyRecord>& dayKeyRecords() const { return m_keys; }
    QList<KeyRecord> selectedKeys() const;
    bool isLoading() const { return m_pending > 0; }
    // Starts a bulk command over the selected keys (or all keys of the day when none is selected).
    BulkKeyCommand* startBulk(BulkKeyCommand::Operation operation);

signals:
    void keyActivated(const kw::KeyRecord& key);
    void commandFinished(bool ok, const QString& message);

private:
    void loadMonth();
    void loadDay();
    void loadHistory();
    void updateActions();

    QPointer<Session> m_session;
    ExpiryCalendarWidget* m_calendar;
    QTreeWidget* m_agenda;
    QTreeWidget* m_dayKeys;
    QTreeWidget* m_history;
    QLabel* m_dayTitle;
    QLabel* m_legend;
    QPushButton* m_renew;
    QPushButton* m_rotate;
    QPushButton* m_letExpire;
    QPushButton* m_notify;
    QList<KeyRecord> m_keys;
    quint64 m_monthToken = 0, m_dayToken = 0, m_historyToken = 0;
    int m_pending = 0;
};

} // namespace kw::ui
