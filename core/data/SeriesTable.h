#pragma once

// A numeric table read from a CSV file with a header: an optional time column and value columns,
// in file order. Missing cells are NaN; what to do about them is decided later, by the user's
// missing-value policy (MissingValues.h), never here.
//
// Memory: values are stored column by column as doubles (8 bytes a cell, about what a numeric CSV
// spends on a cell's text), only for the columns asked for; source lines are kept as a short list
// of jumps, not one number per row; the vectors are reserved from an estimate of the row count, so
// they do not double-and-copy while growing.

#include "data/CsvReader.h"
#include "data/ImportControl.h"
#include "data/TimeParsing.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

namespace studio {

struct SeriesReadOptions {
    CsvOptions csv;
    // The time column by name. Empty: the first column named like a time (looksLikeTimeColumnName:
    // date, time, year, ...), or none when no column is. Ignored when noTimeColumn.
    QString timeColumn;
    bool noTimeColumn = false;  // the axis is the row index
    // The value columns to read, by name (the CSV's header). Empty: every column but the time
    // column. Columns not asked for are not parsed at all, so a text column does no harm.
    QStringList columns;
};

struct SeriesTable {
    QString path;          // the file it came from, for messages
    QString timeName;      // empty: no time column, the axis is the row index
    TimeFormat timeFormat = TimeFormat::None;
    std::vector<double> time;  // one per row; empty when there is no time column
    QStringList names;         // value columns, in the order they were asked for
    std::vector<std::vector<double>> columns;  // columns[c][row]; NaN marks a missing value
    // Source lines as jumps: (first row, its line); later rows follow line by line until the next
    // jump (blank lines and quoted newlines make jumps).
    std::vector<std::pair<int64_t, qint64>> lineJumps;

    int64_t rows() const { return columns.empty() ? 0 : static_cast<int64_t>(columns.front().size()); }
    int columnCount() const { return static_cast<int>(names.size()); }
    // Throws StudioError listing the table's columns when there is no column `name`.
    int columnIndex(const QString& name) const;
    const std::vector<double>& column(const QString& name) const { return columns[static_cast<size_t>(columnIndex(name))]; }
    // The row's place on the time axis (the row index without a time column).
    double timeAt(int64_t row) const { return time.empty() ? static_cast<double>(row) : time[static_cast<size_t>(row)]; }
    QString timeLabel(int64_t row) const;
    // The 1-based line of the file the row was read from (the header is line 1).
    qint64 sourceLine(int64_t row) const;
    // "FILE, line N" for messages about a row.
    QString where(int64_t row) const;

    // Records that `row` (the next row, in order) came from `line`; stores a jump only when it
    // does not follow the previous row's line.
    void appendLine(int64_t row, qint64 line);
};

// Reads `path`. Throws StudioError naming the file and line for: a file CsvReader refuses (empty,
// binary, bad encoding, ragged, unclosed quote), no data rows, an unknown column (the message
// lists the file's columns), a cell that is neither a number nor a missing marker (empty, NA,
// NaN, N/A, null, any case; "inf" and out-of-range values are not numbers here), a time that does not parse in the format the
// column's first value set, rows out of time order, and cancellation. Progress goes through
// `control` (via CsvReader).
SeriesTable readSeriesTable(const QString& path, const SeriesReadOptions& options, ImportControl control = {});

// A number written the C way ("1.5", "-2e3", "+7", surrounding spaces allowed), whatever the
// system locale; false for anything else, infinities and out-of-range values included. Several
// times faster than QString::toDouble, which dominated import time.
bool parseNumber(QStringView text, double* out);

// True for the cells that mark a missing value: empty, NA, NaN, N/A, null (any case, trimmed).
bool isMissingMarker(QStringView cell);

} // namespace studio
