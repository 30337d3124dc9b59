#include "usage/UsageData.h"

#include "Backend.h"

#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace kw::ui {

UsageScope UsageTarget::rollupScope() const
{
    switch (kind) {
    case Kind::All:
        return UsageScope::All;
    case Kind::Team:
    case Kind::Project:
        return UsageScope::Project;
    case Kind::Service:
        return UsageScope::Service;
    case Kind::Key:
        return UsageScope::Key;
    }
    return UsageScope::All;
}

namespace usageview {

namespace {

constexpr qint64 kMinute = usage::kMinuteMs;
constexpr qint64 kHour = usage::kHourMs;
constexpr qint64 kDay = usage::kDayMs;
constexpr int kTopLimit = 10;
constexpr qint64 kPatternSpanMs = 28 * kDay; // four weeks give every hour of the week four samples

UsageRanking rankingOf(const TopEntry& t)
{
    return {t.scopeId, t.scopeId, t.requests, t.requests - t.valid, t.errors, t.amountMicros};
}

} // namespace

QPair<qint64, qint64> rangeBounds(UsageRange range, qint64 nowMs)
{
    switch (range) {
    case UsageRange::LiveHour: {
        const qint64 to = usage::bucketCeil(nowMs + 1, kMinute);
        return {to - kHour, to};
    }
    case UsageRange::Day: {
        const qint64 to = usage::bucketCeil(nowMs + 1, kHour);
        return {to - kDay, to};
    }
    case UsageRange::Week: {
        const qint64 to = usage::bucketCeil(nowMs + 1, kHour);
        return {to - 7 * kDay, to};
    }
    case UsageRange::Month: {
        const qint64 to = usage::bucketCeil(nowMs + 1, kDay);
        return {to - 30 * kDay, to};
    }
    case UsageRange::Quarter:
    case UsageRange::Custom: {
        const qint64 to = usage::bucketCeil(nowMs + 1, kDay);
        return {to - 90 * kDay, to};
    }
    }
    return {nowMs - kDay, nowMs};
}

UsageGranularity granularityFor(qint64 fromMs, qint64 toMs)
{
    const qint64 span = toMs - fromMs;
    if (span <= 6 * kHour)
        return UsageGranularity::Minute;
    if (span <= 14 * kDay)
        return UsageGranularity::Hour;
    return UsageGranularity::Day;
}

qint64 countOf(const UsageTotals& totals, const QString& code)
{
    if (code == usage::kValidCode)
        return totals.valid;
    if (code == usage::kReportedCode)
        return totals.reported;
    return totals.rejected.value(code);
}

QStringList codesOf(const QList<UsagePoint>& series)
{
    QHash<QString, qint64> volume;
    for (const UsagePoint& p : series) {
        if (p.totals.valid > 0)
            volume[usage::kValidCode.toString()] += p.totals.valid;
        for (auto it = p.totals.rejected.cbegin(); it != p.totals.rejected.cend(); ++it)
            if (it.value() > 0)
                volume[it.key()] += it.value();
    }
    QStringList codes = volume.keys();
    std::sort(codes.begin(), codes.end(), [&](const QString& a, const QString& b) {
        const bool av = a == usage::kValidCode, bv = b == usage::kValidCode;
        if (av != bv)
            return av;
        if (volume[a] != volume[b])
            return volume[a] > volume[b];
        return a < b;
    });
    return codes;
}

void add(UsageTotals& into, const UsageTotals& t)
{
    into.requests += t.requests;
    into.valid += t.valid;
    for (auto it = t.rejected.cbegin(); it != t.rejected.cend(); ++it)
        into.rejected[it.key()] += it.value();
    into.reported += t.reported;
    into.cost += t.cost;
    into.amountMicros += t.amountMicros;
    into.errors += t.errors;
    into.latencySumUs += t.latencySumUs;
    into.latencyCount += t.latencyCount;
    into.latencyMaxUs = std::max(into.latencyMaxUs, t.latencyMaxUs);
    into.bytes += t.bytes;
    for (std::size_t i = 0; i < t.latencyHistogram.size(); ++i)
        into.latencyHistogram[i] += t.latencyHistogram[i];
}

QList<UsagePoint> sumSeries(const QList<QList<UsagePoint>>& parts)
{
    QMap<qint64, UsageTotals> byBucket;
    for (const QList<UsagePoint>& part : parts)
        for (const UsagePoint& p : part)
            add(byBucket[p.bucketMs], p.totals);
    QList<UsagePoint> out;
    out.reserve(byBucket.size());
    for (auto it = byBucket.cbegin(); it != byBucket.cend(); ++it)
        out.append({it.key(), it.value()});
    return out;
}

std::array<std::array<qint64, 24>, 7> hourOfWeek(const QList<UsagePoint>& hourly, const QTimeZone& zone)
{
    std::array<std::array<qint64, 24>, 7> grid{};
    for (const UsagePoint& p : hourly) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(p.bucketMs, zone);
        grid[std::size_t(t.date().dayOfWeek() - 1)][std::size_t(t.time().hour())] += p.totals.requests;
    }
    return grid;
}

