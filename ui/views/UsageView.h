#pragma once

#include "usage/UsageData.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTabWidget;
class QToolButton;
class QTreeWidget;
QT_END_NAMESPACE

namespace kw::ui {

class HeatMapWidget;
class Session;
class LiveFeed;

// Usage over time from rollups: requests stacked by outcome, error rate and latency percentiles, the busiest
// projects, services and keys, cost allocation by project and team, the hour-of-week pattern, and the
// anomalies of the baseline listed beside the charts. Clicking a bucket zooms into it; clicking a bar
// narrows the scope; Back returns. The live range refreshes from the server's event stream (or a timer for
// a local vault) without rebuilding the charts.
class UsageView : public QWidget {
    Q_OBJECT
public:
    explicit UsageView(QWidget* parent = nullptr);
    ~UsageView() override;
    void setSession(Session* session);

    void setRange(UsageRange range);
    void setCustomRange(qint64 fromMs, qint64 toMs);
    void setTarget(const UsageTarget& target); // pushes the current state for Back
    bool back();
    void refresh();

    // For tests and exports.
    const UsageSnapshot& snapshot() const { return m_snapshot; }
    bool isLoading() const { return m_loading; }
    quint64 loadCount() const { return m_loads; }
    QChart* requestsChart() const;
    QChart* rankingChart() const;
    QChart* costChart() const;
    HeatMapWidget* heatMap() const { return m_heat; }
    // Drill-downs, as a click on a chart does them.
    void drillIntoBucket(qint64 bucketMs);
    void drillIntoRanking(const QString& which, int index);       // which: "projects", "services", "keys", "teams"
    bool exportTo(const QString& path, QString* error = nullptr); // .png, .svg or .csv by suffix

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct State {
        UsageTarget target;
        UsageRange range = UsageRange::Day;
        qint64 fromMs = 0, toMs = 0;
    };
    void buildControls();
    void applyState(const State& state, bool remember);
    void showSnapshot(UsageSnapshot snapshot);
    void updateRequestsChart();
    void updateQualityChart();
    void updateRankingChart();
    void updateCostChart();
    void updatePattern();
    void updateAnomalies();
    void updateScopeChoices();
    void applyScopeChoice();
    void exportChart();
    void updateLive();

    QPointer<Session> m_session;
    State m_state;
    QList<State> m_history;
    UsageSnapshot m_snapshot;
    QStringList m_chartCodes; // codes the requests chart currently has series for
    quint64 m_token = 0;
    quint64 m_loads = 0;
    bool m_loading = false;
    bool m_reloadQueued = false;
    QTimer m_liveTimer;
    LiveFeed* m_feed = nullptr;

    QComboBox* m_range;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QComboBox* m_scopeKind;
    QComboBox* m_scopeId;
    QToolButton* m_back;
    QLabel* m_breadcrumb;
    QLabel* m_summary;
    QLabel* m_status;
    QComboBox* m_rankingKind;
    QTabWidget* m_tabs;
    QChartView* m_requestsView;
    QChartView* m_qualityView;
    QChartView* m_rankingView;
    QChartView* m_costView;
    HeatMapWidget* m_heat;
    QTreeWidget* m_anomalies;
};

} // namespace kw::ui
