// Reports against the vault they describe: inventory rows and totals, usage and cost allocation, the expiration
// outlook, revocations and incidents, compliance findings and the audit extract — in CSV (parsed back with an
// independent RFC 4180 reader), JSON and PDF (its text extracted with pdftotext). Every export is signed: the
// signature verifies with the vault's public key and fails after a one-byte change. No secret appears anywhere.

#include "ReportCheck.h"
#include "TestSupport.h"

#include "crypto/Ed25519.h"
#include "reports/ReportBuilder.h"
#include "usage/UsageImport.h"
#include "util/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kw;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;

QJsonObject parseJson(const QByteArray& bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("report JSON does not parse: %s", qPrintable(err.errorString()));
    return doc.object();
}

// Column index by header name.
int column(const QStringList& header, const char* name)
{
    const int i = int(header.indexOf(QLatin1String(name)));
    if (i < 0)
        qFatal("CSV has no column %s", name);
    return i;
}

} // namespace

class TestReports : public QObject {
    Q_OBJECT

    std::unique_ptr<kwtest::TempVault> tv;
    LocalVault& b() { return tv->backend(); }
    std::vector<IssuedKey> m_keys; // with their secrets, to prove none leaks
    qint64 m_usageFrom = 0;

    IssuedKey issue(const QString& project, const QString& env, const QString& name,
                    const std::function<void(KeySpec&)>& adjust = {})
    {
        KeySpec s;
        s.project = project;
        s.environment = env;
        s.name = name;
        s.owner = QStringLiteral("owner-%1@example.com").arg(name);
        s.services = {QStringLiteral("web")};
        if (adjust)
            adjust(s);
        auto k = b().createKey(s);
        if (!k)
            qFatal("createKey %s: %s", qPrintable(name), qPrintable(k.errorMessage()));
        IssuedKey copy{k->key, k->secret.clone()};
        m_keys.push_back(std::move(*k));
        return copy;
    }

