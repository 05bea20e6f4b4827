#include "data/MissingValues.h"

#include "common/StudioError.h"

#include <cmath>

namespace studio {

QString toString(MissingPolicy policy)
{
    switch (policy) {
    case MissingPolicy::Refuse: return QStringLiteral("refuse");
    case MissingPolicy::Interpolate: return QStringLiteral("interpolate");
    case MissingPolicy::Drop: return QStringLiteral("drop");
    }
    return {};
}

bool parseMissingPolicy(const QString& name, MissingPolicy* out)
{
    for (MissingPolicy policy : {MissingPolicy::Refuse, MissingPolicy::Interpolate, MissingPolicy::Drop}) {
        if (name == toString(policy)) {
            *out = policy;
            return true;
        }
    }
    return false;
}

MissingCount countMissing(const SeriesTable& table, const std::vector<int>& columns)
{
    MissingCount count;
    for (int column : columns) {
        const auto& values = table.columns[static_cast<size_t>(column)];
        for (size_t row = 0; row < values.size(); ++row) {
            if (!std::isnan(values[row]))
                continue;
            ++count.cells;
            if (count.firstRow < 0 || static_cast<int64_t>(row) < count.firstRow) {
                count.firstRow = static_cast<int64_t>(row);
                count.firstColumn = column;
            }
        }
    }
    return count;
}

void refuseMissing(const SeriesTable& table, const std::vector<int>& columns)
{
    const MissingCount count = countMissing(table, columns);
    if (count.cells == 0)
        return;
    throw StudioError(QStringLiteral("%1, column \"%2\": the value is missing (the columns used have %3 missing in all). "
                                     "Choose how to handle them: interpolate (fill each gap linearly from its neighbours) "
                                     "or drop (skip every window that touches a missing value), or fill the cells in the file.")
                          .arg(table.where(count.firstRow), table.names.at(count.firstColumn))
                          .arg(count.cells));
}

InterpolationReport interpolateMissing(std::vector<double>& values, const SeriesTable& table, const QString& what)
{
    InterpolationReport report;
    const auto size = static_cast<int64_t>(values.size());
    int64_t previous = -1;  // the last known row
    for (int64_t row = 0; row < size; ++row) {
        if (std::isnan(values[static_cast<size_t>(row)]))
            continue;
        if (previous < 0) {
            // Leading gap: only one side is known, take the nearest value.
            for (int64_t r = 0; r < row; ++r)
                values[static_cast<size_t>(r)] = values[static_cast<size_t>(row)];
            report.filledAtEdges += row;
        } else if (row - previous > 1) {
            const double x0 = table.timeAt(previous);
            const double x1 = table.timeAt(row);
            const double y0 = values[static_cast<size_t>(previous)];
            const double y1 = values[static_cast<size_t>(row)];
            for (int64_t r = previous + 1; r < row; ++r) {
                // Repeated times (x1 == x0) fall back to the row index as the axis.
                const double t = x1 > x0 ? (table.timeAt(r) - x0) / (x1 - x0)
                                         : static_cast<double>(r - previous) / static_cast<double>(row - previous);
                values[static_cast<size_t>(r)] = y0 + t * (y1 - y0);
            }
            report.filledInside += row - previous - 1;
        }
        previous = row;
    }
    if (previous < 0)
        throw StudioError(QStringLiteral("%1: the column \"%2\" has no values at all, so there is nothing to interpolate from; "
                                         "choose another column.")
                              .arg(table.path, what));
    for (int64_t r = previous + 1; r < size; ++r)
        values[static_cast<size_t>(r)] = values[static_cast<size_t>(previous)];
    report.filledAtEdges += size - previous - 1;
    return report;
}

void interpolateColumns(SeriesTable& table, const std::vector<int>& columns, QStringList* notes)
{
    for (int column : columns) {
        const QString& name = table.names.at(column);
        const InterpolationReport report = interpolateMissing(table.columns[static_cast<size_t>(column)], table, name);
        if (!notes || report.filledInside + report.filledAtEdges == 0)
            continue;
        QString note = QStringLiteral("Column \"%1\": %2 missing values filled by linear interpolation")
                           .arg(name)
                           .arg(report.filledInside);
        if (report.filledAtEdges > 0)
            note += QStringLiteral("; %1 at the start or end of the series had a neighbour on one side only and took "
                                   "the nearest known value")
                        .arg(report.filledAtEdges);
        notes->append(note + QLatin1Char('.'));
    }
}

} // namespace studio
