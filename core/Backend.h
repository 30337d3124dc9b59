#pragma once

#include "alerts/Alert.h"
#include "auth/Operator.h"
#include "compliance/Compliance.h"
#include "domain/AuditEntry.h"
#include "domain/Contact.h"
#include "domain/ExpiryCalendar.h"
#include "domain/KeyRecord.h"
#include "domain/KeySpec.h"
#include "domain/Lifecycle.h"
#include "domain/Organization.h"
#include "domain/Revocation.h"
#include "domain/VerifyResult.h"
#include "notify/Delivery.h"
#include "reports/Report.h"
#include "usage/Anomaly.h"
#include "usage/UsageRecorder.h"
#include "usage/UsageReport.h"
#include "util/Result.h"

#include <QList>
#include <QObject>

#include <optional>
#include <vector>

namespace kw {

struct KeyFilter {
    QString team; // keys of the projects of this team
    QString project;
    QString environment;
    QString service;                 // keys bound to this service (of their project)
    bool withoutService = false;     // keys bound to no service
    std::optional<KeyStatus> status; // effective status, so "expired" works
    QString tag;                     // keys carrying exactly this tag
    qint64 expiresBeforeMs = 0;      // when > 0: keys with an expiry at or before this time (not revoked)
    qint64 expiresAfterMs = 0;       // when > 0: keys with an expiry at or after this time (not revoked)
    QString owner;                   // exact owner, case-insensitive
    qint64 createdFromMs = 0;        // when > 0: created at or after
    qint64 createdToMs = 0;          // when > 0: created before
    QString clientIp;                // keys with raw usage events from this address (while retained)
    std::optional<QString> parentId; // "" : keys without a parent; an id: the children of that key
    QString text;                    // substring of name, display id, owner or a tag
    int limit = 0;                   // 0: all
    int offset = 0;
};

// How many keys match a filter, grouped for the console's tree. Counted in the store, never by listing.
enum class KeyGrouping {
    Environment, // one row per (team, project, environment) that has matching keys
    Service,     // one row per service of the filter's project/environment; service "" = bound to none
};

struct KeyCount {
    QString team;
    QString project;
    QString environment;
    QString service;
    qint64 total = 0;
    qint64 active = 0; // effective: active or rotating, not past expiry
    qint64 expired = 0;
    qint64 suspended = 0;
    qint64 revoked = 0;
};

// The editable descriptive fields of a key; unset fields stay as they are. Rules and restrictions are
// changed with applyPolicy on a key target.
struct KeyUpdate {
    std::optional<QString> name;
    std::optional<QString> owner;
    std::optional<QStringList> tags;
    std::optional<QJsonObject> metadata;
    std::optional<QStringList> services; // created on first use within the key's project
    std::optional<QStringList> dependsOn;
    bool isEmpty() const { return !name && !owner && !tags && !metadata && !services && !dependsOn; }
};

// The one interface through which the console and kwctl reach storage: implemented by the local vault
// (an SQLite file here) and by the remote backend (keywardend over HTTPS). Both pass the same contract
// tests. Every mutation is audited under actor().
class Backend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Backend() override;

    virtual QString actor() const = 0;
    virtual QString location() const = 0; // a path or URL, for titles and messages

    // Organisation
    virtual Result<Team> createTeam(const QString& name) = 0;
    virtual Result<QList<Team>> teams() = 0;
    virtual Result<Project> createProject(const ProjectSpec& spec) = 0;
    virtual Result<QList<Project>> projects() = 0;
    virtual Result<Environment> createEnvironment(const QString& project, const QString& name,
                                                  const QString& keyPrefix = {}) = 0;
    virtual Result<QList<Environment>> environments(const QString& project) = 0;
    virtual Result<Service> createService(const QString& project, const QString& name) = 0;
    virtual Result<QList<Service>> services(const QString& project) = 0;

