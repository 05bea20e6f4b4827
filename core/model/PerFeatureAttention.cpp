#include "model/PerFeatureAttention.h"

namespace studio {

PerFeatureAttentionImpl::PerFeatureAttentionImpl(int64_t stateWidth)
    : m_stateWidth(stateWidth)
{
    m_projection = register_module("projection", torch::nn::Linear(stateWidth, stateWidth));
}

AttentionOutput PerFeatureAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto projected = m_projection(states);                             // (B, T, D)
    const auto scores = torch::tanh(projected);
    const auto weights = maskedSoftmax(scores, mask.unsqueeze(2), /*dim=*/1);  // over time, per unit
    const auto context = (weights * states).sum(1);                        // (B, D)
    AttentionOutput output{context, weights, scores};
    output.projected = projected;
    return output;
}

} // namespace studio
