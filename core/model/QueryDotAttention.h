#pragma once

#include "model/Attention.h"

#include <torch/nn/modules/linear.h>

namespace studio {

// Tutorial 002's attention, as its Keras lines compute it: every step asks with its own query
// qₜ = tanh(W hₜ + b) (`Dense(lstm_hidden_size, activation='tanh')`), scores every step by a dot
// product with its state (`Dot`), e_ts = qₜ · hₛ, unscaled; softmax over s gives a T×T map. What
// each step gathers, Σₛ α_ts hₛ, is summed over the steps (`K.sum(x, axis=1)`), and that sum is
// concatenated to the encoder's summary (`Concatenate`: the context beside the states; the head
// reads the last step of that sequence, as a following layer that keeps no sequence would).
// The context is [h_last ; Σₜ Σₛ α_ts hₛ], twice the state width. Padded keys get zero weight and
// padded query rows are zero, so padding changes nothing.
class QueryDotAttentionImpl : public AttentionImplBase {
public:
    QueryDotAttentionImpl(int64_t stateWidth, bool bidirectional);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return 2 * m_stateWidth; }

private:
    int64_t m_stateWidth;
    bool m_bidirectional;
    torch::nn::Linear m_query{nullptr};
};

} // namespace studio
