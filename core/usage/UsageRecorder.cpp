#include "usage/UsageRecorder.h"

#include "policy/IpAddress.h"
#include "usage/UsageReport.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtDebug>

#include <future>
#include <limits>

namespace kw {

namespace {

using IpPrivacy = UsageRecorder::Settings::IpPrivacy;

// Qt's SQLite driver binds a null QString as SQL NULL; the usage columns are NOT NULL and '' means "none".
const QString& notNull(const QString& s)
{
    static const QString empty = QStringLiteral("");
    return s.isNull() ? empty : s;
}

QVariant nullIfNegative(qint64 v)
{
    return v < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(v);
}

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
    QChar granularity;
    QChar scope;
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
class UsageRecorder::Writer {
public:
    explicit Writer(const Settings& settings) : m_settings(settings) {}
    ~Writer()
    {
        m_insertEvent.reset();
        m_upsertRollup.reset();
        m_updateKey.reset();
        m_tx.reset();
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
    Status execTx(const char* statement);
    Status upsertRollups();
    Status updateKeys();
    QString anonymise(const QString& ip);

    const Settings& m_settings;
    QString m_connection;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_tx;
    std::unique_ptr<QSqlQuery> m_insertEvent;
    std::unique_ptr<QSqlQuery> m_upsertRollup;
    std::unique_ptr<QSqlQuery> m_updateKey;
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
        return Error::storage(QStringLiteral("Cannot open the vault file %1 for usage tracking: %2")
                                  .arg(path, m_db.lastError().text()));
    QSqlQuery q(m_db);
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"}) {
        if (!q.exec(QString::fromLatin1(pragma)))
            return queryError(q, QStringLiteral("configure the usage connection (%1)").arg(QString::fromLatin1(pragma)));
    }

