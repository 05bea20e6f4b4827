#include "data/SeriesTable.h"

#include "common/StudioError.h"

#include <QFileInfo>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace studio {
namespace {

// Rows read before the row count is estimated from the bytes they took: enough that the reader's
// buffering does not skew bytes-per-row.
constexpr int64_t kEstimateAfterRows = 16384;
// Head room on the estimate, so a file whose later rows are a little longer does not reallocate.
constexpr double kEstimateMargin = 1.03;
// Capacity left over beyond this fraction is given back after reading.
constexpr double kShrinkAbove = 1.05;

const QStringList kMissingMarkers{QStringLiteral("na"), QStringLiteral("nan"), QStringLiteral("n/a"),
                                  QStringLiteral("null")};

QString knownTimeFormats()
{
    QStringList examples;
    for (TimeFormat format : {TimeFormat::IsoDate, TimeFormat::CompactDate, TimeFormat::MonthDayYear,
                              TimeFormat::DayMonthYear, TimeFormat::Year, TimeFormat::YearMonth, TimeFormat::IsoDateTime})
        examples << timeExample(format);
    return examples.join(QStringLiteral(", "));
}

// Reserves room for the rows the rest of the file probably holds, instead of letting the vectors
// double (which holds old and new buffers at once: up to 3x the data).
void reserveForFile(SeriesTable& table, std::vector<double>* time, const CsvReader& reader)
{
    const int64_t rows = table.rows();
    if (rows < kEstimateAfterRows || reader.bytesRead() <= 0)
        return;
    const double rowsPerByte = static_cast<double>(rows) / static_cast<double>(reader.bytesRead());
    const auto estimate = static_cast<size_t>(static_cast<double>(reader.bytesTotal()) * rowsPerByte * kEstimateMargin) + 1024;
    const size_t wanted = std::max(estimate, static_cast<size_t>(rows) * 5 / 4);
    for (auto& column : table.columns)
        column.reserve(wanted);
    if (time)
        time->reserve(wanted);
}

void shrinkIfWasteful(std::vector<double>& values)
{
    if (static_cast<double>(values.capacity()) > static_cast<double>(values.size()) * kShrinkAbove)
        values.shrink_to_fit();
}

double parseValue(const QString& cell, const CsvReader& reader, const QString& column)
{
    if (isMissingMarker(cell))
        return std::numeric_limits<double>::quiet_NaN();
    double value = 0.0;
    if (!parseNumber(cell, &value)) {
        const QString hint = cell.contains(QLatin1Char(','))
            ? QStringLiteral(" (write decimals with a point, 1.5 not 1,5)")
            : QString();
        throw StudioError(QStringLiteral("%1column \"%2\" holds \"%3\", which is not a number%4: correct the cell, or "
                                         "leave it empty (or NA) to mark a missing value, or do not select this column.")
                              .arg(reader.where(), column, cell.left(40), hint));
    }
    return value;
}

} // namespace

bool parseNumber(QStringView text, double* out)
{
    constexpr qsizetype kLongestNumber = 64;  // longer text goes the slow way (and is rarely a number)
    text = text.trimmed();
    if (!text.isEmpty() && text.front() == QLatin1Char('+'))
        text = text.mid(1);
    if (text.isEmpty())
        return false;
    double value = 0.0;
    if (text.size() <= kLongestNumber) {
        char buffer[kLongestNumber];
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (c > 0x7F)
                return false;
            buffer[i] = static_cast<char>(c);
        }
        const auto [end, error] = std::from_chars(buffer, buffer + text.size(), value, std::chars_format::general);
        if (error != std::errc() || end != buffer + text.size())
            return false;
    } else {
        bool ok = false;
        value = text.toString().toDouble(&ok);
        if (!ok)
            return false;
    }
    if (!std::isfinite(value))
        return false;
    *out = value;
    return true;
}

