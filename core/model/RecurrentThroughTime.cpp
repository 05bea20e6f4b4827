#include "model/RecurrentThroughTime.h"

#include "model/RecurrentSteps.h"

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
                times(dh, dGates + at * rows, w.data_ptr<float>(), batch, units, rows, 0.0F);  // ∂L/∂hₜ₋₁
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
                times(dh, dRecurrent + at * rows, w.data_ptr<float>(), batch, units, rows, 1.0F);  // + through W_hh
        }
        return {inputGradients, recurrentWeightGradient(recurrentGradients, outputs), recurrentGradients.sum(at::IntArrayRef{0, 1})};
    }
};

// The loops read raw CPU float buffers: anything else is refused before a pointer is taken.
void requireShapes(const torch::Tensor& projected, const torch::Tensor& weightHh, int64_t gates, const char* what)
{
    for (const torch::Tensor* t : {&projected, &weightHh})
        TORCH_CHECK(t->scalar_type() == torch::kFloat && t->device().is_cpu(), what, ": float32 CPU tensors only");
    TORCH_CHECK(projected.dim() == 3 && weightHh.dim() == 2 && projected.size(2) == gates * weightHh.size(1)
                    && weightHh.size(0) == gates * weightHh.size(1),
                what, ": expects projections (T, B, ", gates, "·H) and W_hh (", gates, "·H, H)");
}

} // namespace

torch::Tensor lstmThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh)
{
    requireShapes(projected, weightHh, 4, "lstmThroughTime");
    return LstmThroughTime::apply(projected, weightHh);
}

torch::Tensor gruThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh, const torch::Tensor& biasHh)
{
    requireShapes(projected, weightHh, 3, "gruThroughTime");
    TORCH_CHECK(biasHh.scalar_type() == torch::kFloat && biasHh.numel() == weightHh.size(0), "gruThroughTime: b_hh (3·H)");
    return GruThroughTime::apply(projected, weightHh, biasHh);
}

} // namespace studio
