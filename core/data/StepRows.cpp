#include "data/StepRows.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"
#include "data/SeriesTable.h"

#include <QFileInfo>
#include <QStringList>

#include <optional>

namespace studio {
namespace {

// parseNumber refuses "nan" and "inf", which would poison the forward pass.
std::optional<float> parseCell(const QString& cell)
{
    double value = 0.0;
    if (!parseNumber(cell, &value))
        return std::nullopt;
    return static_cast<float>(value);
}

QString featuresPhrase(int features)
{
    return features == 1 ? QStringLiteral("1 feature per step (one column)")
                         : QStringLiteral("%1 features per step (one column each)").arg(features);
}

} // namespace

StepRows readStepRows(const QString& path, int features)
{
    if (!QFileInfo::exists(path))
        throw StudioError(QStringLiteral("The series file %1 does not exist.").arg(path));
    StepRows table;
    if (QFileInfo(path).size() > 0) {
        // The header is told from data below (a first row that is not all numbers), so the reader
        // takes every row as a record; it names the file and line of a ragged row or a bad quote.
        CsvOptions options;
        options.hasHeader = false;
        CsvReader reader(path, options);
        QStringList cells;
        bool firstRow = true;
        while (reader.next(&cells)) {
            const qint64 lineNumber = reader.recordLine();
            for (QString& cell : cells)
                cell = cell.trimmed();
            if (firstRow) {
                firstRow = false;
                bool allNumbers = true;
                for (const QString& cell : cells)
                    allNumbers = allNumbers && parseCell(cell).has_value();
                // An unknown width (a TorchScript model without meta.json) is the first row's.
                if (features <= 0)
                    features = static_cast<int>(cells.size());
                if (!allNumbers) {
                    table.hadHeader = true;
                    table.names = cells;
                    if (cells.size() != features)
                        throw StudioError(QStringLiteral("%1 line %2 (the header) has %3 columns but the model reads %4.")
                                              .arg(path)
                                              .arg(lineNumber)
                                              .arg(cells.size())
                                              .arg(featuresPhrase(features)));
                    continue;
                }
            }
            if (cells.size() != features)
                throw StudioError(QStringLiteral("%1 line %2 has %3 columns but the model reads %4.")
                                      .arg(path)
                                      .arg(lineNumber)
                                      .arg(cells.size())
                                      .arg(featuresPhrase(features)));
            for (int column = 0; column < cells.size(); ++column) {
                const std::optional<float> value = parseCell(cells.at(column));
                if (!value)
                    throw StudioError(QStringLiteral("%1 line %2, column %3: \"%4\" is not a finite number.")
                                          .arg(path)
                                          .arg(lineNumber)
                                          .arg(column + 1)
                                          .arg(cells.at(column)));
                table.values.push_back(*value);
            }
            ++table.steps;
        }
    }
    table.features = features;
    if (table.steps == 0)
        throw StudioError(QStringLiteral("The series file %1 has no data rows: write one row per timestep with %2.")
                              .arg(path, featuresPhrase(features)));
    return table;
}

} // namespace studio
