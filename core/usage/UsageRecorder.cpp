#include "usage/UsageRecorder.h"

#include "policy/IpAddress.h"
#include "usage/SqliteStatement.h"
#include "usage/UsageReport.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtDebug>

#include <array>
#include <future>
#include <limits>

namespace kw {

namespace {

using IpPrivacy = UsageRecorder::Settings::IpPrivacy;

Error queryError(const QSqlQuery& q, const QString& what)
{
    return Error::storage(QStringLiteral("Cannot %1: %2").arg(what, q.lastError().text()));
}

// Counters that add up across events; latencyMax is the only one that does not sum.
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

    void add(const UsageEvent& e)
    {
        ++requests;
        cost += e.cost;
        amountMicros += e.amountMicros;
        // Gateway reports only: an upstream 4xx/5xx. A verify rejection is not an error, it has its own code.
        if (e.upstreamStatus >= 400)
            ++errors;
        if (e.latencyUs >= 0) {
            latencySumUs += e.latencyUs;
            ++latencyCount;
            latencyMaxUs = std::max(latencyMaxUs, e.latencyUs);
            ++latencyHistogram[std::size_t(usage::latencyBucket(e.latencyUs))];
        }
        if (e.bytes > 0)
            bytes += e.bytes;
    }
    void add(const Counts& o)
    {
        requests += o.requests;
        cost += o.cost;
        amountMicros += o.amountMicros;
        errors += o.errors;
        latencySumUs += o.latencySumUs;
        latencyCount += o.latencyCount;
        latencyMaxUs = std::max(latencyMaxUs, o.latencyMaxUs);
        bytes += o.bytes;
        for (std::size_t i = 0; i < latencyHistogram.size(); ++i)
            latencyHistogram[i] += o.latencyHistogram[i];
    }
};

// First aggregation step: one entry per (minute, key, project, service, code), so the per-event work is a single
// hash lookup however many rollup rows the event feeds.
struct FineKey {
    qint64 minute;
    QString keyId;
    QString project;
    QString service;
    QString code;
    friend bool operator==(const FineKey&, const FineKey&) = default;
};
size_t qHash(const FineKey& k, size_t seed = 0)
{
    return qHashMulti(seed, k.minute, k.keyId, k.project, k.service, k.code);
}

struct RollupKey {
    int granularity; // index into m/h/d
    int scope;       // index into a/p/s/k
    QString scopeId;
    qint64 bucket;
    QString code;
    friend bool operator==(const RollupKey&, const RollupKey&) = default;
};
size_t qHash(const RollupKey& k, size_t seed = 0)
{
    return qHashMulti(seed, k.granularity, k.scope, k.scopeId, k.bucket, k.code);
}

struct KeyCounters {
    qint64 usesConsumed = -1;
    qint64 usesPeriodStart = -1;
    qint64 quotaUsed = -1;
    qint64 quotaPeriodStart = -1;
    qint64 lastUsedAt = -1;
};

} // namespace

// Everything that lives in the writer thread: the connection, its prepared statements and per-batch scratch space.
//
// The connection is opened through Qt (same driver, options and pragmas as the vault's own), but rows are written
// through the sqlite3 C API on its handle: QSqlQuery's binding costs a formatted placeholder name and a hash lookup
// per value, which capped the writer at well under the 200,000 events/s it has to sustain.
class UsageRecorder::Writer {
public:
    explicit Writer(const Settings& settings) : m_settings(settings) {}
    ~Writer()
    {
        // Our statements first: Qt cannot close a handle that still has statements of its own.
        for (sqlite::Statement* st : {&m_begin, &m_commit, &m_rollback, &m_insertEvent, &m_upsertRollup, &m_updateKey,
                                      &m_pruneEvents, &m_pruneMinutes})
            st->finalize();
        if (m_db.isValid())
            m_db.close();
        m_db = QSqlDatabase();
        if (!m_connection.isEmpty())
            QSqlDatabase::removeDatabase(m_connection);
    }

    Status open(const QString& path);
    // One transaction over [begin, end).
    Status writeBatch(const UsageEvent* begin, const UsageEvent* end);
    Status pruneIfDue(qint64 nowMs);

