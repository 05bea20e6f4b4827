#pragma once

// The nonlinearities that clip (relu, relu6, both hard sigmoids) over a run of values, in place.
// A file of their own because it is built without fast math: -ffinite-math-only lets the compiler
// turn a clip into min/max instructions that map NaN to a bound (GCC 12 made hard_sigmoid(NaN)
// 0 in RecurrentSteps.cpp), where LibTorch's clamp keeps NaN. Here the comparisons keep their
// IEEE meaning, so a NaN passes through as it does in LibTorch.

#include "model/Nonlinearity.h"

#include <cstdint>

namespace studio {

// `kind` one of Relu, Relu6, HardSigmoidKeras2, HardSigmoidKeras3; any other leaves the values.
void applyClipped(Nonlinearity kind, float* values, int64_t count);

} // namespace studio
