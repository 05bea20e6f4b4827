#include "data/InputSeries.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"
#include "data/SeriesTable.h"
#include "data/TimeParsing.h"

#include <QFileInfo>

namespace studio {
namespace {

// Larger files are refused: the input box is for looking at one input, not a data set.
constexpr qint64 kLargestInputFile = 16 << 20;

bool isNumber(const QString& cell)
{
    double value = 0.0;
    return parseNumber(cell, &value);
}

// The first row names the columns when, in some column, it is not a number and the row below is
// ("date,value" over "1959-03-31,2.1"); a time column of dates is not numbers in either row.
bool firstRowIsHeader(const QStringList& first, const QStringList* second)
{
    bool anyNumber = false;
    for (qsizetype column = 0; column < first.size(); ++column) {
        const bool number = isNumber(first.at(column));
        anyNumber = anyNumber || number;
        if (!number && second && isNumber(second->value(column)))
            return true;
    }
    return !second && !anyNumber;  // a single row of names, or of numbers
}

class ColumnCollector {
public:
    explicit ColumnCollector(qsizetype columns)
        : m_values(static_cast<size_t>(columns))
        , m_numeric(static_cast<size_t>(columns), true)
        , m_firstCell(columns)
    {
    }

    void add(const QStringList& row)
    {
        for (size_t column = 0; column < m_values.size(); ++column) {
            const QString& cell = row.at(static_cast<qsizetype>(column));
            if (m_rows == 0)
                m_firstCell[static_cast<qsizetype>(column)] = cell;
            if (!m_numeric[column])
                continue;
            double value = 0.0;
            if (parseNumber(cell, &value)) {
                m_values[column].push_back(value);
            } else {
                m_numeric[column] = false;
                m_values[column] = {};
            }
        }
        ++m_rows;
    }

    int64_t rows() const { return m_rows; }
    bool numeric(size_t column) const { return m_numeric[column]; }
    std::vector<double> take(size_t column) { return std::move(m_values[column]); }
    // A column of dates or times (one with no header to say so): its first value parses as one.
    bool looksLikeTime(size_t column) const
    {
        TimeFormat format = TimeFormat::None;
        return detectTimeFormat(m_firstCell.at(static_cast<qsizetype>(column)).trimmed(), &format);
    }

private:
    std::vector<std::vector<double>> m_values;
    std::vector<bool> m_numeric;
    QStringList m_firstCell;
    int64_t m_rows = 0;
};

} // namespace

InputSeries readInputSeries(const QString& path, ImportControl control, int64_t maxRows)
{
    const bool whole = maxRows < 0;
    if (whole && QFileInfo(path).size() > kLargestInputFile)
        throw StudioError(QStringLiteral("%1 is larger than 16 MB: load one input series, not a data set.").arg(path));
    CsvOptions options;
    options.hasHeader = false;  // told from the data below
    CsvReader reader(path, options, std::move(control));
    QStringList first;
    QStringList second;
    if (!reader.next(&first))
        throw StudioError(QStringLiteral("%1 has no rows: write one row per step, one column per feature.").arg(path));
    const bool hasSecond = reader.next(&second);
    InputSeries series;
    series.path = path;
    series.hadHeader = firstRowIsHeader(first, hasSecond ? &second : nullptr);

    ColumnCollector collector(first.size());
    const auto wanted = [&] { return whole || collector.rows() < maxRows; };
    if (!series.hadHeader && wanted())
        collector.add(first);
    if (hasSecond && wanted())
        collector.add(second);
    QStringList row;
    while (wanted() && reader.next(&row))
        collector.add(row);
    if (collector.rows() == 0)
        throw StudioError(QStringLiteral("%1 has a header but no rows: write one row per step below it.").arg(path));

    for (qsizetype column = 0; column < first.size(); ++column) {
        const QString name = series.hadHeader ? first.at(column).trimmed() : QString();
        const QString shownName = name.isEmpty() ? QStringLiteral("feature %1").arg(column + 1) : name;
        // A time column (years are numbers too) is the axis, not a feature to plot or feed a model.
        // Without a header only dates and times written as such are known: numbers stay features.
        const bool time = series.hadHeader ? looksLikeTimeColumnName(name)
                                           : !collector.numeric(static_cast<size_t>(column))
                                                 && collector.looksLikeTime(static_cast<size_t>(column));
        if (time)
            continue;
        if (!collector.numeric(static_cast<size_t>(column))) {
            series.leftOut << shownName;
            continue;
        }
        series.names << shownName;
        series.features.push_back(collector.take(static_cast<size_t>(column)));
    }
    if (series.features.empty())
        throw StudioError(QStringLiteral("%1 has no column of numbers: a series has one row per step and a column of "
                                         "numbers per feature.")
                              .arg(path));
    return series;
}

} // namespace studio
