#pragma once

// A series read as the input of the open models (the window's Load Series, a series file given on
// the command line): one row per step, a header row or none; the columns of numbers are the
// features, a time column is the axis (left out), and columns of text are left out and named.
// Read by CsvReader, so quoted cells (commas, line breaks) are read as RFC 4180 says. No torch.

#include "data/ImportControl.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct InputSeries {
    QString path;
    QStringList names;                          // one per feature: the header's, or "feature N"
    bool hadHeader = false;
    std::vector<std::vector<double>> features;  // features[f][step]
    QStringList leftOut;                        // columns that are not numbers (time columns aside)

    int64_t steps() const { return features.empty() ? 0 : static_cast<int64_t>(features.front().size()); }
};

// Reads the whole of `path`, or its first `maxRows` data rows when maxRows >= 0 (to tell what a
// file is without reading it all). Reading it whole, a file over 16 MB is refused: the input box
// holds one input, not a data set. Throws StudioError naming the file: unreadable (CsvReader's
// reasons: missing, binary, ragged, an unclosed quote), no rows, no column of numbers; and
// ImportCancelled when `control` cancels.
InputSeries readInputSeries(const QString& path, ImportControl control = {}, int64_t maxRows = -1);

} // namespace studio

Q_DECLARE_METATYPE(studio::InputSeries)
