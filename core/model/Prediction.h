#pragma once

#include "common/AttentionTrace.h"
#include "common/ValueTypes.h"
#include "data/Dataset.h"
#include "model/AttentionModel.h"

#include <vector>

namespace studio {

struct Prediction {
    std::vector<float> output;  // the model's raw output for the example (logits or values)
    AttentionMap attention;     // batch axis removed; empty for the `none` baseline
    QStringList warnings;       // what a person should know about this result, as sentences
    std::vector<ModelFlaw> flaws;  // what the warnings diagnose
    AttentionTrace trace;       // with PredictionDetail::Trace: every number from hₜ to the output
};

enum class PredictionDetail { Answer, Trace };

// Runs one example through `model` in eval mode without gradients, on the calling thread.
// `vocabulary` (token models) turns ids back into the tokens shown with the attention.
// With PredictionDetail::Trace the same single pass also fills `trace` (step names included).
Prediction predictExample(AttentionModel& model, const Example& example, const Vocabulary* vocabulary = nullptr,
                          PredictionDetail detail = PredictionDetail::Answer);

} // namespace studio
