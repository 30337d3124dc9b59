// LocalVault: the audit trail (queries, verification, retention), compliance and signed reports.
#include "storage/LocalVault.h"

#include "compliance/ComplianceEngine.h"
#include "policy/Duration.h"
#include "reports/ReportBuilder.h"
#include "storage/SigningKeyStore.h"
#include "storage/SqlUtil.h"
#include "util/Json.h"

#include <QJsonDocument>

namespace kw {

namespace {

const QString kComplianceConfigName = QStringLiteral("compliance_config");

} // namespace

// ---- audit --------------------------------------------------------------------------------------

Result<QList<AuditEntry>> LocalVault::auditEntries(const AuditQuery& query)
{
    return m_audit.entries(query);
}

Result<qint64> LocalVault::countAuditEntries(const AuditQuery& query)
{
    return m_audit.count(query);
}

Result<AuditVerification> LocalVault::verifyAudit()
{
    auto v = m_audit.verify();
    if (!v)
        return v;
    // A verification run is itself part of the record, and the compliance rule reads when it last happened.
    sql::Transaction tx(m_vault->db());
    if (auto s = audit(QStringLiteral("audit.verify"), QStringLiteral("audit"), {},
                       QJsonObject{{"intact", v->intact},
                                   {"checked", v->checked},
                                   {"firstBadSeq", v->firstBadSeq},
                                   {"headSeq", v->lastGoodSeq},
                                   {"head", QString::fromLatin1(v->headHash.toHex())},
                                   {"checkpointSeq", v->checkpointSeq}});
        !s)
        return s.error();
    if (auto s = m_audit.recordVerification(*v); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return v;
}

Result<AuditStatus> LocalVault::auditStatus()
{
    return m_audit.status();
}

Result<AuditSettings> LocalVault::auditSettings()
{
    return m_audit.settings();
}

Status LocalVault::setAuditSettings(const AuditSettings& settings)
{
    sql::Transaction tx(m_vault->db());
    if (auto s = m_audit.setSettings(settings); !s)
        return s;
    if (auto s = audit(QStringLiteral("audit.settings"), QStringLiteral("audit"), {},
                       QJsonObject{{"retention", settings.retentionMs > 0 ? Duration::format(settings.retentionMs)
                                                                          : QStringLiteral("keep")}});
        !s)
        return s;
    return tx.commit();
}

Result<crypto::ed25519::KeyPair> LocalVault::signingKey()
{
    bool created = false;
    auto key = SigningKeyStore(*m_vault).load(true, &created);
    if (!key)
        return key.error();
    if (created)
        if (auto s = audit(
                QStringLiteral("signing-key.create"), crypto::ed25519::keyId(key->publicKey), {},
                QJsonObject{{"algorithm", "Ed25519"}, {"publicKey", QString::fromLatin1(key->publicKey.toBase64())}});
            !s)
            return s.error();
    return key;
}

Result<AuditPruneReport> LocalVault::pruneAudit(qint64 beforeMs)
{
    const qint64 now = m_clock.nowMs();
    if (beforeMs == 0) {
        auto settings = m_audit.settings();
        if (!settings)
            return settings.error();
        if (settings->retentionMs == 0)
            return Error::invalid(QStringLiteral("No audit retention is set: give a cut-off time, or set a retention "
                                                 "first (kwctl audit settings --retention 365d)"));
        beforeMs = now - settings->retentionMs;
    }
    if (beforeMs < 0 || beforeMs > now)
        return Error::invalid(QStringLiteral("The pruning cut-off must lie in the past"));
    sql::Transaction tx(m_vault->db());
    auto key = signingKey();
    if (!key)
        return key.error();
    auto report = m_audit.prune(beforeMs, *key);
    if (!report)
        return report.error();
    if (report->pruned == 0)
        return report; // nothing old enough: no change, nothing to record
    if (auto s = audit(QStringLiteral("audit.prune"), QStringLiteral("audit"), {},
                       QJsonObject{{"pruned", report->pruned},
                                   {"throughSeq", report->checkpoint.seq},
                                   {"checkpointHash", QString::fromLatin1(report->checkpoint.hash.toHex())},
                                   {"before", json::time(beforeMs)}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return report;
}

// ---- compliance ---------------------------------------------------------------------------------

Result<ComplianceConfig> LocalVault::complianceConfig()
{
    auto raw = m_vault->readMeta(kComplianceConfigName);
    if (!raw)
        return ComplianceConfig{};
    return ComplianceConfig::fromJson(QJsonDocument::fromJson(*raw).object());
}

Status LocalVault::setComplianceConfig(const ComplianceConfig& config)
{
    if (auto s = config.validate(); !s)
        return s;
    const QJsonObject json = config.toJson();
    sql::Transaction tx(m_vault->db());
    if (auto s = m_vault->writeMeta(kComplianceConfigName, QJsonDocument(json).toJson(QJsonDocument::Compact)); !s)
        return s;
    if (auto s = audit(QStringLiteral("compliance.config"), QStringLiteral("compliance"), {}, json); !s)
        return s;
    return tx.commit();
}

Result<ComplianceReport> LocalVault::runCompliance()
{
    auto config = complianceConfig();
    if (!config)
        return config.error();
    ComplianceInput input;
    input.nowMs = m_clock.nowMs();
    auto keyList = keys({});
    if (!keyList)
        return keyList.error();
    input.keys = std::move(*keyList);
    auto specs = runtimeSpecs();
    if (!specs)
        return specs.error();
    for (const KeyRuntimeSpec& s : *specs)
        input.effectivePolicies.insert(s.id, s.policy);
    input.kdf = m_vault->kdfParams();
    auto status = m_audit.status();
    if (!status)
        return status.error();
    input.auditLastVerifiedAt = status->lastVerifiedAt;
    input.auditLastIntact = status->lastVerifiedIntact;
    input.auditFirstBadSeq = status->lastVerifiedFirstBadSeq;

    ComplianceReport report = ComplianceEngine::evaluate(input, *config);
    const ComplianceRunSummary summary = ComplianceEngine::summarize(report);
    sql::Transaction tx(m_vault->db());
    auto ins = sql::exec(
        m_vault->db(),
        QStringLiteral("INSERT INTO compliance_runs (ts, score, keys, findings, summary) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {summary.time, summary.score, summary.keys, summary.findings,
         QString::fromUtf8(
             QJsonDocument(summary.toJson().value("violationsByRule").toObject()).toJson(QJsonDocument::Compact))},
        QStringLiteral("record the compliance run"));
    if (!ins)
        return ins.error();
    if (auto s = audit(QStringLiteral("compliance.run"), QStringLiteral("compliance"), {},
                       QJsonObject{{"score", report.score},
                                   {"keys", report.keysEvaluated},
                                   {"findings", qint64(report.findings.size())}});
        !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<QList<ComplianceRunSummary>> LocalVault::complianceHistory(int limit)
{
    if (limit <= 0)
        return Error::invalid(QStringLiteral("The compliance history needs a positive limit"));
    auto q = sql::exec(m_vault->db(),
                       QStringLiteral("SELECT ts, score, keys, findings, summary FROM compliance_runs "
                                      "ORDER BY ts DESC, id DESC LIMIT ?"),
                       {limit}, QStringLiteral("read the compliance history"));
    if (!q)
        return q.error();
    QList<ComplianceRunSummary> out;
    while (q->next()) {
        ComplianceRunSummary s;
        s.time = q->value(0).toLongLong();
        s.score = q->value(1).toInt();
        s.keys = q->value(2).toLongLong();
        s.findings = q->value(3).toLongLong();
        const QJsonObject byRule = QJsonDocument::fromJson(q->value(4).toString().toUtf8()).object();
        for (auto it = byRule.constBegin(); it != byRule.constEnd(); ++it)
            s.violationsByRule.insert(it.key(), it->toInteger());
        out.append(s);
    }
    return out;
}

// ---- reports ------------------------------------------------------------------------------------

Result<SignedReport> LocalVault::createReport(const ReportRequest& request)
{
    const qint64 now = m_clock.nowMs();
    auto document = ReportBuilder::build(*this, request, now);
    if (!document)
        return document.error();
    auto bytes = ReportBuilder::write(*document, request.format);
    if (!bytes)
        return bytes.error();
    SignedReport out;
    out.fileName = ReportBuilder::suggestedFileName(*document, request.format);
    out.mediaType = mediaType(request.format);
    out.content = std::move(*bytes);
    out.rows = document->rows.size();
    QString subject =
        QStringLiteral("%1 report (%2), %3").arg(toString(request.type), toString(request.format), document->scope);
    if (document->hasPeriod)
        subject += QStringLiteral(", %1 to %2")
                       .arg(ReportBuilder::formatTime(document->fromMs), ReportBuilder::formatTime(document->toMs));

    sql::Transaction tx(m_vault->db());
    auto key = signingKey();
    if (!key)
        return key.error();
    auto sig = DetachedSignature::create(out.content, out.fileName, subject, key->privateKey, key->publicKey, now);
    if (!sig)
        return sig.error();
    out.signature = std::move(*sig);
    QJsonObject details{{"format", toString(request.format)},
                        {"scope", document->scope},
                        {"rows", out.rows},
                        {"file", out.fileName},
                        {"sha256", QString::fromLatin1(out.signature.sha256.toHex())},
                        {"keyId", out.signature.keyId}};
    if (document->hasPeriod) {
        details.insert("from", json::time(document->fromMs));
        details.insert("to", json::time(document->toMs));
    }
    if (auto s = audit(QStringLiteral("report.create"), toString(request.type), {}, details); !s)
        return s.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<QString> LocalVault::reportPublicKey()
{
    sql::Transaction tx(m_vault->db());
    auto key = signingKey();
    if (!key)
        return key.error();
    if (auto s = tx.commit(); !s)
        return s.error();
    return crypto::ed25519::publicKeyToPem(key->publicKey);
}

} // namespace kw
