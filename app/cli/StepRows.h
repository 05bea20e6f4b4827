#pragma once

// Reads a time series for `infer --series`: one row per timestep, one column per feature, comma
// separated, with an optional header row (recognised by a first row that is not all numbers).

#include <QString>

#include <vector>

namespace studio::cli {

struct StepRows {
    int features = 0;
    std::vector<float> values;  // steps × features, row-major, as Example::values
    int steps = 0;
    bool hadHeader = false;
};

// Throws StudioError naming the file and the line (and column) of the first problem: missing or
// unreadable file, a row whose column count is not `features`, a cell that is not a finite number,
// or no data rows at all.
// `features` 0 or less: the width of the first row, whatever it is.
StepRows readStepRows(const QString& path, int features);

} // namespace studio::cli
