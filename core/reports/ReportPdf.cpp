// ReportBuilder::toPdf: the PDF form of a report, drawn with QPdfWriter and QPainter (Qt Gui, no widgets). A cover
// with the report's scope, period, generation time and the audit chain head; the summary and bar charts; then the
// table, paginated by QTextDocument with its header row repeated on every page.
#include "reports/ReportBuilder.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDateTime>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kw {

namespace {

constexpr int kMaxPdfRows = 20'000; // beyond this a PDF is no longer read by people; CSV and JSON carry every row

// The report palette (the console's chart colours, by meaning).
const QColor kInk(0x1f, 0x29, 0x37);
const QColor kMuted(0x6b, 0x72, 0x80);
const QColor kAccent(0x25, 0x63, 0xeb);
const QColor kRule(0xd1, 0xd5, 0xdb);
const QColor kBars[] = {QColor(0x25, 0x63, 0xeb), QColor(0x05, 0x96, 0x69), QColor(0xd9, 0x77, 0x06),
                        QColor(0xdc, 0x26, 0x26)};

QString utcText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString valueText(double v)
{
    if (std::fabs(v - std::round(v)) < 1e-9)
        return QString::number(qint64(std::llround(v)));
    return QString::number(v, 'f', 2);
}

QFont font(qreal points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    // No ligatures: text pulled out of the PDF (pdftotext, search, copy) must read "fi", not one glyph.
    f.setStyleStrategy(QFont::PreferNoShaping);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

// Long text without spaces (compact JSON details) may break after its commas; identifiers stay whole.
QString breakable(QString text)
{
    if (text.size() <= 40 || text.contains(u' '))
        return text;
    return text.replace(u',', QStringLiteral(",\u200B"));
}

// Horizontal bars: label | bar | value, one row per point.
void drawChart(QPainter& p, const QRectF& box, const ReportChart& chart, const QColor& colour)
{
    p.save();
    p.setPen(kRule);
    p.drawRect(box);
    p.setPen(kInk);
    p.setFont(font(10, true));
    const QRectF titleRect(box.left() + 8, box.top() + 6, box.width() - 16, 18);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, chart.title);
    p.setFont(font(8));
    const QFontMetricsF fm(p.font());
    if (chart.values.isEmpty()) {
        p.setPen(kMuted);
        p.drawText(box.adjusted(8, 30, -8, -8), Qt::AlignCenter, QStringLiteral("No data in this period"));
        p.restore();
        return;
    }
    const double max = std::max(1e-9, *std::max_element(chart.values.cbegin(), chart.values.cend()));
    const qreal top = titleRect.bottom() + 6;
    const qreal rowH = std::min<qreal>(20, (box.bottom() - 8 - top) / qreal(chart.values.size()));
    const qreal labelW = box.width() * 0.32;
    const qreal valueW = 70;
    const qreal barX = box.left() + 8 + labelW + 6;
    const qreal barMaxW = box.right() - 8 - valueW - barX;
    for (qsizetype i = 0; i < chart.values.size(); ++i) {
        const qreal y = top + qreal(i) * rowH;
        p.setPen(kInk);
        p.drawText(QRectF(box.left() + 8, y, labelW, rowH), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(chart.labels.value(i), Qt::ElideMiddle, labelW));
        const qreal w = std::max<qreal>(chart.values[i] > 0 ? 1.5 : 0, barMaxW * chart.values[i] / max);
        p.fillRect(QRectF(barX, y + rowH * 0.18, w, rowH * 0.64), colour);
        p.drawText(QRectF(barX + w + 4, y, valueW, rowH), Qt::AlignLeft | Qt::AlignVCenter, valueText(chart.values[i]));
    }
    p.restore();
}

void drawFooter(QPainter& p, const QRectF& page, const ReportDocument& d, int number, int total)
{
    p.save();
    p.setFont(font(7));
    p.setPen(kMuted);
    const QRectF footer(page.left(), page.bottom() - 14, page.width(), 14);
    p.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("KeyWarden — %1 — %2").arg(d.title, utcText(d.generatedAt)));
    p.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1 of %2").arg(number).arg(total));
    p.restore();
}

} // namespace

