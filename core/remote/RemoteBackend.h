#pragma once

#include "Backend.h"
#include "remote/HttpClient.h"

#include <QJsonValue>
#include <QMutex>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace kw {

// Settings of a RemoteBackend.
struct RemoteBackendOptions {
    QString caFile;                       // PEM CA certificates for https; empty: the system's
    std::optional<QSslConfiguration> ssl; // base TLS settings (TLS 1.2 minimum and peer checks enforced)
    int timeoutMs = 30'000;
    qint64 maxResponseBytes = 64LL << 20;
};

// The backend over keywardend's HTTP API (docs/server-api.md), acting as one operator. Every call is a
// blocking request on the calling thread (see HttpClient); HTTP error bodies come back as the matching
// Error codes, and after each successful mutation the same signals as the local vault are emitted (the
// server does not push anything to this object).
class RemoteBackend final : public Backend {
    Q_OBJECT
public:
    using Options = RemoteBackendOptions;

    // Checks the URL and the CA file; does not contact the server yet.
    static Result<std::unique_ptr<RemoteBackend>> create(const QUrl& baseUrl, SecureBytes token, Options options = {},
                                                         QObject* parent = nullptr);
    ~RemoteBackend() override;

    // The operator's name (asked from /v1/whoami on first use), or "operator at URL" if that fails.
    QString actor() const override;
    QString location() const override { return m_client->origin(); }

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
    // Alerts (RemoteBackendAlerts.cpp). evaluateAlerts runs on the server at its own clock (nowMs is ignored).
    Result<QList<AlertRule>> alertRules() override;
    Result<AlertRule> saveAlertRule(const AlertRule& rule) override;
    Status removeAlertRule(qint64 id) override;
    Result<QList<Alert>> alerts(const AlertQuery& query) override;
    Result<Alert> alert(qint64 id) override;
    Result<Alert> acknowledgeAlert(qint64 id, const QString& note) override;
    Result<Alert> resolveAlert(qint64 id, const QString& note) override;
    Result<QList<Alert>> evaluateAlerts(qint64 nowMs) override;
    // Delivery (RemoteBackendNotify.cpp): the server's dispatcher sends.
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

    // Audit, compliance and reports (RemoteBackendAudit.cpp)
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

    Result<IssuedOperator> createOperator(const QString& name, OperatorRole role) override;
    Result<QList<Operator>> operators() override;
    Status revokeOperator(const QString& name) override;
    Result<Operator> whoami() override;

    // One request to the API: path segments are percent-encoded by the caller (see path()). The body of a
    // 2xx answer is parsed as JSON; other statuses become Errors from the {"error": {...}} body.
    Result<QJsonValue> call(const QByteArray& method, const QByteArray& target, const QJsonObject* body = nullptr);

    // "/v1/keys/" + percent-encoded ref, and so on: every argument is one path segment.
    static QByteArray path(std::initializer_list<QString> segments);

private:
    RemoteBackend(std::unique_ptr<HttpClient> client, SecureBytes token, QObject* parent);
    Result<QJsonObject> callObject(const QByteArray& method, const QByteArray& target,
                                   const QJsonObject* body = nullptr);
    Result<QJsonArray> callArray(const QByteArray& method, const QByteArray& target);
    static QByteArray withQuery(QByteArray target, const QUrlQuery& query);

    std::unique_ptr<HttpClient> m_client;
    SecureBytes m_token;
    mutable QMutex m_actorMutex;
    mutable QString m_actor;
};

} // namespace kw
