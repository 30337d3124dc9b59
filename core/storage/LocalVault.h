#pragma once

#include "Backend.h"
#include "audit/AuditLog.h"
#include "storage/Vault.h"
#include "util/Clock.h"

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

    Result<IssuedKey> createKey(const KeySpec& spec) override;
    Result<QList<KeyRecord>> keys(const KeyFilter& filter) override;
    Result<KeyRecord> key(const QString& ref) override;
    Result<KeyRecord> suspendKey(const QString& ref, const QString& reason) override;
    Result<KeyRecord> resumeKey(const QString& ref, const QString& reason) override;
    Result<RevocationPlan> planRevocation(const QStringList& refs, bool cascade) override;
    Result<RevocationPlan> revokeKeys(const RevocationRequest& request) override;
    Result<VerifyResult> verifyKey(const SecureBytes& secret, const VerifyContext& context) override;

    Result<QList<AuditEntry>> auditEntries(const AuditQuery& query) override;
    Result<AuditVerification> verifyAudit() override;

    // Shows a recoverable key's secret again (audited). Fails for keys stored as hashes only.
    Result<SecureBytes> revealSecret(const QString& ref);

private:
    Result<QString> resolveKeyId(const QString& ref);
    Result<qint64> projectId(const QString& name);
    Result<Environment> ensureEnvironment(qint64 projectId, const QString& project, const QString& keyPrefix,
                                          const QString& name);
    Result<qint64> ensureService(qint64 projectId, const QString& name);
    Result<qint64> ensureTeam(const QString& name);
    Result<QList<KeyRecord>> queryKeys(const QString& where, const QVariantList& binds, const QString& tail = {});
    Result<KeyRecord> changeStatus(const QString& ref, KeyStatus to, const QString& reason, const QString& action);
    Status audit(const QString& action, const QString& target, const QString& reason = {},
                 const QJsonObject& details = {}, const QString& incident = {});

    std::unique_ptr<Vault> m_vault;
    QString m_actor;
    const Clock& m_clock;
    AuditLog m_audit;
};

} // namespace kw
