#include "storage/Schema.h"

#include "policy/KeyPolicy.h"
#include "storage/SchemaAlerts.h"
#include "storage/SqlUtil.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace kw::schema {

namespace {

// SQL kept to the portable subset (no SQLite-only types or functions in table definitions) so the same
// statements can later run on PostgreSQL.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> list = {
        // 1: organisation, keys, audit trail
        {
            R"(CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL))",
            R"(CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL))",
            R"(CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                   team_id INTEGER REFERENCES teams(id), key_prefix TEXT NOT NULL, created_at BIGINT NOT NULL))",
            R"(CREATE TABLE environments (id INTEGER PRIMARY KEY,
                   project_id INTEGER NOT NULL REFERENCES projects(id), name TEXT NOT NULL,
                   key_prefix TEXT NOT NULL, UNIQUE (project_id, name)))",
            R"(CREATE TABLE services (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id),
                   name TEXT NOT NULL, UNIQUE (project_id, name)))",
            R"(CREATE TABLE keys (id TEXT PRIMARY KEY, display_id TEXT NOT NULL, hash BLOB NOT NULL UNIQUE,
                   name TEXT NOT NULL, project_id INTEGER NOT NULL REFERENCES projects(id),
                   environment_id INTEGER NOT NULL REFERENCES environments(id),
                   owner TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',
                   metadata TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL, created_at BIGINT NOT NULL,
                   expires_at BIGINT, parent_id TEXT REFERENCES keys(id), is_backup INTEGER NOT NULL DEFAULT 0,
                   secret_enc BLOB, status_reason TEXT NOT NULL DEFAULT '', incident_id TEXT NOT NULL DEFAULT '',
                   status_changed_at BIGINT, last_used_at BIGINT))",
            R"(CREATE INDEX keys_by_project ON keys (project_id, environment_id))",
            R"(CREATE INDEX keys_by_parent ON keys (parent_id))",
            R"(CREATE INDEX keys_by_display_id ON keys (display_id))",
            R"(CREATE INDEX keys_by_expiry ON keys (expires_at))",
            R"(CREATE TABLE key_services (key_id TEXT NOT NULL REFERENCES keys(id),
                   service_id INTEGER NOT NULL REFERENCES services(id), PRIMARY KEY (key_id, service_id)))",
            R"(CREATE TABLE key_dependencies (key_id TEXT NOT NULL REFERENCES keys(id),
                   depends_on TEXT NOT NULL REFERENCES keys(id), PRIMARY KEY (key_id, depends_on)))",
            R"(CREATE INDEX key_dependencies_by_target ON key_dependencies (depends_on))",
            R"(CREATE TABLE audit (seq BIGINT PRIMARY KEY, ts BIGINT NOT NULL, actor TEXT NOT NULL,
                   action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
                   incident TEXT NOT NULL DEFAULT '', details TEXT NOT NULL DEFAULT '{}',
                   prev_hash BLOB NOT NULL, hash BLOB NOT NULL))",
            R"(CREATE INDEX audit_by_target ON audit (target))",
        },
        // 2: policies, rotation and renewal, usage tracking
        {
            R"(CREATE TABLE policy_templates (name TEXT PRIMARY KEY, description TEXT NOT NULL DEFAULT '',
                   policy TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL))",
            // scope: 'workspace', 'project:<id>' or 'env:<id>'; template: a policy_templates name or NULL
            R"(CREATE TABLE policy_scopes (scope TEXT PRIMARY KEY, template TEXT REFERENCES policy_templates(name),
                   policy TEXT NOT NULL DEFAULT '{}'))",
            R"(CREATE TABLE roles (name TEXT PRIMARY KEY, permissions TEXT NOT NULL, created_at BIGINT NOT NULL))",
            R"(ALTER TABLE keys ADD COLUMN policy TEXT NOT NULL DEFAULT '{}')",
            R"(ALTER TABLE keys ADD COLUMN template TEXT REFERENCES policy_templates(name))",
            R"(ALTER TABLE keys ADD COLUMN uses_consumed BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE keys ADD COLUMN uses_period_start BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE keys ADD COLUMN quota_used BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE keys ADD COLUMN quota_period_start BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE keys ADD COLUMN successor_id TEXT)",
            R"(ALTER TABLE keys ADD COLUMN predecessor_id TEXT)",
            R"(ALTER TABLE keys ADD COLUMN rotated_at BIGINT)",
            R"(ALTER TABLE services ADD COLUMN unit_price_micros BIGINT NOT NULL DEFAULT 0)",
            // event: created, renewed, rotated, grace-entered, expired, renewal-requested, renewal-denied
            R"(CREATE TABLE expiration_history (id INTEGER PRIMARY KEY, key_id TEXT NOT NULL REFERENCES keys(id),
                   ts BIGINT NOT NULL, event TEXT NOT NULL, old_expires_at BIGINT, new_expires_at BIGINT,
                   actor TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}'))",
            R"(CREATE INDEX expiration_history_by_key ON expiration_history (key_id, ts))",
            R"(CREATE TABLE renewal_requests (id INTEGER PRIMARY KEY, key_id TEXT NOT NULL REFERENCES keys(id),
                   requested_by TEXT NOT NULL, requested_at BIGINT NOT NULL, extend_ms BIGINT NOT NULL,
                   status TEXT NOT NULL, decided_by TEXT, decided_at BIGINT, reason TEXT NOT NULL DEFAULT ''))",
            // Raw decisions; key_id is '' for keys that were malformed or unknown.
            R"(CREATE TABLE usage_events (id INTEGER PRIMARY KEY, ts BIGINT NOT NULL, key_id TEXT NOT NULL,
                   project TEXT NOT NULL, service TEXT NOT NULL, ip TEXT NOT NULL, code TEXT NOT NULL,
                   cost BIGINT NOT NULL, amount_micros BIGINT NOT NULL, upstream_status INTEGER,
                   latency_us BIGINT, bytes BIGINT))",
            R"(CREATE INDEX usage_events_by_ts ON usage_events (ts))",
            // Pre-aggregated counters so charts never scan raw events. granularity: 'm', 'h', 'd' (bucket =
            // start of the minute/hour/UTC day in ms); scope: 'a' (all; scope_id ''), 'p' (project name),
            // 's' (project/service), 'k' (key id).
            R"(CREATE TABLE usage_rollups (granularity TEXT NOT NULL, bucket BIGINT NOT NULL, scope TEXT NOT NULL,
                   scope_id TEXT NOT NULL, code TEXT NOT NULL, requests BIGINT NOT NULL, cost BIGINT NOT NULL,
                   amount_micros BIGINT NOT NULL, errors BIGINT NOT NULL, latency_sum_us BIGINT NOT NULL,
                   latency_count BIGINT NOT NULL, latency_max_us BIGINT NOT NULL, bytes BIGINT NOT NULL,
                   PRIMARY KEY (granularity, scope, scope_id, bucket, code)))",
        },
        // 3: operators of the key server (token stored as HMAC-SHA256 under the vault pepper)
        {
            R"(CREATE TABLE operators (name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash BLOB NOT NULL UNIQUE,
                   token_display TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT))",
        },
        // 4: key counts for the console's tree without reading key rows. The wider index answers counts by effective
        // status from the index alone (id included, for the joins to service bindings) and replaces keys_by_project,
        // its prefix; keys of one service are found from the service side.
        {
            R"(CREATE INDEX keys_by_scope_status ON keys (project_id, environment_id, status, expires_at, id))",
            R"(DROP INDEX keys_by_project)",
            R"(CREATE INDEX key_services_by_service ON key_services (service_id, key_id))",
        },
        // 5: expiration calendar, incident response, latency percentiles.
        // - grace_ms / rotate_every_ms: the key's own policy values (NULL: inherited), copied out of the policy
        //   JSON so the calendar counts grace periods and scheduled rotations in SQL (filled by backfillVersion5).
        // - keys_by_expiry (widened) and keys_by_rotation: the calendar's counts read these indexes only, never key
        //   rows; scheduled rotations are creation-time ranges per rotation interval (own or inherited).
        // - usage_rollups.latency_h0..15: the latency histogram (usage::kLatencyBoundsUs), summed like the counters.
        // - contacts: project and service in clear (they select contacts), everything else sealed under the
        //   vault's data key. notifications: the outbox; the recipient is sealed too.
        // - usage_events_by_ip: the key filter's client address (a seek), and the first use of each address by a key
        //   for the new-ip anomaly (one pass over the index, which covers it).
        [] {
            QStringList v5{
                R"(ALTER TABLE keys ADD COLUMN grace_ms BIGINT)",
                R"(ALTER TABLE keys ADD COLUMN rotate_every_ms BIGINT)",
                R"(DROP INDEX keys_by_expiry)",
                R"(CREATE INDEX keys_by_expiry ON keys (expires_at, status, project_id, environment_id, template,
                       grace_ms))",
                R"(CREATE INDEX keys_by_rotation ON keys (status, rotate_every_ms, created_at, project_id,
                       environment_id, template, expires_at, successor_id, id))",
                R"(CREATE TABLE contacts (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id),
                       service TEXT NOT NULL DEFAULT '', sealed BLOB NOT NULL, created_at BIGINT NOT NULL,
                       updated_at BIGINT NOT NULL))",
                R"(CREATE INDEX contacts_by_project ON contacts (project_id, service))",
                R"(CREATE TABLE notifications (id INTEGER PRIMARY KEY, created_at BIGINT NOT NULL, kind TEXT NOT NULL,
                       channel TEXT NOT NULL, recipient_sealed BLOB NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                       incident TEXT NOT NULL DEFAULT '', key_ids TEXT NOT NULL DEFAULT '[]', state TEXT NOT NULL,
                       attempts INTEGER NOT NULL DEFAULT 0, sent_at BIGINT, last_error TEXT NOT NULL DEFAULT ''))",
                R"(CREATE INDEX notifications_by_incident ON notifications (incident, id))",
                R"(CREATE INDEX usage_events_by_ip ON usage_events (ip, key_id, ts))",
            };
            for (int i = 0; i < 16; ++i)
                v5 << QStringLiteral("ALTER TABLE usage_rollups ADD COLUMN latency_h%1 BIGINT NOT NULL DEFAULT 0")
                          .arg(i);
            return v5;
        }(),
        // 6: audit, compliance and reports. The actor's role is recorded with each entry; indexes serve the audit
        // view's filters; checkpoints keep the chain verifiable after old entries are pruned; compliance runs
        // give the score's trend. The full-text index (FTS5 with trigrams, so any substring of three characters
        // or more is found) is SQLite's own: on PostgreSQL the same search is a pg_trgm index over the columns.
        // It starts empty and is filled by the first search (AuditLog follows the trail lazily).
        {
            R"(ALTER TABLE audit ADD COLUMN role TEXT NOT NULL DEFAULT '')",
            R"(CREATE INDEX audit_by_ts ON audit (ts))",
            R"(CREATE INDEX audit_by_actor ON audit (actor, seq))",
            R"(CREATE INDEX audit_by_action ON audit (action, seq))",
            R"(CREATE INDEX audit_by_incident ON audit (incident, seq))",
            R"(CREATE TABLE audit_checkpoints (seq BIGINT PRIMARY KEY, hash BLOB NOT NULL, pruned BIGINT NOT NULL,
                   created_at BIGINT NOT NULL, signature BLOB NOT NULL))",
            R"(CREATE TABLE compliance_runs (id INTEGER PRIMARY KEY, ts BIGINT NOT NULL, score INTEGER NOT NULL,
                   keys BIGINT NOT NULL, findings BIGINT NOT NULL, summary TEXT NOT NULL DEFAULT '{}'))",
            R"(CREATE INDEX compliance_runs_by_ts ON compliance_runs (ts))",
            R"(CREATE VIRTUAL TABLE audit_fts USING fts5(actor, role, action, target, reason, incident, details,
                   content='audit', content_rowid='seq', tokenize='trigram'))",
        },
        // 7: alert rules and alerts (SchemaAlerts.cpp); the default rules are written after the tables.
        alertMigration(),
        // 8: notification delivery. The outbox gets its schedule (next_attempt_at), the dispatcher's lease
        // (lease_owner, a random token, and lease_until: a lease that ran out is claimable again, so a dispatcher
        // that died between claiming and recording loses nothing), the webhook format and the sealed PagerDuty routing
        // key,
        // and the attempt count the retry budget starts from (retry_base, moved by retryNotification). Every
        // attempt is a row of notification_deliveries (no secrets: status, reply, error text, duration).
        {
            R"(ALTER TABLE notifications ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE notifications ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '')",
            R"(ALTER TABLE notifications ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0)",
            R"(ALTER TABLE notifications ADD COLUMN format TEXT NOT NULL DEFAULT '')",
            R"(ALTER TABLE notifications ADD COLUMN routing_key_sealed BLOB)",
            R"(ALTER TABLE notifications ADD COLUMN retry_base INTEGER NOT NULL DEFAULT 0)",
            R"(CREATE INDEX notifications_due ON notifications (state, next_attempt_at))",
            R"(CREATE TABLE notification_deliveries (id INTEGER PRIMARY KEY,
                   notification_id INTEGER NOT NULL REFERENCES notifications(id), attempt INTEGER NOT NULL,
                   ts BIGINT NOT NULL, outcome TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0,
                   reply TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '', duration_ms BIGINT NOT NULL DEFAULT 0))",
            R"(CREATE INDEX notification_deliveries_by_notification ON notification_deliveries (notification_id, attempt))",
        },
    };
    return list;
}

