#include "model/DotAttention.h"

#include <cmath>

namespace studio {

DotAttentionImpl::DotAttentionImpl(int64_t stateWidth)
    : m_stateWidth(stateWidth)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(stateWidth));
    m_query = register_parameter("query", torch::empty({stateWidth}).uniform_(-bound, bound));
}

AttentionOutput DotAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto scores = torch::matmul(states, m_query);  // (B, T)
    const auto weights = maskedSoftmax(scores, mask, /*dim=*/1);
    const auto context = torch::bmm(weights.unsqueeze(1), states).squeeze(1);
    return {context, weights, scores};
}

} // namespace studio
