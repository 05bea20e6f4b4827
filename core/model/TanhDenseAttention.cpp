#include "model/TanhDenseAttention.h"

#include <cmath>

namespace studio {

TanhDenseAttentionImpl::TanhDenseAttentionImpl(int64_t stateWidth)
    : m_stateWidth(stateWidth)
{
    // Same scale as a Linear layer's default initialisation.
    const double bound = 1.0 / std::sqrt(static_cast<double>(stateWidth));
    m_w = register_parameter("w", torch::empty({stateWidth}).uniform_(-bound, bound));
}

AttentionOutput TanhDenseAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto scores = torch::matmul(torch::tanh(states), m_w);  // (B, T)
    const auto weights = maskedSoftmax(scores, mask, /*dim=*/1);
    const auto r = torch::bmm(weights.unsqueeze(1), states).squeeze(1);
    AttentionOutput output{torch::tanh(r), weights, scores};
    output.attended = r;
    return output;
}

} // namespace studio