    // Keys. A key reference is a key id or an unambiguous display id.
    virtual Result<IssuedKey> createKey(const KeySpec& spec) = 0;
    virtual Result<QList<KeyRecord>> keys(const KeyFilter& filter) = 0;
    virtual Result<KeyRecord> key(const QString& ref) = 0;
    virtual Result<qint64> countKeys(const KeyFilter& filter) = 0; // limit and offset are ignored
    virtual Result<QList<KeyCount>> keyCounts(const KeyFilter& filter, KeyGrouping grouping) = 0;
    // Changes name, owner, tags, metadata, services or dependencies; audited with the changed field names.
    virtual Result<KeyRecord> updateKey(const QString& ref, const KeyUpdate& update, const QString& reason) = 0;
    virtual Result<KeyRecord> suspendKey(const QString& ref, const QString& reason) = 0;
    virtual Result<KeyRecord> resumeKey(const QString& ref, const QString& reason) = 0;
    virtual Result<RevocationPlan> planRevocation(const QStringList& refs, bool cascade) = 0;
    virtual Result<RevocationPlan> revokeKeys(const RevocationRequest& request) = 0;
    virtual Result<VerifyResult> verifyKey(const SecureBytes& secret, const VerifyContext& context) = 0;

    // Rotation and renewal. rotateKey issues a successor with the same rules and keeps the old key valid
    // for the overlap (default: the policy's rotationOverlap, else 24 h).
    virtual Result<IssuedKey> rotateKey(const QString& ref, std::optional<qint64> overlapMs) = 0;
    // Extends expiry by extendMs from the later of now and the current expiry; when the key's policy
    // requires approval, files a request instead (renewed = false, status "pending").
    virtual Result<RenewalOutcome> renewKey(const QString& ref, qint64 extendMs, const QString& reason) = 0;
    virtual Result<QList<RenewalRequest>> renewalRequests(bool pendingOnly) = 0;
    // A second person approves or denies; the requester cannot decide their own request.
    virtual Result<RenewalOutcome> decideRenewal(qint64 requestId, bool approve, const QString& reason) = 0;
    virtual Result<QList<ExpirationEvent>> expirationHistory(const QString& ref) = 0;
    // Records expiries and grace periods entered, and performs due automatic rotations.
    virtual Result<MaintenanceReport> runMaintenance() = 0;

    // Expiration calendar: per local day (midnight at utcOffsetSeconds east of UTC) in [fromMs, toMs), the
    // keys of `scope` expiring, of those the ones in their grace period now, and the automatic rotations
    // due. Only days with something are returned, ascending. scope.limit/offset are ignored.
    virtual Result<QList<ExpiryDay>> expiryCalendar(const KeyFilter& scope, qint64 fromMs, qint64 toMs,
                                                    int utcOffsetSeconds) = 0;
    // The automatic rotations due in [fromMs, toMs), by due time: the same rule runMaintenance applies. scope.limit > 0
    // keeps the first that many.
    virtual Result<QList<ScheduledRotation>> scheduledRotations(const KeyFilter& scope, qint64 fromMs, qint64 toMs) = 0;

    // Incident response.
    // Which keys these secrets are (by their HMAC), in input order; nullopt for unknown secrets. Records no
    // usage and changes no key; audited once as "key.lookup" with the counts, never the secrets.
    virtual Result<QList<std::optional<KeyRecord>>> lookupSecrets(const std::vector<SecureBytes>& secrets) = 0;
    // Puts a standby key (backup = true, not revoked) into service: clears the backup flag and resumes it
    // when suspended. Audited "key.backup.activate" with the incident.
    virtual Result<KeyRecord> activateBackup(const QString& ref, const QString& reason, const QString& incident) = 0;
    // The standby keys (not revoked) that can stand in for a key: same project and environment, sharing a
    // service with it (any of the project and environment when the key has no service).
    virtual Result<QList<KeyRecord>> backupKeysFor(const QString& ref) = 0;
    // A new key in place of a (usually revoked) one: same project, environment, services, owner, tags,
    // metadata, own policy, template and expiry duration; the parent kept unless revoked; predecessor set.
    // Audited "key.replace" with the incident. The secret is returned once.
    virtual Result<IssuedKey> issueReplacement(const QString& revokedRef, const QString& reason,
                                               const QString& incident) = 0;