Result<QByteArray> ReportBuilder::toPdf(const ReportDocument& d)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return Error{Error::Code::Internal,
                     QStringLiteral("PDF reports need Qt's GUI library initialised (a QGuiApplication); kwctl and "
                                    "keywardend start one on the offscreen platform")};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(96);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(14, 14, 14, 14),
                                     QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("KeyWarden — %1").arg(d.title));
    writer.setCreator(QStringLiteral("KeyWarden"));
    const QRectF page(QPointF(0, 0), writer.pageLayout().paintRectPixels(writer.resolution()).size());
    const QRectF body = page.adjusted(0, 0, 0, -22); // room for the footer

    // The table, laid out first so the page count is known for the footers.
    const qsizetype shown = std::min<qsizetype>(d.rows.size(), kMaxPdfRows);
    QList<int> cols; // the columns printed, by index into d.columns
    for (int c = 0; c < d.columns.size(); ++c)
        if (d.columns[c].inPdf)
            cols << c;
    QTextDocument table;
    table.setDocumentMargin(0);
    table.setDefaultFont(font(cols.size() > 10 ? 6.5 : 7.5));
    table.setPageSize(body.size());
    // Identifiers, hashes and times are never broken inside: a reader (and pdftotext) must find them whole.
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WordWrap);
    table.setDefaultTextOption(wrap);
    {
        QTextCursor cursor(&table);
        QTextTableFormat format;
        format.setHeaderRowCount(1);
        format.setCellPadding(2);
        format.setCellSpacing(0);
        format.setBorder(0.5);
        format.setBorderBrush(kRule);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        // Columns as wide as what they hold (the longest of the header and the first rows), in proportion.
        QList<qreal> weights;
        for (int c : cols) {
            qreal longest = d.columns[c].title.size();
            for (qsizetype r = 0; r < std::min<qsizetype>(shown, 200); ++r)
                longest = std::max<qreal>(longest, cellText(d.columns[c], d.rows[r].value(c)).size());
            weights << std::clamp<qreal>(longest, 3, 64);
        }
        const qreal total = std::accumulate(weights.cbegin(), weights.cend(), qreal(0));
        QList<QTextLength> widths;
        for (qreal w : weights)
            widths << QTextLength(QTextLength::PercentageLength, 100 * w / std::max<qreal>(total, 1));
        format.setColumnWidthConstraints(widths);
        QTextTable* t = cursor.insertTable(int(shown) + 1, int(std::max<qsizetype>(1, cols.size())), format);
        QTextCharFormat header;
        header.setFontWeight(QFont::Bold);
        QTextCharFormat headerCellFormat;
        headerCellFormat.setBackground(QColor(0xf3, 0xf4, 0xf6));
        for (int i = 0; i < cols.size(); ++i) {
            QTextTableCell cell = t->cellAt(0, i);
            cell.setFormat(headerCellFormat);
            cell.firstCursorPosition().insertText(d.columns[cols[i]].title, header);
        }
        for (qsizetype r = 0; r < shown; ++r)
            for (int i = 0; i < cols.size(); ++i)
                t->cellAt(int(r) + 1, i)
                    .firstCursorPosition()
                    .insertText(breakable(cellText(d.columns[cols[i]], d.rows[r].value(cols[i]))));
    }
    const int tablePages = std::max(1, table.pageCount());
    const int chartPages = d.charts.isEmpty() ? 0 : int((d.charts.size() + 3) / 4);
    const int totalPages = 1 + chartPages + tablePages;

    QPainter p;
    if (!p.begin(&writer))
        return Error::io(QStringLiteral("Cannot start the PDF document"));
    int pageNumber = 1;

    // Cover: what, for whom, over which period, when, and the audit chain head it was taken at.
    p.setPen(kAccent);
    p.setFont(font(11, true));
    p.drawText(QRectF(0, 20, page.width(), 20), Qt::AlignLeft, QStringLiteral("KeyWarden report"));
    p.setPen(kInk);
    p.setFont(font(26, true));
    p.drawText(QRectF(0, 46, page.width(), 44), Qt::AlignLeft, d.title);
    QList<std::pair<QString, QString>> facts{
        {QStringLiteral("Scope"), d.scope},
        {QStringLiteral("Period"), d.hasPeriod ? QStringLiteral("%1 to %2").arg(utcText(d.fromMs), utcText(d.toMs))
                                               : QStringLiteral("as of %1").arg(utcText(d.generatedAt))},
        {QStringLiteral("Generated"), utcText(d.generatedAt)},
        {QStringLiteral("Generated by"), d.generatedBy},
        {QStringLiteral("Audit chain head"), d.auditHeadSeq > 0 ? QStringLiteral("entry %1, SHA-256 %2")
                                                                      .arg(d.auditHeadSeq)
                                                                      .arg(QString::fromLatin1(d.auditHeadHash.toHex()))
                                                                : QStringLiteral("empty trail")},
        {QStringLiteral("Rows"), shown < d.rows.size() ? QStringLiteral("%1 (the first %2 are printed; the CSV and "
                                                                        "JSON exports carry every row)")
                                                             .arg(d.rows.size())
                                                             .arg(shown)
                                                       : QString::number(d.rows.size())},
        {QStringLiteral("Signature"), QStringLiteral("Ed25519, detached (this file's name + \".sig\"); check with "
                                                     "kwctl report verify")},
    };
    qreal y = 110;
    for (const auto& [label, value] : facts) {
        p.setFont(font(10, true));
        p.setPen(kMuted);
        p.drawText(QRectF(0, y, 170, 20), Qt::AlignLeft | Qt::AlignVCenter, label);
        p.setFont(font(10));
        p.setPen(kInk);
        p.drawText(QRectF(175, y, page.width() - 175, 20), Qt::AlignLeft | Qt::AlignVCenter, value);
        y += 24;
    }
    y += 16;
    p.setPen(kRule);
    p.drawLine(QPointF(0, y), QPointF(page.width(), y));
    y += 14;
    p.setPen(kInk);
    p.setFont(font(13, true));
    p.drawText(QRectF(0, y, page.width(), 22), Qt::AlignLeft, QStringLiteral("Summary"));
    y += 30;
    for (const auto& [label, value] : d.summary) {
        if (y > body.bottom() - 20)
            break;
        p.setFont(font(10, true));
        p.setPen(kMuted);
        p.drawText(QRectF(0, y, 220, 18), Qt::AlignLeft | Qt::AlignVCenter, label);
        p.setFont(font(10));
        p.setPen(kInk);
        p.drawText(QRectF(225, y, page.width() - 225, 18), Qt::AlignLeft | Qt::AlignVCenter, value);
        y += 20;
    }
    drawFooter(p, page, d, pageNumber, totalPages);

    // Charts, four to a page.
    for (int i = 0; i < d.charts.size(); ++i) {
        if (i % 4 == 0) {
            writer.newPage();
            ++pageNumber;
            drawFooter(p, page, d, pageNumber, totalPages);
        }
        const int slot = i % 4;
        const qreal w = (body.width() - 16) / 2;
        const qreal h = (body.height() - 16) / 2;
        const QRectF box((slot % 2) * (w + 16), (slot / 2) * (h + 16), w, h);
        drawChart(p, box, d.charts[i], kBars[i % 4]);
    }

    // The table, page by page.
    for (int i = 0; i < tablePages; ++i) {
        writer.newPage();
        ++pageNumber;
        p.save();
        p.translate(0, -qreal(i) * body.height());
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = QRectF(0, qreal(i) * body.height(), body.width(), body.height());
        ctx.palette.setColor(QPalette::Text, kInk);
        p.setClipRect(ctx.clip);
        table.documentLayout()->draw(&p, ctx);
        p.restore();
        drawFooter(p, page, d, pageNumber, totalPages);
    }
    if (!p.end())
        return Error::io(QStringLiteral("Cannot finish the PDF document"));
    return buffer.data();
}

} // namespace kw
