#include "storage/KeyFilterSql.h"

#include "policy/IpAddress.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kw::sql {

namespace {

// A LIKE pattern that matches `text` literally (with ESCAPE '\').
QString likeLiteral(const QString& text)
{
    QString p = text;
    p.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    return p;
}

// Tags are stored as a compact JSON array, e.g. ["pci","eu"]. Wrapped as ,"pci","eu", every tag is one JSON string
// between two commas; a quote inside a tag is escaped, so ,"pci", cannot occur inside another tag's encoding.
QString tagNeedle(const QString& tag)
{
    QByteArray encoded = QJsonDocument(QJsonArray{tag}).toJson(QJsonDocument::Compact);
    encoded = encoded.mid(1, encoded.size() - 2); // drop [ and ]
    return u',' + QString::fromUtf8(encoded) + u',';
}

} // namespace

Result<Condition> keyFilterCondition(const KeyFilter& f, qint64 nowMs, const std::optional<QString>& parentId)
{
    if (!f.service.isEmpty() && f.withoutService)
        return Error::invalid(QStringLiteral("A key filter cannot ask for keys of service \"%1\" and for keys without "
                                             "a service at once")
                                  .arg(f.service));
    if (f.expiresBeforeMs < 0 || f.expiresAfterMs < 0)
        return Error::invalid(QStringLiteral("The expiry bounds of a key filter must not be negative"));
    if (f.createdFromMs < 0 || f.createdToMs < 0)
        return Error::invalid(QStringLiteral("The creation bounds of a key filter must not be negative"));
    if (f.createdFromMs > 0 && f.createdToMs > 0 && f.createdFromMs >= f.createdToMs)
        return Error::invalid(QStringLiteral("The creation range of a key filter ends before it starts"));
    if (f.expiresAfterMs > 0 && f.expiresBeforeMs > 0 && f.expiresAfterMs > f.expiresBeforeMs)
        return Error::invalid(QStringLiteral("The expiry range of a key filter ends before it starts"));
    QStringList where;
    QVariantList binds;
    if (!f.team.isEmpty()) {
        where << QStringLiteral(
            "k.project_id IN (SELECT p.id FROM projects p JOIN teams t ON t.id = p.team_id WHERE t.name = ?)");
        binds << f.team;
    }
    if (!f.project.isEmpty()) {
        where << QStringLiteral("k.project_id IN (SELECT p.id FROM projects p WHERE p.name = ?)");
        binds << f.project;
    }
    if (!f.environment.isEmpty()) {
        where << QStringLiteral("k.environment_id IN (SELECT e.id FROM environments e WHERE e.name = ?)");
        binds << f.environment;
    }
    if (!f.service.isEmpty()) {
        // Keys are bound to services of their own project only, so the name selects the right ones; with a project
        // given, only that project's bindings are read.
        QString services =
            QStringLiteral("SELECT ks.key_id FROM key_services ks JOIN services s ON s.id = ks.service_id "
                           "WHERE s.name = ?");
        binds << f.service;
        if (!f.project.isEmpty()) {
            services += QStringLiteral(" AND s.project_id IN (SELECT p.id FROM projects p WHERE p.name = ?)");
            binds << f.project;
        }
        where << QStringLiteral("k.id IN (%1)").arg(services);
    }
    if (f.withoutService)
        where << QStringLiteral("NOT EXISTS (SELECT 1 FROM key_services ks WHERE ks.key_id = k.id)");
    if (f.status) {
        switch (*f.status) {
        case KeyStatus::Active:
        case KeyStatus::Rotating:
            where << QStringLiteral("k.status = ? AND (k.expires_at IS NULL OR k.expires_at > ?)");
            binds << toString(*f.status) << nowMs;
            break;
        case KeyStatus::Expired:
            where << QStringLiteral("k.status IN ('active', 'rotating') AND k.expires_at <= ?");
            binds << nowMs;
            break;
        case KeyStatus::Suspended:
        case KeyStatus::Revoked:
            where << QStringLiteral("k.status = ?");
            binds << toString(*f.status);
            break;
        }
    }
    if (!f.tag.isEmpty()) {
        // The plain LIKE is a cheap first pass; the wrapped form is the exact test.
        const QString needle = tagNeedle(f.tag);
        where << QStringLiteral("k.tags LIKE ? ESCAPE '\\' AND "
                                "(',' || substr(k.tags, 2, length(k.tags) - 2) || ',') LIKE ? ESCAPE '\\'");
        binds << u'%' + likeLiteral(needle.mid(1, needle.size() - 2)) + u'%' << u'%' + likeLiteral(needle) + u'%';
    }
    if (f.expiresBeforeMs > 0) {
        where << QStringLiteral("k.expires_at IS NOT NULL AND k.expires_at <= ? AND k.status <> 'revoked'");
        binds << f.expiresBeforeMs;
    }
    if (f.expiresAfterMs > 0) {
        where << QStringLiteral("k.expires_at IS NOT NULL AND k.expires_at >= ? AND k.status <> 'revoked'");
        binds << f.expiresAfterMs;
    }
    if (!f.owner.isEmpty()) {
        // Owners are e-mail addresses or names: compared without case (ASCII, the same in SQLite and PostgreSQL).
        where << QStringLiteral("lower(k.owner) = lower(?)");
        binds << f.owner.trimmed();
    }
    if (f.createdFromMs > 0) {
        where << QStringLiteral("k.created_at >= ?");
        binds << f.createdFromMs;
    }
    if (f.createdToMs > 0) {
        where << QStringLiteral("k.created_at < ?");
        binds << f.createdToMs;
    }
    if (!f.clientIp.isEmpty()) {
        // Raw usage events keep the address as recorded: in full, or truncated to its /24 (IPv4) or /48 (IPv6)
        // network when the vault anonymises addresses, so the truncated form of the address matches too.
        const auto addr = IpAddress::parse(QStringView(f.clientIp.trimmed()));
        if (!addr)
            return Error::invalid(QStringLiteral("The client address \"%1\" of a key filter is not an IPv4 or IPv6 "
                                                 "address")
                                      .arg(f.clientIp));
        const QString truncated = addr->isV4() ? IpAddress::fromV4(addr->toV4() & 0xffff'ff00u).toString()
                                               : IpAddress::fromV6(addr->hi() & 0xffff'ffff'ffff'0000ULL, 0).toString();
        where << QStringLiteral("k.id IN (SELECT e.key_id FROM usage_events e WHERE e.ip IN (?, ?, ?))");
        binds << f.clientIp.trimmed() << addr->toString() << truncated;
    }
    if (parentId) {
        if (parentId->isEmpty()) {
            where << QStringLiteral("k.parent_id IS NULL");
        } else {
            where << QStringLiteral("k.parent_id = ?");
            binds << *parentId;
        }
    }
    if (!f.text.isEmpty()) {
        where << QStringLiteral("(k.name LIKE ? ESCAPE '\\' OR k.display_id LIKE ? ESCAPE '\\' OR k.owner LIKE ? "
                                "ESCAPE '\\' OR k.tags LIKE ? ESCAPE '\\' OR k.id = ?)");
        const QString pattern = u'%' + likeLiteral(f.text) + u'%';
        binds << pattern << pattern << pattern << pattern << f.text;
    }
    return Condition{where.join(QStringLiteral(" AND ")), binds};
}

QString expiredCondition()
{
    return QStringLiteral("k.status IN ('active', 'rotating') AND k.expires_at <= ?");
}

} // namespace kw::sql
