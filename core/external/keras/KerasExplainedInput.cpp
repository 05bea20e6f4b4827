#include "external/keras/KerasExplainedInput.h"

#include "common/StudioError.h"
#include "external/keras/KerasModel.h"
#include "external/keras/KerasPass.h"

#include <ATen/ATen.h>
#include <torch/types.h>

namespace studio::keras {
namespace {

constexpr int64_t kPadId = 0;  // pad_sequences' value, and what mask_zero masks

// A recorded softmax as (B, T) when it is one distribution over the T steps ((B, T) or a (B, T, 1)
// score column), else undefined.
at::Tensor overSteps(const at::Tensor& weights, int64_t steps)
{
    at::Tensor w = weights;
    while (w.dim() > 2 && w.size(-1) == 1)
        w = w.squeeze(-1);
    return w.dim() == 2 && w.size(1) == steps ? w : at::Tensor();
}

} // namespace

KerasExplainedInput::KerasExplainedInput(const KerasModel& model, std::vector<int64_t> ids, const std::vector<float>& series,
                                         int64_t features, int candidate)
    : m_model(model), m_series(ids.empty()), m_candidate(candidate)
{
    const at::ScalarType type = model.precision() == KerasPrecision::Float64 ? at::kDouble : at::kFloat;
    if (!m_series) {
        if (model.inputEmbedding().isEmpty())
            throw StudioError(QStringLiteral("The model's input ids do not go straight into an Embedding layer, so Attention "
                                             "Studio finds no vector per step to attribute the prediction to."));
        m_input = at::tensor(at::ArrayRef<int64_t>(ids), at::kLong).unsqueeze(0);
    } else {
        if (features <= 0 || series.empty() || series.size() % static_cast<size_t>(features) != 0)
            throw StudioError(QStringLiteral("The series is not a whole number of rows of %1 values.").arg(features));
        m_input = at::tensor(at::ArrayRef<float>(series), at::kFloat).reshape({1, -1, features}).to(type);
    }

    torch::NoGradGuard noGradients;
    KerasPassInput input;
    input.input = m_input;
    const KerasPass pass = m_model.pass(input);
    m_outputs = pass.output.numel();
    const int64_t outputs = m_outputs;
    // A linear one-output head on a token model is a binary classifier trained from logits (its
    // sign is the class, so faithfulness is read on the predicted side); a linear one-output series
    // model is a forecast or a regression, and a sigmoid's output is a probability: read as they are.
    if (outputs > 1)
        m_kind = ScoreKind::ClassLogits;
    else if (!m_series && model.outputActivation() == QLatin1String("linear"))
        m_kind = ScoreKind::BinaryLogit;
    else
        m_kind = ScoreKind::Value;

    const int64_t steps = m_input.size(1);
    if (m_candidate >= static_cast<int>(pass.softmaxes.size()))
        m_candidate = -1;
    if (m_candidate < 0) {
        m_interventionsUnavailable = QStringLiteral("the Keras model computes no attention over its steps that the app shows");
        return;
    }
    const RecordedSoftmax& shown = pass.softmaxes[static_cast<size_t>(m_candidate)];
    m_attentionLayer = shown.layer;
    m_attentionReturnsWeights = shown.returnsWeights;
    if (!overSteps(shown.weights, steps).defined())
        m_interventionsUnavailable = QStringLiteral("the Keras model's attention (%1) is not one distribution over the steps")
                                         .arg(shown.layer);
    else if (!shown.weighed.defined())
        m_interventionsUnavailable = QStringLiteral("the Keras model's attention layer (%1) is not one the app can re-weight: "
                                                    "it is not a custom layer whose output is the weighted sum of its steps")
                                         .arg(shown.layer);
}

torch::Tensor KerasExplainedInput::inputRows(int64_t rows) const
{
    std::vector<int64_t> sizes(static_cast<size_t>(m_input.dim()), -1);
    sizes.front() = rows;
    return m_input.expand(sizes).contiguous();
}

torch::Tensor KerasExplainedInput::prediction(const KerasPassInput& input) const
{
    const at::Tensor output = m_model.pass(input).output;
    return output.reshape({output.size(0), -1});
}

torch::Tensor KerasExplainedInput::stepInputs()
{
    if (m_series)
        return m_input.clone();
    torch::NoGradGuard noGradients;
    KerasPassInput input;
    input.input = m_input;
    return m_model.pass(input).embedding.detach().clone();
}

torch::Tensor KerasExplainedInput::baseline()
{
    if (m_series)
        return at::zeros_like(m_input);
    torch::NoGradGuard noGradients;
    KerasPassInput input;
    input.input = at::full_like(m_input, kPadId);
    return m_model.pass(input).embedding.detach().clone();
}

ExplainedPass KerasExplainedInput::forward(const torch::Tensor& stepInputs)
{
    const int64_t rows = stepInputs.size(0);
    KerasPassInput input;
    if (m_series) {
        input.input = stepInputs;
    } else {
        input.input = inputRows(rows);  // for the masks an Embedding(mask_zero) makes
        input.embedding = stepInputs;
    }
    const KerasPass pass = m_model.pass(input);
    ExplainedPass result;
    result.prediction = pass.output.reshape({rows, -1});
    if (m_candidate >= 0 && m_candidate < static_cast<int>(pass.softmaxes.size())) {
        const RecordedSoftmax& shown = pass.softmaxes[static_cast<size_t>(m_candidate)];
        result.weights = overSteps(shown.weights, stepInputs.size(1));
        if (result.weights.defined() && shown.weighed.defined())
            result.states = shown.weighed;
    }
    return result;
}

torch::Tensor KerasExplainedInput::predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements)
{
    torch::NoGradGuard noGradients;
    const auto rows = static_cast<int64_t>(replacements.size());
    at::Tensor copies = inputRows(rows).clone();
    const int64_t steps = m_input.size(1);
    for (int64_t row = 0; row < rows; ++row)
        for (size_t step : replacements[static_cast<size_t>(row)]) {
            if (static_cast<int64_t>(step) >= steps)
                throw StudioError(QStringLiteral("Step %1 is outside the input's %2 steps.").arg(step).arg(steps));
            copies[row][static_cast<int64_t>(step)].fill_(m_series ? 0 : kPadId);
        }
    if (rows == 0)
        return at::empty({0, m_outputs}, m_model.precision() == KerasPrecision::Float64 ? at::kDouble : at::kFloat);
    KerasPassInput input;
    input.input = copies;
    return prediction(input);
}

torch::Tensor KerasExplainedInput::predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights)
{
    if (!m_interventionsUnavailable.isEmpty())
        return ExplainedInput::predictionWithWeights(states, weights);
    const int64_t rows = weights.size(0);
    const at::Tensor alpha = weights.to(states.scalar_type()).unsqueeze(-1);  // (B, T, 1)
    KerasPassInput input;
    input.input = inputRows(rows);
    input.givenLayer = m_attentionLayer;
    // The layer's own output for these weights: Σₜ αₜ·vₜ (and α itself, where the layer returns it).
    input.givenOutputs.push_back((states.expand({rows, -1, -1}) * alpha).sum(1));
    if (m_attentionReturnsWeights)
        input.givenOutputs.push_back(alpha);
    return prediction(input);
}

} // namespace studio::keras
