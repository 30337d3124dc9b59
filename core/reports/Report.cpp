#include "reports/Report.h"

#include "crypto/Crypto.h"
#include "crypto/Ed25519.h"
#include "remote/JsonReader.h"
#include "util/Json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace kw {

namespace {

constexpr qint64 kDayMs = 86'400'000;

struct TypeName {
    ReportType type;
    const char* name;
};
const TypeName kTypes[] = {
    {ReportType::Inventory, "inventory"},     {ReportType::Usage, "usage"},
    {ReportType::Expirations, "expirations"}, {ReportType::Revocations, "revocations"},
    {ReportType::Compliance, "compliance"},   {ReportType::Audit, "audit"},
};

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

} // namespace

QString toString(ReportType type)
{
    for (const auto& t : kTypes)
        if (t.type == type)
            return QString::fromLatin1(t.name);
    return QStringLiteral("inventory");
}

std::optional<ReportType> reportTypeFromString(QStringView text)
{
    for (const auto& t : kTypes)
        if (text == QLatin1String(t.name))
            return t.type;
    return std::nullopt;
}

QStringList reportTypeNames()
{
    QStringList out;
    for (const auto& t : kTypes)
        out << QString::fromLatin1(t.name);
    return out;
}

QString toString(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return QStringLiteral("csv");
    case ReportFormat::Json:
        return QStringLiteral("json");
    case ReportFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return QStringLiteral("csv");
}

std::optional<ReportFormat> reportFormatFromString(QStringView text)
{
    for (ReportFormat f : {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Pdf})
        if (text == toString(f))
            return f;
    return std::nullopt;
}

QString fileExtension(ReportFormat format)
{
    return toString(format);
}

QString mediaType(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Csv:
        return QStringLiteral("text/csv");
    case ReportFormat::Json:
        return QStringLiteral("application/json");
    case ReportFormat::Pdf:
        return QStringLiteral("application/pdf");
    }
    return QStringLiteral("application/octet-stream");
}

// ---- request

std::pair<qint64, qint64> ReportRequest::period(qint64 nowMs) const
{
    if (type == ReportType::Expirations) {
        const qint64 from = fromMs > 0 ? fromMs : nowMs;
        return {from, toMs > 0 ? toMs : from + 90 * kDayMs};
    }
    // Up to and including now: what happened this very millisecond belongs in the report.
    const qint64 to = toMs > 0 ? toMs : nowMs + 1;
    return {fromMs > 0 ? fromMs : to - 30 * kDayMs, to};
}

Status ReportRequest::validate() const
{
    if (fromMs < 0 || toMs < 0)
        return Error::invalid(QStringLiteral("The report period cannot start or end before 1970"));
    if (fromMs > 0 && toMs > 0 && fromMs >= toMs)
        return Error::invalid(QStringLiteral("The report period must start before it ends"));
    if (!team.isEmpty() && !project.isEmpty())
        return Error::invalid(QStringLiteral("Scope a report to a team or to a project, not both"));
    return {};
}

QJsonObject ReportRequest::toJson() const
{
    QJsonObject o{{"type", toString(type)}, {"format", toString(format)}};
    if (fromMs > 0)
        o.insert("from", json::time(fromMs));
    if (toMs > 0)
        o.insert("to", json::time(toMs));
    if (!team.isEmpty())
        o.insert("team", team);
    if (!project.isEmpty())
        o.insert("project", project);
    return o;
}

