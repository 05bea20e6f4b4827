#pragma once

// Turns a classifier's raw output into its most likely class and that class's probability.

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace studio {

struct LabelGuess {
    QString label;
    double probability = 0.0;  // of `label`
};

// What a classifier's output holds: logits (the app's models, most PyTorch models) or
// probabilities already (a Keras model ending in a sigmoid or softmax).
enum class OutputScale { Logits, Probabilities };

// One output and two labels: a sigmoid (binary head). As many outputs as labels: a softmax.
// Anything else (regression, unknown labels) has no guess.
std::optional<LabelGuess> guessLabel(const QStringList& labels, const std::vector<float>& output,
                                     OutputScale scale = OutputScale::Logits);

} // namespace studio
