#pragma once

#include "model/Attention.h"

namespace studio {

// The attention layer of the Keras tutorials: e_t = h_t · W + b_t with one learned bias per
// position, α = softmax over time. The bias ties the model to a fixed length: longer inputs are
// refused, shorter ones use the first T biases, and a position's bias can favour it regardless of
// content (the flaw the app lets a user see).
class PositionalBiasAttentionImpl : public AttentionImplBase {
public:
    PositionalBiasAttentionImpl(int64_t stateWidth, int64_t maxLength);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }

private:
    int64_t m_stateWidth;
    int64_t m_maxLength;
    torch::Tensor m_w;     // (D)
    torch::Tensor m_bias;  // (maxLength)
};

} // namespace studio
