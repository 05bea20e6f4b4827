#include "model/RecurrentSteps.h"

#include "model/GateActivations.h"

#include <algorithm>

// The documentation of each loop is in the header.

namespace studio {

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
                                 int64_t units)
{
    for (int64_t b = 0; b < batch; ++b) {
        float* i = gates + b * 4 * units;
        float* f = i + units;
        float* g = f + units;
        float* o = g + units;
        squashSigmoid(i, 2 * units);
        squashTanh(g, units);
        squashSigmoid(o, units);
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
        squashTanh(h, units);
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
                                const float* previousOutputs, float* outputs, int64_t batch, int64_t units)
{
    const int64_t rows = 3 * units;
    for (int64_t b = 0; b < batch; ++b) {
        const float* xt = projected + b * rows;
        const float* rec = recurrent + b * rows;
        float* r = gates + b * rows;
        float* z = r + units;
        float* n = z + units;
        float* rn = candidateRecurrent + b * units;
        for (int64_t k = 0; k < 2 * units; ++k)
            r[k] = xt[k] + rec[k];
        squashSigmoid(r, 2 * units);
        std::copy(rec + 2 * units, rec + rows, rn);
        for (int64_t j = 0; j < units; ++j)
            n[j] = xt[2 * units + j] + r[j] * rn[j];
        squashTanh(n, units);
        float* h = outputs + b * units;
        for (int64_t j = 0; j < units; ++j)
            h[j] = (1.0F - z[j]) * n[j];
        if (previousOutputs) {
            const float* previous = previousOutputs + b * units;
            for (int64_t j = 0; j < units; ++j)
                h[j] += z[j] * previous[j];
        }
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
