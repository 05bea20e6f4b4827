#pragma once

#include "model/Attention.h"

namespace studio {

// The encoder's summary of a sequence: the forward state at the last real step and, for a
// bidirectional encoder, the backward state at step 0 (which has read the whole sequence).
// states (B, T, D), mask (B, T); returns (B, D).
torch::Tensor lastRealState(const torch::Tensor& states, const torch::Tensor& mask, bool bidirectional);

// The `none` baseline: no attention, the classic LSTM readout. Forward direction: the state at
// the last real step; backward direction (bidirectional): the state at step 0, which has read the
// whole sequence. Returns no weights.
class LastStateReadoutImpl : public AttentionImplBase {
public:
    LastStateReadoutImpl(int64_t stateWidth, bool bidirectional);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }

private:
    int64_t m_stateWidth;
    bool m_bidirectional;
};

} // namespace studio
