#pragma once

// One answer of any model (a ModelSession's InferenceResult) scored against the label a data file
// gives it: predicted class, confidence, the probability of the true class, cross-entropy, right
// or wrong. Used by `attention-cli evaluate --data` and the sample browser, for every format.

#include "common/ValueTypes.h"

#include <QString>
#include <QStringList>

#include <cstddef>

namespace studio {

struct LabelledScore {
    QString predicted;
    double confidence = 0.0;       // probability of the predicted class
    double trueProbability = 0.0;  // probability of the labelled class
    double loss = 0.0;             // cross-entropy: -log(trueProbability)
    bool correct = false;
};

// The class names a model's output is read with: its own, or, for a model that names none
// (a Keras or TorchScript file without labels) whose data labels are 0, 1, ..., those numbers.
// Throws StudioError naming the model when neither works (word labels, unnamed classes).
QStringList classNamesFor(const ModelSummary& summary, const QStringList& dataLabels, size_t outputs);

// Throws StudioError when the output cannot be read as one of `names` (a regression output, a
// count that does not match).
LabelledScore scoreAgainstLabel(const ModelSummary& summary, const InferenceResult& result, const QStringList& names,
                                const QString& truth);

} // namespace studio
