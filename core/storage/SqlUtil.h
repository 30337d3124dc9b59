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
Result<QSqlQuery> exec(QSqlDatabase& db, const QString& statement, const QVariantList& bindings,
                       const QString& what);

// A transaction that rolls back unless committed: every mutation of the vault is all-or-nothing.
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
    bool m_started = false;
    bool m_done = false;
};

// NULL for 0, the value otherwise (optional timestamps).
inline QVariant nullableTime(qint64 ms)
{
    return ms == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(ms);
}

} // namespace kw::sql
