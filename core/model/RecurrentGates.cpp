#include "model/RecurrentGates.h"

#include <cmath>
#include <string>

namespace studio {
namespace {

float sigmoid(float x) { return 1.0F / (1.0F + std::exp(-x)); }

torch::Tensor parameter(AttentionModel& model, const std::string& name)
{
    const torch::Tensor* found = model->named_parameters().find(name);
    return found ? found->detach().to(torch::kFloat).contiguous() : torch::Tensor();
}

struct Direction {
    std::vector<float> outputs;  // T × H: hₜ
    std::vector<float> gates;    // T × G × H
    std::vector<float> cells;    // T × H (LSTM)
};

// One direction of one layer. `inputs` (T, E); the input projection of every step is one matrix
// product, then each step adds the recurrent part and updates the state.
Direction runDirection(AttentionModel& model, const std::string& prefix, const std::string& suffix, RecurrentCell cell,
                       const torch::Tensor& inputs, bool reverse)
{
    const torch::Tensor wIh = parameter(model, prefix + "weight_ih" + suffix);
    const torch::Tensor wHh = parameter(model, prefix + "weight_hh" + suffix);
    const torch::Tensor bIh = parameter(model, prefix + "bias_ih" + suffix);
    const torch::Tensor bHh = parameter(model, prefix + "bias_hh" + suffix);
    const int64_t steps = inputs.size(0);
    const int64_t units = wHh.size(1);
    const int64_t rows = wHh.size(0);  // G × H
    const torch::Tensor projected = torch::addmm(bIh, inputs, wIh.t()).contiguous();  // (T, G × H)
    const float* x = projected.data_ptr<float>();
    const float* w = wHh.data_ptr<float>();
    const float* b = bHh.data_ptr<float>();

    Direction out;
    out.outputs.assign(static_cast<size_t>(steps * units), 0.0F);
    out.gates.assign(static_cast<size_t>(steps * rows), 0.0F);
    if (cell == RecurrentCell::Lstm)
        out.cells.assign(static_cast<size_t>(steps * units), 0.0F);
    std::vector<float> h(static_cast<size_t>(units), 0.0F);
    std::vector<float> c(static_cast<size_t>(units), 0.0F);
    std::vector<float> next(static_cast<size_t>(units), 0.0F);
    std::vector<float> recurrent(static_cast<size_t>(rows));
    for (int64_t step = 0; step < steps; ++step) {
        const int64_t t = reverse ? steps - 1 - step : step;
        for (int64_t r = 0; r < rows; ++r) {
            float sum = b[r];
            const float* row = w + r * units;
            for (int64_t j = 0; j < units; ++j)
                sum += row[j] * h[static_cast<size_t>(j)];
            recurrent[static_cast<size_t>(r)] = sum;
        }
        const float* xt = x + t * rows;
        float* gates = out.gates.data() + t * rows;
        for (int64_t j = 0; j < units; ++j) {
            const auto u = static_cast<size_t>(j);
            if (cell == RecurrentCell::Lstm) {
                const float i = sigmoid(xt[j] + recurrent[u]);
                const float f = sigmoid(xt[units + j] + recurrent[static_cast<size_t>(units + j)]);
                const float g = std::tanh(xt[2 * units + j] + recurrent[static_cast<size_t>(2 * units + j)]);
                const float o = sigmoid(xt[3 * units + j] + recurrent[static_cast<size_t>(3 * units + j)]);
                c[u] = f * c[u] + i * g;
                next[u] = o * std::tanh(c[u]);
                gates[j] = i;
                gates[units + j] = f;
                gates[2 * units + j] = g;
                gates[3 * units + j] = o;
                out.cells[static_cast<size_t>(t * units + j)] = c[u];
            } else {
                const float reset = sigmoid(xt[j] + recurrent[u]);
                const float update = sigmoid(xt[units + j] + recurrent[static_cast<size_t>(units + j)]);
                const float candidate = std::tanh(xt[2 * units + j] + reset * recurrent[static_cast<size_t>(2 * units + j)]);
                gates[j] = reset;
                gates[units + j] = update;
                gates[2 * units + j] = candidate;
                next[u] = (1.0F - update) * candidate + update * h[u];
            }
        }
        h.swap(next);
        std::copy(h.begin(), h.end(), out.outputs.begin() + t * units);
    }
    return out;
}

} // namespace

void traceGates(AttentionModel& model, const torch::Tensor& input, AttentionTrace& trace)
{
    torch::NoGradGuard noGradients;
    const ModelConfig& config = model->config();
    torch::Tensor steps;  // (T, E): what the first recurrent layer reads
    if (config.input == InputKind::Tokens)
        steps = parameter(model, "encoder.embedding.weight").index_select(0, input[0].to(torch::kLong));
    else
        steps = torch::addmm(parameter(model, "encoder.projection.bias"), input[0].to(torch::kFloat),
                             parameter(model, "encoder.projection.weight").t());
    const std::string prefix = config.cell == RecurrentCell::Lstm ? "encoder.lstm." : "encoder.gru.";
    std::vector<Direction> directions;
    for (int layer = 0; layer < config.layers; ++layer) {
        const std::string suffix = "_l" + std::to_string(layer);
        directions.clear();
        directions.push_back(runDirection(model, prefix, suffix, config.cell, steps, /*reverse=*/false));
        if (config.bidirectional)
            directions.push_back(runDirection(model, prefix, suffix + "_reverse", config.cell, steps, /*reverse=*/true));
        // The next layer reads both directions side by side.
        const int64_t units = config.hiddenSize;
        std::vector<torch::Tensor> parts;
        for (Direction& direction : directions)
            parts.push_back(torch::from_blob(direction.outputs.data(), {steps.size(0), units}, torch::kFloat));
        steps = torch::cat(parts, /*dim=*/1).contiguous();
    }
    trace.gateUnits = config.hiddenSize;
    trace.gates.clear();
    trace.cells.clear();
    for (const Direction& direction : directions) {
        trace.gates.insert(trace.gates.end(), direction.gates.begin(), direction.gates.end());
        trace.cells.insert(trace.cells.end(), direction.cells.begin(), direction.cells.end());
    }
}

} // namespace studio
