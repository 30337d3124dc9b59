#pragma once

#include "domain/AuditEntry.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace kw::ui {

class AuditTableModel;
class Session;

// The audit log: filters and full-text search on top (applied by the store), the lazy table of entries, the
// selected entry's details, and the chain's status in plain words — "intact through entry N" or the first broken
// entry, highlighted in the table. "Verify chain" runs the same verification as `kwctl audit verify` (and is itself
// recorded). Retention of audit entries and raw usage events is set here too, by administrators.
class AuditView : public QWidget {
    Q_OBJECT
public:
    explicit AuditView(QWidget* parent = nullptr);
    ~AuditView() override;

    void setSession(Session* session);
    AuditTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QString chainStatusText() const;
    void verifyChain();
    void refresh();

signals:
    void verified(const kw::AuditVerification& verification);
    void statusMessage(const QString& message);

private:
    void applyFilters();
    void showStatus(const AuditStatus& status);
    void showVerification(const AuditVerification& v);
    void setBanner(const QString& text, int tone); // 0 neutral, 1 ok, 2 broken
    void showDetails();
    void loadRetention();
    void applyRetention();

    QPointer<Session> m_session;
    AuditTableModel* m_model;
    QTableView* m_table;
    QPlainTextEdit* m_details;
    QLineEdit* m_search;
    QLineEdit* m_actor;
    QComboBox* m_action;
    QLineEdit* m_target;
    QLineEdit* m_incident;
    QComboBox* m_period;
    QFrame* m_banner;
    QLabel* m_chainStatus;
    QPushButton* m_verify;
    QLabel* m_count;
    QSpinBox* m_auditDays;
    QSpinBox* m_usageDays;
    QPushButton* m_applyRetention;
    QLabel* m_retentionNote;
    QTimer m_filterDelay;
    qint64 m_brokenSeq = 0;
    quint64 m_token = 0;
};

} // namespace kw::ui
