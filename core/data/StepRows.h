#pragma once

// Reads a time series for a model that takes one (not a forecaster, which reads named columns): one
// row per timestep, one column per feature, with an optional header row (recognised by a first row
// that is not all numbers). Read by CsvReader: RFC 4180 quoting, the delimiter found as it finds it.

#include <QString>
#include <QStringList>

#include <vector>

namespace studio {

struct StepRows {
    int features = 0;
    std::vector<float> values;  // steps × features, row-major, as Example::values
    int steps = 0;
    bool hadHeader = false;
    QStringList names;  // the header's column names, when it had one
};

// Throws StudioError naming the file and the line (and column) of the first problem: missing or
// unreadable file, a row whose column count is not `features`, a cell that is not a finite number,
// or no data rows at all.
// `features` 0 or less: the width of the first row, whatever it is.
StepRows readStepRows(const QString& path, int features);

} // namespace studio