    // Two teams, three projects (one without a team), keys in every state, usage with prices, revocations in two
    // incidents and a suspension.
    void seed()
    {
        QVERIFY(b().createProject({QStringLiteral("shop"), QStringLiteral("platform"), {}}));
        QVERIFY(b().createProject({QStringLiteral("api"), QStringLiteral("platform"), {}}));
        QVERIFY(b().createProject({QStringLiteral("lab"), QStringLiteral("research"), {}}));
        issue("shop", "live", "checkout", [](KeySpec& s) { s.expiresInMs = 10 * kDay; });
        issue("shop", "live", "cart, \"v2\"", [](KeySpec& s) { s.expiresInMs = 45 * kDay; }); // needs quoting
        issue("shop", "test", "=cmd|' /C calc'!A0", [](KeySpec& s) { s.expiresInMs = 200 * kDay; });
        issue("api", "live", "gateway", [](KeySpec& s) {
            s.services = {QStringLiteral("search"), QStringLiteral("maps")};
            s.recoverable = true;
        });
        issue("api", "live", "partner");
        issue("lab", "dev", "notebook", [](KeySpec& s) { s.expiresInMs = 3 * kDay; });
        issue("lab", "dev", "multi line");
        tv->clock().advanceSecs(30);
        QVERIFY(b().suspendKey(m_keys[4].key.id, QStringLiteral("partner paused,\nuntil \"Monday\"")));
        QVERIFY(
            b().revokeKeys({{m_keys[1].key.id}, false, QStringLiteral("leaked in a log"), QStringLiteral("INC-7")}));
        QVERIFY(
            b().revokeKeys({{m_keys[6].key.id}, false, QStringLiteral("notebook shared"), QStringLiteral("INC-8")}));

        // Usage over the last days: per key, service and code, in whole hours.
        const qint64 now = tv->clock().nowMs();
        const qint64 hour = now - now % kHour;
        m_usageFrom = hour - 5 * kDay;
        QList<UsageAggregate> rows;
        auto add = [&](int key, const QString& service, const QString& code, qint64 requests, qint64 amount, int h) {
            UsageAggregate a;
            a.bucketMs = hour - qint64(h) * kHour;
            a.keyId = m_keys[key].key.id;
            a.project = m_keys[key].key.project;
            a.service = service;
            a.code = code;
            a.requests = requests;
            a.cost = requests;
            a.amountMicros = amount;
            rows << a;
        };
        add(0, "web", "VALID", 1000, 2'500'000, 5);
        add(0, "web", "RATE_LIMITED", 50, 0, 5);
        add(2, "web", "VALID", 300, 750'000, 30);
        add(3, "search", "VALID", 4000, 12'000'000, 2);
        add(3, "maps", "VALID", 200, 1'000'000, 50);
        add(3, "", "VALID", 70, 0, 3); // no service named
        add(5, "web", "VALID", 5, 10, 1);
        auto imported = b().importUsageRollups(rows);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
    }

    SignedReport report(ReportType type, ReportFormat format, const std::function<void(ReportRequest&)>& adjust = {})
    {
        ReportRequest r;
        r.type = type;
        r.format = format;
        if (type == ReportType::Usage)
            r.fromMs = m_usageFrom;
        if (adjust)
            adjust(r);
        auto out = b().createReport(r);
        if (!out)
            qFatal("createReport %s/%s: %s", qPrintable(toString(type)), qPrintable(toString(format)),
                   qPrintable(out.errorMessage()));
        return std::move(*out);
    }

    QList<QStringList> csv(const SignedReport& r)
    {
        QString error;
        auto rows = kwtest::parseCsv(r.content, &error);
        if (!rows)
            qFatal("CSV does not parse: %s", qPrintable(error));
        return *rows;
    }

    QString pdf(const SignedReport& r)
    {
        QString error;
        auto text = kwtest::pdfText(r.content, &error);
        if (!text)
            qFatal("%s", qPrintable(error));
        return *text;
    }

    QByteArray publicKey()
    {
        auto pem = b().reportPublicKey();
        if (!pem)
            qFatal("reportPublicKey: %s", qPrintable(pem.errorMessage()));
        return crypto::ed25519::publicKeyFromPem(pem->toLatin1()).value();
    }

private slots:
    void init()
    {
        tv = std::make_unique<kwtest::TempVault>();
        QVERIFY(tv->ok());
        m_keys.clear();
        seed();
    }
    void cleanup()
    {
        m_keys.clear();
        tv.reset();
    }

    void inventoryCsvMatchesVault()
    {
        const SignedReport r = report(ReportType::Inventory, ReportFormat::Csv);
        QCOMPARE(r.mediaType, QStringLiteral("text/csv"));
        QVERIFY(r.fileName.endsWith(QLatin1String(".csv")));
        const auto rows = csv(r);
        const QStringList header = rows.first();
        const auto keys = b().keys({}).value();
        QCOMPARE(rows.size() - 1, keys.size());
        QCOMPARE(r.rows, qint64(keys.size()));
        QHash<QString, QStringList> byId;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), header.size());
            byId.insert(rows[i][column(header, "id")], rows[i]);
        }
        const qint64 now = tv->clock().nowMs();
        for (const KeyRecord& k : keys) {
            QVERIFY2(byId.contains(k.id), qPrintable(k.id));
            const QStringList row = byId.value(k.id);
            const QString name = row[column(header, "name")];
            // A name that a spreadsheet would run as a formula is defused with a leading apostrophe.
            QCOMPARE(name, k.name.startsWith(u'=') ? QStringLiteral("'") + k.name : k.name);
            QCOMPARE(row[column(header, "displayId")], k.displayId);
            QCOMPARE(row[column(header, "team")], k.team);
            QCOMPARE(row[column(header, "project")], k.project);
            QCOMPARE(row[column(header, "environment")], k.environment);
            QCOMPARE(row[column(header, "owner")], k.owner);
            QCOMPARE(row[column(header, "status")], toString(k.effectiveStatus(now)));
            QCOMPARE(json::parseTime(QJsonValue(row[column(header, "createdAt")])), k.createdAt);
            QCOMPARE(row[column(header, "expiresAt")].isEmpty(), k.expiresAt == 0);
            if (k.expiresAt)
                QCOMPARE(json::parseTime(QJsonValue(row[column(header, "expiresAt")])), k.expiresAt);
            QCOMPARE(row[column(header, "recoverable")], k.recoverable ? QStringLiteral("yes") : QStringLiteral("no"));
            QCOMPARE(row[column(header, "services")], k.services.join(u';'));
        }
        // Quoting survived the round trip.
        QVERIFY(byId.value(m_keys[1].key.id).contains(QStringLiteral("cart, \"v2\"")));
        QVERIFY(r.content.contains("\"cart, \"\"v2\"\"\""));
    }

    void inventoryScopes()
    {
        auto ids = [&](const SignedReport& r) {
            QStringList out;
            const auto rows = csv(r);
            for (qsizetype i = 1; i < rows.size(); ++i)
                out << rows[i][0];
            out.sort();
            return out;
        };
        auto expected = [&](const std::function<bool(const KeyRecord&)>& pick) {
            QStringList out;
            for (const auto& k : m_keys)
                if (pick(k.key))
                    out << k.key.id;
            out.sort();
            return out;
        };
        QCOMPARE(ids(report(ReportType::Inventory, ReportFormat::Csv, [](ReportRequest& r) { r.project = "api"; })),
                 expected([](const KeyRecord& k) { return k.project == "api"; }));
        QCOMPARE(ids(report(ReportType::Inventory, ReportFormat::Csv, [](ReportRequest& r) { r.team = "platform"; })),
                 expected([](const KeyRecord& k) { return k.project != "lab"; }));
        const QJsonObject j = parseJson(
            report(ReportType::Inventory, ReportFormat::Json, [](ReportRequest& r) { r.team = "research"; }).content);
        QCOMPARE(j.value("scope").toString(), QStringLiteral("team research"));
        QCOMPARE(j.value("summary").toObject().value("keys").toInt(), 2);
        QCOMPARE(j.value("rows").toArray().size(), 2);
    }

    void inventoryJson()
    {
        const AuditStatus before = b().auditStatus().value();
        const SignedReport r = report(ReportType::Inventory, ReportFormat::Json);
        const QJsonObject j = parseJson(r.content);
        QCOMPARE(j.value("report").toString(), QStringLiteral("inventory"));
        QCOMPARE(j.value("scope").toString(), QStringLiteral("whole workspace"));
        QVERIFY(j.value("period").isNull());
        QCOMPARE(j.value("generatedBy").toString(), QStringLiteral("test:admin"));
        const QJsonObject summary = j.value("summary").toObject();
        QCOMPARE(summary.value("keys").toInt(), int(m_keys.size()));
        const QJsonObject byStatus = summary.value("byStatus").toObject();
        QCOMPARE(byStatus.value("revoked").toInt(), 2);
        QCOMPARE(byStatus.value("suspended").toInt(), 1);
        QCOMPARE(byStatus.value("active").toInt(), 4);
        const QJsonArray rows = j.value("rows").toArray();
        QCOMPARE(rows.size(), qsizetype(m_keys.size()));
        QCOMPARE(rows.first().toObject().value("recoverable").type(), QJsonValue::Bool);
        // The cover facts: the audit head the report was taken at.
        const QJsonObject head = j.value("auditHead").toObject();
        QCOMPARE(head.value("seq").toInteger(), before.headSeq);
        QCOMPARE(head.value("hash").toString(), QString::fromLatin1(before.headHash.toHex()));
    }

    void usageAndCostAllocation()
    {
        const SignedReport r = report(ReportType::Usage, ReportFormat::Json);
        const QJsonObject j = parseJson(r.content);
        const QJsonObject summary = j.value("summary").toObject();
        const qint64 from = json::parseTime(j.value("period").toObject().value("from"));
        const qint64 to = json::parseTime(j.value("period").toObject().value("to"));
        QCOMPARE(from, m_usageFrom);
        const UsageSummary all = b().usageSummary(UsageScope::All, {}, from, to).value();
        QCOMPARE(summary.value("requests").toInteger(), all.totals.requests);
        QCOMPARE(summary.value("valid").toInteger(), all.totals.valid);
        QCOMPARE(summary.value("cost").toInteger(), all.totals.cost);
        QCOMPARE(summary.value("amount").toString(), ReportBuilder::formatMoney(all.totals.amountMicros));
        QCOMPARE(all.totals.requests, qint64(1000 + 50 + 300 + 4000 + 200 + 70 + 5));
        // Rows add up to the totals, and each (project, service) row matches the usage ranking.
        qint64 requests = 0;
        QHash<QString, QJsonObject> rows;
        for (const QJsonValue& v : j.value("rows").toArray()) {
            const QJsonObject o = v.toObject();
            requests += o.value("requests").toInteger();
            rows.insert(o.value("project").toString() + u'/' + o.value("service").toString(), o);
        }
        QCOMPARE(requests, all.totals.requests);
        QCOMPARE(rows.value("shop/web").value("requests").toInteger(), qint64(1350));
        QCOMPARE(rows.value("shop/web").value("rejected").toInteger(), qint64(50));
        QCOMPARE(rows.value("shop/web").value("amount").toString(), QStringLiteral("3.25"));
        QCOMPARE(rows.value("shop/web").value("team").toString(), QStringLiteral("platform"));
        QCOMPARE(rows.value("api/search").value("amount").toString(), QStringLiteral("12.00"));
        QCOMPARE(rows.value("api/(no service)").value("requests").toInteger(), qint64(70));
        QCOMPARE(rows.value("lab/web").value("amount").toString(), QStringLiteral("0.00001"));
        const QJsonObject byTeam = summary.value("byTeam").toObject();
        QCOMPARE(byTeam.value("platform").toObject().value("amount").toString(), QStringLiteral("16.25"));
        QCOMPARE(byTeam.value("research").toObject().value("requests").toInteger(), qint64(5));
        // A team's scope: only its projects.
        const QJsonObject research = parseJson(
            report(ReportType::Usage, ReportFormat::Json, [](ReportRequest& q) { q.team = "research"; }).content);
        QCOMPARE(research.value("summary").toObject().value("requests").toInteger(), qint64(5));
        // CSV carries the same rows.
        const auto table = csv(report(ReportType::Usage, ReportFormat::Csv));
        QCOMPARE(table.size() - 1, rows.size());
        QCOMPARE(table.first(),
                 (QStringList{"team", "project", "service", "requests", "valid", "rejected", "cost", "amount"}));
    }

    void expirationOutlook()
    {
        const SignedReport r = report(ReportType::Expirations, ReportFormat::Csv);
        const auto rows = csv(r);
        const QStringList header = rows.first();
        QStringList names;
        for (qsizetype i = 1; i < rows.size(); ++i)
            names << rows[i][column(header, "name")];
        // Within the default 90 days, soonest first; revoked keys are not in the outlook (cart, "v2" is revoked).
        QCOMPARE(names, (QStringList{"notebook", "checkout"}));
        QCOMPARE(rows[1][column(header, "daysLeft")], QStringLiteral("2"));
        const SignedReport longer = report(ReportType::Expirations, ReportFormat::Csv,
                                           [&](ReportRequest& q) { q.toMs = tv->clock().nowMs() + 365 * kDay; });
        QCOMPARE(csv(longer).size() - 1, 3);
    }

    void revocationsAndIncidents()
    {
        const SignedReport r = report(ReportType::Revocations, ReportFormat::Json);
        const QJsonObject j = parseJson(r.content);
        const QJsonArray rows = j.value("rows").toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(j.value("summary").toObject().value("revocations").toInt(), 2);
        QCOMPARE(j.value("summary").toObject().value("suspensions").toInt(), 1);
        QCOMPARE(j.value("summary").toObject().value("incidents").toInt(), 2);
        QJsonObject leaked;
        for (const QJsonValue& v : rows)
            if (v.toObject().value("incident").toString() == QLatin1String("INC-7"))
                leaked = v.toObject();
        QCOMPARE(leaked.value("keyId").toString(), m_keys[1].key.id);
        QCOMPARE(leaked.value("action").toString(), QStringLiteral("revoke"));
        QCOMPARE(leaked.value("reason").toString(), QStringLiteral("leaked in a log"));
        QCOMPARE(leaked.value("actor").toString(), QStringLiteral("test:admin"));
        QCOMPARE(leaked.value("role").toString(), QStringLiteral("local"));
        QCOMPARE(leaked.value("project").toString(), QStringLiteral("shop"));
        // A reason with a comma, a line break and quotes survives CSV.
        const auto table = csv(report(ReportType::Revocations, ReportFormat::Csv));
        bool found = false;
        for (const QStringList& row : table)
            found |= row.contains(QStringLiteral("partner paused,\nuntil \"Monday\""));
        QVERIFY(found);
        // Scoped to a project: only its keys.
        const QJsonObject lab = parseJson(
            report(ReportType::Revocations, ReportFormat::Json, [](ReportRequest& q) { q.project = "lab"; }).content);
        QCOMPARE(lab.value("rows").toArray().size(), 1);
        QCOMPARE(lab.value("rows").toArray().first().toObject().value("incident").toString(), QStringLiteral("INC-8"));
    }

    void complianceFindings()
    {
        const SignedReport r = report(ReportType::Compliance, ReportFormat::Json);
        const QJsonObject j = parseJson(r.content);
        const ComplianceReport latest = b().runCompliance().value();
        QCOMPARE(j.value("summary").toObject().value("score").toInt(), latest.score);
        QCOMPARE(j.value("rows").toArray().size(), latest.findings.size());
        QCOMPARE(j.value("summary").toObject().value("rules").toArray().size(), 10);
        // The recoverable key is among the findings.
        bool found = false;
        for (const QJsonValue& v : j.value("rows").toArray())
            found |= v.toObject().value("rule").toString() == QLatin1String("key.recoverable-secret") &&
                     v.toObject().value("keyId").toString() == m_keys[3].key.id;
        QVERIFY(found);
    }

    void auditExtract()
    {
        // The extract holds every entry of the last 30 days as it was when the report was built (its own entries
        // come after).
        const auto entries = b().auditEntries({0, 0, {}, {}}).value();
        const SignedReport r = report(ReportType::Audit, ReportFormat::Csv);
        const auto rows = csv(r);
        const QStringList header = rows.first();
        QCOMPARE(rows.size() - 1, entries.size());
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const AuditEntry& e = entries[i - 1];
            QCOMPARE(rows[i][column(header, "seq")].toLongLong(), e.seq);
            QCOMPARE(rows[i][column(header, "action")], e.action);
            QCOMPARE(rows[i][column(header, "hash")], QString::fromLatin1(e.hash.toHex()));
        }
        // The audit extract covers the whole trail.
        ReportRequest scoped;
        scoped.type = ReportType::Audit;
        scoped.project = "shop";
        QCOMPARE(b().createReport(scoped).error().code, Error::Code::Invalid);
    }

    void pdfHoldsTheRows()
    {
        const AuditStatus before = b().auditStatus().value();
        const SignedReport inv = report(ReportType::Inventory, ReportFormat::Pdf);
        QVERIFY(inv.content.startsWith("%PDF-"));
        QCOMPARE(inv.mediaType, QStringLiteral("application/pdf"));
        const QString text = pdf(inv);
        QVERIFY2(text.contains(QLatin1String("Key inventory")), qPrintable(text.left(500)));
        QVERIFY(text.contains(QLatin1String("whole workspace")));
        QVERIFY(text.contains(QLatin1String("Audit chain head")));
        QVERIFY2(text.contains(QStringLiteral("entry %1").arg(before.headSeq)), qPrintable(text.left(800)));
        QVERIFY(text.contains(QString::fromLatin1(before.headHash.toHex().left(32))));
        for (const auto& k : m_keys) {
            QVERIFY2(text.contains(k.key.id), qPrintable(k.key.id));
            QVERIFY2(text.contains(k.key.displayId), qPrintable(k.key.displayId));
        }
        QVERIFY(text.contains(QLatin1String("checkout")));
        QVERIFY(text.contains(QLatin1String("gateway")));

        const QString usage = pdf(report(ReportType::Usage, ReportFormat::Pdf));
        QVERIFY(usage.contains(QLatin1String("Usage and cost allocation")));
        QVERIFY(usage.contains(QLatin1String("Cost per project"))); // a chart's title
        QVERIFY(usage.contains(QLatin1String("12.00")));
        QVERIFY(usage.contains(QLatin1String("search")));

        const QString revocations = pdf(report(ReportType::Revocations, ReportFormat::Pdf));
        QVERIFY(revocations.contains(QLatin1String("INC-7")));
        QVERIFY(revocations.contains(QLatin1String("leaked in a log")));

        const QString compliance = pdf(report(ReportType::Compliance, ReportFormat::Pdf));
        QVERIFY(compliance.contains(QLatin1String("key.recoverable-secret")));
        QVERIFY(compliance.contains(QLatin1String("Score")));

        const QString expirations = pdf(report(ReportType::Expirations, ReportFormat::Pdf));
        QVERIFY(expirations.contains(QLatin1String("notebook")));
        const QString audit = pdf(report(ReportType::Audit, ReportFormat::Pdf));
        QVERIFY(audit.contains(QLatin1String("key.revoke")));
    }

    void signaturesVerify_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ReportFormat::Csv);
        QTest::newRow("json") << int(ReportFormat::Json);
        QTest::newRow("pdf") << int(ReportFormat::Pdf);
    }

    void signaturesVerify()
    {
        QFETCH(int, format);
        const SignedReport r = report(ReportType::Inventory, ReportFormat(format));
        const QByteArray pub = publicKey();
        QCOMPARE(r.signature.publicKey, pub);
        QCOMPARE(r.signature.keyId, crypto::ed25519::keyId(pub));
        QVERIFY(r.signature.verify(r.content, pub));
        QVERIFY(r.signature.verify(r.content, std::nullopt));
        // The signature file reads back to the same signature.
        auto back = DetachedSignature::fromFileContent(r.signature.toFileContent());
        QVERIFY2(back, qPrintable(back.errorMessage()));
        QVERIFY(back->verify(r.content, pub));

        // Any one byte changed: the signature fails, and says so.
        for (qsizetype at : {qsizetype(0), r.content.size() / 2, r.content.size() - 1}) {
            QByteArray changed = r.content;
            changed[at] = char(changed[at] ^ 0x01);
            const Status s = r.signature.verify(changed, pub);
            QVERIFY(!s);
            QVERIFY2(s.errorMessage().contains(QLatin1String("changed after it was signed")),
                     qPrintable(s.errorMessage()));
        }
        QVERIFY(!r.signature.verify(r.content + ' ', pub));
        QVERIFY(!r.signature.verify(r.content.chopped(1), pub));

        // A signature file whose fields were changed no longer verifies, even with the content's true digest.
        QJsonObject edited = r.signature.toJson();
        edited.insert("subject", "something else");
        QVERIFY(!DetachedSignature::fromJson(edited)->verify(r.content, pub));
        edited = r.signature.toJson();
        edited.insert("signedAt", json::time(r.signature.signedAt + 1000));
        QVERIFY(!DetachedSignature::fromJson(edited)->verify(r.content, pub));
        QByteArray sig = r.signature.signature;
        sig[10] = char(sig[10] ^ 0x80);
        edited = r.signature.toJson();
        edited.insert("signature", QString::fromLatin1(sig.toBase64()));
        QVERIFY(!DetachedSignature::fromJson(edited)->verify(r.content, pub));

        // Another key's signature is refused when the vault's key is expected.
        auto other = crypto::ed25519::generate().value();
        auto forged = DetachedSignature::create(r.content, r.fileName, r.signature.subject, other.privateKey,
                                                other.publicKey, tv->clock().nowMs());
        QVERIFY(forged);
        QVERIFY(forged->verify(r.content, std::nullopt)); // internally consistent ...
        const Status refused = forged->verify(r.content, pub);
        QVERIFY(!refused); // ... but not by this vault
        QVERIFY2(refused.errorMessage().contains(QLatin1String("expected key")), qPrintable(refused.errorMessage()));
    }

    void malformedSignatureFiles()
    {
        const SignedReport r = report(ReportType::Inventory, ReportFormat::Csv);
        QVERIFY(!DetachedSignature::fromFileContent("not json"));
        QJsonObject o = r.signature.toJson();
        o.insert("algorithm", "RSA");
        QVERIFY(DetachedSignature::fromJson(o).errorMessage().contains(QLatin1String("RSA")));
        o = r.signature.toJson();
        o.insert("extra", 1);
        QVERIFY(DetachedSignature::fromJson(o).errorMessage().contains(QLatin1String("extra")));
        o = r.signature.toJson();
        o.insert("sha256", "abc");
        QVERIFY(!DetachedSignature::fromJson(o));
        o = r.signature.toJson();
        o.remove("signature");
        QVERIFY(DetachedSignature::fromJson(o).errorMessage().contains(QLatin1String("signature")));
    }

    void signingKeyIsStableAndAudited()
    {
        const QString pem = b().reportPublicKey().value();
        QVERIFY(pem.startsWith(QLatin1String("-----BEGIN PUBLIC KEY-----")));
        QCOMPARE(b().reportPublicKey().value(), pem);
        tv->reopen();
        QCOMPARE(b().reportPublicKey().value(), pem);
        QCOMPARE(b().auditEntries({0, 0, {}, QStringLiteral("signing-key.create")})->size(), 1);
        // The private key is sealed in the vault header, never stored in the clear.
        const QByteArray stored = b().vault().readMeta(QStringLiteral("signing_key")).value();
        const QByteArray pub = publicKey();
        QVERIFY(stored.contains(pub.toBase64()));
        QVERIFY(stored.contains("sealed"));
    }

    void reportsAreAudited()
    {
        const SignedReport r =
            report(ReportType::Inventory, ReportFormat::Json, [](ReportRequest& q) { q.project = "shop"; });
        const AuditEntry last = b().auditEntries({0, 0, {}, QStringLiteral("report.create")})->last();
        QCOMPARE(last.target, QStringLiteral("inventory"));
        QCOMPARE(last.details.value("format").toString(), QStringLiteral("json"));
        QCOMPARE(last.details.value("scope").toString(), QStringLiteral("project shop"));
        QCOMPARE(last.details.value("sha256").toString(), QString::fromLatin1(r.signature.sha256.toHex()));
        QCOMPARE(last.details.value("rows").toInt(), 3);
    }

    void noSecretInAnyReport()
    {
        for (const QString& typeName : reportTypeNames()) {
            for (ReportFormat f : {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Pdf}) {
                const ReportType type = *reportTypeFromString(typeName);
                const SignedReport r = report(type, f);
                const QString text = f == ReportFormat::Pdf ? pdf(r) : QString::fromUtf8(r.content);
                for (const auto& k : m_keys) {
                    const QString secret = k.secret.toUtf8String();
                    // The whole secret, and its random part without the display id's prefix.
                    const QString tail = secret.right(20);
                    QVERIFY2(!text.contains(secret) && !text.contains(tail), qPrintable(typeName + '/' + toString(f)));
                    QVERIFY(!r.content.contains(k.secret.view()));
                }
            }
        }
    }

    void badRequests()
    {
        ReportRequest r;
        r.project = "nope";
        auto missing = b().createReport(r);
        QCOMPARE(missing.error().code, Error::Code::NotFound);
        QVERIFY(missing.errorMessage().contains(QLatin1String("nope")));
        r = {};
        r.team = "nope";
        QCOMPARE(b().createReport(r).error().code, Error::Code::NotFound);
        r = {};
        r.team = "platform";
        r.project = "shop";
        QCOMPARE(b().createReport(r).error().code, Error::Code::Invalid);
        r = {};
        r.fromMs = 2000;
        r.toMs = 1000;
        QCOMPARE(b().createReport(r).error().code, Error::Code::Invalid);
        // Requests as JSON: strict.
        QVERIFY(!ReportRequest::fromJson(QJsonObject{{"type", "inventory"}, {"colour", "red"}}));
        QVERIFY(ReportRequest::fromJson(QJsonObject{{"type", "nope"}}).errorMessage().contains(QLatin1String("nope")));
        QVERIFY(!ReportRequest::fromJson(QJsonObject{{"type", "usage"}, {"format", "xls"}}));
        QVERIFY(!ReportRequest::fromJson(QJsonObject{{"type", "usage"}, {"from", "yesterday"}}));
        auto ok = ReportRequest::fromJson(
            QJsonObject{{"type", "usage"}, {"format", "pdf"}, {"from", "2026-01-01T00:00:00Z"}, {"project", "shop"}});
        QVERIFY2(ok, qPrintable(ok.errorMessage()));
        QVERIFY(ok->format == ReportFormat::Pdf);
        QCOMPARE(ok->toJson().value("project").toString(), QStringLiteral("shop"));
    }

    void moneyAndTimeFormats()
    {
        QCOMPARE(ReportBuilder::formatMoney(0), QStringLiteral("0.00"));
        QCOMPARE(ReportBuilder::formatMoney(12'500'000), QStringLiteral("12.50"));
        QCOMPARE(ReportBuilder::formatMoney(1), QStringLiteral("0.000001"));
        QCOMPARE(ReportBuilder::formatMoney(-1'230'000), QStringLiteral("-1.23"));
        QCOMPARE(ReportBuilder::formatTime(0), QString());
        QCOMPARE(ReportBuilder::formatTime(1'767'225'600'000), QStringLiteral("2026-01-01T00:00:00.000Z"));
    }
};

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
