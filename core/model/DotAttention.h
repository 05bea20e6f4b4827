#pragma once

#include "model/Attention.h"

namespace studio {

// Dot-product attention against one learned query vector q: score_t = h_t · q.
class DotAttentionImpl : public AttentionImplBase {
public:
    explicit DotAttentionImpl(int64_t stateWidth);
    AttentionOutput forward(const torch::Tensor& states, const torch::Tensor& mask) override;
    int64_t contextWidth() const override { return m_stateWidth; }

private:
    int64_t m_stateWidth;
    torch::Tensor m_query;  // (D)
};

} // namespace studio
