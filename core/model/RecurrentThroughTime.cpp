#include "model/RecurrentThroughTime.h"

#include "model/GateActivations.h"

#include <torch/autograd.h>

#include <cblas.h>

namespace studio {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

int blasSize(int64_t size) { return static_cast<int>(size); }

// c (rows × columns) = beta·c + a·bᵀ, with a (rows × inner) and b (columns × inner), all row-major:
// h·W_hhᵀ for a whole batch.
void timesTransposed(float* c, const float* a, const float* b, int64_t rows, int64_t columns, int64_t inner, float beta)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasSize(rows), blasSize(columns), blasSize(inner), 1.0F, a,
                blasSize(inner), b, blasSize(inner), beta, c, blasSize(columns));
}

// c (rows × columns) = beta·c + a·b, a (rows × inner), b (inner × columns): ∂L/∂gates · W_hh.
void times(float* c, const float* a, const float* b, int64_t rows, int64_t columns, int64_t inner, float beta)
{
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasSize(rows), blasSize(columns), blasSize(inner), 1.0F, a,
                blasSize(inner), b, blasSize(columns), beta, c, blasSize(columns));
}

// ∂L/∂W_hh = Σₜ (∂L/∂gatesₜ)ᵀ · hₜ₋₁ as one product over steps 1…T−1 (step 0 reads h = 0):
// `gradients` (T, B, G), `outputs` (T, B, H) → (G, H).
torch::Tensor recurrentWeightGradient(const torch::Tensor& gradients, const torch::Tensor& outputs)
{
    const int64_t steps = outputs.size(0);
    const int64_t batch = outputs.size(1);
    const int64_t units = outputs.size(2);
    const int64_t gateRows = gradients.size(2);
    torch::Tensor result = torch::zeros({gateRows, units}, torch::kFloat);
    if (steps > 1) {
        const int64_t pairs = (steps - 1) * batch;
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, blasSize(gateRows), blasSize(units), blasSize(pairs), 1.0F,
                    gradients.data_ptr<float>() + batch * gateRows, blasSize(gateRows), outputs.data_ptr<float>(),
                    blasSize(units), 0.0F, result.data_ptr<float>(), blasSize(units));
    }
    return result;
}

torch::Tensor gradientOrZeros(const torch::Tensor& gradient, const torch::Tensor& like)
{
    return gradient.defined() ? gradient.to(torch::kFloat).contiguous() : torch::zeros_like(like);
}

// One step's elementwise work for the whole batch, after the recurrent product: each function
// gets an AVX2 copy (STUDIO_AVX2_CLONES) so that its exp and tanh run 8 wide.

// LSTM: `gates` (B, 4H) pre-activation in, activated i, f, g, o out; cₜ = f ⊙ cₜ₋₁ + i ⊙ g,
// hₜ = o ⊙ tanh(cₜ). `previousCells` null at t = 0 (c = 0).
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

// LSTM backward through one step's gates: `dh`, `dc` (B, H) hold what reaches hₜ and cₜ from step
// t + 1 and leave with ∂L/∂cₜ₋₁ in `dc` (`dh` is then recomputed from the gates by the caller);
// `gateGradients` (B, 4H) receives ∂L/∂(pre-activation gates). `scratch`: H floats.
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

// GRU: `projected` (B, 3H) x·W_ihᵀ + b_ih, `recurrent` (B, 3H) W_hh·h + b_hh; `gates` receives r, z,
// n and `candidateRecurrent` (B, H) W_hn·h + b_hn (the backward needs it); hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁.
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

// GRU backward through one step: `dh` (B, H) holds what reaches hₜ from step t + 1 and leaves with
// the direct path's share of ∂L/∂hₜ₋₁ (z ⊙ …; the caller adds the part through W_hh);
// `inputGradients` and `recurrentGradients` (B, 3H) receive ∂L/∂projected and ∂L/∂recurrent.
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

// What a forward keeps for its backward: W_hh and the outputs (version-checked: they leave the
// function), the activated gates, and one buffer of the cell's own (LSTM cₜ, GRU W_hn·h + b_hn).
struct KeptForBackward {
    torch::Tensor w;
    torch::Tensor outputs;
    torch::Tensor gates;
    torch::Tensor cellBuffer;
};