Result<ReportRequest> ReportRequest::fromJson(const QJsonObject& object)
{
    JsonReader r(object);
    ReportRequest req;
    const QString type = r.string(QStringLiteral("type"), true);
    const QString format = r.string(QStringLiteral("format"));
    const QString from = r.string(QStringLiteral("from"));
    const QString to = r.string(QStringLiteral("to"));
    req.team = r.string(QStringLiteral("team"));
    req.project = r.string(QStringLiteral("project"));
    if (auto s = r.finish(); !s)
        return s.error();
    auto t = reportTypeFromString(type);
    if (!t)
        return Error::invalid(QStringLiteral("Unknown report type \"%1\" (known: %2)")
                                  .arg(type, reportTypeNames().join(QStringLiteral(", "))));
    req.type = *t;
    if (!format.isEmpty()) {
        auto f = reportFormatFromString(format);
        if (!f)
            return Error::invalid(QStringLiteral("Unknown report format \"%1\" (csv, json or pdf)").arg(format));
        req.format = *f;
    }
    if (!from.isEmpty() && (req.fromMs = json::parseTime(from)) <= 0)
        return Error::invalid(QStringLiteral("field \"from\" is not an ISO 8601 time"));
    if (!to.isEmpty() && (req.toMs = json::parseTime(to)) <= 0)
        return Error::invalid(QStringLiteral("field \"to\" is not an ISO 8601 time"));
    if (auto s = req.validate(); !s)
        return s.error();
    return req;
}

QJsonObject ReportChart::toJson() const
{
    QJsonArray points;
    for (qsizetype i = 0; i < labels.size() && i < values.size(); ++i)
        points.append(QJsonObject{{"label", labels[i]}, {"value", values[i]}});
    return {{"title", title}, {"unit", unit}, {"points", points}};
}

// ---- detached signatures

QByteArray DetachedSignature::message() const
{
    QByteArray m;
    m += "KeyWarden detached signature v1\n";
    m += "sha256: " + sha256.toHex() + '\n';
    m += "size: " + QByteArray::number(size) + '\n';
    m += "signed-at: " + isoUtc(signedAt).toLatin1() + '\n';
    m += "key-id: " + keyId.toLatin1() + '\n';
    m += "subject: " + subject.toUtf8() + '\n';
    return m;
}

QJsonObject DetachedSignature::toJson() const
{
    return {{"format", QString::fromLatin1(kFormat)},
            {"algorithm", algorithm},
            {"keyId", keyId},
            {"publicKey", QString::fromLatin1(publicKey.toBase64())},
            {"file", fileName},
            {"size", size},
            {"sha256", QString::fromLatin1(sha256.toHex())},
            {"signedAt", isoUtc(signedAt)},
            {"subject", subject},
            {"signature", QString::fromLatin1(signature.toBase64())}};
}

QByteArray DetachedSignature::toFileContent() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

Result<DetachedSignature> DetachedSignature::fromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("signature"));
    DetachedSignature s;
    const QString format = r.string(QStringLiteral("format"), true);
    s.algorithm = r.string(QStringLiteral("algorithm"), true);
    s.keyId = r.string(QStringLiteral("keyId"), true);
    const QString pub = r.string(QStringLiteral("publicKey"), true);
    s.fileName = r.string(QStringLiteral("file"));
    s.size = r.integer(QStringLiteral("size"), -1, true);
    const QString sha = r.string(QStringLiteral("sha256"), true);
    const QString signedAt = r.string(QStringLiteral("signedAt"), true);
    s.subject = r.string(QStringLiteral("subject"));
    const QString sig = r.string(QStringLiteral("signature"), true);
    if (auto st = r.finish(); !st)
        return st.error();
    if (format != QLatin1String(kFormat))
        return Error::invalid(QStringLiteral("signature: format \"%1\" is not %2").arg(format, QLatin1String(kFormat)));
    if (s.algorithm != QLatin1String("Ed25519"))
        return Error::invalid(
            QStringLiteral("signature: algorithm \"%1\" is not supported (Ed25519)").arg(s.algorithm));
    auto base64 = [](const QString& text) {
        return QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    };
    const auto pubBytes = base64(pub);
    const auto sigBytes = base64(sig);
    if (!pubBytes || pubBytes.decoded.size() != crypto::ed25519::kKeySize)
        return Error::invalid(QStringLiteral("signature: publicKey must be a base64 Ed25519 key (32 bytes)"));
    if (!sigBytes || sigBytes.decoded.size() != crypto::ed25519::kSignatureSize)
        return Error::invalid(QStringLiteral("signature: signature must be base64 (64 bytes)"));
    s.publicKey = pubBytes.decoded;
    s.signature = sigBytes.decoded;
    s.sha256 = QByteArray::fromHex(sha.toLatin1());
    if (s.sha256.size() != 32 || sha.size() != 64)
        return Error::invalid(QStringLiteral("signature: sha256 must be 64 hexadecimal digits"));
    s.signedAt = json::parseTime(signedAt);
    if (s.signedAt <= 0)
        return Error::invalid(QStringLiteral("signature: signedAt is not an ISO 8601 time"));
    if (s.size < 0)
        return Error::invalid(QStringLiteral("signature: size cannot be negative"));
    return s;
}

