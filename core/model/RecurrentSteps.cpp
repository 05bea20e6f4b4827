#include "model/RecurrentSteps.h"

#include "model/GateActivations.h"

#include <algorithm>

// The documentation of each loop is in the header.

namespace studio {
namespace {

// r and z of a GRU: `projected` + `recurrent` through the gate nonlinearity, into `resetAndUpdate` (2H).
__attribute__((always_inline)) inline void gruResetAndUpdateGates(const float* projected, const float* recurrent,
                                                                  float* resetAndUpdate, int64_t units, Nonlinearity gate)
{
    for (int64_t k = 0; k < 2 * units; ++k)
        resetAndUpdate[k] = projected[k] + recurrent[k];
    squashBlocks(gate, resetAndUpdate, 2, units);
}

// hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁; `previous` null for hₜ₋₁ = 0.
__attribute__((always_inline)) inline void gruBlend(const float* z, const float* n, const float* previous, float* h,
                                                    int64_t units)
{
    for (int64_t j = 0; j < units; ++j)
        h[j] = (1.0F - z[j]) * n[j];
    if (previous)
        for (int64_t j = 0; j < units; ++j)
            h[j] += z[j] * previous[j];
}

} // namespace

STUDIO_AVX2_CLONES void addMatrixTimesVector(float* __restrict out, const float* __restrict transposed,
                                             const float* __restrict v, int64_t columns, int64_t rows)
{
    for (int64_t j = 0; j < columns; ++j) {
        const float vj = v[j];
        const float* column = transposed + j * rows;
        for (int64_t r = 0; r < rows; ++r)
            out[r] += column[r] * vj;
    }
}

STUDIO_AVX2_CLONES void lstmStep(float* gates, const float* previousCells, float* cells, float* outputs, int64_t batch,
                                 int64_t units, CellNonlinearities nonlinearities)
{
    for (int64_t b = 0; b < batch; ++b) {
        float* i = gates + b * 4 * units;
        float* f = i + units;
        float* g = f + units;
        float* o = g + units;
        squashBlocks(nonlinearities.gate, i, 2, units);
        squashBlocks(nonlinearities.candidate, g, 1, units);
        squashBlocks(nonlinearities.gate, o, 1, units);
        float* c = cells + b * units;
        float* h = outputs + b * units;
        for (int64_t j = 0; j < units; ++j)
            c[j] = i[j] * g[j];
        if (previousCells) {
            const float* previous = previousCells + b * units;
            for (int64_t j = 0; j < units; ++j)
                c[j] += f[j] * previous[j];
        }
        for (int64_t j = 0; j < units; ++j)
            h[j] = c[j];
        squashBlocks(nonlinearities.candidate, h, 1, units);
        for (int64_t j = 0; j < units; ++j)
            h[j] *= o[j];
    }
}

STUDIO_AVX2_CLONES void lstmStepBackward(const float* gates, const float* cells, const float* previousCells,
                                         const float* upstream, float* dh, float* dc, float* gateGradients, float* scratch,
                                         int64_t batch, int64_t units)
{
    for (int64_t b = 0; b < batch; ++b) {
        const float* i = gates + b * 4 * units;
        const float* f = i + units;
        const float* g = f + units;
        const float* o = g + units;
        const float* c = cells + b * units;
        const float* previous = previousCells ? previousCells + b * units : nullptr;
        const float* dOut = upstream + b * units;
        float* dhb = dh + b * units;
        float* dcb = dc + b * units;
        float* dGate = gateGradients + b * 4 * units;
        std::copy(c, c + units, scratch);
        squashTanh(scratch, units);  // tanh(cₜ), cheaper to recompute than to keep
        for (int64_t j = 0; j < units; ++j) {
            const float tc = scratch[j];
            const float dhj = dhb[j] + dOut[j];
            const float dcj = dcb[j] + dhj * o[j] * (1.0F - tc * tc);
            const float cPrevious = previous ? previous[j] : 0.0F;
            dGate[j] = dcj * g[j] * i[j] * (1.0F - i[j]);
            dGate[units + j] = dcj * cPrevious * f[j] * (1.0F - f[j]);
            dGate[2 * units + j] = dcj * i[j] * (1.0F - g[j] * g[j]);
            dGate[3 * units + j] = dhj * tc * o[j] * (1.0F - o[j]);
            dcb[j] = dcj * f[j];
        }
    }
}

STUDIO_AVX2_CLONES void gruStep(const float* projected, const float* recurrent, float* gates, float* candidateRecurrent,
                                const float* previousOutputs, float* outputs, int64_t batch, int64_t units,
                                CellNonlinearities nonlinearities)
{
    const int64_t rows = 3 * units;
    for (int64_t b = 0; b < batch; ++b) {
        const float* xt = projected + b * rows;
        const float* rec = recurrent + b * rows;
        float* r = gates + b * rows;
        float* z = r + units;
        float* n = z + units;
        float* rn = candidateRecurrent + b * units;
        gruResetAndUpdateGates(xt, rec, r, units, nonlinearities.gate);
        std::copy(rec + 2 * units, rec + rows, rn);
        for (int64_t j = 0; j < units; ++j)
            n[j] = xt[2 * units + j] + r[j] * rn[j];
        squashBlocks(nonlinearities.candidate, n, 1, units);
        gruBlend(z, n, previousOutputs ? previousOutputs + b * units : nullptr, outputs + b * units, units);
    }
}

STUDIO_AVX2_CLONES void gruResetBeforeGates(const float* projected, const float* recurrent, float* gates,
                                            const float* previousOutputs, float* resetOutputs, int64_t batch, int64_t units,
                                            CellNonlinearities nonlinearities)
{
    for (int64_t b = 0; b < batch; ++b) {
        float* r = gates + b * 3 * units;
        gruResetAndUpdateGates(projected + b * 3 * units, recurrent + b * 2 * units, r, units, nonlinearities.gate);
        float* reset = resetOutputs + b * units;
        if (previousOutputs) {
            const float* previous = previousOutputs + b * units;
            for (int64_t j = 0; j < units; ++j)
                reset[j] = r[j] * previous[j];
        } else {
            std::fill(reset, reset + units, 0.0F);
        }
    }
}

STUDIO_AVX2_CLONES void gruResetBeforeUpdate(const float* projected, const float* candidateRecurrent, float* gates,
                                             const float* previousOutputs, float* outputs, int64_t batch, int64_t units,
                                             CellNonlinearities nonlinearities)
{
    for (int64_t b = 0; b < batch; ++b) {
        const float* xn = projected + b * 3 * units + 2 * units;
        const float* rn = candidateRecurrent + b * units;
        float* z = gates + b * 3 * units + units;
        float* n = z + units;
        for (int64_t j = 0; j < units; ++j)
            n[j] = xn[j] + rn[j];
        squashBlocks(nonlinearities.candidate, n, 1, units);
        gruBlend(z, n, previousOutputs ? previousOutputs + b * units : nullptr, outputs + b * units, units);
    }
}

STUDIO_AVX2_CLONES void simpleRecurrentStep(const float* projected, const float* recurrent, float* outputs, int64_t batch,
                                            int64_t units, Nonlinearity activation)
{
    for (int64_t b = 0; b < batch; ++b) {
        float* h = outputs + b * units;
        for (int64_t j = 0; j < units; ++j)
            h[j] = projected[b * units + j] + recurrent[b * units + j];
        squashBlocks(activation, h, 1, units);
    }
}

STUDIO_AVX2_CLONES void gruStepBackward(const float* gates, const float* candidateRecurrent, const float* previousOutputs,
                                        const float* upstream, float* dh, float* inputGradients, float* recurrentGradients,
                                        int64_t batch, int64_t units)
{
    const int64_t rows = 3 * units;
    for (int64_t b = 0; b < batch; ++b) {
        const float* r = gates + b * rows;
        const float* z = r + units;
        const float* n = z + units;
        const float* rn = candidateRecurrent + b * units;
        const float* previous = previousOutputs ? previousOutputs + b * units : nullptr;
        const float* dOut = upstream + b * units;
        float* dhb = dh + b * units;
        float* dx = inputGradients + b * rows;
        float* dRec = recurrentGradients + b * rows;
        for (int64_t j = 0; j < units; ++j) {
            const float dhj = dhb[j] + dOut[j];
            const float hPrevious = previous ? previous[j] : 0.0F;
            const float dn = dhj * (1.0F - z[j]) * (1.0F - n[j] * n[j]);
            const float dr = dn * rn[j] * r[j] * (1.0F - r[j]);
            const float dz = dhj * (hPrevious - n[j]) * z[j] * (1.0F - z[j]);
            dx[j] = dr;
            dx[units + j] = dz;
            dx[2 * units + j] = dn;
            dRec[j] = dr;
            dRec[units + j] = dz;
            dRec[2 * units + j] = dn * r[j];
            dhb[j] = dhj * z[j];  // the direct path hₜ = … + z ⊙ hₜ₋₁
        }
    }
}

} // namespace studio
