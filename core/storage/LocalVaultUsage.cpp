// LocalVault, part four: usage recording and queries.
#include "storage/LocalVault.h"

#include "policy/Duration.h"
#include "storage/SqlUtil.h"
#include "usage/UsageQuery.h"

#include <QJsonDocument>
#include <QJsonObject>

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

} // namespace kw
