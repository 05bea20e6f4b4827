#pragma once

// What to do about missing values (NaN in a SeriesTable): a policy the user chooses, applied the
// same way when training data is made and when input is prepared for inference.
//
//   refuse       (the default) stop with an error naming the first missing cell's line and column
//                and suggesting the other two policies. Nothing is ever guessed without being asked.
//   interpolate  fill each gap linearly between the known values on either side (on the time axis,
//                so uneven steps are respected); a gap at the start or the end has only one side and
//                takes the nearest known value: that is reported as a note, since it is a flat guess.
//   drop         keep the values as they are and drop every window (or sequence) that touches a
//                missing value; the rest are used unchanged.

#include "data/SeriesTable.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

enum class MissingPolicy { Refuse, Interpolate, Drop };

QString toString(MissingPolicy policy);  // "refuse", "interpolate", "drop"
bool parseMissingPolicy(const QString& name, MissingPolicy* out);

struct MissingCount {
    int64_t cells = 0;     // missing values in the columns looked at
    int64_t firstRow = -1;  // the first row with one, -1 when none
    int firstColumn = -1;   // its column (index into the table)
};

// Counts the missing values of `columns` (indices into table.columns), row-major order for first.
MissingCount countMissing(const SeriesTable& table, const std::vector<int>& columns);

// Throws the refuse-policy StudioError when any of `columns` has a missing value: it names the
// file, the first missing cell's line and column, the count, and the two other policies.
void refuseMissing(const SeriesTable& table, const std::vector<int>& columns);

struct InterpolationReport {
    int64_t filledInside = 0;  // cells filled between two known values
    int64_t filledAtEdges = 0; // cells before the first / after the last known value (nearest value)
};

// Fills the NaNs of `values` in place, linearly in `axis` (the table's time axis; one value per
// element). Throws StudioError naming `what` when the column has no known value at all.
InterpolationReport interpolateMissing(std::vector<double>& values, const SeriesTable& table, const QString& what);

// Applies interpolate to `columns` of `table` in place; adds one note per column that had gaps.
void interpolateColumns(SeriesTable& table, const std::vector<int>& columns, QStringList* notes);

} // namespace studio