// Version 5 copies each key's own grace period and rotation interval out of its policy JSON into columns. JSON is
// read by KeyPolicy, not by SQL functions, so the migration stays portable; only keys whose policy mentions either
// rule are read.
Status backfillVersion5(QSqlDatabase& db)
{
    QSqlQuery read(db);
    if (!read.exec(QStringLiteral("SELECT id, policy FROM keys WHERE policy LIKE '%grace%' OR policy LIKE "
                                  "'%rotateEvery%'")))
        return sql::error(read, QStringLiteral("read key policies for schema version 5"));
    QList<std::tuple<QString, QVariant, QVariant>> rows;
    while (read.next()) {
        auto p = KeyPolicy::fromJsonText(read.value(1).toString());
        if (!p)
            return Error::storage(
                QStringLiteral("The policy of key %1 is damaged: %2").arg(read.value(0).toString(), p.errorMessage()));
        rows.append({read.value(0).toString(), policyColumn(p->graceMs), policyColumn(p->rotateEveryMs)});
    }
    QSqlQuery upd(db);
    upd.prepare(QStringLiteral("UPDATE keys SET grace_ms = ?, rotate_every_ms = ? WHERE id = ?"));
    for (const auto& [id, grace, rotate] : rows) {
        upd.addBindValue(grace);
        upd.addBindValue(rotate);
        upd.addBindValue(id);
        if (!upd.exec())
            return sql::error(upd, QStringLiteral("copy the policy of key %1 for schema version 5").arg(id));
    }
    return {};
}

} // namespace