    auto prepare = [this, &path](std::unique_ptr<QSqlQuery>& query, const QString& statement) -> Status {
        query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(statement))
            return queryError(*query, QStringLiteral("prepare the usage statements (is %1 a vault?)").arg(path));
        return {};
    };
    m_tx = std::make_unique<QSqlQuery>(m_db);
    Status s = prepare(m_insertEvent, QStringLiteral(
        "INSERT INTO usage_events (ts, key_id, project, service, ip, code, cost, amount_micros, upstream_status, "
        "latency_us, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (s)
        s = prepare(m_upsertRollup, QStringLiteral(
            "INSERT INTO usage_rollups (granularity, bucket, scope, scope_id, code, requests, cost, amount_micros, "
            "errors, latency_sum_us, latency_count, latency_max_us, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (granularity, scope, scope_id, bucket, code) DO UPDATE SET "
            "requests = usage_rollups.requests + excluded.requests, cost = usage_rollups.cost + excluded.cost, "
            "amount_micros = usage_rollups.amount_micros + excluded.amount_micros, "
            "errors = usage_rollups.errors + excluded.errors, "
            "latency_sum_us = usage_rollups.latency_sum_us + excluded.latency_sum_us, "
            "latency_count = usage_rollups.latency_count + excluded.latency_count, "
            "latency_max_us = CASE WHEN excluded.latency_max_us > usage_rollups.latency_max_us "
            "THEN excluded.latency_max_us ELSE usage_rollups.latency_max_us END, "
            "bytes = usage_rollups.bytes + excluded.bytes"));
    // COALESCE keeps a counter the batch did not report; last_used_at only moves forward.
    if (s)
        s = prepare(m_updateKey, QStringLiteral(
            "UPDATE keys SET uses_consumed = COALESCE(?, uses_consumed), "
            "uses_period_start = COALESCE(?, uses_period_start), quota_used = COALESCE(?, quota_used), "
            "quota_period_start = COALESCE(?, quota_period_start), "
            "last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? THEN COALESCE(?, last_used_at) "
            "ELSE last_used_at END WHERE id = ?"));
    return s;
}

Status UsageRecorder::Writer::execTx(const char* statement)
{
    if (!m_tx->exec(QString::fromLatin1(statement)))
        return queryError(*m_tx, QStringLiteral("write usage events (%1)").arg(QString::fromLatin1(statement)));
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
    // IMMEDIATE takes the write lock up front, so waiting for it goes through the busy timeout instead of failing
    // half-way when a deferred read transaction tries to upgrade.
    if (Status s = execTx("BEGIN IMMEDIATE"); !s)
        return s;
    auto fail = [this](Error e) -> Status {
        m_tx->exec(QStringLiteral("ROLLBACK"));
        return e;
    };

    const bool storeRaw = m_settings.rawRetentionMs != 0;
    QSqlQuery& ins = *m_insertEvent;
    const QVariant noValue(QMetaType::fromType<qint64>());
    for (const UsageEvent* e = begin; e != end; ++e) {
        if (storeRaw) {
            ins.bindValue(0, e->timeMs);
            ins.bindValue(1, notNull(e->keyId));
            ins.bindValue(2, notNull(e->project));
            ins.bindValue(3, notNull(e->service));
            ins.bindValue(4, notNull(anonymise(e->clientIp)));
            ins.bindValue(5, notNull(e->code));
            ins.bindValue(6, e->cost);
            ins.bindValue(7, e->amountMicros);
            ins.bindValue(8, e->upstreamStatus > 0 ? QVariant(e->upstreamStatus) : noValue);
            ins.bindValue(9, nullIfNegative(e->latencyUs));
            ins.bindValue(10, nullIfNegative(e->bytes));
            if (!ins.exec())
                return fail(queryError(ins, QStringLiteral("store a usage event")));
        }
        m_fine[FineKey{usage::bucketStart(e->timeMs, usage::kMinuteMs), e->keyId, e->project, e->service, e->code}]
            .add(*e);
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
        return fail(s.error());
    if (Status s = updateKeys(); !s)
        return fail(s.error());
    if (Status s = execTx("COMMIT"); !s)
        return fail(s.error());
    return {};
}

Status UsageRecorder::Writer::upsertRollups()
{
    static const QChar grans[] = {u'm', u'h', u'd'};
    static const qint64 sizes[] = {usage::kMinuteMs, usage::kHourMs, usage::kDayMs};
    for (auto it = m_fine.cbegin(); it != m_fine.cend(); ++it) {
        const FineKey& f = it.key();
        QString service;
        if (!f.service.isEmpty())
            service = f.project + u'/' + f.service;
        for (int g = 0; g < 3; ++g) {
            const qint64 bucket = usage::bucketStart(f.minute, sizes[g]);
            m_rollups[RollupKey{grans[g], u'a', QString(), bucket, f.code}].add(it.value());
            if (!f.project.isEmpty())
                m_rollups[RollupKey{grans[g], u'p', f.project, bucket, f.code}].add(it.value());
            if (!service.isEmpty())
                m_rollups[RollupKey{grans[g], u's', service, bucket, f.code}].add(it.value());
            if (!f.keyId.isEmpty())
                m_rollups[RollupKey{grans[g], u'k', f.keyId, bucket, f.code}].add(it.value());
        }
    }
    QSqlQuery& q = *m_upsertRollup;
    for (auto it = m_rollups.cbegin(); it != m_rollups.cend(); ++it) {
        const RollupKey& k = it.key();
        const Counts& c = it.value();
        q.bindValue(0, QString(k.granularity));
        q.bindValue(1, k.bucket);
        q.bindValue(2, QString(k.scope));
        q.bindValue(3, notNull(k.scopeId));
        q.bindValue(4, notNull(k.code));
        q.bindValue(5, c.requests);
        q.bindValue(6, c.cost);
        q.bindValue(7, c.amountMicros);
        q.bindValue(8, c.errors);
        q.bindValue(9, c.latencySumUs);
        q.bindValue(10, c.latencyCount);
        q.bindValue(11, c.latencyMaxUs);
        q.bindValue(12, c.bytes);
        if (!q.exec())
            return queryError(q, QStringLiteral("update the usage rollups"));
    }
    return {};
}

Status UsageRecorder::Writer::updateKeys()
{
    QSqlQuery& q = *m_updateKey;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        const KeyCounters& k = it.value();
        if (k.usesConsumed < 0 && k.usesPeriodStart < 0 && k.quotaUsed < 0 && k.quotaPeriodStart < 0 &&
            k.lastUsedAt < 0)
            continue;
        q.bindValue(0, nullIfNegative(k.usesConsumed));
        q.bindValue(1, nullIfNegative(k.usesPeriodStart));
        q.bindValue(2, nullIfNegative(k.quotaUsed));
        q.bindValue(3, nullIfNegative(k.quotaPeriodStart));
        q.bindValue(4, nullIfNegative(k.lastUsedAt));
        q.bindValue(5, nullIfNegative(k.lastUsedAt));
        q.bindValue(6, it.key());
        if (!q.exec())
            return queryError(q, QStringLiteral("update the usage counters of key %1").arg(it.key()));
    }
    return {};
}

Status UsageRecorder::Writer::pruneIfDue(qint64 nowMs)
{
    if (m_lastPruneMs != std::numeric_limits<qint64>::min() && nowMs - m_lastPruneMs < kPruneIntervalMs)
        return {};
    m_lastPruneMs = nowMs;
    if (Status s = execTx("BEGIN IMMEDIATE"); !s)
        return s;
    QSqlQuery q(m_db);
    auto run = [&](const QString& statement, qint64 cutoff) {
        return q.prepare(statement) && (q.addBindValue(cutoff), q.exec());
    };
    // With rawRetentionMs 0 nothing new is stored; raw events an earlier configuration kept are left alone rather
    // than deleted by a setting that only says "do not store".
    bool ok = m_settings.rawRetentionMs <= 0 ||
              run(QStringLiteral("DELETE FROM usage_events WHERE ts < ?"), nowMs - m_settings.rawRetentionMs);
    ok = ok && run(QStringLiteral("DELETE FROM usage_rollups WHERE granularity = 'm' AND bucket < ?"),
                   nowMs - kMinuteRollupRetentionMs);
    if (!ok) {
        Error e = queryError(q, QStringLiteral("delete expired usage data"));
        q.finish();
        m_tx->exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    q.finish();
    if (Status s = execTx("COMMIT"); !s) {
        m_tx->exec(QStringLiteral("ROLLBACK"));
        return s;
    }
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
        return Error::conflict(QStringLiteral("The usage recorder is not running; %1 events are waiting")
                                   .arg(target - m_written));
    const qint64 startCycle = m_cycles;
    m_flushRequested = true;
    m_wake.notify_one();
    m_progress.wait(lock, [&] {
        return m_written >= target || (m_cycles > startCycle && m_lastCycleFailed) || !m_running;
    });
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
