#pragma once

#include "util/Result.h"
#include "util/SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace kw {

enum class ReportType {
    Inventory,   // every key with its owner, state, dates and bindings
    Usage,       // requests and cost allocated per team, project and service over the period
    Expirations, // keys expiring within the period (the outlook)
    Revocations, // revocations and suspensions in the period, with their incidents
    Compliance,  // the rule set's findings
    Audit,       // an extract of the audit trail
};
enum class ReportFormat { Csv, Json, Pdf };

QString toString(ReportType type);
std::optional<ReportType> reportTypeFromString(QStringView text);
QString toString(ReportFormat format);
std::optional<ReportFormat> reportFormatFromString(QStringView text);
QString fileExtension(ReportFormat format); // "csv", "json", "pdf"
QString mediaType(ReportFormat format);     // "text/csv", ...
QStringList reportTypeNames();

// What to report on. An unset period takes the report's default: the last 30 days up to now, or for expirations
// the next 90 days from now. Scope: one team or one project (or the whole workspace).
struct ReportRequest {
    ReportType type = ReportType::Inventory;
    ReportFormat format = ReportFormat::Csv;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString team;
    QString project;

    // The period with defaults filled in, relative to now.
    std::pair<qint64, qint64> period(qint64 nowMs) const;
    Status validate() const;
    QJsonObject toJson() const;
    // Strict: unknown fields and malformed values are errors naming them.
    static Result<ReportRequest> fromJson(const QJsonObject& object);
};

struct ReportColumn {
    enum class Kind { Text, Integer, Money, Time, Boolean };
    QString key;   // JSON field name
    QString title; // CSV header and PDF column title
    Kind kind = Kind::Text;
    bool inPdf = true; // false for bulky columns (audit details) that only CSV and JSON carry
};

// A bar chart drawn into the PDF (and carried as data in JSON).
struct ReportChart {
    QString title;
    QString unit;
    QStringList labels;
    QList<double> values;
    QJsonObject toJson() const;
};

// A report before it is written in a format: cover facts, summary figures, charts and one table. Rows hold, per
// column kind: QString (Text), qint64 (Integer, Money in micro-units, Time in ms since the epoch; 0 = none), bool.
struct ReportDocument {
    ReportType type = ReportType::Inventory;
    QString title;
    QString scope; // "whole workspace", "team core", "project web"
    qint64 fromMs = 0;
    qint64 toMs = 0;
    bool hasPeriod = true; // false for point-in-time reports (inventory, compliance)
    qint64 generatedAt = 0;
    QString generatedBy;
    qint64 auditHeadSeq = 0;
    QByteArray auditHeadHash;
    QList<std::pair<QString, QString>> summary; // label, value, for people
    QJsonObject summaryJson;                    // the same with typed values
    QList<ReportChart> charts;
    QList<ReportColumn> columns;
    QList<QVariantList> rows;
};

// The detached signature written beside an export as FILE.sig (JSON, see docs/report-signatures.md). The Ed25519
// signature covers message(): the format line, the file's SHA-256 and size, the signing time, the key id and the
// subject — so the file's content cannot change, and the metadata cannot be swapped, without the signature failing.
struct DetachedSignature {
    static constexpr const char* kFormat = "keywarden-signature-v1";
    QString algorithm = QStringLiteral("Ed25519");
    QString keyId;
    QByteArray publicKey; // raw 32 bytes
    QString fileName;     // informational: a renamed file still verifies
    qint64 size = 0;
    QByteArray sha256; // raw 32 bytes
    qint64 signedAt = 0;
    QString subject; // "inventory report (csv), whole workspace"
    QByteArray signature;

    QByteArray message() const;
    QJsonObject toJson() const;
    QByteArray toFileContent() const; // indented JSON and a final newline
    static Result<DetachedSignature> fromJson(const QJsonObject& object);
    static Result<DetachedSignature> fromFileContent(QByteArrayView content);

    // Builds and signs the signature of `content`.
    static Result<DetachedSignature> create(QByteArrayView content, const QString& fileName, const QString& subject,
                                            const SecureBytes& privateKey, const QByteArray& publicKey, qint64 nowMs);
    // Checks `content` against this signature. With `trustedPublicKey` (raw), the signature must also be made by
    // that key; without it only the embedded key is used, which proves integrity but not origin.
    Status verify(QByteArrayView content, const std::optional<QByteArray>& trustedPublicKey) const;
};

// A finished export: the file's bytes and its detached signature.
struct SignedReport {
    QString fileName; // suggested, e.g. "keywarden-inventory-20260101-1200.csv"
    QString mediaType;
    QByteArray content;
    DetachedSignature signature;
    qint64 rows = 0;
    QJsonObject toJson() const; // content as base64
    static Result<SignedReport> fromJson(const QJsonObject& object);
};

} // namespace kw