void keepForBackward(AutogradContext* context, const KeptForBackward& kept)
{
    context->saved_data["gates"] = kept.gates;
    context->saved_data["cellBuffer"] = kept.cellBuffer;
    context->save_for_backward({kept.w, kept.outputs});
}

KeptForBackward keptForBackward(AutogradContext* context)
{
    const variable_list saved = context->get_saved_variables();
    return {saved[0], saved[1], context->saved_data["gates"].toTensor(), context->saved_data["cellBuffer"].toTensor()};
}

struct LstmThroughTime : public torch::autograd::Function<LstmThroughTime> {
    static torch::Tensor forward(AutogradContext* context, const torch::Tensor& projected, const torch::Tensor& weightHh)
    {
        const torch::Tensor w = weightHh.contiguous();
        const int64_t steps = projected.size(0);
        const int64_t batch = projected.size(1);
        const int64_t rows = projected.size(2);  // 4H
        const int64_t units = rows / 4;
        torch::Tensor gates = projected.contiguous().clone();  // activated in place: i, f, g, o
        torch::Tensor cells = torch::empty({steps, batch, units}, torch::kFloat);
        torch::Tensor outputs = torch::empty({steps, batch, units}, torch::kFloat);
        float* gate = gates.data_ptr<float>();
        float* cell = cells.data_ptr<float>();
        float* output = outputs.data_ptr<float>();
        for (int64_t t = 0; t < steps; ++t) {
            float* stepGates = gate + t * batch * rows;
            if (t > 0)
                timesTransposed(stepGates, output + (t - 1) * batch * units, w.data_ptr<float>(), batch, rows, units, 1.0F);
            lstmStep(stepGates, t > 0 ? cell + (t - 1) * batch * units : nullptr, cell + t * batch * units,
                     output + t * batch * units, batch, units);
        }
        keepForBackward(context, {w, outputs, gates, cells});
        return outputs;
    }

    static variable_list backward(AutogradContext* context, variable_list gradients)
    {
        const auto [w, outputs, gates, cells] = keptForBackward(context);
        const torch::Tensor upstream = gradientOrZeros(gradients[0], outputs);
        const int64_t steps = outputs.size(0);
        const int64_t batch = outputs.size(1);
        const int64_t units = outputs.size(2);
        const int64_t rows = 4 * units;
        torch::Tensor gateGradients = torch::empty({steps, batch, rows}, torch::kFloat);
        torch::Tensor hGradient = torch::zeros({batch, units}, torch::kFloat);  // reaching hₜ from step t + 1
        torch::Tensor cGradient = torch::zeros({batch, units}, torch::kFloat);  // reaching cₜ from step t + 1
        std::vector<float> tanhC(static_cast<size_t>(units));
        const float* gate = gates.data_ptr<float>();
        const float* cell = cells.data_ptr<float>();
        const float* up = upstream.data_ptr<float>();
        float* dGates = gateGradients.data_ptr<float>();
        float* dh = hGradient.data_ptr<float>();
        float* dc = cGradient.data_ptr<float>();
        for (int64_t t = steps - 1; t >= 0; --t) {
            const int64_t at = t * batch;
            lstmStepBackward(gate + at * rows, cell + at * units, t > 0 ? cell + (at - batch) * units : nullptr,
                             up + at * units, dh, dc, dGates + at * rows, tanhC.data(), batch, units);
            if (t > 0)
                times(dh, dGates + t * batch * rows, w.data_ptr<float>(), batch, units, rows, 0.0F);  // ∂L/∂hₜ₋₁
        }
        return {gateGradients, recurrentWeightGradient(gateGradients, outputs)};
    }
};

