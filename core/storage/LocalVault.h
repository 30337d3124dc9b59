#pragma once

#include "Backend.h"
#include "audit/AuditLog.h"
#include "storage/KeyFilterSql.h"
#include "storage/PolicyStore.h"
#include "storage/Vault.h"
#include "usage/UsageImport.h"
#include "util/Clock.h"
#include "verify/VerificationEngine.h"

#include <functional>
#include <memory>

namespace kw {

// The backend over a local vault file. Owns the unlocked Vault; every mutation runs in one SQLite
// transaction together with its audit entry, then announces what changed.
class LocalVault final : public Backend {
    Q_OBJECT
public:
    LocalVault(std::unique_ptr<Vault> vault, QString actor, const Clock& clock = Clock::system(),
               QObject* parent = nullptr);
    ~LocalVault() override;

    Vault& vault() { return *m_vault; }
    const Clock& clock() const { return m_clock; }

    QString actor() const override { return m_actor; }
    QString location() const override { return m_vault->path(); }

    Result<Team> createTeam(const QString& name) override;
    Result<QList<Team>> teams() override;
    Result<Project> createProject(const ProjectSpec& spec) override;
    Result<QList<Project>> projects() override;
    Result<Environment> createEnvironment(const QString& project, const QString& name,
                                          const QString& keyPrefix = {}) override;
    Result<QList<Environment>> environments(const QString& project) override;
    Result<Service> createService(const QString& project, const QString& name) override;
    Result<QList<Service>> services(const QString& project) override;

    Result<IssuedKey> createKey(const KeySpec& spec) override;
    Result<QList<KeyRecord>> keys(const KeyFilter& filter) override;
    Result<KeyRecord> key(const QString& ref) override;
    Result<qint64> countKeys(const KeyFilter& filter) override;
    Result<QList<KeyCount>> keyCounts(const KeyFilter& filter, KeyGrouping grouping) override;
    Result<KeyRecord> updateKey(const QString& ref, const KeyUpdate& update, const QString& reason) override;
    Result<KeyRecord> suspendKey(const QString& ref, const QString& reason) override;
    Result<KeyRecord> resumeKey(const QString& ref, const QString& reason) override;
    Result<RevocationPlan> planRevocation(const QStringList& refs, bool cascade) override;
    Result<RevocationPlan> revokeKeys(const RevocationRequest& request) override;
    Result<VerifyResult> verifyKey(const SecureBytes& secret, const VerifyContext& context) override;

    // Audit, compliance and reports (LocalVaultAudit.cpp)
    Result<QList<AuditEntry>> auditEntries(const AuditQuery& query) override;
    Result<AuditVerification> verifyAudit() override;
    Result<qint64> countAuditEntries(const AuditQuery& query) override;
    Result<AuditStatus> auditStatus() override;
    Result<AuditSettings> auditSettings() override;
    Status setAuditSettings(const AuditSettings& settings) override;
    Result<AuditPruneReport> pruneAudit(qint64 beforeMs) override;
    Result<ComplianceConfig> complianceConfig() override;
    Status setComplianceConfig(const ComplianceConfig& config) override;
    Result<ComplianceReport> runCompliance() override;
    Result<QList<ComplianceRunSummary>> complianceHistory(int limit) override;
    Result<SignedReport> createReport(const ReportRequest& request) override;
    Result<QString> reportPublicKey() override;
    // The role recorded with each audit entry: "local" for the vault's own user; the server sets the operator's.
    void setActorRole(const QString& role) { m_actorRole = role; }
    QString actorRole() const { return m_actorRole; }

    Result<IssuedOperator> createOperator(const QString& name, OperatorRole role) override;
    Result<QList<Operator>> operators() override;
    Status revokeOperator(const QString& name) override;
    Result<Operator> whoami() override;
    // The operator a presented token belongs to; Unauthorized for unknown or revoked tokens.
    Result<Operator> authenticateOperator(QByteArrayView token);

    // The server acts for many operators through one vault: it names the actor of each request.
    void setActor(const QString& actor) { m_actor = actor; }

    Result<IssuedKey> rotateKey(const QString& ref, std::optional<qint64> overlapMs) override;
    Result<RenewalOutcome> renewKey(const QString& ref, qint64 extendMs, const QString& reason) override;
    Result<QList<RenewalRequest>> renewalRequests(bool pendingOnly) override;
    Result<RenewalOutcome> decideRenewal(qint64 requestId, bool approve, const QString& reason) override;
    Result<QList<ExpirationEvent>> expirationHistory(const QString& ref) override;
    Result<MaintenanceReport> runMaintenance() override;
    Result<QList<ExpiryDay>> expiryCalendar(const KeyFilter& scope, qint64 fromMs, qint64 toMs,
                                            int utcOffsetSeconds) override;
    Result<QList<ScheduledRotation>> scheduledRotations(const KeyFilter& scope, qint64 fromMs, qint64 toMs) override;

