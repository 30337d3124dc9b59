// LocalVault, part four: usage recording and queries.
#include "storage/LocalVault.h"

#include "policy/Duration.h"
#include "storage/SqlUtil.h"
#include "usage/UsageQuery.h"
#include "util/Json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <array>

namespace kw {

namespace {

const QString kUsageSettings = QStringLiteral("usage_settings");

QString privacyName(UsageRecorder::Settings::IpPrivacy p)
{
    switch (p) {
    case UsageRecorder::Settings::IpPrivacy::Full:
        return QStringLiteral("full");
    case UsageRecorder::Settings::IpPrivacy::Truncate:
        return QStringLiteral("truncate");
    case UsageRecorder::Settings::IpPrivacy::Drop:
        return QStringLiteral("drop");
    }
    return {};
}

} // namespace

Result<UsageRecorder::Settings> LocalVault::usageSettings()
{
    UsageRecorder::Settings s;
    auto raw = m_vault->readMeta(kUsageSettings);
    if (!raw)
        return s; // defaults
    const QJsonObject o = QJsonDocument::fromJson(*raw).object();
    s.rawRetentionMs = o.value("rawRetentionMs").toInteger(s.rawRetentionMs);
    const QString ip = o.value("ipPrivacy").toString();
    if (ip == QLatin1String("truncate"))
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Truncate;
    else if (ip == QLatin1String("drop"))
        s.ipPrivacy = UsageRecorder::Settings::IpPrivacy::Drop;
    return s;
}

Status LocalVault::setUsageSettings(const UsageRecorder::Settings& settings)
{
    if (settings.rawRetentionMs < 0)
        return Error::invalid(QStringLiteral("The raw-event retention must not be negative"));
    const QJsonObject o{{"rawRetentionMs", settings.rawRetentionMs}, {"ipPrivacy", privacyName(settings.ipPrivacy)}};
    sql::Transaction tx(m_vault->db());
    if (auto s = m_vault->writeMeta(kUsageSettings, QJsonDocument(o).toJson(QJsonDocument::Compact)); !s)
        return s;
    if (auto s = audit(QStringLiteral("usage.settings"), QStringLiteral("usage"), {}, o); !s)
        return s;
    if (auto s = tx.commit(); !s)
        return s;
    if (m_recorder) {
        // Settings are fixed per recorder: restart it with the new ones (stop() flushes first).
        m_recorder.reset();
        return startUsageRecording();
    }
    return {};
}

Status LocalVault::startUsageRecording()
{
    if (m_recorder)
        return {};
    auto settings = usageSettings();
    if (!settings)
        return settings.error();
    auto recorder = std::make_unique<UsageRecorder>(m_vault->path(), *settings, m_clock);
    if (auto s = recorder->start(); !s)
        return s;
    m_recorder = std::move(recorder);
    UsageRecorder* r = m_recorder.get();
    setUsageSink([r](UsageEvent&& e) { r->record(std::move(e)); });
    return {};
}

Status LocalVault::flushUsage()
{
    return m_recorder ? m_recorder->flush() : Status{};
}

Result<UsageImportStats> LocalVault::importUsageRollups(const QList<UsageAggregate>& rows)
{
    if (auto s = UsageImport::validate(rows); !s)
        return s.error();
    // Every key must exist and belong to the project its rows name: rollups by project and by key must agree.
    QHash<QString, QString> projectOfKey;
    QSet<QString> projects;
    for (const UsageAggregate& a : rows) {
        if (!a.keyId.isEmpty())
            projectOfKey.insert(a.keyId, QString());
        if (!a.project.isEmpty())
            projects.insert(a.project);
    }
    const QStringList ids = projectOfKey.keys();
    for (qsizetype i = 0; i < ids.size(); i += 500) {
        const QStringList chunk = ids.mid(i, 500);
        QVariantList binds;
        for (const QString& id : chunk)
            binds << id;
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("SELECT k.id, p.name FROM keys k JOIN projects p ON p.id = k.project_id "
                                          "WHERE k.id IN (%1)")
                               .arg(QStringList(chunk.size(), QStringLiteral("?")).join(u',')),
                           binds, QStringLiteral("look up the keys of the usage"));
        if (!q)
            return q.error();
        while (q->next())
            projectOfKey.insert(q->value(0).toString(), q->value(1).toString());
    }
    for (const QString& p : std::as_const(projects))
        if (auto id = projectId(p); !id)
            return Error(id.error().code, QStringLiteral("Usage: %1").arg(id.errorMessage()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const UsageAggregate& a = rows[i];
        if (a.keyId.isEmpty())
            continue;
        const QString project = projectOfKey.value(a.keyId);
        if (project.isEmpty())
            return Error::notFound(QStringLiteral("Usage row %1: no key with id %2").arg(i).arg(a.keyId));
        if (project != a.project)
            return Error::invalid(QStringLiteral("Usage row %1: key %2 belongs to project \"%3\", not \"%4\"")
                                      .arg(i)
                                      .arg(a.keyId, project, a.project));
    }

    sql::Transaction tx(m_vault->db());
    if (!tx.started())
        return sql::error(m_vault->db(), QStringLiteral("start a transaction"));
    auto stats = UsageImport::write(m_vault->db(), rows);
    if (!stats)
        return stats.error();
    QStringList used;
    for (auto it = stats->lastValidBucket.cbegin(); it != stats->lastValidBucket.cend(); ++it) {
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("UPDATE keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR "
                                          "last_used_at < ?)"),
                           {it.value(), it.key(), it.value()}, QStringLiteral("record when the key was last used"));
        if (!q)
            return q.error();
        used << it.key();
    }
    if (auto s = audit(QStringLiteral("usage.import"), QStringLiteral("usage"), {},
                       QJsonObject{{"aggregates", stats->aggregates},
                                   {"rollupRows", stats->rollupRows},
                                   {"requests", stats->requests},
                                   {"from", json::time(stats->fromMs)},
                                   {"to", json::time(stats->toMs)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    if (!used.isEmpty())
        emit keysChanged(used);
    return stats;
}

Result<UsageSummary> LocalVault::usageSummary(UsageScope scope, const QString& scopeId, qint64 fromMs, qint64 toMs)
{
    if (auto s = flushUsage(); !s)
        return s.error();
    return UsageQuery(m_vault->db()).summary(scope, scopeId, fromMs, toMs);
}

Result<QList<UsagePoint>> LocalVault::usageSeries(UsageGranularity granularity, UsageScope scope,
                                                  const QString& scopeId, qint64 fromMs, qint64 toMs)
{
    if (auto s = flushUsage(); !s)
        return s.error();
    return UsageQuery(m_vault->db()).series(granularity, scope, scopeId, fromMs, toMs);
}

Result<QList<TopEntry>> LocalVault::usageTop(UsageScope scope, qint64 fromMs, qint64 toMs, int limit)
{
    if (auto s = flushUsage(); !s)
        return s.error();
    return UsageQuery(m_vault->db()).top(scope, fromMs, toMs, limit);
}

Result<QList<UsageAnomaly>> LocalVault::usageAnomalies(UsageScope scope, const QString& scopeId, qint64 fromMs,
                                                       qint64 toMs)
{
    constexpr int kMaxKeys = 50;
    if (fromMs >= toMs)
        return Error::invalid(QStringLiteral("The anomaly range ends before it starts"));
    if (toMs - fromMs > 366 * usage::kDayMs)
        return Error::invalid(QStringLiteral("Look for anomalies over at most a year at a time"));
    if (auto s = flushUsage(); !s)
        return s.error();
    const qint64 from = usage::bucketStart(fromMs, usage::kHourMs);
    const qint64 to = usage::bucketCeil(toMs, usage::kHourMs);

    // Which keys: the one asked for, or the busiest of the scope in the range (from the hourly key rollups).
    QStringList keyIds;
    if (scope == UsageScope::Key) {
        auto id = resolveKeyId(scopeId);
        if (!id)
            return id.error();
        keyIds << *id;
    } else {
        QString condition;
        QVariantList binds{from, to};
        if (scope == UsageScope::Project) {
            if (auto pid = projectId(scopeId); !pid)
                return pid.error();
            condition = QStringLiteral(" AND r.scope_id IN (SELECT k.id FROM keys k JOIN projects p ON p.id = "
                                       "k.project_id WHERE p.name = ?)");
            binds << scopeId;
        } else if (scope == UsageScope::Service) {
            const qsizetype slash = scopeId.indexOf(u'/');
            if (slash <= 0 || slash == scopeId.size() - 1)
                return Error::invalid(
                    QStringLiteral("A service scope is \"project/service\", not \"%1\"").arg(scopeId));
            condition = QStringLiteral(" AND r.scope_id IN (SELECT ks.key_id FROM key_services ks JOIN services s ON "
                                       "s.id = ks.service_id JOIN projects p ON p.id = s.project_id WHERE p.name = ? "
                                       "AND s.name = ?)");
            binds << scopeId.left(slash) << scopeId.mid(slash + 1);
        }
        auto q = sql::exec(m_vault->db(),
                           QStringLiteral("SELECT r.scope_id, SUM(r.requests) FROM usage_rollups r WHERE "
                                          "r.granularity = 'h' AND r.scope = 'k' AND r.bucket >= ? AND r.bucket < ?%1 "
                                          "GROUP BY r.scope_id ORDER BY 2 DESC, 1 LIMIT %2")
                               .arg(condition)
                               .arg(kMaxKeys),
                           binds, QStringLiteral("find the busiest keys"));
        if (!q)
            return q.error();
        while (q->next())
            keyIds << q->value(0).toString();
    }
    QList<UsageAnomaly> out;
    if (keyIds.isEmpty())
        return out;

    // Hourly traffic per key, with the weeks before the range as the baseline.
    const qint64 historyFrom = from - 12 * 7 * usage::kDayMs;
    QSqlQuery series(m_vault->db());
    series.prepare(QStringLiteral("SELECT bucket, code, SUM(requests), SUM(errors) FROM usage_rollups WHERE "
                                  "granularity = 'h' AND scope = 'k' AND scope_id = ? AND bucket >= ? AND bucket < ? "
                                  "GROUP BY bucket, code ORDER BY bucket"));
    for (const QString& id : keyIds) {
        series.addBindValue(id);
        series.addBindValue(historyFrom);
        series.addBindValue(to);
        if (!series.exec())
            return sql::error(series, QStringLiteral("read the hourly usage of key %1").arg(id));
        QList<anomaly::HourSample> samples;
        QMap<qint64, std::array<qint64, 3>> hours; // decisions, reported, failures
        while (series.next()) {
            auto& h = hours[series.value(0).toLongLong()];
            const QString code = series.value(1).toString();
            const qint64 requests = series.value(2).toLongLong();
            if (code == usage::kReportedCode) {
                h[1] += requests;
                h[2] += series.value(3).toLongLong(); // upstream errors
            } else {
                h[0] += requests;
                if (code != usage::kValidCode)
                    h[2] += requests; // rejected decisions
            }
        }
        series.finish();
        samples.reserve(hours.size());
        for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
            // Verify decisions count the requests; keys that only a gateway reports on are counted by its reports.
            const qint64 requests = it.value()[0] > 0 ? it.value()[0] : it.value()[1];
            samples.append({it.key(), requests, std::min(it.value()[2], requests)});
        }
        out += anomaly::detect(id, samples, from, to);
    }

    // Client addresses seen for the first time, from the raw events still retained (exact times, not whole hours).
    QVariantList binds{fromMs, toMs};
    for (const QString& id : keyIds)
        binds << id;
    auto raw = sql::exec(m_vault->db(),
                         QStringLiteral("SELECT key_id, ip, MIN(ts), SUM(CASE WHEN ts >= ? THEN 1 ELSE 0 END) FROM "
                                        "usage_events WHERE ts < ? AND key_id IN (%1) GROUP BY key_id, ip")
                             .arg(QStringList(keyIds.size(), QStringLiteral("?")).join(u',')),
                         binds, QStringLiteral("read the client addresses of the keys"));
    if (!raw)
        return raw.error();
    QHash<QString, QList<anomaly::AddressSeen>> addresses;
    QHash<QString, qint64> firstTraffic;
    while (raw->next()) {
        const QString id = raw->value(0).toString();
        const qint64 first = raw->value(2).toLongLong();
        qint64& keyFirst = firstTraffic[id];
        keyFirst = keyFirst == 0 ? first : std::min(keyFirst, first);
        addresses[id].append({raw->value(1).toString(), first, raw->value(3).toLongLong()});
    }
    for (auto it = addresses.cbegin(); it != addresses.cend(); ++it)
        out += anomaly::detectNewAddresses(it.key(), it.value(), firstTraffic.value(it.key()), fromMs, toMs);

    std::stable_sort(out.begin(), out.end(), [](const UsageAnomaly& a, const UsageAnomaly& b) {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.keyId < b.keyId;
    });
    return out;
}

} // namespace kw
