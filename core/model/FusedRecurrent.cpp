#include "model/FusedRecurrent.h"

#include "model/GateActivations.h"
#include "model/ModelParameters.h"

#include <cmath>
#include <string>

namespace studio {
namespace {

// out[r] += Σⱼ transposed[j][r] · v[j]: the weights stored column by column, so that the inner
// loop runs down contiguous memory and the compiler vectorises it (AVX2+FMA where the processor has them).
STUDIO_AVX2_CLONES void addMatrixTimesVector(float* __restrict out, const float* __restrict transposed, const float* __restrict v,
                          int64_t columns, int64_t rows)
{
    for (int64_t j = 0; j < columns; ++j) {
        const float vj = v[j];
        const float* column = transposed + j * rows;
        for (int64_t r = 0; r < rows; ++r)
            out[r] += column[r] * vj;
    }
}

struct Direction {
    std::vector<float> outputs;  // T × H: hₜ
    std::vector<float> gates;    // T × G × H, when kept
    std::vector<float> cells;    // T × H (LSTM), when kept
};

// One direction of one layer. `inputs` (T, E).
Direction runDirection(const ModelParameters& parameters, const std::string& prefix, const std::string& suffix, RecurrentCell cell,
                       const torch::Tensor& inputs, bool reverse, bool keepGates)
{
    const torch::Tensor wIh = parameters.floats(prefix + "weight_ih" + suffix);
    const torch::Tensor wHhT = parameters.floats(prefix + "weight_hh" + suffix).t().contiguous();  // (H, G × H)
    const torch::Tensor bIh = parameters.floats(prefix + "bias_ih" + suffix);
    const torch::Tensor bHh = parameters.floats(prefix + "bias_hh" + suffix);
    const int64_t steps = inputs.size(0);
    const int64_t units = wHhT.size(0);
    const int64_t rows = wHhT.size(1);  // G × H
    const torch::Tensor projected = torch::addmm(bIh, inputs, wIh.t()).contiguous();  // (T, G × H)
    const float* x = projected.data_ptr<float>();
    const float* w = wHhT.data_ptr<float>();
    const float* b = bHh.data_ptr<float>();
    const bool lstm = cell == RecurrentCell::Lstm;

    Direction out;
    out.outputs.assign(static_cast<size_t>(steps * units), 0.0F);
    if (keepGates) {
        out.gates.assign(static_cast<size_t>(steps * rows), 0.0F);
        if (lstm)
            out.cells.assign(static_cast<size_t>(steps * units), 0.0F);
    }
    std::vector<float> h(static_cast<size_t>(units), 0.0F);
    std::vector<float> c(static_cast<size_t>(units), 0.0F);
    std::vector<float> recurrent(static_cast<size_t>(rows));
    std::vector<float> gate(static_cast<size_t>(rows));
    for (int64_t step = 0; step < steps; ++step) {
        const int64_t t = reverse ? steps - 1 - step : step;
        std::copy(b, b + rows, recurrent.begin());
        addMatrixTimesVector(recurrent.data(), w, h.data(), units, rows);  // W_hh h + b_hh
        const float* xt = x + t * rows;
        float* ht = out.outputs.data() + t * units;
        // The gates' activations over whole contiguous runs, so that the compiler vectorises exp and
        // tanh too (glibc's vector math, this file being built with -ffast-math).
        if (lstm) {
            for (int64_t r = 0; r < rows; ++r)
                gate[static_cast<size_t>(r)] = xt[r] + recurrent[static_cast<size_t>(r)];
            squashSigmoid(gate.data(), 2 * units);             // i, f
            squashTanh(gate.data() + 2 * units, units);        // g
            squashSigmoid(gate.data() + 3 * units, units);     // o
            const float* i = gate.data();
            const float* f = i + units;
            const float* g = f + units;
            const float* o = g + units;
            for (int64_t j = 0; j < units; ++j)
                c[static_cast<size_t>(j)] = f[j] * c[static_cast<size_t>(j)] + i[j] * g[j];
            for (int64_t j = 0; j < units; ++j)
                ht[j] = c[static_cast<size_t>(j)];
            squashTanh(ht, units);
            for (int64_t j = 0; j < units; ++j)
                ht[j] *= o[j];
        } else {
            // torch's GRU: the candidate reads r ⊙ (W_hn h + b_hn), the recurrent part alone.
            for (int64_t r = 0; r < 2 * units; ++r)
                gate[static_cast<size_t>(r)] = xt[r] + recurrent[static_cast<size_t>(r)];
            squashSigmoid(gate.data(), 2 * units);  // r, z
            const float* reset = gate.data();
            const float* update = reset + units;
            float* candidate = gate.data() + 2 * units;
            for (int64_t j = 0; j < units; ++j)
                candidate[j] = xt[2 * units + j] + reset[j] * recurrent[static_cast<size_t>(2 * units + j)];
            squashTanh(candidate, units);
            for (int64_t j = 0; j < units; ++j)
                ht[j] = (1.0F - update[j]) * candidate[j] + update[j] * h[static_cast<size_t>(j)];
        }
        std::copy(ht, ht + units, h.begin());
        if (keepGates) {
            std::copy(gate.begin(), gate.end(), out.gates.begin() + t * rows);
            if (lstm)
                std::copy(c.begin(), c.end(), out.cells.begin() + t * units);
        }
    }
    return out;
}

} // namespace

FusedEncoderRun runEncoderFused(AttentionModel& model, const torch::Tensor& input, bool keepGates)
{
    torch::NoGradGuard noGradients;
    const ModelConfig& config = model->config();
    const ModelParameters parameters(model);
    torch::Tensor steps;  // (T, E): what the first recurrent layer reads
    if (config.input == InputKind::Tokens)
        steps = parameters.floats("encoder.embedding.weight").index_select(0, input[0].to(torch::kLong));
    else
        steps = torch::addmm(parameters.floats("encoder.projection.bias"), input[0].to(torch::kFloat),
                             parameters.floats("encoder.projection.weight").t());
    const std::string prefix = config.cell == RecurrentCell::Lstm ? "encoder.lstm." : "encoder.gru.";
    std::vector<Direction> directions;
    for (int layer = 0; layer < config.layers; ++layer) {
        const std::string suffix = "_l" + std::to_string(layer);
        const bool last = layer + 1 == config.layers;
        directions.clear();
        directions.push_back(runDirection(parameters, prefix, suffix, config.cell, steps, /*reverse=*/false, keepGates && last));
        if (config.bidirectional)
            directions.push_back(runDirection(parameters, prefix, suffix + "_reverse", config.cell, steps, /*reverse=*/true,
                                              keepGates && last));
        // The next layer (or the attention) reads both directions side by side.
        std::vector<torch::Tensor> parts;
        for (Direction& direction : directions)
            parts.push_back(torch::from_blob(direction.outputs.data(), {steps.size(0), config.hiddenSize}, torch::kFloat));
        steps = torch::cat(parts, /*dim=*/1);  // a copy: the directions' buffers go with them
    }
    FusedEncoderRun run;
    run.states = steps.unsqueeze(0);
    for (const Direction& direction : directions) {
        run.gates.insert(run.gates.end(), direction.gates.begin(), direction.gates.end());
        run.cells.insert(run.cells.end(), direction.cells.begin(), direction.cells.end());
    }
    return run;
}

} // namespace studio
