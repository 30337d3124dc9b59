#pragma once

#include "usage/UsageData.h"

#include <QCoreApplication>

#include <functional>

class QChart;
class QObject;

namespace kw::ui {

// The Usage view's secondary charts, filled from a snapshot: error rate and latency percentiles, the busiest
// keys/services/projects, and cost by project and team. Clicks on a bar call onBar with the row's index in `rows`
// (cost: "cost-projects" or "teams" and the index in that list); `context` owns the connections.
class UsageCharts {
    Q_DECLARE_TR_FUNCTIONS(kw::ui::UsageCharts)
public:
    // Removes every series and axis.
    static void clear(QChart* chart);
    static void fillQuality(QChart* chart, const UsageSnapshot& snapshot);
    static void fillRanking(QChart* chart, const QList<UsageRanking>& rows, QObject* context,
                            const std::function<void(int)>& onBar);
    static void fillCost(QChart* chart, const UsageSnapshot& snapshot, QObject* context,
                         const std::function<void(const QString&, int)>& onBar);
};

} // namespace kw::ui
