// The LibTorch loop of a Keras recurrent direction: per step a few tensor ops, each through the
// dispatcher. The reference the fused loop is tested against, and the path that records a graph
// when a gradient is needed.

#include "external/keras/KerasLayerKit.h"
#include "external/keras/KerasRecurrentCell.h"

namespace studio::keras {

RnnOutput runCellStepwise(const Cell& cell, at::Tensor x, at::Tensor mask, const RnnOptions& options)
{
    if (options.goBackwards) {
        x = x.flip({1});
        if (mask.defined())
            mask = mask.flip({1});
    }
    const int64_t batch = x.size(0);
    const int64_t steps = x.size(1);
    const int64_t u = cell.units;
    // The layer's recurrent_activation (gates) and activation (what it proposes).
    const auto gated = [&cell](const at::Tensor& v) { return applyNonlinearity(cell.nonlinearities.gate, v); };
    const auto proposed = [&cell](const at::Tensor& v) { return applyNonlinearity(cell.nonlinearities.candidate, v); };
    // All input projections at once: one matrix product instead of one per step.
    at::Tensor projected = at::matmul(x, cell.kernel);
    if (cell.bias.defined())
        projected = projected + cell.bias;
    at::Tensor h = at::zeros({batch, u}, x.options());
    at::Tensor c = at::zeros({batch, u}, x.options());
    at::Tensor previousOutput = at::zeros({batch, u}, x.options());
    std::vector<at::Tensor> outputs;
    outputs.reserve(static_cast<size_t>(steps));
    for (int64_t t = 0; t < steps; ++t) {
        const at::Tensor xt = projected.select(1, t);
        at::Tensor newH;
        at::Tensor newC = c;
        switch (cell.kind) {
        case CellKind::Lstm: {
            at::Tensor z = xt + at::matmul(h, cell.recurrentKernel);
            if (cell.recurrentBias.defined())
                z = z + cell.recurrentBias;
            const auto gates = z.split(u, /*dim=*/1);
            const at::Tensor i = gated(gates[0]);
            const at::Tensor f = gated(gates[1]);
            newC = f * c + i * proposed(gates[2]);
            const at::Tensor o = gated(gates[3]);
            newH = o * proposed(newC);
            break;
        }
        case CellKind::GruResetAfter: {
            at::Tensor inner = at::matmul(h, cell.recurrentKernel);
            if (cell.recurrentBias.defined())
                inner = inner + cell.recurrentBias;
            const auto xs = xt.split(u, 1);
            const auto hs = inner.split(u, 1);
            const at::Tensor z = gated(xs[0] + hs[0]);
            const at::Tensor r = gated(xs[1] + hs[1]);
            const at::Tensor candidate = proposed(xs[2] + r * hs[2]);
            newH = z * h + (1 - z) * candidate;
            break;
        }
        case CellKind::GruResetBefore: {
            const auto xs = xt.split(u, 1);
            const auto kernels = cell.recurrentKernel.split(u, 1);
            const at::Tensor z = gated(xs[0] + at::matmul(h, kernels[0]));
            const at::Tensor r = gated(xs[1] + at::matmul(h, kernels[1]));
            const at::Tensor candidate = proposed(xs[2] + at::matmul(r * h, kernels[2]));
            newH = z * h + (1 - z) * candidate;
            break;
        }
        case CellKind::Simple:
            newH = proposed(xt + at::matmul(h, cell.recurrentKernel));
            break;
        }
        at::Tensor output = newH;
        if (mask.defined()) {
            const at::Tensor keep = mask.select(1, t).unsqueeze(1);
            newH = at::where(keep, newH, h);
            newC = at::where(keep, newC, c);
            output = at::where(keep, output, options.zeroOutputForMask ? at::zeros_like(output) : previousOutput);
        }
        h = newH;
        c = newC;
        previousOutput = output;
        outputs.push_back(output);
    }
    RnnOutput result;
    result.sequence = steps > 0 ? at::stack(outputs, 1) : at::zeros({batch, 0, u}, x.options());
    result.last = previousOutput;
    result.states = {h};
    if (cell.kind == CellKind::Lstm)
        result.states.push_back(c);
    return result;
}

} // namespace studio::keras
