#include "domain/Organization.h"

#include "util/Json.h"

namespace kw {

QJsonObject Team::toJson() const
{
    return {{"id", id}, {"name", name}, {"createdAt", json::time(createdAt)}};
}

QJsonObject Project::toJson() const
{
    return {{"id", id}, {"name", name}, {"team", team}, {"keyPrefix", keyPrefix}, {"createdAt", json::time(createdAt)}};
}

QJsonObject Environment::toJson() const
{
    return {{"id", id}, {"project", project}, {"name", name}, {"keyPrefix", keyPrefix}};
}

QJsonObject Service::toJson() const
{
    return {{"id", id}, {"project", project}, {"name", name}};
}

} // namespace kw
