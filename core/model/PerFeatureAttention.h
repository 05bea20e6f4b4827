#pragma once

#include "model/Attention.h"

#include <torch/nn/modules/linear.h>

namespace studio {

// The Keras tutorial layer with a D×D weight: E = tanh(H W + b), then a softmax over time for
// each hidden unit separately, so every unit has its own distribution over time (a T×D map);
// context_d = Σ_t α_td h_td.
class PerFeatureAttentionImpl : public AttentionImplBase {
public:
    explicit PerFeatureAttentionImpl(int64_t stateWidth);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }

private:
    int64_t m_stateWidth;
    torch::nn::Linear m_projection{nullptr};
};

} // namespace studio
