#pragma once

#include "reports/Report.h"

namespace kw {

class Backend;

// Gathers a report's content through the Backend interface (so the same code serves a local vault and a key
// server) and writes it as CSV, JSON or PDF. Nothing it reads holds a secret: key records, usage rollups, audit
// entries and compliance findings only.
class ReportBuilder {
public:
    static Result<ReportDocument> build(Backend& backend, const ReportRequest& request, qint64 nowMs);

    // RFC 4180: CRLF line ends, a header row of column keys, fields quoted when they hold a comma, quote or line
    // break. Text cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a leading
    // apostrophe.
    static QByteArray toCsv(const ReportDocument& document);
    static QByteArray toJson(const ReportDocument& document);
    // Needs a QGuiApplication (fonts); kwctl and keywardend create one on the offscreen platform.
    static Result<QByteArray> toPdf(const ReportDocument& document);
    static Result<QByteArray> write(const ReportDocument& document, ReportFormat format);

    // "12.5" -> "12.50"; micro-units with up to six decimals, at least two.
    static QString formatMoney(qint64 micros);
    static QString formatTime(qint64 ms); // ISO 8601 UTC, "" for 0
    static QString cellText(const ReportColumn& column, const QVariant& value);
    static QString suggestedFileName(const ReportDocument& document, ReportFormat format);
};

} // namespace kw
