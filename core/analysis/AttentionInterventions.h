#pragma once

// Faithfulness and interventions for one input of any model (issue 13; analysis/ExplainedInput):
// ERASER's comprehensiveness and sufficiency of a ranking of the steps against random rankings,
// and the prediction under uniform, permuted, top-zeroed and another input's attention with the
// hidden states unchanged (where the app computes the attention itself).

#include "analysis/ExplainedInput.h"
#include "common/Explanation.h"

#include <utility>
#include <vector>

namespace studio {

// One curve per ranking (steps most important first), then "random" over `draws` seeded random
// rankings. `score` is the input's score of output `output`.
// `direction` is −1 when the predicted class is the one a negative score stands for (a one-output
// binary head below 0): the differences are then taken on that class's side, as ERASER takes them
// on the predicted class.
std::vector<FaithfulnessCurve> measureFaithfulness(ExplainedInput& input, double score, int64_t output,
                                                   const std::vector<std::pair<QString, std::vector<size_t>>>& rankings,
                                                   int steps, int draws, uint64_t seed, double direction = 1.0,
                                                   StepRemoval removal = StepRemoval::Replace);

// The score of output `output` for altered copies of the input, each with the steps it lists
// removed: replaced by the pad id (tokens) or zeros (a series), or deleted (a shorter sequence;
// only where input.deletionUnavailable() is empty); copies run in batches. Occlusion,
// comprehensiveness and sufficiency all measure through it.
std::vector<double> scoresWithStepsRemoved(ExplainedInput& input, int64_t output, const std::vector<std::vector<size_t>>& removals,
                                           StepRemoval removal = StepRemoval::Replace);

// `states` (1, T, D) and `weights` (1, T) of the input's pass; unavailable, with the reason, when
// the input's model cannot take other weights.
AttentionInterventions interveneOnAttention(ExplainedInput& input, const torch::Tensor& states, const torch::Tensor& weights,
                                            int64_t output, int permutations, uint64_t seed);

// The score of output `output` from the input's `states` (1, T, D) under the attention `other` (the
// same model's ExplainedInput of another input) computes in its own pass. Unavailable, with the
// reason, for a model that cannot take other weights, without `other` (a session that does not
// prepare one), and for another number of steps: the other input's weights belong to its own steps,
// so they are neither cut nor padded. `from` is left to the caller, who knows the other's steps.
FrozenAttention freezeAttention(ExplainedInput& input, const torch::Tensor& states, ExplainedInput* other, int64_t output);

} // namespace studio
