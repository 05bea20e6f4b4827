#pragma once

// The interface every attention variant implements: given the encoder states and the padding
// mask, return a fixed-size context vector and the weights that produced it.

#include "model/ModelConfig.h"

#include <torch/nn/module.h>

#include <memory>

namespace studio {

struct AttentionOutput {
    torch::Tensor context;  // (B, contextWidth)
    torch::Tensor weights;  // (B, T) | (B, T, T) | (B, T, D); undefined for `none`
    // The steps in between, as the variant computed them, for the step-through view
    // (analysis/AttentionTrace): the tensors exist anyway, so keeping them costs nothing.
    torch::Tensor scores;     // e before the softmax, shaped as `weights` (padding not yet masked)
    torch::Tensor projected;  // additive: W h + b (B, T, A); per-feature: W h + b (B, T, D); self: q (B, T, dk);
                              // query-dot: q = tanh(W h + b) (B, T, D)
    torch::Tensor keys;       // self: k (B, T, dk)
    torch::Tensor values;     // self: v (B, T, dk)
    torch::Tensor attended;   // self: Σ_s α_ts v_s (B, T, dk); query-dot: Σ_s α_ts h_s (B, T, D);
                              // tanh-dense: r = Σ α_t h_t before its tanh (B, D)
};

class AttentionImplBase : public torch::nn::Module {
public:
    // states: (B, T, D) encoder outputs; mask: (B, T) bool, true on real steps, false on padding.
    virtual AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) = 0;
    // Width of the context vector this variant returns.
    virtual int64_t contextWidth() const = 0;
    // The context these states give under other weights (B, T), for interventions on the attention
    // (analysis/AttentionInterventions): Σₜ αₜ hₜ unless the variant does more with the sum.
    // Only for variants with one distribution per sequence (hasSingleDistribution).
    virtual torch::Tensor contextFromWeights(const torch::Tensor& states, const torch::Tensor& weights) const
    {
        return torch::bmm(weights.unsqueeze(1), states).squeeze(1);
    }
};

// Builds the variant `config.attention` for encoder states of width `config.encoderWidth()`.
std::shared_ptr<AttentionImplBase> makeAttention(const ModelConfig& config);

// Softmax over `dim` that gives padded steps exactly zero weight. `mask` broadcasts against
// `scores` once unsqueezed by the caller. Every sequence must have at least one real step.
torch::Tensor maskedSoftmax(const torch::Tensor& scores, const torch::Tensor& mask, int64_t dim);

} // namespace studio
