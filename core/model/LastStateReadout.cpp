#include "model/LastStateReadout.h"

namespace studio {

LastStateReadoutImpl::LastStateReadoutImpl(int64_t stateWidth, bool bidirectional)
    : m_stateWidth(stateWidth)
    , m_bidirectional(bidirectional)
{
}

torch::Tensor lastRealState(const torch::Tensor& states, const torch::Tensor& mask, bool bidirectional)
{
    const auto lastIndex = mask.sum(1).to(torch::kLong) - 1;  // (B)
    const auto gatherIndex = lastIndex.view({-1, 1, 1}).expand({states.size(0), 1, states.size(2)});
    const auto last = states.gather(/*dim=*/1, gatherIndex).squeeze(1);  // (B, D)
    if (!bidirectional)
        return last;
    const int64_t width = states.size(2);
    const int64_t half = width / 2;
    const auto forwardPart = last.slice(/*dim=*/1, 0, half);
    const auto backwardPart = states.select(/*dim=*/1, 0).slice(/*dim=*/1, half, width);
    return torch::cat({forwardPart, backwardPart}, /*dim=*/1);
}

AttentionOutput LastStateReadoutImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    return {lastRealState(states, mask, m_bidirectional), torch::Tensor()};
}

} // namespace studio
