#pragma once

// A streaming reader for delimited text (CSV, TSV): RFC 4180 quoting (delimiters, quotes and
// newlines inside quoted fields, "" for a quote), UTF-8 with or without BOM, \n or \r\n.
// It holds one record at a time, so a file of any size reads in constant memory, and stops at the
// limits of ImportControl::limits (line and field length, fields per record, records per file).
// Every error is a StudioError naming the file and line, and saying what to do.

#include "data/ImportControl.h"
#include "data/LineReader.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace studio {

struct CsvOptions {
    // ',' or '\t'; QChar() picks '\t' for .tsv/.tab files and otherwise the one of ',', '\t', ';'
    // that appears most in the first line.
    QChar delimiter;
    bool hasHeader = true;
};

// Splits records given one line at a time (without its line break) by the RFC 4180 rules above:
// CsvReader's own splitter, also for text that arrives in pieces (a metrics file read while it is
// written). Fields come back as raw UTF-8 bytes, unquoted. A record may hold at most
// limits.maxFields fields of at most limits.maxFieldBytes bytes each: a quote left open in a
// huge file stops at the field limit instead of reading to the end.
class CsvRecordSplitter {
public:
    enum class Step {
        Record,          // a record is complete: `fields` holds it
        NeedsMoreLines,  // a quoted field runs on past the line break: the next line continues it
        FieldTooLong,    // a field passed limits.maxFieldBytes (inRecord() says if it is quoted)
        TooManyFields,   // the record passed limits.maxFields
    };

    explicit CsvRecordSplitter(char delimiter = ',', const ImportLimits& limits = {})
        : m_delimiter(delimiter), m_maxFieldBytes(limits.maxFieldBytes), m_maxFields(limits.maxFields) {}

    // Adds one line. After FieldTooLong or TooManyFields the record is abandoned: call reset().
    Step addLine(const QByteArray& line, QList<QByteArray>* fields);
    // A quoted field is open: the record needs more lines.
    bool inRecord() const { return m_quoted; }
    void reset();

private:
    bool endField();  // false when the record has too many fields

    char m_delimiter;
    qint64 m_maxFieldBytes;
    qint64 m_maxFields;
    QList<QByteArray> m_fields;  // the record's fields so far
    QByteArray m_field;          // the field being read
    bool m_quoted = false;       // inside a quoted field
    bool m_wasQuoted = false;    // the current field started with a quote
};

class CsvReader {
public:
    // Opens and checks the file (exists, not empty, not binary, not UTF-16/32, valid UTF-8 at the
    // start) and reads the header when there is one. Throws StudioError otherwise.
    CsvReader(const QString& path, const CsvOptions& options, ImportControl control = {});
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const QString& path() const { return m_path; }
    QChar delimiter() const { return m_delimiter; }
    // The header's column names (trimmed); empty without a header.
    const QStringList& header() const { return m_header; }
    // The index of column `name` (exact match first, then case-insensitive); throws StudioError
    // listing the columns the file has when there is none.
    int columnIndex(const QString& name) const;

    // Reads the next record into `fields`; false at the end of the file. Throws StudioError on a
    // ragged row (a different number of fields than the header or first row), a quote never
    // closed (or not closed within the field length limit: the error names the line it opened
    // on), invalid UTF-8, a limit passed, or when the import was cancelled. Blank lines are skipped.
    bool next(QStringList* fields);
    // The line the last record returned by next() started on (1-based, counting the header).
    qint64 recordLine() const { return m_recordLine; }
    qint64 bytesRead() const { return m_lines.bytesRead(); }
    qint64 bytesTotal() const { return m_lines.bytesTotal(); }

    // "FILE, line N: " for messages about the current record.
    QString where() const;

private:
    bool readRecord(QStringList* fields);
    [[noreturn]] void throwFieldTooLong(bool quoted) const;
    [[noreturn]] void throwTooManyFields() const;
    QString decode(const QByteArray& bytes, qint64 line) const;

    QString m_path;
    LineReader m_lines;
    QChar m_delimiter;
    CsvRecordSplitter m_splitter;
    QList<QByteArray> m_rawFields;  // reused by every record, so its capacity is kept
    QStringList m_header;
    int m_expectedFields = -1;  // from the header or the first record
    qint64 m_recordLine = 0;
    qint64 m_records = 0;  // returned by next() so far
    QByteArray m_line;     // the line being split, kept to reuse its buffer
};

// Checks the first bytes of a text file and throws StudioError naming the file when it is empty,
// binary, UTF-16/UTF-32, or not UTF-8. Used by every text importer, not only CSV.
void checkTextFile(const QString& path);

} // namespace studio
