// The fused loop of a Keras recurrent direction, for inference: the input projection of every
// step as one matrix product, then per step one product with the recurrent kernel (a
// matrix–vector product for one sequence, BLAS's sgemm for a batch) into buffers made before the
// loop, and the gates and state update of model/RecurrentSteps over raw floats with the layer's
// own nonlinearities; masks and go_backwards by index. No tensor is made per step: LibTorch's
// loop (KerasRecurrentStepwise) dispatches about a dozen ops per step, which is most of a layer's
// time at the tutorials' sizes. Equal to that loop within 1e-5 (tst_keras_fused_recurrent).

#include "external/keras/KerasRecurrentCell.h"
#include "model/RecurrentSteps.h"

#include <cblas.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace studio::keras {
namespace {

// Keras keeps a GRU's gate blocks as z, r, h; the shared step loops read torch's r, z, n.
at::Tensor inTorchGateOrder(const at::Tensor& kerasOrder, int64_t units)
{
    const int64_t axis = kerasOrder.dim() - 1;
    return at::cat({kerasOrder.narrow(axis, units, units), kerasOrder.narrow(axis, 0, units),
                    kerasOrder.narrow(axis, 2 * units, units)},
                   axis)
        .contiguous();
}

int blasSize(int64_t size) { return static_cast<int>(size); }

// out (rows × columns) += in (rows × inner) · weights (inner × columns), all row-major: one step's
// recurrent product for the whole batch.
void addProduct(float* out, const float* in, const at::Tensor& weights, int64_t rows, int64_t inner, int64_t columns)
{
    const float* w = weights.data_ptr<float>();
    if (rows == 1) {
        addMatrixTimesVector(out, w, in, /*columns=*/inner, /*rows=*/columns);  // w is (inner × columns)
        return;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, blasSize(rows), blasSize(columns), blasSize(inner), 1.0F, in,
                blasSize(inner), w, blasSize(columns), /*beta=*/1.0F, out, blasSize(columns));
}

// `rows` copies of `row` (its `count` values) one after another.
void fillRows(float* out, const at::Tensor& row, int64_t rows, int64_t count)
{
    const float* values = row.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
        std::copy(values, values + count, out + r * count);
}

// What one step writes besides the states, for the whole batch.
struct StepBuffers {
    StepBuffers(int64_t batch, int64_t rows, int64_t units)
        : gates(static_cast<size_t>(batch * rows)), recurrent(static_cast<size_t>(batch * rows)),
          candidateRecurrent(static_cast<size_t>(batch * units)), resetOutputs(static_cast<size_t>(batch * units))
    {
    }
    std::vector<float> gates;               // (B, G·u)
    std::vector<float> recurrent;           // (B, G·u): hₜ₋₁ times the recurrent kernel (+ its bias)
    std::vector<float> candidateRecurrent;  // (B, u): a GRU's n part of that, or (r ⊙ hₜ₋₁)·U_n
    std::vector<float> resetOutputs;        // (B, u): r ⊙ hₜ₋₁ of a GRU that resets before
};

// One step for the whole batch: hₜ (and cₜ) from the step's projected input `xt` (B, G·u) and
// the previous states (B, u).
void advance(const Cell& cell, const float* xt, const float* previousH, const float* previousC, float* h, float* c,
             int64_t batch, StepBuffers& buffers)
{
    const FusedCellWeights& w = cell.fused;
    const int64_t u = cell.units;
    const int64_t rows = gateCount(cell.kind) * u;
    float* gates = buffers.gates.data();
    float* recurrent = buffers.recurrent.data();
    float* candidateRecurrent = buffers.candidateRecurrent.data();
    switch (cell.kind) {
    case CellKind::Lstm:
        std::copy(xt, xt + batch * rows, gates);
        addProduct(gates, previousH, w.recurrentKernel, batch, u, rows);
        lstmStep(gates, previousC, c, h, batch, u, cell.nonlinearities);
        break;
    case CellKind::GruResetAfter:
        fillRows(recurrent, w.recurrentBias, batch, rows);
        addProduct(recurrent, previousH, w.recurrentKernel, batch, u, rows);
        gruStep(xt, recurrent, gates, candidateRecurrent, previousH, h, batch, u, cell.nonlinearities);
        break;
    case CellKind::GruResetBefore:
        std::fill(recurrent, recurrent + batch * 2 * u, 0.0F);
        addProduct(recurrent, previousH, w.recurrentKernel, batch, u, 2 * u);
        gruResetBeforeGates(xt, recurrent, gates, previousH, buffers.resetOutputs.data(), batch, u, cell.nonlinearities);
        std::fill(candidateRecurrent, candidateRecurrent + batch * u, 0.0F);
        addProduct(candidateRecurrent, buffers.resetOutputs.data(), w.candidateKernel, batch, u, u);
        gruResetBeforeUpdate(xt, candidateRecurrent, gates, previousH, h, batch, u, cell.nonlinearities);
        break;
    case CellKind::Simple:
        std::fill(recurrent, recurrent + batch * u, 0.0F);
        addProduct(recurrent, previousH, w.recurrentKernel, batch, u, u);
        simpleRecurrentStep(xt, recurrent, h, batch, u, cell.nonlinearities.candidate);
        break;
    }
}

at::Tensor tensorOf(const float* values, int64_t batch, int64_t units)
{
    at::Tensor tensor = at::empty({batch, units}, at::kFloat);
    std::memcpy(tensor.data_ptr<float>(), values, static_cast<size_t>(batch * units) * sizeof(float));
    return tensor;
}

} // namespace