UsageSnapshot load(Backend& backend, const UsageRequest& request, qint64 nowMs)
{
    UsageSnapshot s;
    s.request = request;
    const UsageTarget& target = request.target;
    auto fail = [&s](const QString& what, const QString& message) {
        if (s.error.isEmpty())
            s.error = what + QStringLiteral(": ") + message;
    };

    // The rollup scopes that make up the target: one, or the team's projects.
    QStringList parts;
    QHash<QString, QString> teamOfProject;
    if (auto projects = backend.projects()) {
        for (const Project& p : *projects) {
            teamOfProject.insert(p.name, p.team);
            if (target.kind == UsageTarget::Kind::Team && p.team == target.id)
                parts.append(p.name);
        }
    } else {
        fail(QObject::tr("Projects"), projects.errorMessage());
    }
    if (target.kind != UsageTarget::Kind::Team)
        parts = {target.id};

    QList<QList<UsagePoint>> series;
    for (const QString& part : std::as_const(parts)) {
        auto r = backend.usageSeries(request.granularity, target.rollupScope(), part, request.fromMs, request.toMs);
        if (!r) {
            fail(QObject::tr("Series"), r.errorMessage());
            break;
        }
        series.append(*r);
    }
    s.series = sumSeries(series);
    for (const UsagePoint& p : std::as_const(s.series))
        add(s.totals, p.totals);
    s.codes = codesOf(s.series);

    // Pattern: hourly points of the four weeks ending at the range's end (at least the range itself).
    if (request.withPattern) {
        const qint64 to = usage::bucketCeil(request.toMs, kHour);
        const qint64 from = std::min(usage::bucketStart(request.fromMs, kHour), to - kPatternSpanMs);
        s.patternFromMs = from;
        QList<QList<UsagePoint>> hourly;
        for (const QString& part : std::as_const(parts)) {
            auto r = backend.usageSeries(UsageGranularity::Hour, target.rollupScope(), part, from, to);
            if (!r) {
                fail(QObject::tr("Pattern"), r.errorMessage());
                break;
            }
            hourly.append(*r);
        }
        s.pattern = hourOfWeek(sumSeries(hourly), QTimeZone::systemTimeZone());
    }

    // Rankings inside the target: a project's services and keys, a team's projects, everything for All.
    auto inTarget = [&](UsageScope scope, const QString& id) -> bool {
        switch (target.kind) {
        case UsageTarget::Kind::All:
            return true;
        case UsageTarget::Kind::Team:
            if (scope == UsageScope::Project)
                return teamOfProject.value(id) == target.id;
            if (scope == UsageScope::Service)
                return teamOfProject.value(id.section(u'/', 0, 0)) == target.id;
            return false;
        case UsageTarget::Kind::Project:
            return scope == UsageScope::Service && id.section(u'/', 0, 0) == target.id;
        case UsageTarget::Kind::Service:
        case UsageTarget::Kind::Key:
            return false;
        }
        return false;
    };
    auto ranked = [&](UsageScope scope, int limit) {
        QList<UsageRanking> out;
        auto r = backend.usageTop(scope, request.fromMs, request.toMs, 1000);
        if (!r) {
            fail(QObject::tr("Ranking"), r.errorMessage());
            return out;
        }
        for (const TopEntry& t : *r)
            if (inTarget(scope, t.scopeId) && out.size() < limit)
                out.append(rankingOf(t));
        return out;
    };
    if (target.kind == UsageTarget::Kind::All || target.kind == UsageTarget::Kind::Team)
        s.topProjects = ranked(UsageScope::Project, kTopLimit);
    if (target.kind != UsageTarget::Kind::Service && target.kind != UsageTarget::Kind::Key)
        s.topServices = ranked(UsageScope::Service, kTopLimit);
    if (target.kind != UsageTarget::Kind::Key) {
        // Keys of the target: the store ranks keys over everything, so filter by the keys' projects.
        auto r = backend.usageTop(UsageScope::Key, request.fromMs, request.toMs, 1000);
        if (r) {
            for (const TopEntry& t : *r) {
                if (s.topKeys.size() >= kTopLimit)
                    break;
                auto key = backend.key(t.scopeId);
                if (!key)
                    continue;
                bool inside =
                    target.kind == UsageTarget::Kind::All ||
                    (target.kind == UsageTarget::Kind::Team && key->team == target.id) ||
                    (target.kind == UsageTarget::Kind::Project && key->project == target.id) ||
                    (target.kind == UsageTarget::Kind::Service && key->project == target.id.section(u'/', 0, 0) &&
                     key->services.contains(target.id.section(u'/', 1)));
                if (!inside)
                    continue;
                UsageRanking k = rankingOf(t);
                k.label = QStringLiteral("%1 (%2)").arg(key->name, key->displayId);
                s.topKeys.append(k);
            }
        } else {
            fail(QObject::tr("Ranking"), r.errorMessage());
        }
    }

    // Cost allocation: every project of the target by amount, and the same summed per team.
    if (target.kind == UsageTarget::Kind::All || target.kind == UsageTarget::Kind::Team) {
        QList<UsageRanking> projects;
        if (auto r = backend.usageTop(UsageScope::Project, request.fromMs, request.toMs, 1000)) {
            for (const TopEntry& t : *r)
                if (inTarget(UsageScope::Project, t.scopeId))
                    projects.append(rankingOf(t));
        }
        std::sort(projects.begin(), projects.end(), [](const UsageRanking& a, const UsageRanking& b) {
            return a.amountMicros != b.amountMicros ? a.amountMicros > b.amountMicros : a.id < b.id;
        });
        QMap<QString, UsageRanking> teams;
        for (const UsageRanking& p : std::as_const(projects)) {
            const QString team = teamOfProject.value(p.id);
            UsageRanking& t = teams[team];
            t.id = team;
            t.label = team.isEmpty() ? QObject::tr("(no team)") : team;
            t.requests += p.requests;
            t.rejected += p.rejected;
            t.errors += p.errors;
            t.amountMicros += p.amountMicros;
        }
        s.costByProject = projects.mid(0, kTopLimit);
        s.costByTeam = teams.values();
        std::sort(s.costByTeam.begin(), s.costByTeam.end(), [](const UsageRanking& a, const UsageRanking& b) {
            return a.amountMicros != b.amountMicros ? a.amountMicros > b.amountMicros : a.id < b.id;
        });
    }

    // Anomalies of the target's keys over the range (the baseline reads the weeks before it).
    const QString anomalyScopeId = target.kind == UsageTarget::Kind::Team ? QString() : target.id;
    const UsageScope anomalyScope = target.kind == UsageTarget::Kind::Team ? UsageScope::All : target.rollupScope();
    if (auto r =
            backend.usageAnomalies(anomalyScope, anomalyScopeId, request.fromMs, std::min(request.toMs, nowMs + 1))) {
        for (const UsageAnomaly& a : *r) {
            if (target.kind == UsageTarget::Kind::Team) {
                auto key = backend.key(a.keyId);
                if (!key || key->team != target.id)
                    continue;
            }
            s.anomalies.append(a);
        }
        std::sort(s.anomalies.begin(), s.anomalies.end(),
                  [](const UsageAnomaly& a, const UsageAnomaly& b) { return a.timeMs > b.timeMs; });
        for (const UsageAnomaly& a : std::as_const(s.anomalies))
            if (!s.keyLabels.contains(a.keyId))
                if (auto key = backend.key(a.keyId))
                    s.keyLabels.insert(a.keyId, QStringLiteral("%1 (%2)").arg(key->name, key->displayId));
    } else {
        fail(QObject::tr("Anomalies"), r.errorMessage());
    }
    return s;
}

