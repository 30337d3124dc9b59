#pragma once

#include "alerts/Alert.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace kw::codec {

// JSON of alert rules and alerts, as AlertRule::toJson / Alert::toJson write them. Strict: unknown fields and
// wrong types are errors naming the field.
Result<AlertRule> alertRuleFromJson(const QJsonObject& o);
Result<Alert> alertFromJson(const QJsonObject& o);
// GET /v1/alerts query items: state (open|acknowledged|resolved|active), kind, project, key, limit.
QUrlQuery toQuery(const AlertQuery& query);
Result<AlertQuery> alertQueryFromQuery(const QUrlQuery& query);

} // namespace kw::codec
