#pragma once

#include "usage/UsageEvent.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kw {

// Takes usage events off the verify path and persists them in batches.
//
// record() only appends to an in-memory vector under a mutex; a writer thread wakes every flushIntervalMs (or when
// the queue reaches maxBatch, or on flush()/stop()), swaps the vector for an empty one and writes what it took in
// one transaction per maxBatch events: raw events (unless rawRetentionMs is 0), rollups pre-aggregated in memory,
// and each key's counters. The writer has its own SQLite connection to the vault file, created and used only in
// that thread, so verify never waits on the disk and the caller's connection never waits on the writer (WAL).
//
// A failed batch (e.g. the file stayed locked past the busy timeout) keeps its events in order and is retried at the
// next interval; stats().lastError says why. The queue is unbounded while the file cannot be written: losing
// acknowledged traffic would be worse than memory growth, and queueDepth makes it visible.
//
// Retention runs at most once a minute (by the injected clock): raw events older than rawRetentionMs and minute
// rollups older than 48 hours are deleted; hour and day rollups are kept for good.
class UsageRecorder {
public:
    struct Settings {
        enum class IpPrivacy {
            Full,     // store the address as presented
            Truncate, // IPv4 /24, IPv6 /48 (e.g. 203.0.113.0, 2001:db8:1::); unparseable addresses are dropped
            Drop,     // store no address
        };
        qint64 flushIntervalMs = 200;
        int maxBatch = 65536;                          // events per transaction
        qint64 rawRetentionMs = 30LL * 24 * 3'600'000; // 0: keep no raw events at all, rollups only
        IpPrivacy ipPrivacy = IpPrivacy::Full;
        int busyTimeoutMs = 5000; // how long one write waits for a lock held elsewhere
    };

    struct Stats {
        qint64 recorded = 0;   // events accepted by record()
        qint64 written = 0;    // events committed to the vault file
        qint64 batches = 0;    // committed transactions
        qint64 queueDepth = 0; // recorded - written
        QString lastError;     // of the most recent failed write or pruning; cleared by the next successful batch
    };

    // How old a minute rollup may get before retention deletes it; summaries over older ranges use hours.
    static constexpr qint64 kMinuteRollupRetentionMs = 48LL * 3'600'000;
    // Retention runs at most this often.
    static constexpr qint64 kPruneIntervalMs = 60'000;

    UsageRecorder(const QString& vaultPath, Settings settings, const Clock& clock = Clock::system());
    ~UsageRecorder(); // stop()
    UsageRecorder(const UsageRecorder&) = delete;
    UsageRecorder& operator=(const UsageRecorder&) = delete;

    // Opens the writer's connection (in the writer thread) and starts it; an error if the vault file cannot be
    // opened or is not a vault with the usage tables.
    Status start();
    bool isRunning() const;

    // Thread-safe; no I/O and no waiting on the writer. An event with timeMs 0 is stamped with the clock's now.
    // Events recorded before start() are kept and written once the writer runs.
    void record(UsageEvent&& event);
    void record(const UsageEvent& event) { record(UsageEvent(event)); }

    // Returns once every event recorded before the call is committed, or with the error of the write that failed.
    Status flush();
    // Writes everything still queued, then ends the writer thread. Idempotent; start() may be called again.
    void stop();

    Stats stats() const;
    const Settings& settings() const { return m_settings; }

private:
    class Writer;
    void run(Writer& writer);
    Status writeAll(Writer& writer, std::vector<UsageEvent>& work, qint64& done);

    const QString m_path;
    const Settings m_settings;
    const Clock& m_clock;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;     // the writer waits here for the interval, a full batch, flush or stop
    std::condition_variable m_progress; // flush() waits here for the writer
    std::vector<UsageEvent> m_incoming; // what record() appends to; swapped out whole by the writer
    qint64 m_recorded = 0;
    qint64 m_written = 0;
    qint64 m_batches = 0;
    qint64 m_cycles = 0; // completed write attempts, so flush() can tell a failure that happened after it asked
    bool m_lastCycleFailed = false;
    QString m_lastError;
    bool m_flushRequested = false;
    bool m_stopRequested = false;
    bool m_running = false;
    std::thread m_thread;
};

} // namespace kw
