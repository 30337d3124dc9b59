#include "storage/SqlUtil.h"

#include <QHash>

namespace kw::sql {

Error error(const QSqlQuery& query, const QString& what)
{
    return Error::storage(QStringLiteral("Cannot %1: %2").arg(what, query.lastError().text()));
}

Error error(const QSqlDatabase& db, const QString& what)
{
    return Error::storage(QStringLiteral("Cannot %1: %2").arg(what, db.lastError().text()));
}

Result<QSqlQuery> exec(QSqlDatabase& db, const QString& statement, const QVariantList& bindings, const QString& what)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(statement))
        return error(q, what);
    for (const QVariant& v : bindings) {
        // Qt's SQLite driver binds a null QString as SQL NULL; an empty string the caller passed is ''.
        // Only an explicitly typed, uninitialised QVariant means NULL.
        if (v.typeId() == QMetaType::QString && !v.isNull() && v.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(v);
    }
    if (!q.exec())
        return error(q, what);
    return q;
}

namespace {

// Open transaction depth per connection. Connections are used from one thread each.
QHash<QString, int>& depths()
{
    thread_local QHash<QString, int> d;
    return d;
}

bool run(QSqlDatabase& db, const QString& statement)
{
    QSqlQuery q(db);
    return q.exec(statement);
}

} // namespace

Transaction::Transaction(QSqlDatabase& db) : m_db(db)
{
    int& depth = depths()[db.connectionName()];
    m_depth = depth;
    m_started = m_depth == 0 ? db.transaction() : run(db, QStringLiteral("SAVEPOINT kw_%1").arg(m_depth));
    if (m_started)
        ++depth;
}

Transaction::~Transaction()
{
    if (!m_started || m_done)
        return;
    if (m_depth == 0) {
        m_db.rollback();
    } else {
        run(m_db, QStringLiteral("ROLLBACK TO kw_%1").arg(m_depth));
        run(m_db, QStringLiteral("RELEASE kw_%1").arg(m_depth));
    }
    --depths()[m_db.connectionName()];
}

Status Transaction::commit()
{
    if (!m_started)
        return error(m_db, QStringLiteral("start a transaction"));
    m_done = true;
    --depths()[m_db.connectionName()];
    if (m_depth > 0) {
        if (!run(m_db, QStringLiteral("RELEASE kw_%1").arg(m_depth)))
            return error(m_db, QStringLiteral("save the change"));
        return {};
    }
    if (!m_db.commit()) {
        auto err = error(m_db, QStringLiteral("save the change"));
        m_db.rollback();
        return err;
    }
    return {};
}

} // namespace kw::sql