Result<DetachedSignature> DetachedSignature::fromFileContent(QByteArrayView content)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(content.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::invalid(QStringLiteral("The signature file is not a KeyWarden signature (not a JSON object)"));
    return fromJson(doc.object());
}

Result<DetachedSignature> DetachedSignature::create(QByteArrayView content, const QString& fileName,
                                                    const QString& subject, const SecureBytes& privateKey,
                                                    const QByteArray& publicKey, qint64 nowMs)
{
    DetachedSignature s;
    s.keyId = crypto::ed25519::keyId(publicKey);
    s.publicKey = publicKey;
    s.fileName = fileName;
    s.size = content.size();
    s.sha256 = crypto::sha256(content);
    s.signedAt = nowMs;
    s.subject = subject;
    auto sig = crypto::ed25519::sign(privateKey, s.message());
    if (!sig)
        return sig.error();
    s.signature = *sig;
    return s;
}

Status DetachedSignature::verify(QByteArrayView content, const std::optional<QByteArray>& trustedPublicKey) const
{
    if (trustedPublicKey && *trustedPublicKey != publicKey)
        return Error::crypto(QStringLiteral("The file was signed by key %1, not by the expected key %2")
                                 .arg(keyId, crypto::ed25519::keyId(*trustedPublicKey)));
    if (crypto::ed25519::keyId(publicKey) != keyId)
        return Error::crypto(QStringLiteral("The signature's key id does not match its public key"));
    if (content.size() != size || crypto::sha256(content) != sha256)
        return Error::crypto(QStringLiteral("The file does not match its signature: it was changed after it was "
                                            "signed (signed: %1 bytes, SHA-256 %2…; now: %3 bytes)")
                                 .arg(size)
                                 .arg(QString::fromLatin1(sha256.toHex().left(16)))
                                 .arg(content.size()));
    if (!crypto::ed25519::verify(publicKey, message(), signature))
        return Error::crypto(QStringLiteral("The signature is not valid: the signature file was altered"));
    return {};
}

// ---- signed report

QJsonObject SignedReport::toJson() const
{
    return {{"fileName", fileName},
            {"mediaType", mediaType},
            {"content", QString::fromLatin1(content.toBase64())},
            {"rows", rows},
            {"signature", signature.toJson()}};
}

Result<SignedReport> SignedReport::fromJson(const QJsonObject& object)
{
    JsonReader r(object, QStringLiteral("report"));
    SignedReport out;
    out.fileName = r.string(QStringLiteral("fileName"), true);
    out.mediaType = r.string(QStringLiteral("mediaType"));
    const QString content = r.string(QStringLiteral("content"));
    out.rows = r.integer(QStringLiteral("rows"), 0);
    const QJsonObject sig = r.object(QStringLiteral("signature"));
    if (!r.ok())
        return r.finish().error();
    auto decoded = QByteArray::fromBase64Encoding(content.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::invalid(QStringLiteral("report: content is not base64"));
    out.content = decoded.decoded;
    auto s = DetachedSignature::fromJson(sig);
    if (!s)
        return s.error();
    out.signature = *s;
    return out;
}

} // namespace kw
