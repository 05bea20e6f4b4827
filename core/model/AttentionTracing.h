#pragma once

// Turns one example's forward pass into the numbers of the step-through view (AttentionTrace):
// the hidden states, each variant's terms and parameters, the softmax written out, the context,
// the head's weights and its outputs. The numbers are the pass's own, not computed again.

#include "common/AttentionTrace.h"
#include "model/AttentionModel.h"

namespace studio {

// `pass` is of a batch of one; `mask` (1, T) is the one it ran with. Step names are the caller's.
AttentionTrace traceAttention(AttentionModel& model, const ModelPass& pass, const torch::Tensor& mask);

} // namespace studio
