#pragma once

#include "compliance/Compliance.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace kw::ui {

class Session;
class Sparkline;

// Compliance: the built-in rules with their rationale, severity, switch and threshold (administrators change them
// here); a run over the whole inventory with its score, the findings, the results per key and per project; and the
// score's trend over the recorded runs.
class ComplianceView : public QWidget {
    Q_OBJECT
public:
    // More findings than this are counted, not listed: the compliance report carries them all.
    static constexpr int kMaxListedFindings = 5000;

    explicit ComplianceView(QWidget* parent = nullptr);
    ~ComplianceView() override;

    void setSession(Session* session);
    void runChecks();
    void saveSettings();
    void refresh(); // configuration and trend, without running

    QString scoreText() const;
    const ComplianceReport& lastReport() const { return m_report; }

signals:
    void statusMessage(const QString& message);
    void checksFinished(int score);

private:
    void showConfig(const ComplianceConfig& config);
    void showReport(const ComplianceReport& report);
    void showHistory(const QList<ComplianceRunSummary>& runs);
    ComplianceConfig configFromTable() const;

    QPointer<Session> m_session;
    ComplianceConfig m_config;
    ComplianceReport m_report;
    QPushButton* m_run;
    QLabel* m_score;
    QLabel* m_summary;
    Sparkline* m_trend;
    QLabel* m_trendLabel;
    QTabWidget* m_tabs;
    QTableWidget* m_rules;
    QLabel* m_rationale;
    QLineEdit* m_production;
    QLineEdit* m_public;
    QPushButton* m_save;
    QTableWidget* m_findings;
    QTableWidget* m_keys;
    QTableWidget* m_projects;
    quint64 m_token = 0;
};

} // namespace kw::ui
