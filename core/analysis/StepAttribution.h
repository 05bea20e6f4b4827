#pragma once

// Attributions per step for one input of any model (issue 13): gradient norm, gradient × input,
// integrated gradients with its completeness, occlusion, and αₜ·‖hₜ‖ beside the attention
// weights, then ERASER's faithfulness of each ranking and the interventions on the attention.
// The model is seen through analysis/ExplainedInput (eₜ: the embedding's output for token
// models, the input values for a series); the score is the predicted class's raw output
// (several outputs) or the one raw output. Runs the model several times on the calling thread
// (never the GUI's), stage by stage, cheapest first (ExplainOptions::progress).

#include "analysis/ExplainedInput.h"
#include "common/Explanation.h"
#include "data/Dataset.h"
#include "model/AttentionModel.h"

namespace studio {

// Explanation::steps, ::features and ::interventions.frozen.from are left to the caller, who knows
// the words. `frozenFrom`: the same model's input that ExplainOptions::frozenFrom was prepared into,
// whose attention the frozen intervention uses; null when the session prepares none (the answer
// then gives the reason). Series get per-feature rows (Explanation::perFeature). Throws StudioError
// for unknown settings.
Explanation explainInput(ExplainedInput& input, const ExplainOptions& options, ExplainedInput* frozenFrom = nullptr);

// A native model's input (analysis/NativeExplainedInput): `example` holds tokens or values as the
// model reads them; `frozenFrom` the example ExplainOptions::frozenFrom was prepared into (null or
// empty: the other input had no step the model can read). Throws StudioError for an empty example.
Explanation explainExample(AttentionModel& model, const Example& example, const ExplainOptions& options,
                           const Example* frozenFrom = nullptr);

} // namespace studio
