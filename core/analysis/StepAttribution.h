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

// Explanation::steps is left to the caller, who knows the words. Throws StudioError for unknown
// settings.
Explanation explainInput(ExplainedInput& input, const ExplainOptions& options);

// A native model's input (analysis/NativeExplainedInput): `example` holds tokens or values as the
// model reads them. Throws StudioError for an empty example.
Explanation explainExample(AttentionModel& model, const Example& example, const ExplainOptions& options);

} // namespace studio
