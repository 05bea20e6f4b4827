#pragma once

#include "data/Dataset.h"
#include "model/ModelConfig.h"

#include <torch/types.h>

#include <vector>

namespace studio {

struct Batch {
    torch::Tensor input;   // (B, T) int64 ids or (B, T, F) float values, right-padded with zeros
    torch::Tensor mask;    // (B, T) bool, true on real steps
    torch::Tensor target;  // binary: (B) float; multi-class: (B) int64; regression: (B, outputs) float
};

// Stacks the examples at `indices` into tensors, padded to the longest of them.
Batch makeBatch(const Dataset& data, const std::vector<int64_t>& indices);

// The input tensor for a single example, batch axis of 1 (no target needed).
Batch makeSingleInput(const Dataset& data, const Example& example);
// The same for one example as `config`'s model reads it (no dataset at hand).
Batch makeSingleInput(const ModelConfig& config, const Example& example);

} // namespace studio
