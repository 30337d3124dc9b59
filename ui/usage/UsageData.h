#pragma once

#include "usage/Anomaly.h"
#include "usage/UsageReport.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <array>

namespace kw {
class Backend;
}

namespace kw::ui {

// The time ranges the usage view offers. Live is the last hour in minutes, refreshed while shown.
enum class UsageRange { LiveHour, Day, Week, Month, Quarter, Custom };

// What the charts cover. Team has no rollups of its own: it is the sum of the team's projects.
struct UsageTarget {
    enum class Kind { All, Team, Project, Service, Key };
    Kind kind = Kind::All;
    QString id;    // team name, project name, "project/service" or key id
    QString label; // for breadcrumbs: "All keys", "team payments", "key checkout (kw_live_ab12)"

    UsageScope rollupScope() const; // Team → Project (summed by the loader)
    friend bool operator==(const UsageTarget& a, const UsageTarget& b) { return a.kind == b.kind && a.id == b.id; }
};

struct UsageRequest {
    UsageTarget target;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    UsageGranularity granularity = UsageGranularity::Hour;
    bool withPattern = true; // the hour-of-week pattern needs hourly points of at least four weeks
};

struct UsageRanking {
    QString id;
    QString label;
    qint64 requests = 0;
    qint64 rejected = 0;
    qint64 errors = 0;
    qint64 amountMicros = 0;
};

// Everything the usage view shows for one request, read from rollups on the backend's thread.
struct UsageSnapshot {
    UsageRequest request;
    QList<UsagePoint> series;
    UsageTotals totals;
    QStringList codes; // verify outcomes present in the series, VALID first, then by volume (gateway reports are
                       // the same requests seen again: they feed error rate and latency, not the stack)
    QList<UsageRanking> topProjects, topServices, topKeys;
    QList<UsageRanking> costByProject, costByTeam;
    std::array<std::array<qint64, 24>, 7> pattern{}; // [day of week, Monday = 0][local hour]: requests
    qint64 patternFromMs = 0;
    QList<UsageAnomaly> anomalies;
    QHash<QString, QString> keyLabels; // key id → "name (display id)" for the anomalies listed
    QString error;                     // the first failure, for the status line
};

namespace usageview {

// [from, to) of a preset ending at `nowMs` (aligned to the next whole bucket so the last one is included).
QPair<qint64, qint64> rangeBounds(UsageRange range, qint64 nowMs);
// The bucket size that keeps a range between ~24 and ~2,200 points.
UsageGranularity granularityFor(qint64 fromMs, qint64 toMs);

// The verify outcome codes of a series (not REPORTED), VALID first, then by total count, then by name.
QStringList codesOf(const QList<UsagePoint>& series);
// Requests of one outcome code in a bucket ("VALID", a rejection code, or "REPORTED").
qint64 countOf(const UsageTotals& totals, const QString& code);
// Sums points of equal buckets (team = several projects).
QList<UsagePoint> sumSeries(const QList<QList<UsagePoint>>& parts);
void add(UsageTotals& into, const UsageTotals& t);
// Requests per local day of week and hour of day of an hourly series.
std::array<std::array<qint64, 24>, 7> hourOfWeek(const QList<UsagePoint>& hourly, const QTimeZone& zone);

UsageSnapshot load(Backend& backend, const UsageRequest& request, qint64 nowMs);

// RFC 4180 CSV of a snapshot's series: one row per bucket, one column per code and the totals.
QByteArray toCsv(const UsageSnapshot& snapshot);

} // namespace usageview

} // namespace kw::ui