FusedCellWeights fusedWeightsOf(const Cell& cell)
{
    const int64_t u = cell.units;
    const bool gru = cell.kind == CellKind::GruResetAfter || cell.kind == CellKind::GruResetBefore;
    const auto ordered = [gru, u](const at::Tensor& kerasOrder) {
        return gru ? inTorchGateOrder(kerasOrder, u) : kerasOrder.contiguous();
    };
    const at::Tensor zeros = at::zeros({gateCount(cell.kind) * u}, cell.kernel.options());
    FusedCellWeights fused;
    fused.kernel = ordered(cell.kernel);
    at::Tensor inputBias = cell.bias.defined() ? cell.bias : zeros;
    if (cell.kind == CellKind::GruResetAfter)
        fused.recurrentBias = ordered(cell.recurrentBias.defined() ? cell.recurrentBias : zeros);
    else if (cell.kind == CellKind::Lstm && cell.recurrentBias.defined())
        inputBias = inputBias + cell.recurrentBias;  // CuDNNLSTM: both biases join every step's sum
    fused.inputBias = ordered(inputBias);
    const at::Tensor recurrentKernel = ordered(cell.recurrentKernel);
    if (cell.kind == CellKind::GruResetBefore) {
        fused.recurrentKernel = recurrentKernel.narrow(1, 0, 2 * u).contiguous();
        fused.candidateKernel = recurrentKernel.narrow(1, 2 * u, u).contiguous();
    } else {
        fused.recurrentKernel = recurrentKernel;
    }
    return fused;
}

RnnOutput runCellFused(const Cell& cell, const at::Tensor& x, const at::Tensor& mask, const RnnOptions& options)
{
    const int64_t batch = x.size(0);
    const int64_t steps = x.size(1);
    const int64_t u = cell.units;
    const int64_t rows = gateCount(cell.kind) * u;
    const bool lstm = cell.kind == CellKind::Lstm;
    // Time-major, so that one step's rows lie together: (T·B, F) · (F, G·u).
    const at::Tensor timeMajor = x.transpose(0, 1).reshape({steps * batch, x.size(2)});
    const at::Tensor projected = at::addmm(cell.fused.inputBias, timeMajor, cell.fused.kernel).contiguous();
    at::Tensor keep;
    if (mask.defined()) {
        TORCH_CHECK(mask.dim() == 2 && mask.size(0) == batch && mask.size(1) == steps, "a mask of shape ", mask.sizes(),
                    " for an input of shape ", x.sizes());
        keep = mask.to(at::kBool).contiguous();
    }
    const bool* kept = keep.defined() ? keep.data_ptr<bool>() : nullptr;

    const int64_t stateSize = batch * u;
    std::vector<float> hidden(static_cast<size_t>(2 * stateSize), 0.0F);  // hₜ₋₁ and hₜ, taking turns
    std::vector<float> cells(lstm ? static_cast<size_t>(2 * stateSize) : 0, 0.0F);
    std::vector<float> last(static_cast<size_t>(stateSize), 0.0F);  // the output of the last step processed
    StepBuffers buffers(batch, rows, u);
    at::Tensor sequence = options.returnSequences ? at::empty({batch, steps, u}, at::kFloat) : at::Tensor();
    float* sequenceOut = sequence.defined() ? sequence.data_ptr<float>() : nullptr;
    const float* input = projected.data_ptr<float>();
    for (int64_t step = 0; step < steps; ++step) {
        const int64_t t = options.goBackwards ? steps - 1 - step : step;
        const int64_t previousTurn = (step % 2) * stateSize;
        const int64_t turn = stateSize - previousTurn;
        float* previousH = hidden.data() + previousTurn;
        float* h = hidden.data() + turn;
        float* previousC = lstm ? cells.data() + previousTurn : nullptr;
        float* c = lstm ? cells.data() + turn : nullptr;
        advance(cell, input + t * batch * rows, previousH, previousC, h, c, batch, buffers);
        for (int64_t b = 0; b < batch; ++b) {
            const bool masked = kept && !kept[b * steps + t];
            float* hb = h + b * u;
            if (masked) {  // the state stays as it was
                std::copy(previousH + b * u, previousH + (b + 1) * u, hb);
                if (lstm)
                    std::copy(previousC + b * u, previousC + (b + 1) * u, c + b * u);
            }
            // Otherwise a masked step repeats the previous output, which is the state kept.
            float* output = last.data() + b * u;
            if (masked && options.zeroOutputForMask)
                std::fill(output, output + u, 0.0F);
            else
                std::copy(hb, hb + u, output);
            if (sequenceOut)
                std::copy(output, output + u, sequenceOut + (b * steps + step) * u);
        }
    }
    const int64_t finalTurn = (steps % 2) * stateSize;
    RnnOutput result;
    result.sequence = sequence;
    result.last = tensorOf(last.data(), batch, u);
    result.states = {tensorOf(hidden.data() + finalTurn, batch, u)};
    if (lstm)
        result.states.push_back(tensorOf(cells.data() + finalTurn, batch, u));
    return result;
}

} // namespace studio::keras