QByteArray toCsv(const UsageSnapshot& snapshot)
{
    auto field = [](QString v) {
        if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r'))
            v = u'"' + v.replace(u'"', QStringLiteral("\"\"")) + u'"';
        return v;
    };
    QStringList header = {QStringLiteral("bucket_start_utc"), QStringLiteral("requests")};
    for (const QString& c : snapshot.codes)
        header.append(c.toLower());
    header << QStringLiteral("gateway_reported") << QStringLiteral("upstream_errors")
           << QStringLiteral("latency_p50_us") << QStringLiteral("latency_p95_us") << QStringLiteral("latency_p99_us")
           << QStringLiteral("cost") << QStringLiteral("amount_micros") << QStringLiteral("bytes");
    QByteArray out;
    auto line = [&](const QStringList& fields) {
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(field(f));
        out += quoted.join(u',').toUtf8() + "\r\n";
    };
    line(header);
    for (const UsagePoint& p : snapshot.series) {
        QStringList row = {QDateTime::fromMSecsSinceEpoch(p.bucketMs, QTimeZone::utc()).toString(Qt::ISODate),
                           QString::number(p.totals.requests)};
        for (const QString& c : snapshot.codes)
            row.append(QString::number(countOf(p.totals, c)));
        row << QString::number(p.totals.reported) << QString::number(p.totals.errors)
            << QString::number(p.totals.latencyPercentileUs(0.50))
            << QString::number(p.totals.latencyPercentileUs(0.95))
            << QString::number(p.totals.latencyPercentileUs(0.99)) << QString::number(p.totals.cost)
            << QString::number(p.totals.amountMicros) << QString::number(p.totals.bytes);
        line(row);
    }
    return out;
}

} // namespace usageview

} // namespace kw::ui
