#pragma once

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>
#include <QVariant>

#include <sqlite3.h>

// Bulk writes of usage data through the sqlite3 C API on a Qt connection's handle: QSqlQuery's binding costs a
// formatted placeholder name and a hash lookup per value, which is too slow for hundreds of thousands of rows.
namespace kw::sqlite {

// The sqlite3 handle under a Qt QSQLITE connection, or null.
inline sqlite3* handleOf(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.data());
}

// A prepared statement, finalized with this object (before its connection closes).
class Statement {
public:
    Statement() = default;
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool prepare(sqlite3* db, const char* sql)
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    void finalize()
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    void bindOptional(int i, qint64 v) { v < 0 ? bindNull(i) : bind(i, v); }
    // The string must outlive step(): SQLITE_STATIC spares a copy per value.
    void bind(int i, const QString& v)
    {
        // utf16() of a null QString is "", never a null pointer, so no column ever becomes SQL NULL here.
        sqlite3_bind_text16(m_stmt, i, v.utf16(), int(v.size() * sizeof(QChar)), SQLITE_STATIC);
    }
    // The bytes must outlive step(), as for strings.
    void bindBlob(int i, const void* data, int size) { sqlite3_bind_blob(m_stmt, i, data, size, SQLITE_STATIC); }
    // Runs a statement that returns no rows and resets it for the next use.
    bool run()
    {
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

// Adds one rollup row to usage_rollups, summing into the row of the same bucket, scope and code if there is one.
// Bindings: granularity, bucket, scope, scope_id, code, requests, cost, amount_micros, errors, latency_sum_us,
// latency_count, latency_max_us, bytes, then the 16 latency histogram buckets (14..29, usage::kLatencyBoundsUs).
inline constexpr int kUpsertRollupHistogramFirst = 14;
inline const char* upsertRollupSql()
{
    static const QByteArray text = [] {
        QByteArray columns, values, updates;
        for (int i = 0; i < 16; ++i) {
            const QByteArray c = "latency_h" + QByteArray::number(i);
            columns += ", " + c;
            values += ", ?";
            updates += ", " + c + " = usage_rollups." + c + " + excluded." + c;
        }
        return "INSERT INTO usage_rollups (granularity, bucket, scope, scope_id, code, requests, cost, amount_micros, "
               "errors, latency_sum_us, latency_count, latency_max_us, bytes" +
               columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + values +
               ") ON CONFLICT (granularity, scope, scope_id, bucket, code) DO UPDATE SET "
               "requests = usage_rollups.requests + excluded.requests, cost = usage_rollups.cost + excluded.cost, "
               "amount_micros = usage_rollups.amount_micros + excluded.amount_micros, "
               "errors = usage_rollups.errors + excluded.errors, "
               "latency_sum_us = usage_rollups.latency_sum_us + excluded.latency_sum_us, "
               "latency_count = usage_rollups.latency_count + excluded.latency_count, "
               "latency_max_us = CASE WHEN excluded.latency_max_us > usage_rollups.latency_max_us "
               "THEN excluded.latency_max_us ELSE usage_rollups.latency_max_us END, "
               "bytes = usage_rollups.bytes + excluded.bytes" +
               updates;
    }();
    return text.constData();
}

} // namespace kw::sqlite
