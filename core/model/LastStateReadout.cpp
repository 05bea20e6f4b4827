#include "model/LastStateReadout.h"

namespace studio {

LastStateReadoutImpl::LastStateReadoutImpl(int64_t stateWidth, bool bidirectional)
    : m_stateWidth(stateWidth)
    , m_bidirectional(bidirectional)
{
}

AttentionOutput LastStateReadoutImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto lastIndex = mask.sum(1).to(torch::kLong) - 1;  // (B)
    const auto gatherIndex = lastIndex.view({-1, 1, 1}).expand({states.size(0), 1, states.size(2)});
    const auto last = states.gather(/*dim=*/1, gatherIndex).squeeze(1);  // (B, D)
    if (!m_bidirectional)
        return {last, torch::Tensor()};
    const int64_t half = m_stateWidth / 2;
    const auto forwardPart = last.slice(/*dim=*/1, 0, half);
    const auto backwardPart = states.select(/*dim=*/1, 0).slice(/*dim=*/1, half, m_stateWidth);
    return {torch::cat({forwardPart, backwardPart}, /*dim=*/1), torch::Tensor()};
}

} // namespace studio