    // Emergency contacts, encrypted at rest. saveContact creates when id is 0, else replaces that contact.
    virtual Result<Contact> saveContact(const Contact& contact) = 0;
    virtual Result<QList<Contact>> contacts(const QString& project) = 0; // "" : all projects
    virtual Status removeContact(qint64 id) = 0;
    // The notification outbox. recordNotifications writes the drafts in one transaction, state "queued", due now
    // (audited "notification.record").
    virtual Result<QList<Notification>> recordNotifications(const QList<Notification>& drafts) = 0;
    virtual Result<QList<Notification>> notifications(const NotificationQuery& query) = 0;
    // Queues the emergency-contact messages for a revocation (see buildRevocationNotifications): the
    // contacts of the affected projects and services, by email and webhook. Pass the plan revokeKeys() returned;
    // an empty list when no contact is concerned.
    Result<QList<Notification>> notifyRevocation(const QString& incident, const RevocationPlan& plan,
                                                 const QString& reason);

    // Alerts (see alerts/Alert.h). Rule changes, acknowledgements and resolutions are audited ("alert.rule.save",
    // "alert.rule.remove", "alert.ack", "alert.resolve"). saveAlertRule creates when id is 0, else replaces.
    virtual Result<QList<AlertRule>> alertRules() = 0;
    virtual Result<AlertRule> saveAlertRule(const AlertRule& rule) = 0;
    virtual Status removeAlertRule(qint64 id) = 0;
    virtual Result<QList<Alert>> alerts(const AlertQuery& query) = 0;
    virtual Result<Alert> alert(qint64 id) = 0;
    // Open -> acknowledged (acknowledgedBy = actor). Resolving works from open or acknowledged; a later repeat of
    // the condition opens a new alert.
    virtual Result<Alert> acknowledgeAlert(qint64 id, const QString& note) = 0;
    virtual Result<Alert> resolveAlert(qint64 id, const QString& note) = 0;
    // Evaluates every enabled rule at nowMs (0: the backend's clock) and returns the alerts it created or bumped.
    // New alerts queue their notifications (recordNotifications) in the same transaction.
    virtual Result<QList<Alert>> evaluateAlerts(qint64 nowMs) = 0;

    // Notification delivery. The NotificationDispatcher (notify/NotificationDispatcher.h) of the process holding the
    // vault — keywardend, or the console for a local vault — sends due notifications: webhooks signed with the
    // vault's secret, e-mail through its SMTP relay; failures are retried with backoff (DeliveryPolicy).
    // The delivery log of one notification, oldest attempt first.
    virtual Result<QList<DeliveryAttempt>> notificationDeliveries(qint64 id) = 0;
    // Makes a queued or failed notification due now with a fresh retry budget; refuses sent ones. Audited
    // "notification.retry".
    virtual Result<Notification> retryNotification(qint64 id) = 0;
    // One dispatcher pass now, blocking: claims what is due, sends it, records the attempts.
    virtual Result<DeliveryReport> deliverNotifications() = 0;
    // Sends a test message now (not queued) through the vault's settings: channel "email" (recipient an address) or
    // "webhook" (a URL, generic format, signed). Audited "notification.test" with the outcome.
    virtual Result<DeliveryAttempt> sendTestNotification(const QString& channel, const QString& recipient) = 0;
    // The SMTP relay (hasPassword instead of the password).
    virtual Result<SmtpSettings> smtpSettings() = 0;
    // password: nullopt keeps the stored one, empty clears it. Audited "notification.smtp", never with the password.
    virtual Result<SmtpSettings> setSmtpSettings(const SmtpSettings& settings,
                                                 const std::optional<SecureBytes>& password) = 0;
    // The webhook signing secret ("whsec_" + 64 hex digits), created on first use; showing it is audited
    // ("notification.secret.show"), rotating it too ("notification.secret.rotate").
    virtual Result<SecureBytes> webhookSigningSecret() = 0;
    virtual Result<SecureBytes> rotateWebhookSigningSecret() = 0;
    // Closes an incident at its receivers: queues a "resolution" notification (PagerDuty: a resolve event for the
    // same dedup_key) to every distinct receiver of its revocation notifications. Refuses unknown incidents and
    // incidents already resolved. Audited "incident.resolve".
    virtual Result<QList<Notification>> resolveIncident(const QString& incident, const QString& note) = 0;

