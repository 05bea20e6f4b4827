#include "model/AttentionTracing.h"

#include "model/ModelParameters.h"

#include <limits>

namespace studio {
namespace {

std::vector<float> numbers(const torch::Tensor& tensor)
{
    const auto flat = tensor.detach().to(torch::kFloat).contiguous().reshape({-1});
    return {flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel()};
}

std::vector<float> parameter(const ModelParameters& parameters, const char* name)
{
    const torch::Tensor found = parameters.floats(name);
    return found.defined() ? numbers(found) : std::vector<float>{};
}

// The softmax of `scores` (1, ...) over `dim` written out: exp(e − max e) with padding at exactly
// 0 (as the model's masked softmax), and the sum of each distribution.
void writeOutSoftmax(const torch::Tensor& scores, const torch::Tensor& keyMask, int64_t dim, AttentionTrace& trace)
{
    const auto masked = scores.masked_fill(keyMask.logical_not(), -std::numeric_limits<double>::infinity());
    const auto shifted = torch::exp(masked - std::get<0>(masked.max(dim, /*keepdim=*/true)));
    trace.shiftedExp = numbers(shifted[0]);
    trace.expSums = numbers(shifted.sum(dim)[0]);
}

} // namespace

AttentionTrace traceAttention(AttentionModel& model, const ModelPass& pass, const torch::Tensor& mask)
{
    torch::NoGradGuard noGradients;
    const ModelConfig& config = model->config();
    const ModelParameters parameters(model);
    AttentionTrace trace;
    trace.attention = config.attention;
    trace.head = config.head;
    trace.cell = config.cell;
    trace.bidirectional = config.bidirectional;
    trace.steps = pass.states.size(1);
    trace.width = pass.states.size(2);
    trace.hidden = numbers(pass.states[0]);
    const auto real = mask[0].to(torch::kUInt8).contiguous();
    trace.real.assign(real.data_ptr<uint8_t>(), real.data_ptr<uint8_t>() + real.numel());

    const AttentionOutput& attention = pass.attention;
    if (attention.projected.defined()) {
        trace.projected = numbers(attention.projected[0]);
        trace.termWidth = attention.projected.size(2);
    }
    if (attention.keys.defined())
        trace.keys = numbers(attention.keys[0]);
    if (attention.values.defined())
        trace.values = numbers(attention.values[0]);
    if (attention.attended.defined())
        trace.attended = numbers(attention.attended[0]);
    switch (config.attention) {
    case AttentionKind::Additive:
        trace.scoreVector = parameter(parameters, "attention.score.weight");
        break;
    case AttentionKind::TanhDense:
        trace.scoreVector = parameter(parameters, "attention.w");
        break;
    case AttentionKind::PositionalBias: {
        trace.scoreVector = parameter(parameters, "attention.w");
        std::vector<float> bias = parameter(parameters, "attention.bias");
        bias.resize(static_cast<size_t>(trace.steps));
        trace.positionBias = std::move(bias);
        break;
    }
    case AttentionKind::Dot:
        trace.scoreVector = parameter(parameters, "attention.query");
        break;
    case AttentionKind::Self:
    case AttentionKind::QueryDot:
    case AttentionKind::PerFeature:
    case AttentionKind::None:
        break;
    }
    if (attention.scores.defined()) {
        trace.scores = numbers(attention.scores[0]);
        if (mapsStepToStep(config.attention))
            writeOutSoftmax(attention.scores, mask.unsqueeze(1), /*dim=*/2, trace);  // each query's row over the keys
        else if (config.attention == AttentionKind::PerFeature)
            writeOutSoftmax(attention.scores, mask.unsqueeze(2), /*dim=*/1, trace);  // each feature's column over time
        else
            writeOutSoftmax(attention.scores, mask, /*dim=*/1, trace);
    }
    if (attention.weights.defined())
        trace.weights = numbers(attention.weights[0]);
    trace.context = numbers(attention.context[0]);
    trace.headWeights = parameter(parameters, "head.weight");
    trace.headBias = parameter(parameters, "head.bias");
    trace.logits = numbers(pass.prediction[0]);
    return trace;
}

} // namespace studio
