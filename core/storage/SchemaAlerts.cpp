#include "storage/SchemaAlerts.h"

#include "alerts/Alert.h"
#include "storage/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kw::schema {

QStringList alertMigration()
{
    return {
        R"(CREATE TABLE alert_rules (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, enabled INTEGER NOT NULL,
               thresholds TEXT NOT NULL DEFAULT '[]', window_ms BIGINT NOT NULL DEFAULT 0,
               project TEXT NOT NULL DEFAULT '', service TEXT NOT NULL DEFAULT '', severity TEXT NOT NULL,
               notify_contacts INTEGER NOT NULL, notify_owner INTEGER NOT NULL, block_ms BIGINT NOT NULL DEFAULT 0,
               created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL))",
        // dedup_key is unique among open and acknowledged alerts (enforced by the store, portable SQL).
        R"(CREATE TABLE alerts (id INTEGER PRIMARY KEY, rule_id BIGINT NOT NULL DEFAULT 0, kind TEXT NOT NULL,
               dedup_key TEXT NOT NULL, severity TEXT NOT NULL, title TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
               key_id TEXT NOT NULL DEFAULT '', project TEXT NOT NULL DEFAULT '', service TEXT NOT NULL DEFAULT '',
               source_ip TEXT NOT NULL DEFAULT '', first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
               count BIGINT NOT NULL DEFAULT 1, state TEXT NOT NULL, acknowledged_by TEXT NOT NULL DEFAULT '',
               acknowledged_at BIGINT, resolved_by TEXT NOT NULL DEFAULT '', resolved_at BIGINT,
               note TEXT NOT NULL DEFAULT ''))",
        R"(CREATE INDEX alerts_by_dedup ON alerts (dedup_key, state))",
        R"(CREATE INDEX alerts_by_last_seen ON alerts (last_seen))",
        // network: "a.b.c.0/24" or the /64 prefix of an IPv6 address
        R"(CREATE TABLE key_networks (key_id TEXT NOT NULL, network TEXT NOT NULL, first_seen BIGINT NOT NULL,
               PRIMARY KEY (key_id, network)))",
    };
}

Status seedAlertRules(QSqlDatabase& db)
{
    for (const AlertRule& r : AlertRule::defaults()) {
        QJsonArray t;
        for (qint64 v : r.thresholds)
            t.append(v);
        auto q =
            sql::exec(db,
                      QStringLiteral("INSERT INTO alert_rules (kind, enabled, thresholds, window_ms, project, "
                                     "service, severity, notify_contacts, notify_owner, block_ms, created_at, "
                                     "updated_at) VALUES (?, 1, ?, ?, '', '', ?, ?, ?, ?, 0, 0)"),
                      {toString(r.kind), QString::fromUtf8(QJsonDocument(t).toJson(QJsonDocument::Compact)), r.windowMs,
                       toString(r.severity), r.notifyContacts ? 1 : 0, r.notifyOwner ? 1 : 0, r.blockMs},
                      QStringLiteral("write the default alert rules"));
        if (!q)
            return q.error();
    }
    return {};
}

} // namespace kw::schema
