#include "model/ClippedNonlinearities.h"

namespace studio {
namespace {

// clip(v, low, high) that keeps NaN: both comparisons are false for it.
void clip(float* values, int64_t count, float low, float high)
{
    for (int64_t k = 0; k < count; ++k) {
        const float v = values[k];
        values[k] = v < low ? low : (v > high ? high : v);
    }
}

// clip(slope·v + 0.5, 0, 1), the product rounded before the sum as LibTorch's x * slope + 0.5 is.
void hardSigmoid(float* values, int64_t count, float slope)
{
    for (int64_t k = 0; k < count; ++k) {
        const float scaled = values[k] * slope;
        values[k] = scaled + 0.5F;
    }
    clip(values, count, 0.0F, 1.0F);
}

} // namespace

void applyClipped(Nonlinearity kind, float* values, int64_t count)
{
    constexpr float kRelu6Top = 6.0F;
    constexpr float kKeras2Slope = 0.2F;
    constexpr float kKeras3Slope = 1.0F / 6.0F;
    switch (kind) {
    case Nonlinearity::Relu:
        for (int64_t k = 0; k < count; ++k)
            values[k] = values[k] < 0.0F ? 0.0F : values[k];
        break;
    case Nonlinearity::Relu6:
        clip(values, count, 0.0F, kRelu6Top);
        break;
    case Nonlinearity::HardSigmoidKeras2:
        hardSigmoid(values, count, kKeras2Slope);
        break;
    case Nonlinearity::HardSigmoidKeras3:
        hardSigmoid(values, count, kKeras3Slope);
        break;
    default:
        break;
    }
}

} // namespace studio