    std::vector<UsageEvent> work; // taken from the queue, not yet committed (in record order)

private:
    Error error(const QString& what) const
    {
        return Error::storage(QStringLiteral("Cannot %1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_handle))));
    }
    Status rollback(Error e)
    {
        m_rollback.run();
        return e;
    }
    Status upsertRollups();
    Status updateKeys();
    QString anonymise(const QString& ip);

    const Settings& m_settings;
    QString m_connection;
    QSqlDatabase m_db;
    sqlite3* m_handle = nullptr;
    sqlite::Statement m_begin, m_commit, m_rollback;
    sqlite::Statement m_insertEvent, m_upsertRollup, m_updateKey;
    sqlite::Statement m_pruneEvents, m_pruneMinutes;
    qint64 m_lastPruneMs = std::numeric_limits<qint64>::min();

    QHash<FineKey, Counts> m_fine;
    QHash<RollupKey, Counts> m_rollups;
    QHash<QString, KeyCounters> m_keys;
    QHash<QString, QString> m_anonymised; // addresses repeat; parsing each one once is enough
};

Status UsageRecorder::Writer::open(const QString& path)
{
    m_connection = QStringLiteral("kw-usage-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!m_db.isValid())
        return Error::storage(QStringLiteral("The Qt SQLite driver (QSQLITE) is not available"));
    // SQLite would create a missing file; the recorder only ever writes into an existing vault.
    if (!QFileInfo(path).isFile())
        return Error::notFound(QStringLiteral("Cannot record usage: the vault file %1 does not exist").arg(path));
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_settings.busyTimeoutMs));
    if (!m_db.open())
        return Error::storage(
            QStringLiteral("Cannot open the vault file %1 for usage tracking: %2").arg(path, m_db.lastError().text()));
    {
        QSqlQuery q(m_db);
        for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"}) {
            if (!q.exec(QString::fromLatin1(pragma)))
                return queryError(
                    q, QStringLiteral("configure the usage connection (%1)").arg(QString::fromLatin1(pragma)));
        }
    }
    if (!(m_handle = sqlite::handleOf(m_db)))
        return Error::storage(QStringLiteral("The Qt SQLite driver did not provide its database handle"));

