#pragma once

#include "data/Dataset.h"
#include "model/AttentionModel.h"

#include <vector>

namespace studio {

struct EvaluationResult {
    double loss = 0.0;    // mean over the examples
    double metric = 0.0;  // accuracy or mean absolute error
    int64_t count = 0;
};

// Loss and metric of `model` on the examples at `indices` (all examples when empty), in eval mode
// without gradients. Leaves the model in eval mode.
EvaluationResult evaluateModel(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices,
                               int batchSize = 64);

std::vector<int64_t> allIndices(const Dataset& data);

} // namespace studio