bool isMissingMarker(QStringView cell)
{
    const QStringView trimmed = cell.trimmed();
    if (trimmed.isEmpty())
        return true;
    if (trimmed.size() > 4)
        return false;
    for (const QString& marker : kMissingMarkers)
        if (trimmed.compare(marker, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

int SeriesTable::columnIndex(const QString& name) const
{
    int index = static_cast<int>(names.indexOf(name));
    if (index < 0) {
        for (int i = 0; i < names.size(); ++i)
            if (names.at(i).compare(name, Qt::CaseInsensitive) == 0)
                return i;
        const QString available = names.isEmpty() ? QStringLiteral("none") : QStringLiteral("\"") + names.join(QStringLiteral("\", \"")) + QStringLiteral("\"");
        throw StudioError(QStringLiteral("%1 has no value column \"%2\"; the columns read are: %3. Choose one of them.")
                              .arg(path, name, available));
    }
    return index;
}

QString SeriesTable::timeLabel(int64_t row) const
{
    return formatTime(timeAt(row), timeFormat);
}

qint64 SeriesTable::sourceLine(int64_t row) const
{
    if (lineJumps.empty())
        return row + 2;  // a table built in memory: as if read from a file with a header
    auto jump = std::upper_bound(lineJumps.begin(), lineJumps.end(), row,
                                 [](int64_t value, const std::pair<int64_t, qint64>& entry) { return value < entry.first; });
    if (jump == lineJumps.begin())
        return row + 2;
    --jump;
    return jump->second + (row - jump->first);
}

QString SeriesTable::where(int64_t row) const
{
    return QStringLiteral("%1, line %2").arg(path).arg(sourceLine(row));
}

void SeriesTable::appendLine(int64_t row, qint64 line)
{
    if (!lineJumps.empty()) {
        const auto& last = lineJumps.back();
        if (last.second + (row - last.first) == line)
            return;
    }
    lineJumps.emplace_back(row, line);
}

SeriesTable readSeriesTable(const QString& path, const SeriesReadOptions& options, ImportControl control)
{
    CsvOptions csv = options.csv;
    csv.hasHeader = true;  // columns are chosen by name
    CsvReader reader(path, csv, control);
    const QStringList& header = reader.header();

    SeriesTable table;
    table.path = path;
    int timeIndex = -1;
    bool timeChosenByName = false;
    if (!options.noTimeColumn) {
        if (!options.timeColumn.isEmpty()) {
            timeIndex = reader.columnIndex(options.timeColumn);
        } else {
            for (int i = 0; i < header.size(); ++i) {
                if (looksLikeTimeColumnName(header.at(i))) {
                    timeIndex = i;
                    timeChosenByName = true;
                    break;
                }
            }
        }
    }
    if (timeIndex >= 0)
        table.timeName = header.at(timeIndex);

    std::vector<int> valueIndices;
    if (options.columns.isEmpty()) {
        for (int i = 0; i < header.size(); ++i)
            if (i != timeIndex)
                valueIndices.push_back(i);
    } else {
        for (const QString& name : options.columns) {
            const int index = reader.columnIndex(name);
            if (index == timeIndex)
                throw StudioError(QStringLiteral("%1: \"%2\" is the time column, so it cannot also be a value column; choose "
                                                 "another time column or none.")
                                      .arg(path, header.at(index)));
            if (std::find(valueIndices.begin(), valueIndices.end(), index) == valueIndices.end())
                valueIndices.push_back(index);
        }
    }
    if (valueIndices.empty())
        throw StudioError(QStringLiteral("%1, line 1: the file has no value column besides the time column \"%2\"; add a "
                                         "column of numbers.")
                              .arg(path, table.timeName));
    for (int index : valueIndices)
        table.names << header.at(index);
    table.columns.resize(valueIndices.size());

    QStringList fields;
    qint64 firstLine = 0;
    while (reader.next(&fields)) {
        const int64_t row = table.rows();
        if (timeIndex >= 0) {
            const QString& cell = fields.at(timeIndex);
            if (cell.trimmed().isEmpty())
                throw StudioError(QStringLiteral("%1the time column \"%2\" is empty: give every row a time, or choose no time "
                                                 "column (the row order is then the time axis).")
                                      .arg(reader.where(), table.timeName));
            if (row == 0) {
                if (!detectTimeFormat(cell, &table.timeFormat))
                    throw StudioError(QStringLiteral("%1the time column \"%2\"%3 holds \"%4\", which is not a time in any format "
                                                     "the importer reads (%5): choose another time column, or none.")
                                          .arg(reader.where(), table.timeName,
                                               timeChosenByName ? QStringLiteral(" (chosen for its name)") : QString(),
                                               cell.left(40), knownTimeFormats()));
                firstLine = reader.recordLine();
            }
            double time = 0.0;
            if (!parseTime(cell, table.timeFormat, &time))
                throw StudioError(QStringLiteral("%1the time \"%2\" in column \"%3\" does not parse as %4 like %5, the format "
                                                 "line %6 set for the column: correct the cell.")
                                      .arg(reader.where(), cell.left(40), table.timeName, toString(table.timeFormat),
                                           timeExample(table.timeFormat))
                                      .arg(firstLine));
            if (row > 0 && time < table.time.back())
                throw StudioError(QStringLiteral("%1the time %2 comes before the previous row's %3: sort the file by its time "
                                                 "column \"%4\" (oldest first).")
                                      .arg(reader.where(), cell.trimmed(), formatTime(table.time.back(), table.timeFormat),
                                           table.timeName));
            table.time.push_back(time);
        }
        for (size_t c = 0; c < valueIndices.size(); ++c)
            table.columns[c].push_back(parseValue(fields.at(valueIndices[c]), reader, table.names.at(static_cast<int>(c))));
        table.appendLine(row, reader.recordLine());
        if (table.columns.front().size() == table.columns.front().capacity())
            reserveForFile(table, timeIndex >= 0 ? &table.time : nullptr, reader);
    }
    if (table.rows() == 0)
        throw StudioError(QStringLiteral("%1, line 2: the file has a header but no data rows; add rows of values below the "
                                         "header.")
                              .arg(path));
    for (auto& column : table.columns)
        shrinkIfWasteful(column);
    shrinkIfWasteful(table.time);
    return table;
}

} // namespace studio
