#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

namespace studio {

// Dropout in training that draws its mask from `generator` instead of torch's global generator, so
// that replicas of a model training on separate threads (train/DataParallelStep) each draw their
// own reproducible masks, whatever the threads' timing. An undefined generator means torch's
// global one. Outside training, or with p = 0, returns x unchanged.
torch::Tensor seededDropout(const torch::Tensor& x, double p, bool training, at::Generator generator);

} // namespace studio
