#include "model/Attention.h"

#include "common/StudioError.h"
#include "model/AdditiveAttention.h"
#include "model/DotAttention.h"
#include "model/LastStateReadout.h"
#include "model/PerFeatureAttention.h"
#include "model/PositionalBiasAttention.h"
#include "model/QueryDotAttention.h"
#include "model/SelfAttention.h"
#include "model/TanhDenseAttention.h"

#include <limits>

namespace studio {

torch::Tensor maskedSoftmax(const torch::Tensor& scores, const torch::Tensor& mask, int64_t dim)
{
    // -inf (not a large negative number) so that exp() gives an exact 0 on padding.
    const auto masked = scores.masked_fill(mask.logical_not(), -std::numeric_limits<double>::infinity());
    return torch::softmax(masked, dim);
}

std::shared_ptr<AttentionImplBase> makeAttention(const ModelConfig& config)
{
    const int64_t width = config.encoderWidth();
    switch (config.attention) {
    case AttentionKind::Additive:
        return std::make_shared<AdditiveAttentionImpl>(width, config.effectiveAttentionDim());
    case AttentionKind::TanhDense:
        return std::make_shared<TanhDenseAttentionImpl>(width);
    case AttentionKind::PositionalBias:
        return std::make_shared<PositionalBiasAttentionImpl>(width, config.maxLength);
    case AttentionKind::Dot:
        return std::make_shared<DotAttentionImpl>(width);
    case AttentionKind::Self:
        return std::make_shared<SelfAttentionImpl>(width, config.effectiveAttentionDim());
    case AttentionKind::PerFeature:
        return std::make_shared<PerFeatureAttentionImpl>(width);
    case AttentionKind::QueryDot:
        return std::make_shared<QueryDotAttentionImpl>(width, config.bidirectional);
    case AttentionKind::None:
        return std::make_shared<LastStateReadoutImpl>(width, config.bidirectional);
    }
    throw StudioError(QStringLiteral("Unknown attention variant."));
}

} // namespace studio
