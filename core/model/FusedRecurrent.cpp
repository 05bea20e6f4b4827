#include "model/FusedRecurrent.h"

#include "model/ModelParameters.h"
#include "model/RecurrentSteps.h"

#include <cmath>
#include <string>

namespace studio {
namespace {

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
    // The state before this step: null before the first (zero), then the last step written.
    const float* previousH = nullptr;
    const float* previousC = nullptr;
    std::vector<float> cellBuffers(static_cast<size_t>(2 * units));  // cₜ₋₁ and cₜ, taking turns
    std::vector<float> recurrent(static_cast<size_t>(rows));
    std::vector<float> gate(static_cast<size_t>(rows));
    std::vector<float> candidateRecurrent(static_cast<size_t>(units));
    for (int64_t step = 0; step < steps; ++step) {
        const int64_t t = reverse ? steps - 1 - step : step;
        std::copy(b, b + rows, recurrent.begin());
        if (previousH)
            addMatrixTimesVector(recurrent.data(), w, previousH, units, rows);  // W_hh h + b_hh
        const float* xt = x + t * rows;
        float* ht = out.outputs.data() + t * units;
        if (lstm) {
            for (int64_t r = 0; r < rows; ++r)
                gate[static_cast<size_t>(r)] = xt[r] + recurrent[static_cast<size_t>(r)];
            float* ct = cellBuffers.data() + (step % 2) * units;
            lstmStep(gate.data(), previousC, ct, ht, /*batch=*/1, units);
            previousC = ct;
            if (keepGates)
                std::copy(ct, ct + units, out.cells.begin() + t * units);
        } else {
            gruStep(xt, recurrent.data(), gate.data(), candidateRecurrent.data(), previousH, ht, /*batch=*/1, units);
        }
        previousH = ht;
        if (keepGates)
            std::copy(gate.begin(), gate.end(), out.gates.begin() + t * rows);
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
