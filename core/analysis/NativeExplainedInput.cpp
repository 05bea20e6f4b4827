#include "analysis/NativeExplainedInput.h"

#include "common/StudioError.h"
#include "data/Vocabulary.h"

#include <algorithm>

namespace studio {

NativeExplainedInput::NativeExplainedInput(AttentionModel& model, const Example& example)
    : m_model(model)
    , m_single(makeSingleInput(model->config(), example))
{
    // A series' values in the model's own precision (float64 models, in the tests' checks).
    if (m_single.input.is_floating_point())
        m_single.input = m_single.input.to(m_model->parameters().front().scalar_type());
    m_model->eval();
}

ScoreKind NativeExplainedInput::scoreKind() const
{
    switch (m_model->config().head) {
    case HeadKind::MultiClass:
        return ScoreKind::ClassLogits;
    case HeadKind::Binary:
        return ScoreKind::BinaryLogit;
    default:
        return ScoreKind::Value;
    }
}

torch::Tensor NativeExplainedInput::stepInputs()
{
    return m_model->stepInputs(m_single.input).detach();
}

torch::Tensor NativeExplainedInput::baseline()
{
    if (isSeries())
        return torch::zeros_like(stepInputs());
    return m_model->stepInputs(torch::full_like(m_single.input, Vocabulary::kPadId)).detach();
}

ExplainedPass NativeExplainedInput::forward(const torch::Tensor& stepInputs)
{
    const torch::Tensor mask = m_single.mask.expand({stepInputs.size(0), m_single.mask.size(1)});
    const ModelPass pass = m_model->forwardFromStepInputs(stepInputs, mask);
    ExplainedPass result;
    result.prediction = pass.prediction;
    if (hasSingleDistribution(m_model->config().attention) && pass.attention.weights.defined()) {
        result.weights = pass.attention.weights;
        result.states = pass.states;
    }
    return result;
}

torch::Tensor NativeExplainedInput::predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements)
{
    const auto count = static_cast<int64_t>(replacements.size());
    std::vector<int64_t> repeats(static_cast<size_t>(m_single.input.dim()), 1);
    repeats[0] = count;
    torch::Tensor altered = m_single.input.repeat(repeats);
    for (int64_t i = 0; i < count; ++i) {
        torch::Tensor row = altered[i];
        for (size_t step : replacements[static_cast<size_t>(i)]) {
            if (row.dim() == 1)
                row[static_cast<int64_t>(step)] = Vocabulary::kPadId;
            else
                row[static_cast<int64_t>(step)].zero_();
        }
    }
    return m_model->forward(altered, m_single.mask.expand({count, m_single.mask.size(1)})).prediction;
}

torch::Tensor NativeExplainedInput::predictWithStepsDeleted(const std::vector<std::vector<size_t>>& deletions)
{
    // Each copy keeps the steps not listed, in order; the copies are right-padded to the longest
    // and masked there, as training batches are, so each reads as the shorter sequence alone.
    const int64_t steps = m_single.input.size(1);
    const torch::Tensor row = m_single.input[0];
    std::vector<torch::Tensor> kept;
    int64_t longest = 0;
    for (const std::vector<size_t>& deleted : deletions) {
        std::vector<int64_t> keep;
        for (int64_t t = 0; t < steps; ++t)
            if (std::find(deleted.begin(), deleted.end(), static_cast<size_t>(t)) == deleted.end())
                keep.push_back(t);
        if (keep.empty())
            throw StudioError(QStringLiteral("Deleting every step leaves nothing for the model to read."));
        kept.push_back(row.index_select(0, torch::tensor(keep, torch::kLong)));
        longest = std::max<int64_t>(longest, static_cast<int64_t>(keep.size()));
    }
    const auto count = static_cast<int64_t>(kept.size());
    std::vector<int64_t> shape{count, longest};
    if (row.dim() == 2)
        shape.push_back(row.size(1));
    torch::Tensor input = row.dim() == 1 ? torch::full(shape, Vocabulary::kPadId, row.options())
                                         : torch::zeros(shape, row.options());
    torch::Tensor mask = torch::zeros({count, longest}, m_single.mask.options());
    for (int64_t i = 0; i < count; ++i) {
        const int64_t length = kept[static_cast<size_t>(i)].size(0);
        input[i].narrow(0, 0, length).copy_(kept[static_cast<size_t>(i)]);
        mask[i].narrow(0, 0, length).fill_(true);
    }
    return m_model->forward(input, mask).prediction;
}

QString NativeExplainedInput::interventionsUnavailable() const
{
    if (hasSingleDistribution(m_model->config().attention))
        return {};
    return QStringLiteral("the %1 attention has no single distribution over the steps to replace")
        .arg(toString(m_model->config().attention));
}

torch::Tensor NativeExplainedInput::predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights)
{
    return m_model->predictionWithWeights(states, weights);
}

} // namespace studio
