#include "storage/SqlUtil.h"

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

Transaction::Transaction(QSqlDatabase& db) : m_db(db), m_started(db.transaction()) {}

Transaction::~Transaction()
{
    if (m_started && !m_done)
        m_db.rollback();
}

Status Transaction::commit()
{
    if (!m_started)
        return error(m_db, QStringLiteral("start a transaction"));
    m_done = true;
    if (!m_db.commit()) {
        auto err = error(m_db, QStringLiteral("save the change"));
        m_db.rollback();
        return err;
    }
    return {};
}

} // namespace kw::sql
