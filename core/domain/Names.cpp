#include "domain/Names.h"

#include <QRegularExpression>

namespace kw::names {

namespace {

Status check(const QString& what, const QString& name, const QRegularExpression& re, const QString& rule)
{
    if (name.isEmpty())
        return Error::invalid(QStringLiteral("%1 name is empty").arg(what));
    if (!re.match(name).hasMatch())
        return Error::invalid(QStringLiteral("%1 name \"%2\" is not allowed: %3").arg(what, name, rule));
    return {};
}

} // namespace

Status validateTeamOrProject(const QString& what, const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return check(what, name, re,
                 QStringLiteral("use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
}

Status validateEnvironment(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9-]{0,31}$"));
    return check(QStringLiteral("Environment"), name, re,
                 QStringLiteral("use 1-32 lowercase letters, digits or '-', starting with a letter or digit"));
}

Status validateService(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return check(QStringLiteral("Service"), name, re,
                 QStringLiteral("use 1-64 lowercase letters, digits, '.', '_' or '-'"));
}

Status validateKeyName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(QStringLiteral("Key name is empty"));
    if (name.size() > 200)
        return Error::invalid(QStringLiteral("Key name is longer than 200 characters"));
    for (QChar c : name) {
        if (!c.isPrint())
            return Error::invalid(QStringLiteral("Key name contains a control character"));
    }
    return {};
}

Status validateTag(const QString& tag)
{
    if (tag.trimmed().isEmpty())
        return Error::invalid(QStringLiteral("A tag is empty"));
    if (tag.size() > 64)
        return Error::invalid(QStringLiteral("Tag \"%1...\" is longer than 64 characters").arg(tag.left(20)));
    for (QChar c : tag) {
        if (!c.isPrint())
            return Error::invalid(QStringLiteral("A tag contains a control character"));
    }
    return {};
}

} // namespace kw::names
