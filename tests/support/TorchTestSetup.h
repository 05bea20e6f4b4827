#pragma once

// Torch settings every core test starts with: one intra-op thread (fast and deterministic here,
// see docs/BENCHMARKS.md) and a fixed seed.

#include <ATen/Parallel.h>
#include <torch/utils.h>

namespace studio::testing {

inline void setUpTorch()
{
    at::set_num_threads(1);
    torch::manual_seed(7);
}

} // namespace studio::testing