struct GruThroughTime : public torch::autograd::Function<GruThroughTime> {
    static torch::Tensor forward(AutogradContext* context, const torch::Tensor& projected, const torch::Tensor& weightHh,
                                 const torch::Tensor& biasHh)
    {
        const torch::Tensor x = projected.contiguous();
        const torch::Tensor w = weightHh.contiguous();
        const torch::Tensor bias = biasHh.contiguous();
        const int64_t steps = x.size(0);
        const int64_t batch = x.size(1);
        const int64_t rows = x.size(2);  // 3H
        const int64_t units = rows / 3;
        torch::Tensor gates = torch::empty({steps, batch, rows}, torch::kFloat);        // r, z, n
        torch::Tensor candidateRecurrent = torch::empty({steps, batch, units}, torch::kFloat);  // W_hn h + b_hn
        torch::Tensor outputs = torch::empty({steps, batch, units}, torch::kFloat);
        torch::Tensor recurrent = torch::empty({batch, rows}, torch::kFloat);
        const float* in = x.data_ptr<float>();
        const float* b0 = bias.data_ptr<float>();
        float* gate = gates.data_ptr<float>();
        float* candidate = candidateRecurrent.data_ptr<float>();
        float* output = outputs.data_ptr<float>();
        float* r0 = recurrent.data_ptr<float>();
        for (int64_t t = 0; t < steps; ++t) {
            for (int64_t b = 0; b < batch; ++b)
                std::copy(b0, b0 + rows, r0 + b * rows);
            if (t > 0)
                timesTransposed(r0, output + (t - 1) * batch * units, w.data_ptr<float>(), batch, rows, units, 1.0F);
            const int64_t at = t * batch;
            gruStep(in + at * rows, r0, gate + at * rows, candidate + at * units,
                    t > 0 ? output + (at - batch) * units : nullptr, output + at * units, batch, units);
        }
        keepForBackward(context, {w, outputs, gates, candidateRecurrent});
        return outputs;
    }

    static variable_list backward(AutogradContext* context, variable_list gradients)
    {
        const auto [w, outputs, gates, candidateRecurrent] = keptForBackward(context);
        const torch::Tensor upstream = gradientOrZeros(gradients[0], outputs);
        const int64_t steps = outputs.size(0);
        const int64_t batch = outputs.size(1);
        const int64_t units = outputs.size(2);
        const int64_t rows = 3 * units;
        torch::Tensor inputGradients = torch::empty({steps, batch, rows}, torch::kFloat);      // ∂L/∂projected
        torch::Tensor recurrentGradients = torch::empty({steps, batch, rows}, torch::kFloat);  // ∂L/∂(W_hh h + b_hh)
        torch::Tensor hGradient = torch::zeros({batch, units}, torch::kFloat);
        const float* gate = gates.data_ptr<float>();
        const float* candidate = candidateRecurrent.data_ptr<float>();
        const float* output = outputs.data_ptr<float>();
        const float* up = upstream.data_ptr<float>();
        float* dInput = inputGradients.data_ptr<float>();
        float* dRecurrent = recurrentGradients.data_ptr<float>();
        float* dh = hGradient.data_ptr<float>();
        for (int64_t t = steps - 1; t >= 0; --t) {
            const int64_t at = t * batch;
            gruStepBackward(gate + at * rows, candidate + at * units, t > 0 ? output + (at - batch) * units : nullptr,
                            up + at * units, dh, dInput + at * rows, dRecurrent + at * rows, batch, units);
            if (t > 0)
                times(dh, dRecurrent + t * batch * rows, w.data_ptr<float>(), batch, units, rows, 1.0F);  // + through W_hh
        }
        return {inputGradients, recurrentWeightGradient(recurrentGradients, outputs), recurrentGradients.sum(at::IntArrayRef{0, 1})};
    }
};

void requireFloat(const torch::Tensor& projected, const char* what)
{
    TORCH_CHECK(projected.scalar_type() == torch::kFloat && projected.dim() == 3, what,
                ": expects float32 (T, B, gates) projections");
}

} // namespace

torch::Tensor lstmThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh)
{
    requireFloat(projected, "lstmThroughTime");
    return LstmThroughTime::apply(projected, weightHh);
}

torch::Tensor gruThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh, const torch::Tensor& biasHh)
{
    requireFloat(projected, "gruThroughTime");
    return GruThroughTime::apply(projected, weightHh, biasHh);
}

} // namespace studio
