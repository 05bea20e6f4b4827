#pragma once

// Time-series classification files in the UCR/UEA archive format: one sequence per line, the class
// label first, then the values, separated by tabs (the 2018 archive's .tsv), commas (the older
// .txt/.csv) or spaces. No header.
//
// - Lengths: the archive pads variable-length sequences with NaN at the end; trailing missing
//   values (NaN, NA, empty) are padding and removed, so every example keeps its true length (the
//   batches pad and mask them again). A missing value inside a sequence follows the policy:
//   refuse (default: an error naming the line and position), interpolate (linear between its
//   neighbours, on the step index), drop (the sequence is skipped, with a note).
// - Labels: numbers or words, ordered with the project-wide rule (orderClassLabels: numerically
//   when all are numbers); numeric labels are compared as numbers, so "1", "1.0" and "1.0000e+00"
//   are one class, named "1". Two classes give a binary head, more a multi-class head, one is an
//   error (nothing to learn).
// - zNormalize: each sequence is shifted and scaled to mean 0 and standard deviation 1 on its own,
//   the archive's convention (most of its datasets are already z-normalized; it is harmless then).
//   A constant sequence becomes all zeros. Saved in the preprocessing so inference does the same.

#include "data/Dataset.h"
#include "data/ImportControl.h"
#include "data/MissingValues.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace studio {

struct UcrOptions {
    MissingPolicy missing = MissingPolicy::Refuse;
    bool zNormalize = false;
};

// Reads `path`. Throws StudioError naming the file and line for a file that is not text (empty,
// binary, UTF-16), a line with a label but no values, a value that is not a number, a missing
// value inside a sequence under refuse, a single class, and cancellation. `notes` receives what
// was done that the user should know (sequences dropped, values interpolated).
Dataset importUcr(const QString& path, const UcrOptions& options = {}, ImportControl control = {},
                  QStringList* notes = nullptr);

// True when `preprocessing` was written by importUcr.
bool isUcrPreprocessing(const QJsonObject& preprocessing);

// True when `preprocessing` was written by importUcr.
bool isUcrPreprocessing(const QJsonObject& preprocessing);

// Inference: one raw sequence prepared as the model's training data was (z-normalization when
// the preprocessing says so; trailing padding removed; interior gaps interpolated when the policy
// was interpolate, otherwise an error).
Example makeUcrInput(std::vector<double> values, const QJsonObject& preprocessing);

} // namespace studio
