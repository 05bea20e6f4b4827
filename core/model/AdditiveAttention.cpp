#include "model/AdditiveAttention.h"

namespace studio {

AdditiveAttentionImpl::AdditiveAttentionImpl(int64_t stateWidth, int64_t scoreWidth)
    : m_stateWidth(stateWidth)
{
    m_projection = register_module("projection", torch::nn::Linear(stateWidth, scoreWidth));
    m_score = register_module("score", torch::nn::Linear(torch::nn::LinearOptions(scoreWidth, 1).bias(false)));
}

AttentionOutput AdditiveAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto projected = m_projection(states);                         // (B, T, A)
    const auto scores = m_score(torch::tanh(projected)).squeeze(-1);      // (B, T)
    const auto weights = maskedSoftmax(scores, mask, /*dim=*/1);
    const auto context = torch::bmm(weights.unsqueeze(1), states).squeeze(1);  // (B, D)
    AttentionOutput output{context, weights, scores};
    output.projected = projected;
    return output;
}

} // namespace studio