    // Policies
    virtual Result<PolicyTemplate> savePolicyTemplate(const PolicyTemplate& policyTemplate) = 0;
    virtual Result<QList<PolicyTemplate>> policyTemplates() = 0;
    // Sets the target's template (when templateName is given; "" clears it) and its own rules.
    virtual Status applyPolicy(const PolicyTarget& target, const std::optional<QString>& templateName,
                               const KeyPolicy& policy) = 0;
    virtual Result<KeyPolicy> effectivePolicy(const QString& ref) = 0;
    virtual Result<Role> saveRole(const Role& role) = 0;
    virtual Result<QList<Role>> roles() = 0;
    virtual Status setServicePrice(const QString& project, const QString& service, qint64 unitPriceMicros) = 0;

    // Usage, from rollups. scopeId: project name, "project/service" or key id (ignored for All).
    virtual Result<UsageSummary> usageSummary(UsageScope scope, const QString& scopeId, qint64 fromMs, qint64 toMs) = 0;
    virtual Result<QList<UsagePoint>> usageSeries(UsageGranularity granularity, UsageScope scope,
                                                  const QString& scopeId, qint64 fromMs, qint64 toMs) = 0;
    virtual Result<QList<TopEntry>> usageTop(UsageScope scope, qint64 fromMs, qint64 toMs, int limit) = 0;
    // Unusual traffic in [fromMs, toMs) (see usage/Anomaly.h for the baseline and rules). Scope Key: that
    // key; Project, Service, All: the busiest (at most 50) keys of the scope in the range. By time.
    virtual Result<QList<UsageAnomaly>> usageAnomalies(UsageScope scope, const QString& scopeId, qint64 fromMs,
                                                       qint64 toMs) = 0;
    // Privacy settings of usage tracking: raw-event retention and client-address anonymisation.
    virtual Result<UsageRecorder::Settings> usageSettings() = 0;
    virtual Status setUsageSettings(const UsageRecorder::Settings& settings) = 0;

    // Audit
    virtual Result<QList<AuditEntry>> auditEntries(const AuditQuery& query) = 0;
    // Verifies the whole chain; the run is itself audited ("audit.verify") and remembered for auditStatus().
    virtual Result<AuditVerification> verifyAudit() = 0;
    // How many entries match the query's filters and seq bounds (limit and offset are ignored).
    virtual Result<qint64> countAuditEntries(const AuditQuery& query) = 0;
    virtual Result<AuditStatus> auditStatus() = 0;
    virtual Result<AuditSettings> auditSettings() = 0;
    virtual Status setAuditSettings(const AuditSettings& settings) = 0;
    // Deletes entries written before beforeMs (0: before now minus the retention setting) behind a signed
    // checkpoint; refuses when the chain is broken. Audited ("audit.prune").
    virtual Result<AuditPruneReport> pruneAudit(qint64 beforeMs) = 0;

    // Compliance: the built-in rules (ComplianceRule::builtin()) under the vault's configuration.
    virtual Result<ComplianceConfig> complianceConfig() = 0;
    virtual Status setComplianceConfig(const ComplianceConfig& config) = 0;
    // Evaluates every rule over the whole inventory and records the run for the trend. Audited ("compliance.run").
    virtual Result<ComplianceReport> runCompliance() = 0;
    // Recorded runs, newest first.
    virtual Result<QList<ComplianceRunSummary>> complianceHistory(int limit) = 0;

    // Reports: built, written in the requested format and signed (Ed25519, the vault's key) where the data is —
    // by the key server for a remote backend. Audited ("report.create"). Never contains a secret.
    virtual Result<SignedReport> createReport(const ReportRequest& request) = 0;
    // The vault's signing public key as PEM (created on first use), for `kwctl report verify --public-key`.
    virtual Result<QString> reportPublicKey() = 0;

    // Operators of a key server. createOperator returns the token, shown once.
    struct IssuedOperator {
        Operator op;
        SecureBytes token;
    };
    virtual Result<IssuedOperator> createOperator(const QString& name, OperatorRole role) = 0;
    virtual Result<QList<Operator>> operators() = 0;
    virtual Status revokeOperator(const QString& name) = 0;
    // Who this backend acts as: the operator (remote) or the local user with full rights (local vault).
    virtual Result<Operator> whoami() = 0;

signals:
    void keysChanged(const QStringList& keyIds);
    void keysRevoked(const QStringList& keyIds);
    void organizationChanged();
};

} // namespace kw
