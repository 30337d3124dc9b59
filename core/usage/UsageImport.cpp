#include "usage/UsageImport.h"

#include "domain/Names.h"
#include "domain/VerifyResult.h"
#include "usage/SqliteStatement.h"

#include <QSet>

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <vector>

namespace kw {

namespace {

struct Counts {
    qint64 requests = 0;
    qint64 cost = 0;
    qint64 amountMicros = 0;
    qint64 errors = 0;
    qint64 latencySumUs = 0;
    qint64 latencyCount = 0;
    qint64 latencyMaxUs = 0;
    qint64 bytes = 0;
    std::array<qint64, usage::kLatencyBuckets> latencyHistogram{};

    void add(const UsageAggregate& a)
    {
        requests += a.requests;
        cost += a.cost;
        amountMicros += a.amountMicros;
        errors += a.errors;
        latencySumUs += a.latencySumUs;
        latencyCount += a.latencyCount;
        latencyMaxUs = std::max(latencyMaxUs, a.latencyMaxUs);
        bytes += a.bytes;
        for (std::size_t i = 0; i < latencyHistogram.size(); ++i)
            latencyHistogram[i] += a.latencyHistogram[i];
    }
};

struct RollupKey {
    char granularity; // m, h, d
    char scope;       // a, p, s, k
    QString scopeId;
    qint64 bucket;
    QString code;
    friend bool operator==(const RollupKey&, const RollupKey&) = default;
    // Primary-key order of usage_rollups, so each day's rows go into the index in order.
    friend bool operator<(const RollupKey& a, const RollupKey& b)
    {
        return std::tie(a.granularity, a.scope, a.scopeId, a.bucket, a.code) <
               std::tie(b.granularity, b.scope, b.scopeId, b.bucket, b.code);
    }
};
size_t qHash(const RollupKey& k, size_t seed = 0)
{
    return qHashMulti(seed, k.granularity, k.scope, k.scopeId, k.bucket, k.code);
}

const QSet<QString>& knownCodes()
{
    static const QSet<QString> codes = [] {
        QSet<QString> s{usage::kReportedCode.toString()};
        for (int c = int(VerifyCode::Valid); c <= int(VerifyCode::WrongEnvironment); ++c)
            s.insert(toString(VerifyCode(c)));
        return s;
    }();
    return codes;
}

// Names repeat across rows: each distinct one is checked once.
struct NameCache {
    QSet<QString> projects;
    QSet<QString> services;
};

Status checkRow(const UsageAggregate& a, NameCache& names)
{
    if (a.granularity == UsageGranularity::Day)
        return Error::invalid(QStringLiteral("field \"granularity\" must be minute or hour: day rows would leave the "
                                             "hour and minute charts empty"));
    const qint64 step = usage::granularityMs(a.granularity);
    if (a.bucketMs <= 0 || a.bucketMs % step != 0)
        return Error::invalid(
            QStringLiteral("field \"bucket\" must be the start of a UTC %1")
                .arg(a.granularity == UsageGranularity::Minute ? QStringLiteral("minute") : QStringLiteral("hour")));
    if (!knownCodes().contains(a.code))
        return Error::invalid(QStringLiteral("field \"code\": \"%1\" is not a verify code or REPORTED").arg(a.code));
    if (!a.keyId.isEmpty() && a.project.isEmpty())
        return Error::invalid(QStringLiteral("field \"project\" is required with a key"));
    if (!a.project.isEmpty() && !names.projects.contains(a.project)) {
        if (auto s = names::validateTeamOrProject(QStringLiteral("Project"), a.project); !s)
            return Error::invalid(QStringLiteral("field \"project\": %1").arg(s.errorMessage()));
        names.projects.insert(a.project);
    }
    if (!a.service.isEmpty()) {
        if (a.project.isEmpty())
            return Error::invalid(QStringLiteral("field \"project\" is required with a service"));
        if (!names.services.contains(a.service)) {
            if (auto s = names::validateService(a.service); !s)
                return Error::invalid(QStringLiteral("field \"service\": %1").arg(s.errorMessage()));
            names.services.insert(a.service);
        }
    }
    const std::pair<const char*, qint64> counters[] = {
        {"requests", a.requests},         {"cost", a.cost},
        {"amountMicros", a.amountMicros}, {"errors", a.errors},
        {"latencySumUs", a.latencySumUs}, {"latencyCount", a.latencyCount},
        {"latencyMaxUs", a.latencyMaxUs}, {"bytes", a.bytes},
    };
    for (const auto& [name, value] : counters)
        if (value < 0)
            return Error::invalid(QStringLiteral("field \"%1\" must not be negative").arg(QLatin1String(name)));
    if (a.errors > a.requests || a.latencyCount > a.requests)
        return Error::invalid(QStringLiteral("fields \"errors\" and \"latencyCount\" cannot exceed \"requests\""));
    qint64 histogramTotal = 0;
    for (std::size_t i = 0; i < a.latencyHistogram.size(); ++i) {
        if (a.latencyHistogram[i] < 0)
            return Error::invalid(QStringLiteral("field \"latencyHistogram\": bucket %1 must not be negative").arg(i));
        histogramTotal += a.latencyHistogram[i];
    }
    // A histogram is optional (sources that only know sum, count and maximum), but when given it covers exactly the
    // requests that reported a latency.
    if (histogramTotal != 0 && histogramTotal != a.latencyCount)
        return Error::invalid(
            QStringLiteral("field \"latencyHistogram\" counts %1 latencies but \"latencyCount\" is %2")
                .arg(histogramTotal)
                .arg(a.latencyCount));
    return {};
}

} // namespace

Status UsageImport::validate(const QList<UsageAggregate>& rows)
{
    NameCache names;
    for (qsizetype i = 0; i < rows.size(); ++i)
        if (auto s = checkRow(rows[i], names); !s)
            return Error::invalid(QStringLiteral("Usage row %1: %2").arg(i).arg(s.errorMessage()));
    return {};
}

Result<UsageImportStats> UsageImport::write(QSqlDatabase& db, const QList<UsageAggregate>& rows)
{
    if (auto s = validate(rows); !s)
        return s.error();
    sqlite3* handle = sqlite::handleOf(db);
    if (!handle)
        return Error::storage(QStringLiteral("The Qt SQLite driver did not provide its database handle"));
    sqlite::Statement upsert;
    if (!upsert.prepare(handle, sqlite::upsertRollupSql()))
        return Error::storage(
            QStringLiteral("Cannot prepare the usage import: %1").arg(QString::fromUtf8(sqlite3_errmsg(handle))));

    UsageImportStats stats;
    stats.aggregates = rows.size();
    // One UTC day at a time: every rollup bucket of a row lies within the row's day.
    std::vector<qsizetype> order(std::size_t(rows.size()));
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return usage::bucketStart(rows[a].bucketMs, usage::kDayMs) <
               usage::bucketStart(rows[b].bucketMs, usage::kDayMs);
    });
    const QString grans[] = {QStringLiteral("m"), QStringLiteral("h"), QStringLiteral("d")};
    const QString scopes[] = {QStringLiteral("a"), QStringLiteral("p"), QStringLiteral("s"), QStringLiteral("k")};
    QHash<RollupKey, Counts> day;
    std::vector<std::pair<RollupKey, Counts>> sorted;
    stats.fromMs = rows.isEmpty() ? 0 : std::numeric_limits<qint64>::max();
    for (std::size_t i = 0; i < order.size();) {
        const qint64 dayStart = usage::bucketStart(rows[order[i]].bucketMs, usage::kDayMs);
        day.clear();
        for (; i < order.size() && usage::bucketStart(rows[order[i]].bucketMs, usage::kDayMs) == dayStart; ++i) {
            const UsageAggregate& a = rows[order[i]];
            const qint64 step = usage::granularityMs(a.granularity);
            stats.requests += a.requests;
            stats.fromMs = std::min(stats.fromMs, a.bucketMs);
            stats.toMs = std::max(stats.toMs, a.bucketMs + step);
            if (!a.keyId.isEmpty() && a.code == usage::kValidCode && a.requests > 0) {
                qint64& last = stats.lastValidBucket[a.keyId];
                last = std::max(last, a.bucketMs);
            }
            const QString service = a.service.isEmpty() ? QString() : a.project + u'/' + a.service;
            for (char g : {'m', 'h', 'd'}) {
                if (g == 'm' && a.granularity != UsageGranularity::Minute)
                    continue;
                const qint64 bucket = usage::bucketStart(
                    a.bucketMs, g == 'm' ? usage::kMinuteMs : (g == 'h' ? usage::kHourMs : usage::kDayMs));
                day[RollupKey{g, 'a', QString(), bucket, a.code}].add(a);
                if (!a.project.isEmpty())
                    day[RollupKey{g, 'p', a.project, bucket, a.code}].add(a);
                if (!service.isEmpty())
                    day[RollupKey{g, 's', service, bucket, a.code}].add(a);
                if (!a.keyId.isEmpty())
                    day[RollupKey{g, 'k', a.keyId, bucket, a.code}].add(a);
            }
        }
        sorted.clear();
        sorted.reserve(std::size_t(day.size()));
        for (auto it = day.cbegin(); it != day.cend(); ++it)
            sorted.emplace_back(it.key(), it.value());
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [k, c] : sorted) {
            upsert.bind(1, k.granularity == 'm' ? grans[0] : (k.granularity == 'h' ? grans[1] : grans[2]));
            upsert.bind(2, k.bucket);
            upsert.bind(3, scopes[k.scope == 'a' ? 0 : k.scope == 'p' ? 1 : k.scope == 's' ? 2 : 3]);
            upsert.bind(4, k.scopeId);
            upsert.bind(5, k.code);
            upsert.bind(6, c.requests);
            upsert.bind(7, c.cost);
            upsert.bind(8, c.amountMicros);
            upsert.bind(9, c.errors);
            upsert.bind(10, c.latencySumUs);
            upsert.bind(11, c.latencyCount);
            upsert.bind(12, c.latencyMaxUs);
            upsert.bind(13, c.bytes);
            for (int h = 0; h < usage::kLatencyBuckets; ++h)
                upsert.bind(sqlite::kUpsertRollupHistogramFirst + h, c.latencyHistogram[std::size_t(h)]);
            if (!upsert.run())
                return Error::storage(QStringLiteral("Cannot store the imported usage: %1")
                                          .arg(QString::fromUtf8(sqlite3_errmsg(handle))));
            ++stats.rollupRows;
        }
    }
    return stats;
}

} // namespace kw
