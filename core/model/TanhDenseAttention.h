#pragma once

#include "model/Attention.h"

namespace studio {

// Zhou et al. 2016 (Attention-Based Bi-LSTM for relation classification):
// M = tanh(H), α = softmax(wᵀ M), r = H α, context = tanh(r).
class TanhDenseAttentionImpl : public AttentionImplBase {
public:
    explicit TanhDenseAttentionImpl(int64_t stateWidth);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }
    // tanh of the weighted sum, as forward.
    torch::Tensor contextFromWeights(const torch::Tensor& states, const torch::Tensor& weights) const override
    {
        return torch::tanh(AttentionImplBase::contextFromWeights(states, weights));
    }

private:
    int64_t m_stateWidth;
    torch::Tensor m_w;  // (D)
};

} // namespace studio
