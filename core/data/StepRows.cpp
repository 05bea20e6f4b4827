#include "data/StepRows.h"

#include "common/StudioError.h"

#include <QFile>
#include <QStringList>

#include <cmath>
#include <optional>

namespace studio {
namespace {

QStringList splitRow(const QString& line)
{
    QStringList cells = line.split(QLatin1Char(','));
    for (QString& cell : cells)
        cell = cell.trimmed();
    return cells;
}

std::optional<float> parseCell(const QString& cell)
{
    bool ok = false;
    const double value = cell.toDouble(&ok);
    // "nan" and "inf" parse as numbers but would poison the forward pass: treat them as bad cells.
    if (!ok || !std::isfinite(value))
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
    QFile file(path);
    if (!file.exists())
        throw StudioError(QStringLiteral("The series file %1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw StudioError(QStringLiteral("Cannot read the series file %1: %2.").arg(path, file.errorString()));

    StepRows table;
    int lineNumber = 0;
    bool firstRow = true;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const QStringList cells = splitRow(line);
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
                for (const QString& cell : cells)
                    table.names << QString(cell).remove(QLatin1Char('"'));
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
    table.features = features;
    if (table.steps == 0)
        throw StudioError(QStringLiteral("The series file %1 has no data rows: write one row per timestep with %2.")
                              .arg(path, featuresPhrase(features)));
    return table;
}

} // namespace studio
