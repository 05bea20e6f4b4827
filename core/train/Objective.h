#pragma once

#include "model/ModelConfig.h"

#include <torch/types.h>

namespace studio {

// The loss a head trains with: binary cross-entropy on the logit, cross-entropy, or mean squared
// error. Mean over the batch.
torch::Tensor headLoss(HeadKind head, const torch::Tensor& prediction, const torch::Tensor& target);

// The metric shown next to the loss: accuracy for classification, mean absolute error for
// regression. Returns the sum over the batch (callers divide by the sample count).
double headMetricSum(HeadKind head, const torch::Tensor& prediction, const torch::Tensor& target);

// "accuracy" or "mae".
const char* headMetricName(HeadKind head);

} // namespace studio
