#include "model/Prediction.h"

#include <QCoreApplication>

#include "model/AttentionTracing.h"
#include "model/FusedRecurrent.h"
#include "train/Batch.h"

#include <torch/utils.h>
#include <ATen/ops/softmax.h>
#include <c10/core/InferenceMode.h>

namespace studio {
namespace {

// A positional-bias model prefers some positions before it reads anything: say which, and how
// much weight the bias alone would give it (the flaw of the Keras tutorial layer made visible).
QString positionalBiasNote(AttentionModel& model, int64_t steps)
{
    const torch::Tensor* bias = model->named_parameters().find("attention.bias");
    if (!bias || steps < 2)
        return {};
    const auto alone = torch::softmax(bias->detach().slice(/*dim=*/0, 0, steps), /*dim=*/0);
    const int64_t favoured = alone.argmax().item<int64_t>();
    return QCoreApplication::translate("studio", "Positional-bias attention adds a learned bias per position (for up to %1 steps): before "
                                                 "reading the input it favours step %2, which the bias alone would give %3 of the weight "
                                                 "(uniform: %4).")
        .arg(model->config().maxLength)
        .arg(favoured + 1)
        .arg(alone[favoured].item<double>(), 0, 'f', 3)
        .arg(1.0 / static_cast<double>(steps), 0, 'f', 3);
}

} // namespace

Prediction predictExample(AttentionModel& model, const Example& example, const Vocabulary* vocabulary,
                          PredictionDetail detail)
{
    const ModelConfig& config = model->config();
    const Batch batch = makeSingleInput(config, example);

    // Inference mode skips autograd bookkeeping entirely (faster than NoGradGuard); thread-local,
    // so it is created here, on the thread that runs the model.
    c10::InferenceMode inferenceOnly;
    model->eval();
    // One sequence has no padding (its mask is its length): the fused encoder runs it, and brings
    // the gates for the step-through view along when they are asked for.
    const bool tracing = detail == PredictionDetail::Trace;
    FusedEncoderRun run = runEncoderFused(model, batch.input, tracing);
    const ModelPass pass = model->forwardFromStates(run.states, batch.mask);
    const ModelOutput output{pass.prediction, pass.attention.weights};

    Prediction prediction;
    const auto flat = output.prediction.reshape({-1}).to(torch::kFloat).contiguous();
    prediction.output.assign(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
    if (output.attention.defined()) {
        const auto weights = output.attention.squeeze(0).to(torch::kFloat).contiguous();
        prediction.attention.shape.assign(weights.sizes().begin(), weights.sizes().end());
        prediction.attention.values.assign(weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
    }
    if (config.attention == AttentionKind::PositionalBias) {
        const QString note = positionalBiasNote(model, static_cast<int64_t>(batch.input.size(1)));
        if (!note.isEmpty()) {
            prediction.warnings << note;
            prediction.flaws.push_back(ModelFlaw::FixedLength);
        }
    }
    if (vocabulary && config.input == InputKind::Tokens)
        for (int64_t id : example.tokens)
            prediction.attention.tokens << vocabulary->tokenAt(id);
    if (detail == PredictionDetail::Trace) {
        prediction.trace = traceAttention(model, pass, batch.mask);
        prediction.trace.gateUnits = config.hiddenSize;
        prediction.trace.gates = std::move(run.gates);
        prediction.trace.cells = std::move(run.cells);
        prediction.trace.stepNames = prediction.attention.tokens;
        for (int64_t t = prediction.trace.stepNames.size(); t < prediction.trace.steps; ++t)
            prediction.trace.stepNames << QString::number(t + 1);
    }
    return prediction;
}

} // namespace studio
