#pragma once

// Attributions per step for one input of a native model (issue 13): gradient norm, gradient ×
// input, integrated gradients with its completeness, occlusion, and αₜ·‖hₜ‖, beside the attention
// weights. eₜ is the embedding's output for token models and the input values for a series
// (AttentionModelImpl::stepInputs); the score is the predicted class's logit (multi-class) or the
// first raw output (one-output and regression heads). Runs the model several times on the calling
// thread (never the GUI's), in eval mode.

#include "common/Explanation.h"
#include "data/Dataset.h"
#include "model/AttentionModel.h"

namespace studio {

// `example` holds tokens or values as the model reads them; Explanation::steps is left to the
// caller, who knows the words. Throws StudioError for an empty example or unknown settings.
Explanation explainExample(AttentionModel& model, const Example& example, const ExplainOptions& options);

} // namespace studio
