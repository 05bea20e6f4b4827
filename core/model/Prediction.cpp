#include "model/Prediction.h"

#include "train/Batch.h"

#include <torch/utils.h>

namespace studio {

Prediction predictExample(AttentionModel& model, const Example& example, const Vocabulary* vocabulary)
{
    const ModelConfig& config = model->config();
    Dataset shape;  // only the fields that say how to read `example`
    shape.name = QStringLiteral("input");
    shape.input = config.input;
    shape.features = config.inputFeatures;
    const Batch batch = makeSingleInput(shape, example);

    torch::NoGradGuard noGrad;
    model->eval();
    const ModelOutput output = model->forward(batch.input, batch.mask);

    Prediction prediction;
    const auto flat = output.prediction.reshape({-1}).to(torch::kFloat).contiguous();
    prediction.output.assign(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
    if (output.attention.defined()) {
        const auto weights = output.attention.squeeze(0).to(torch::kFloat).contiguous();
        prediction.attention.shape.assign(weights.sizes().begin(), weights.sizes().end());
        prediction.attention.values.assign(weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
    }
    if (vocabulary && config.input == InputKind::Tokens)
        for (int64_t id : example.tokens)
            prediction.attention.tokens << vocabulary->tokenAt(id);
    return prediction;
}

} // namespace studio
