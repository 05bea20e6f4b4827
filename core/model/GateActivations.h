#pragma once

// The gate nonlinearities over a contiguous run of values, in place. Written as plain loops so
// that a file built with -ffast-math gets them vectorised by glibc's vector math (libmvec's expf,
// tanhf, expm1f, log1pf, erff); the recurrent kernels (FusedRecurrent, RecurrentThroughTime, the
// Keras layers' fused loop) call them on whole runs of units rather than one value at a time for
// that reason. The clipping ones live in ClippedNonlinearities, built without fast math.

#include "model/ClippedNonlinearities.h"
#include "model/Nonlinearity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

// A second copy of a loop compiled for x86-64-v3 (AVX2, FMA), chosen when the program loads on a
// processor that has those features (GCC's function multiversioning); the first stays for any
// x86-64. The gate functions of a cloned loop get libmvec's 8-wide AVX2 exp and tanh instead of the
// 4-wide SSE ones. Not "arch=haswell": that clone is chosen by processor model, so never on AMD.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define STUDIO_AVX2_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define STUDIO_AVX2_CLONES
#endif

namespace studio {

inline void squashSigmoid(float* values, int64_t count)
{
    for (int64_t k = 0; k < count; ++k)
        values[k] = 1.0F / (1.0F + std::exp(-values[k]));
}

inline void squashTanh(float* values, int64_t count)
{
    for (int64_t k = 0; k < count; ++k)
        values[k] = std::tanh(values[k]);
}

// The smooth nonlinearities as LibTorch computes them (elu, selu and softplus with its defaults).
// A NaN stays NaN in each: both sides of their comparisons give NaN for it.
inline void squashSmooth(Nonlinearity kind, float* values, int64_t count)
{
    constexpr float kSeluAlpha = 1.6732632423543772848170429916717F;
    constexpr float kSeluScale = 1.0507009873554804934193349852946F;
    constexpr float kSoftplusThreshold = 20.0F;  // above it softplus(x) is x in float
    constexpr float kInverseSqrt2 = 0.70710678118654752440F;
    switch (kind) {
    case Nonlinearity::Elu:
        for (int64_t k = 0; k < count; ++k)
            values[k] = values[k] > 0.0F ? values[k] : std::expm1(values[k]);
        break;
    case Nonlinearity::Selu:
        for (int64_t k = 0; k < count; ++k)
            values[k] = kSeluScale * (values[k] > 0.0F ? values[k] : kSeluAlpha * std::expm1(values[k]));
        break;
    case Nonlinearity::Softplus:
        for (int64_t k = 0; k < count; ++k)
            values[k] = values[k] > kSoftplusThreshold ? values[k] : std::log1p(std::exp(values[k]));
        break;
    case Nonlinearity::Softsign:
        for (int64_t k = 0; k < count; ++k)
            values[k] = values[k] / (1.0F + std::fabs(values[k]));
        break;
    case Nonlinearity::Exponential:
        for (int64_t k = 0; k < count; ++k)
            values[k] = std::exp(values[k]);
        break;
    case Nonlinearity::Swish:
        for (int64_t k = 0; k < count; ++k)
            values[k] = values[k] / (1.0F + std::exp(-values[k]));
        break;
    case Nonlinearity::Gelu:
        for (int64_t k = 0; k < count; ++k)
            values[k] = 0.5F * values[k] * (1.0F + std::erf(values[k] * kInverseSqrt2));
        break;
    case Nonlinearity::Softmax: {
        const float largest = *std::max_element(values, values + count);  // exp stays finite
        float sum = 0.0F;
        for (int64_t k = 0; k < count; ++k) {
            values[k] = std::exp(values[k] - largest);
            sum += values[k];
        }
        for (int64_t k = 0; k < count; ++k)
            values[k] /= sum;
        break;
    }
    default:
        break;
    }
}

// `blocks` runs of `units` values one after another (a cell's gates side by side), each through
// `kind`. Elementwise kinds take all the runs as one loop; softmax normalises each run apart, as
// LibTorch's softmax over one gate's units does. Forced inline so that each AVX2 clone of a step
// gets its own vectorised copy.
__attribute__((always_inline)) inline void squashBlocks(Nonlinearity kind, float* values, int64_t blocks, int64_t units)
{
    const int64_t count = blocks * units;
    switch (kind) {
    case Nonlinearity::Linear:
        break;
    case Nonlinearity::Sigmoid:
        squashSigmoid(values, count);
        break;
    case Nonlinearity::Tanh:
        squashTanh(values, count);
        break;
    case Nonlinearity::Softmax:
        for (int64_t block = 0; block < blocks; ++block)
            squashSmooth(kind, values + block * units, units);
        break;
    case Nonlinearity::Relu:
    case Nonlinearity::Relu6:
    case Nonlinearity::HardSigmoidKeras2:
    case Nonlinearity::HardSigmoidKeras3:
        applyClipped(kind, values, count);
        break;
    default:
        squashSmooth(kind, values, count);
        break;
    }
}

} // namespace studio
