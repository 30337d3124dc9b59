#pragma once

#include "util/Result.h"

#include <QStringList>

class QSqlDatabase;

namespace kw::schema {

// The alert rules, alerts and the networks each key was used from (schema version 7).
QStringList alertMigration();
// Writes AlertRule::defaults() into a vault that has no rule yet (part of the same migration).
Status seedAlertRules(QSqlDatabase& db);

} // namespace kw::schema
