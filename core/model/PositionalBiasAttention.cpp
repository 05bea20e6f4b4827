#include "model/PositionalBiasAttention.h"

#include "common/StudioError.h"

#include <QCoreApplication>

#include <cmath>

namespace studio {

PositionalBiasAttentionImpl::PositionalBiasAttentionImpl(int64_t stateWidth, int64_t maxLength)
    : m_stateWidth(stateWidth)
    , m_maxLength(maxLength)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(stateWidth));
    m_w = register_parameter("w", torch::empty({stateWidth}).uniform_(-bound, bound));
    m_bias = register_parameter("bias", torch::zeros({maxLength}));  // Keras: initializer="zeros"
}

AttentionOutput PositionalBiasAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const int64_t length = states.size(1);
    if (length > m_maxLength)
        // Translated: the window shows it in a lesson (tutorial 000); the command line stays English.
        throw StudioError(QCoreApplication::translate("studio", "This positional-bias model has a bias for %1 positions but "
                                                                "the input has %2 steps: truncate the input to %1 steps.")
                              .arg(m_maxLength)
                              .arg(length));
    const auto scores = torch::matmul(states, m_w) + m_bias.slice(/*dim=*/0, 0, length);  // (B, T)
    const auto weights = maskedSoftmax(scores, mask, /*dim=*/1);
    const auto context = torch::bmm(weights.unsqueeze(1), states).squeeze(1);
    return {context, weights, scores};
}

} // namespace studio
