#pragma once

#include "model/Attention.h"

#include <torch/nn/modules/linear.h>

namespace studio {

// Bahdanau-style additive attention: score_t = vᵀ tanh(W h_t + b), α = softmax over time.
class AdditiveAttentionImpl : public AttentionImplBase {
public:
    AdditiveAttentionImpl(int64_t stateWidth, int64_t scoreWidth);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }

private:
    int64_t m_stateWidth;
    torch::nn::Linear m_projection{nullptr};  // W, b
    torch::nn::Linear m_score{nullptr};       // v (no bias: a constant shift cancels in softmax)
};

} // namespace studio
