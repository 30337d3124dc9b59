#pragma once

#include "domain/AuditEntry.h"
#include "domain/KeyRecord.h"
#include "domain/KeySpec.h"
#include "domain/Organization.h"
#include "domain/Revocation.h"
#include "domain/VerifyResult.h"
#include "util/Result.h"

#include <QList>
#include <QObject>

#include <optional>

namespace kw {

struct KeyFilter {
    QString project;
    QString environment;
    std::optional<KeyStatus> status; // effective status, so "expired" works
    QString text;                    // substring of name, display id, owner or a tag
    int limit = 0;                   // 0: all
    int offset = 0;
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

    // Keys. A key reference is a key id or an unambiguous display id.
    virtual Result<IssuedKey> createKey(const KeySpec& spec) = 0;
    virtual Result<QList<KeyRecord>> keys(const KeyFilter& filter) = 0;
    virtual Result<KeyRecord> key(const QString& ref) = 0;
    virtual Result<KeyRecord> suspendKey(const QString& ref, const QString& reason) = 0;
    virtual Result<KeyRecord> resumeKey(const QString& ref, const QString& reason) = 0;
    virtual Result<RevocationPlan> planRevocation(const QStringList& refs, bool cascade) = 0;
    virtual Result<RevocationPlan> revokeKeys(const RevocationRequest& request) = 0;
    virtual Result<VerifyResult> verifyKey(const SecureBytes& secret, const VerifyContext& context) = 0;

    // Audit
    virtual Result<QList<AuditEntry>> auditEntries(const AuditQuery& query) = 0;
    virtual Result<AuditVerification> verifyAudit() = 0;

signals:
    void keysChanged(const QStringList& keyIds);
    void keysRevoked(const QStringList& keyIds);
    void organizationChanged();
};

} // namespace kw