QVariant policyColumn(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

int latestVersion()
{
    return int(migrations().size());
}

Result<int> currentVersion(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sql::error(q, QStringLiteral("read the vault's schema version"));
    return q.value(0).toInt();
}

Status migrate(QSqlDatabase& db, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestVersion();
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    if (*current > latestVersion())
        return Error::storage(QStringLiteral("This vault uses schema version %1, which is newer than this version "
                                             "of KeyWarden understands (%2). Upgrade KeyWarden to open it.")
                                  .arg(*current)
                                  .arg(latestVersion()));
    if (*current >= targetVersion)
        return {};
    if (!db.transaction())
        return Error::storage(QStringLiteral("Cannot start the schema migration: %1").arg(db.lastError().text()));
    for (int v = *current + 1; v <= targetVersion; ++v) {
        for (const QString& statement : migrations()[v - 1]) {
            QSqlQuery q(db);
            if (!q.exec(statement)) {
                auto err = sql::error(q, QStringLiteral("migrate the vault to schema version %1").arg(v));
                db.rollback();
                return err;
            }
        }
        if (v == 7) {
            if (auto s = seedAlertRules(db); !s) {
                db.rollback();
                return s;
            }
        }
        if (v == 5) {
            if (auto s = backfillVersion5(db); !s) {
                db.rollback();
                return s;
            }
        }
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(targetVersion))) {
        auto err = sql::error(q, QStringLiteral("record the schema version"));
        db.rollback();
        return err;
    }
    if (!db.commit())
        return Error::storage(QStringLiteral("Cannot commit the schema migration: %1").arg(db.lastError().text()));
    return {};
}

} // namespace kw::schema
