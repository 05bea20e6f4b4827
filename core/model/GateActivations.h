#pragma once

// The gate nonlinearities over a contiguous run of values, in place. Written as plain loops so
// that a file built with -ffast-math gets them vectorised by glibc's vector math (libmvec's expf
// and tanhf); the recurrent kernels (FusedRecurrent, RecurrentThroughTime) call them on whole
// runs of units rather than one value at a time for that reason.

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

} // namespace studio
