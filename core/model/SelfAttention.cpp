#include "model/SelfAttention.h"

#include <cmath>

namespace studio {

SelfAttentionImpl::SelfAttentionImpl(int64_t stateWidth, int64_t keyWidth)
    : m_keyWidth(keyWidth)
{
    m_query = register_module("query", torch::nn::Linear(stateWidth, keyWidth));
    m_key = register_module("key", torch::nn::Linear(stateWidth, keyWidth));
    m_value = register_module("value", torch::nn::Linear(stateWidth, keyWidth));
}

AttentionOutput SelfAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto q = m_query(states);
    const auto k = m_key(states);
    const auto v = m_value(states);
    const auto scores = torch::bmm(q, k.transpose(1, 2)) / std::sqrt(static_cast<double>(m_keyWidth));  // (B, T, T)
    const auto realQueries = mask.unsqueeze(2).to(states.scalar_type());  // (B, T, 1)
    const auto weights = maskedSoftmax(scores, mask.unsqueeze(1), /*dim=*/2) * realQueries;
    const auto attended = torch::bmm(weights, v);  // (B, T, d_k)
    const auto context = attended.sum(1) / realQueries.sum(1);  // mean over real query steps
    AttentionOutput output{context, weights, scores};
    output.projected = q;
    output.keys = k;
    output.values = v;
    output.attended = attended;
    return output;
}

} // namespace studio
