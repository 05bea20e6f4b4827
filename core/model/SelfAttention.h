#pragma once

#include "model/Attention.h"

#include <torch/nn/modules/linear.h>

namespace studio {

// Scaled dot-product self-attention: A = softmax(Q Kᵀ / √d_k) over keys, a T×T map; the context
// is the mean of A V over the real query steps. Padded keys get zero weight and padded query rows
// are zero.
class SelfAttentionImpl : public AttentionImplBase {
public:
    SelfAttentionImpl(int64_t stateWidth, int64_t keyWidth);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_keyWidth; }

private:
    int64_t m_keyWidth;
    torch::nn::Linear m_query{nullptr};
    torch::nn::Linear m_key{nullptr};
    torch::nn::Linear m_value{nullptr};
};

} // namespace studio
