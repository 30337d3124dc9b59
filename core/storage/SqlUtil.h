#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace kw::sql {

// "Cannot <what>: <driver message>" as a storage error.
Error error(const QSqlQuery& query, const QString& what);
Error error(const QSqlDatabase& db, const QString& what);

// Prepares and runs a statement with positional bindings; the error names `what` failed.
Result<QSqlQuery> exec(QSqlDatabase& db, const QString& statement, const QVariantList& bindings, const QString& what);

// A transaction that rolls back unless committed: every mutation of the vault is all-or-nothing.
// Nested use on the same connection becomes a SAVEPOINT, so an operation that is a transaction on its own
// (issuing a key) can also be one step of a larger one (rotating a key) without a second code path.
class Transaction {
public:
    explicit Transaction(QSqlDatabase& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool started() const { return m_started; }
    Status commit();

private:
    QSqlDatabase& m_db;
    int m_depth = 0; // 0: outermost (BEGIN/COMMIT), n: SAVEPOINT kw_n
    bool m_started = false;
    bool m_done = false;
};

// NULL for 0, the value otherwise (optional timestamps).
inline QVariant nullableTime(qint64 ms)
{
    return ms == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(ms);
}

} // namespace kw::sql
