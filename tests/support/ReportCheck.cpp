#include "ReportCheck.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>

namespace kwtest {

std::optional<QList<QStringList>> parseCsv(const QByteArray& data, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<QList<QStringList>> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString text = QString::fromUtf8(data);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (only a separator may follow the closing quote)
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    i += 2;
                    continue;
                }
                quoted = false;
                ++i;
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                return fail(QStringLiteral("a quote inside an unquoted field at offset %1").arg(i));
            quoted = true;
            wasQuoted = true;
            ++i;
        } else if (c == u',') {
            record << field;
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n')
                return fail(QStringLiteral("a CR without LF at offset %1").arg(i));
            record << field;
            records << record;
            record.clear();
            field.clear();
            wasQuoted = false;
            i += 2;
        } else if (c == u'\n') {
            return fail(QStringLiteral("a bare LF (records end in CRLF) at offset %1").arg(i));
        } else {
            if (wasQuoted)
                return fail(QStringLiteral("text after a closing quote at offset %1").arg(i));
            field += c;
            ++i;
        }
    }
    if (quoted)
        return fail(QStringLiteral("an unterminated quoted field"));
    if (!field.isEmpty() || !record.isEmpty())
        return fail(QStringLiteral("the last record does not end in CRLF"));
    return records;
}

std::optional<QString> pdfText(const QByteArray& pdf, QString* error)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty()) {
        if (error)
            *error = QStringLiteral("pdftotext is not installed (Debian: poppler-utils)");
        return std::nullopt;
    }
    QTemporaryFile file;
    if (!file.open() || file.write(pdf) != pdf.size() || !file.flush()) {
        if (error)
            *error = QStringLiteral("cannot write a temporary file");
        return std::nullopt;
    }
    QProcess p;
    p.start(tool, {QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), file.fileName(),
                   QStringLiteral("-")});
    if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("pdftotext failed: %1").arg(QString::fromUtf8(p.readAllStandardError()));
        return std::nullopt;
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace kwtest