    Result<QList<std::optional<KeyRecord>>> lookupSecrets(const std::vector<SecureBytes>& secrets) override;
    Result<KeyRecord> activateBackup(const QString& ref, const QString& reason, const QString& incident) override;
    Result<QList<KeyRecord>> backupKeysFor(const QString& ref) override;
    Result<IssuedKey> issueReplacement(const QString& revokedRef, const QString& reason,
                                       const QString& incident) override;
    Result<Contact> saveContact(const Contact& contact) override;
    Result<QList<Contact>> contacts(const QString& project) override;
    Status removeContact(qint64 id) override;
    Result<QList<Notification>> recordNotifications(const QList<Notification>& drafts) override;
    Result<QList<Notification>> notifications(const NotificationQuery& query) override;
    // Delivery (LocalVaultNotify.cpp)
    Result<QList<DeliveryAttempt>> notificationDeliveries(qint64 id) override;
    Result<Notification> retryNotification(qint64 id) override;
    Result<DeliveryReport> deliverNotifications() override;
    Result<DeliveryAttempt> sendTestNotification(const QString& channel, const QString& recipient) override;
    Result<SmtpSettings> smtpSettings() override;
    Result<SmtpSettings> setSmtpSettings(const SmtpSettings& settings,
                                         const std::optional<SecureBytes>& password) override;
    Result<SecureBytes> webhookSigningSecret() override;
    Result<SecureBytes> rotateWebhookSigningSecret() override;
    Result<QList<Notification>> resolveIncident(const QString& incident, const QString& note) override;

    // The dispatcher's side of the outbox. claimDueNotifications leases up to `limit` queued e-mail and webhook
    // notifications that are due (next_attempt_at <= now) and not leased — or whose lease ran out — for
    // policy.leaseMs, in one statement, so two dispatchers never hold the same one. Desktop notifications are left to
    // the console. Not audited (bookkeeping); the attempt is.
    Result<QList<ClaimedNotification>> claimDueNotifications(int limit, const DeliveryPolicy& policy);
    // Writes the attempt to the delivery log and moves the notification on: sent; or failed (permanent error, or
    // policy.maxAttempts failures since the last retry); or due again after the backoff. Clears the lease.
    // Audited "notification.deliver" (id, attempt, outcome, status; no recipient or secret).
    Result<DeliveryAttempt> recordDeliveryAttempt(const ClaimedNotification& claimed, const SendResult& result,
                                                  const DeliveryPolicy& policy);
    // What the senders need: the SMTP settings with the password, and the webhook signing secret (created on
    // first use). For the dispatcher only: never shown, never logged.
    struct DeliveryCredentials {
        SmtpSettings smtp;
        SecureBytes smtpPassword;
        SecureBytes webhookSecret;
    };
    Result<DeliveryCredentials> deliveryCredentials();
    // The retry rules deliverNotifications() uses (keywardend sets its configured ones).
    void setDeliveryPolicy(const DeliveryPolicy& policy) { m_deliveryPolicy = policy; }
    const DeliveryPolicy& deliveryPolicy() const { return m_deliveryPolicy; }

    // Alerts (LocalVaultAlerts.cpp; evaluation in LocalVaultAlertEval.cpp)
    Result<QList<AlertRule>> alertRules() override;
    Result<AlertRule> saveAlertRule(const AlertRule& rule) override;
    Status removeAlertRule(qint64 id) override;
    Result<QList<Alert>> alerts(const AlertQuery& query) override;
    Result<Alert> alert(qint64 id) override;
    Result<Alert> acknowledgeAlert(qint64 id, const QString& note) override;
    Result<Alert> resolveAlert(qint64 id, const QString& note) override;
    Result<QList<Alert>> evaluateAlerts(qint64 nowMs) override;
    // Records alerts found elsewhere (keywardend's bad-key monitor) or by the evaluator: a draft whose dedupKey
    // matches an open or acknowledged alert bumps it (unless once is set: then nothing changes when any alert
    // with that key exists); a new one queues its notifications. Returns the created or bumped alerts.
    struct AlertDraft {
        Alert alert;
        bool once = false;
        bool notifyContacts = true;
        bool notifyOwner = false;
        QString ownerEmail;
    };
    Result<QList<Alert>> recordAlerts(const QList<AlertDraft>& drafts, qint64 nowMs);

    Result<PolicyTemplate> savePolicyTemplate(const PolicyTemplate& policyTemplate) override;
    Result<QList<PolicyTemplate>> policyTemplates() override;
    Status applyPolicy(const PolicyTarget& target, const std::optional<QString>& templateName,
                       const KeyPolicy& policy) override;
    Result<KeyPolicy> effectivePolicy(const QString& ref) override;
    Result<Role> saveRole(const Role& role) override;
    Result<QList<Role>> roles() override;
    Status setServicePrice(const QString& project, const QString& service, qint64 unitPriceMicros) override;