    const std::pair<sqlite::Statement*, const char*> statements[] = {
        // IMMEDIATE takes the write lock up front, so waiting for it goes through the busy timeout instead of
        // failing half-way when a read transaction tries to upgrade.
        {&m_begin, "BEGIN IMMEDIATE"},
        {&m_commit, "COMMIT"},
        {&m_rollback, "ROLLBACK"},
        {&m_insertEvent, "INSERT INTO usage_events (ts, key_id, project, service, ip, code, cost, amount_micros, "
                         "upstream_status, latency_us, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_upsertRollup, sqlite::upsertRollupSql()},
        // COALESCE keeps a counter the batch did not report; last_used_at only moves forward.
        {&m_updateKey, "UPDATE keys SET uses_consumed = COALESCE(?1, uses_consumed), "
                       "uses_period_start = COALESCE(?2, uses_period_start), quota_used = COALESCE(?3, quota_used), "
                       "quota_period_start = COALESCE(?4, quota_period_start), "
                       "last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ?5 "
                       "THEN COALESCE(?5, last_used_at) ELSE last_used_at END WHERE id = ?6"},
        {&m_pruneEvents, "DELETE FROM usage_events WHERE ts < ?"},
        {&m_pruneMinutes, "DELETE FROM usage_rollups WHERE granularity = 'm' AND bucket < ?"},
    };
    for (const auto& [statement, sql] : statements) {
        if (!statement->prepare(m_handle, sql))
            return error(QStringLiteral("prepare the usage statements (is %1 a vault?)").arg(path));
    }
    return {};
}

QString UsageRecorder::Writer::anonymise(const QString& ip)
{
    switch (m_settings.ipPrivacy) {
    case IpPrivacy::Full:
        return ip;
    case IpPrivacy::Drop:
        return QString();
    case IpPrivacy::Truncate:
        break;
    }
    if (ip.isEmpty())
        return ip;
    auto cached = m_anonymised.constFind(ip);
    if (cached != m_anonymised.cend())
        return *cached;
    if (m_anonymised.size() > 100'000)
        m_anonymised.clear();
    QString out; // an address we cannot parse cannot be truncated, so it is not stored
    if (auto parsed = IpAddress::parse(QStringView(ip))) {
        if (parsed->isV4())
            out = IpAddress::fromV4(parsed->toV4() & 0xffff'ff00u).toString();
        else
            out = IpAddress::fromV6(parsed->hi() & 0xffff'ffff'ffff'0000ULL, 0).toString();
    }
    m_anonymised.insert(ip, out);
    return out;
}

Status UsageRecorder::Writer::writeBatch(const UsageEvent* begin, const UsageEvent* end)
{
    m_fine.clear();
    m_rollups.clear();
    m_keys.clear();
    if (!m_begin.run())
        return error(QStringLiteral("start writing usage events"));

    const bool storeRaw = m_settings.rawRetentionMs != 0;
    sqlite::Statement& ins = m_insertEvent;
    for (const UsageEvent* e = begin; e != end; ++e) {
        if (storeRaw) {
            const QString ip = anonymise(e->clientIp);
            ins.bind(1, e->timeMs);
            ins.bind(2, e->keyId);
            ins.bind(3, e->project);
            ins.bind(4, e->service);
            ins.bind(5, ip);
            ins.bind(6, e->code);
            ins.bind(7, e->cost);
            ins.bind(8, e->amountMicros);
            if (e->upstreamStatus > 0)
                ins.bind(9, e->upstreamStatus);
            else
                ins.bindNull(9);
            ins.bindOptional(10, e->latencyUs);
            ins.bindOptional(11, e->bytes);
            if (!ins.run())
                return rollback(error(QStringLiteral("store a usage event")));
        }
        m_fine[FineKey{usage::bucketStart(e->timeMs, usage::kMinuteMs), e->keyId, e->project, e->service, e->code}].add(
            *e);
        if (!e->keyId.isEmpty()) {
            KeyCounters& k = m_keys[e->keyId];
            // The engine's counters only grow within a period, so the last reported value is the current one.
            if (e->usesConsumed >= 0)
                k.usesConsumed = e->usesConsumed;
            if (e->usesPeriodStart >= 0)
                k.usesPeriodStart = e->usesPeriodStart;
            if (e->quotaUsed >= 0)
                k.quotaUsed = e->quotaUsed;
            if (e->quotaPeriodStart >= 0)
                k.quotaPeriodStart = e->quotaPeriodStart;
            if (e->code == usage::kValidCode)
                k.lastUsedAt = std::max(k.lastUsedAt, e->timeMs);
        }
    }
    if (Status s = upsertRollups(); !s)
        return rollback(s.error());
    if (Status s = updateKeys(); !s)
        return rollback(s.error());
    if (!m_commit.run())
        return rollback(error(QStringLiteral("commit usage events")));
    return {};
}

Status UsageRecorder::Writer::upsertRollups()
{
    static const QString grans[] = {QStringLiteral("m"), QStringLiteral("h"), QStringLiteral("d")};
    static const QString scopes[] = {QStringLiteral("a"), QStringLiteral("p"), QStringLiteral("s"),
                                     QStringLiteral("k")};
    static const qint64 sizes[] = {usage::kMinuteMs, usage::kHourMs, usage::kDayMs};
    for (auto it = m_fine.cbegin(); it != m_fine.cend(); ++it) {
        const FineKey& f = it.key();
        QString service;
        if (!f.service.isEmpty())
            service = f.project + u'/' + f.service;
        for (int g = 0; g < 3; ++g) {
            const qint64 bucket = usage::bucketStart(f.minute, sizes[g]);
            m_rollups[RollupKey{g, 0, QString(), bucket, f.code}].add(it.value());
            if (!f.project.isEmpty())
                m_rollups[RollupKey{g, 1, f.project, bucket, f.code}].add(it.value());
            if (!service.isEmpty())
                m_rollups[RollupKey{g, 2, service, bucket, f.code}].add(it.value());
            if (!f.keyId.isEmpty())
                m_rollups[RollupKey{g, 3, f.keyId, bucket, f.code}].add(it.value());
        }
    }
    sqlite::Statement& q = m_upsertRollup;
    for (auto it = m_rollups.cbegin(); it != m_rollups.cend(); ++it) {
        const RollupKey& k = it.key();
        const Counts& c = it.value();
        q.bind(1, grans[k.granularity]);
        q.bind(2, k.bucket);
        q.bind(3, scopes[k.scope]);
        q.bind(4, k.scopeId);
        q.bind(5, k.code);
        q.bind(6, c.requests);
        q.bind(7, c.cost);
        q.bind(8, c.amountMicros);
        q.bind(9, c.errors);
        q.bind(10, c.latencySumUs);
        q.bind(11, c.latencyCount);
        q.bind(12, c.latencyMaxUs);
        q.bind(13, c.bytes);
        for (int i = 0; i < usage::kLatencyBuckets; ++i)
            q.bind(sqlite::kUpsertRollupHistogramFirst + i, c.latencyHistogram[std::size_t(i)]);
        if (!q.run())
            return error(QStringLiteral("update the usage rollups"));
    }
    return {};
}

Status UsageRecorder::Writer::updateKeys()
{
    sqlite::Statement& q = m_updateKey;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        const KeyCounters& k = it.value();
        if (k.usesConsumed < 0 && k.usesPeriodStart < 0 && k.quotaUsed < 0 && k.quotaPeriodStart < 0 &&
            k.lastUsedAt < 0)
            continue;
        q.bindOptional(1, k.usesConsumed);
        q.bindOptional(2, k.usesPeriodStart);
        q.bindOptional(3, k.quotaUsed);
        q.bindOptional(4, k.quotaPeriodStart);
        q.bindOptional(5, k.lastUsedAt);
        q.bind(6, it.key());
        if (!q.run())
            return error(QStringLiteral("update the usage counters of key %1").arg(it.key()));
    }
    return {};
}

Status UsageRecorder::Writer::pruneIfDue(qint64 nowMs)
{
    if (m_lastPruneMs != std::numeric_limits<qint64>::min() && nowMs - m_lastPruneMs < kPruneIntervalMs)
        return {};
    m_lastPruneMs = nowMs;
    if (!m_begin.run())
        return error(QStringLiteral("start deleting expired usage data"));
    // With rawRetentionMs 0 nothing new is stored; raw events an earlier configuration kept are left alone rather
    // than deleted by a setting that only says "do not store".
    if (m_settings.rawRetentionMs > 0) {
        m_pruneEvents.bind(1, nowMs - m_settings.rawRetentionMs);
        if (!m_pruneEvents.run())
            return rollback(error(QStringLiteral("delete expired usage events")));
    }
    m_pruneMinutes.bind(1, nowMs - kMinuteRollupRetentionMs);
    if (!m_pruneMinutes.run())
        return rollback(error(QStringLiteral("delete expired minute rollups")));
    if (!m_commit.run())
        return rollback(error(QStringLiteral("commit the deletion of expired usage data")));
    return {};
}

UsageRecorder::UsageRecorder(const QString& vaultPath, Settings settings, const Clock& clock)
    : m_path(vaultPath), m_settings(settings), m_clock(clock)
{
}

UsageRecorder::~UsageRecorder()
{
    stop();
}

Status UsageRecorder::start()
{
    if (m_thread.joinable())
        return {};
    if (m_settings.maxBatch <= 0 || m_settings.flushIntervalMs <= 0)
        return Error::invalid(QStringLiteral("Usage recorder settings: maxBatch and flushIntervalMs must be positive"));
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = false;
        m_running = true;
    }
    std::promise<Status> opened;
    std::future<Status> result = opened.get_future();
    m_thread = std::thread([this, &opened] {
        Writer writer(m_settings);
        Status s = writer.open(m_path);
        const bool ok = s.ok();
        opened.set_value(std::move(s)); // `opened` is gone once start() returns: not touched after this
        if (ok)
            run(writer);
    });
    Status s = result.get();
    if (!s) {
        m_thread.join();
        std::lock_guard lock(m_mutex);
        m_running = false;
    }
    return s;
}

bool UsageRecorder::isRunning() const
{
    std::lock_guard lock(m_mutex);
    return m_running;
}

void UsageRecorder::record(UsageEvent&& event)
{
    if (event.timeMs == 0)
        event.timeMs = m_clock.nowMs();
    std::lock_guard lock(m_mutex);
    m_incoming.push_back(std::move(event));
    ++m_recorded;
    // Wake the writer early rather than let the queue grow far past one transaction's worth.
    if (m_incoming.size() == std::size_t(m_settings.maxBatch))
        m_wake.notify_one();
}

Status UsageRecorder::flush()
{
    std::unique_lock lock(m_mutex);
    const qint64 target = m_recorded;
    if (m_written >= target)
        return {};
    if (!m_running)
        return Error::conflict(
            QStringLiteral("The usage recorder is not running; %1 events are waiting").arg(target - m_written));
    const qint64 startCycle = m_cycles;
    m_flushRequested = true;
    m_wake.notify_one();
    m_progress.wait(lock,
                    [&] { return m_written >= target || (m_cycles > startCycle && m_lastCycleFailed) || !m_running; });
    if (m_written >= target)
        return {};
    return Error::storage(m_lastError.isEmpty() ? QStringLiteral("The usage recorder stopped before writing")
                                                : m_lastError);
}

void UsageRecorder::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
        m_wake.notify_one();
    }
    m_thread.join();
}

