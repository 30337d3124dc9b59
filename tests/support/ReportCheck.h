#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kwtest {

// An independent RFC 4180 reader for checking CSV exports: quoted fields with doubled quotes, commas and line breaks,
// CRLF record ends. Returns nullopt (and why, in *error) for input that breaks the format.
std::optional<QList<QStringList>> parseCsv(const QByteArray& data, QString* error = nullptr);

// The text of a PDF as Debian's poppler-utils extracts it (`pdftotext -layout`), or nullopt with the reason.
std::optional<QString> pdfText(const QByteArray& pdf, QString* error = nullptr);

} // namespace kwtest