    Result<UsageSummary> usageSummary(UsageScope scope, const QString& scopeId, qint64 fromMs, qint64 toMs) override;
    Result<QList<UsagePoint>> usageSeries(UsageGranularity granularity, UsageScope scope, const QString& scopeId,
                                          qint64 fromMs, qint64 toMs) override;
    Result<QList<TopEntry>> usageTop(UsageScope scope, qint64 fromMs, qint64 toMs, int limit) override;
    Result<QList<UsageAnomaly>> usageAnomalies(UsageScope scope, const QString& scopeId, qint64 fromMs,
                                               qint64 toMs) override;
    Result<UsageRecorder::Settings> usageSettings() override;
    Status setUsageSettings(const UsageRecorder::Settings& settings) override;

    // Starts recording the engine's decisions into this vault (a writer thread with its own connection, using
    // the vault's stored privacy settings). Stopping — explicitly or on destruction — flushes every event.
    Status startUsageRecording();
    Status flushUsage();
    // Bulk load of pre-aggregated usage (demo data, history from another system): adds the rollups of every
    // granularity and scope the usage queries read, in one transaction with one audit entry ("usage.import"), and
    // moves each key's last_used_at up to its latest bucket with VALID requests. Keys must exist in the row's
    // project. Raw events and the keys' use and quota counters are not touched.
    Result<UsageImportStats> importUsageRollups(const QList<UsageAggregate>& rows);
    UsageRecorder* usageRecorder() { return m_recorder.get(); }

    // Shows a recoverable key's secret again (audited). Fails for keys stored as hashes only.
    Result<SecureBytes> revealSecret(const QString& ref);

    // The in-memory verification engine over this vault, built on first use and kept current.
    Result<VerificationEngine*> engine();
    // Where the engine's usage events go; without a sink, decisions are not recorded.
    void setUsageSink(VerificationEngine::UsageSink sink);
    // Runtime specs of the given keys (all keys when ids is empty), for engines elsewhere (the server).
    Result<QList<KeyRuntimeSpec>> runtimeSpecs(const QStringList& ids = {});

private:
    // The inherited grace periods and rotation intervals: for each value, the (key template -> environment ids) that
    // inherit it ("" = no key template); and the rotation intervals keys set themselves.
    struct InheritedTiming {
        QMap<qint64, QMap<QString, QList<qint64>>> graceCombos;
        QMap<qint64, QMap<QString, QList<qint64>>> rotationCombos;
        QSet<qint64> ownIntervals;
    };
    Result<InheritedTiming> inheritedTiming();
    Result<sql::Condition> scopeCondition(const KeyFilter& scope);
    // The automatic rotations due in [fromMs, toMs) — the one rule behind the calendar, the schedule and
    // runMaintenance. limit < 0: rows (local day number, count) per local day; else rows (id, display id, name,
    // project, environment, owner, due time), at most `limit` per interval queried when limit > 0.
    Status forEachScheduledRotation(const KeyFilter& scope, qint64 fromMs, qint64 toMs, int utcOffsetSeconds, int limit,
                                    const std::function<void(const QSqlQuery&)>& row);
    Result<QList<Alert>> readAlerts(const QString& where, const QVariantList& binds, const QString& tail = {});
    Result<Alert> changeAlertState(qint64 id, AlertState to, const QString& note);
    Result<QList<Contact>> readContacts(const QString& where, const QVariantList& binds);
    Result<SecureBytes> signingSecret(bool audited, bool rotate);
    void refreshEngine(const QStringList& ids);
    void reloadEngine();
    Status recordHistory(const QString& keyId, const QString& event, qint64 oldExpiresAt, qint64 newExpiresAt,
                         const QJsonObject& details = {});
    Result<IssuedKey> rotate(const KeyRecord& old, qint64 overlapMs, bool automatic);
    Result<RenewalOutcome> extend(const KeyRecord& key, qint64 extendMs, const QString& reason, qint64 requestId);

    Result<QString> resolveKeyId(const QString& ref);
    Result<qint64> projectId(const QString& name);
    Result<Environment> ensureEnvironment(qint64 projectId, const QString& project, const QString& keyPrefix,
                                          const QString& name);
    Result<qint64> ensureService(qint64 projectId, const QString& name);
    Result<qint64> ensureTeam(const QString& name);
    Result<QList<KeyRecord>> queryKeys(const QString& where, const QVariantList& binds, const QString& tail = {});
    // The filter's parent reference resolved to a key id (display ids are accepted), or nullopt when not filtered.
    Result<std::optional<QString>> filterParent(const KeyFilter& filter);
    Result<KeyRecord> changeStatus(const QString& ref, KeyStatus to, const QString& reason, const QString& action);
    Status audit(const QString& action, const QString& target, const QString& reason = {},
                 const QJsonObject& details = {}, const QString& incident = {});

    // The signing key, created (and audited) on first use.
    Result<crypto::ed25519::KeyPair> signingKey();

    std::unique_ptr<Vault> m_vault;
    QString m_actor;
    QString m_actorRole = QStringLiteral("local");
    const Clock& m_clock;
    AuditLog m_audit;
    PolicyStore m_policies;
    std::unique_ptr<UsageRecorder> m_recorder;
    std::unique_ptr<VerificationEngine> m_engine;
    VerificationEngine::UsageSink m_sink;
    DeliveryPolicy m_deliveryPolicy;
};

} // namespace kw
