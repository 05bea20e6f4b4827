#pragma once

// The one CSV writer, CsvReader's counterpart: RFC 4180 quoting, so whatever CsvReader reads back
// is what was written (delimiters, quotes and line breaks inside a field included). UTF-8, records
// ended by "\n" (CsvReader, spreadsheets and pandas read both "\n" and "\r\n").

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

namespace studio {

// `text` as one field: quoted, with each quote doubled, when it holds the delimiter, a quote, a
// line break, or spaces at either end (which a reader might trim); otherwise as it is.
QString csvField(const QString& text, QChar delimiter = QLatin1Char(','));

// One record: the fields written by csvField, joined by the delimiter, ended by "\n".
QByteArray csvRecord(const QStringList& fields, QChar delimiter = QLatin1Char(','));

} // namespace studio