UsageRecorder::Stats UsageRecorder::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats s;
    s.recorded = m_recorded;
    s.written = m_written;
    s.batches = m_batches;
    s.queueDepth = m_recorded - m_written;
    s.lastError = m_lastError;
    return s;
}

Status UsageRecorder::writeAll(Writer& writer, std::vector<UsageEvent>& work, qint64& done)
{
    const qint64 size = qint64(work.size());
    while (done < size) {
        const qint64 n = std::min<qint64>(m_settings.maxBatch, size - done);
        Status s = writer.writeBatch(work.data() + done, work.data() + done + n);
        if (!s)
            return s;
        done += n;
        std::lock_guard lock(m_mutex);
        m_written += n;
        ++m_batches;
        m_lastError.clear();
        m_progress.notify_all();
    }
    return {};
}

void UsageRecorder::run(Writer& writer)
{
    // The buffer handed back to record() on each swap: emptied, but keeping its capacity, so the steady state
    // allocates nothing.
    std::vector<UsageEvent> taken;
    int failuresWhileStopping = 0;
    const auto interval = std::chrono::milliseconds(m_settings.flushIntervalMs);
    for (;;) {
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, interval, [&] {
                return m_stopRequested || m_flushRequested || m_incoming.size() >= std::size_t(m_settings.maxBatch);
            });
            stopping = m_stopRequested;
            m_flushRequested = false;
            std::swap(taken, m_incoming);
        }
        if (writer.work.empty()) {
            std::swap(writer.work, taken);
        } else {
            // Events a failed batch kept go first, so each key's counters still end with its latest event.
            writer.work.insert(writer.work.end(), std::make_move_iterator(taken.begin()),
                               std::make_move_iterator(taken.end()));
            taken.clear();
        }

        // Pruning first: a flush() that returns after the write then also sees the pruning that was due.
        const Status pruned = writer.pruneIfDue(m_clock.nowMs());
        qint64 done = 0;
        const Status written = writeAll(writer, writer.work, done);
        if (done == qint64(writer.work.size()))
            writer.work.clear();
        else
            writer.work.erase(writer.work.begin(), writer.work.begin() + done);

        bool drained = false;
        {
            std::lock_guard lock(m_mutex);
            ++m_cycles;
            m_lastCycleFailed = !written;
            if (!written)
                m_lastError = written.errorMessage();
            else if (!pruned)
                m_lastError = pruned.errorMessage();
            drained = writer.work.empty() && m_incoming.empty();
            m_progress.notify_all();
        }
        if (!written)
            qWarning("Usage recorder: %s; %lld events kept for the next attempt", qPrintable(written.errorMessage()),
                     qint64(writer.work.size()));
        if (stopping) {
            if (drained)
                break;
            // A vault that stays unwritable must not keep the process from exiting.
            if (!written && ++failuresWhileStopping >= 3) {
                qWarning("Usage recorder: giving up on %lld unwritten events at shutdown", qint64(writer.work.size()));
                break;
            }
        }
    }
    std::lock_guard lock(m_mutex);
    m_running = false;
    m_progress.notify_all();
}

} // namespace kw
