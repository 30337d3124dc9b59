// LocalVault, part five: operators of the key server.
#include "storage/LocalVault.h"

#include "crypto/KeyFormat.h"
#include "domain/Names.h"
#include "storage/SqlUtil.h"

namespace kw {

namespace {

const QString kTokenPrefix = QStringLiteral("kwop_");

} // namespace

Result<Backend::IssuedOperator> LocalVault::createOperator(const QString& name, OperatorRole role)
{
    if (auto s = names::validateTeamOrProject(QStringLiteral("Operator"), name); !s)
        return s.error();
    auto exists = sql::exec(m_vault->db(), QStringLiteral("SELECT revoked_at FROM operators WHERE name = ?"), {name},
                            QStringLiteral("look up operator"));
    if (!exists)
        return exists.error();
    if (exists->next())
        return Error::conflict(QStringLiteral("Operator \"%1\" already exists").arg(name));
    auto token = KeyFormat::generate(kTokenPrefix);
    if (!token)
        return token.error();
    const crypto::Digest d = m_vault->hashSecret(token->view());
    const QString display = KeyFormat::displayIdOf(token->view());
    const qint64 now = m_clock.nowMs();
    sql::Transaction tx(m_vault->db());
    auto q = sql::exec(
        m_vault->db(),
        QStringLiteral("INSERT INTO operators (name, role, token_hash, token_display, created_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {name, toString(role), QByteArray(reinterpret_cast<const char*>(d.data()), int(d.size())), display, now},
        QStringLiteral("create operator %1").arg(name));
    if (!q)
        return q.error();
    if (auto s = audit(QStringLiteral("operator.create"), name, {},
                       QJsonObject{{"role", toString(role)}, {"token", display}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return IssuedOperator{Operator{name, role, now, 0, display}, std::move(*token)};
}

Result<QList<Operator>> LocalVault::operators()
{
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT name, role, created_at, revoked_at, token_display FROM operators "
                                      "ORDER BY name"),
                       {}, QStringLiteral("list operators"));
    if (!q)
        return q.error();
    QList<Operator> out;
    while (q->next())
        out.append({q->value(0).toString(),
                    operatorRoleFromString(q->value(1).toString()).value_or(OperatorRole::Auditor),
                    q->value(2).toLongLong(), q->value(3).toLongLong(), q->value(4).toString()});
    return out;
}

Status LocalVault::revokeOperator(const QString& name)
{
    sql::Transaction tx(m_vault->db());
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("UPDATE operators SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"),
                       {m_clock.nowMs(), name}, QStringLiteral("revoke operator %1").arg(name));
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::notFound(QStringLiteral("No active operator named \"%1\"").arg(name));
    if (auto s = audit(QStringLiteral("operator.revoke"), name); !s)
        return s;
    return tx.commit();
}

Result<Operator> LocalVault::whoami()
{
    return Operator{m_actor, OperatorRole::Admin, 0, 0, {}};
}

Result<Operator> LocalVault::authenticateOperator(QByteArrayView token)
{
    if (!token.startsWith(QByteArrayView("kwop_")) || !KeyFormat::isWellFormed(token))
        return Error::unauthorized(QStringLiteral("Not an operator token"));
    const crypto::Digest d = m_vault->hashSecret(token);
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT name, role, created_at, revoked_at, token_display FROM operators "
                                      "WHERE token_hash = ?"),
                       {QByteArray(reinterpret_cast<const char*>(d.data()), int(d.size()))},
                       QStringLiteral("authenticate operator"));
    if (!q)
        return q.error();
    if (!q->next() || !q->value(3).isNull())
        return Error::unauthorized(QStringLiteral("Unknown or revoked operator token"));
    return Operator{q->value(0).toString(),
                    operatorRoleFromString(q->value(1).toString()).value_or(OperatorRole::Verifier),
                    q->value(2).toLongLong(), 0, q->value(4).toString()};
}

} // namespace kw
