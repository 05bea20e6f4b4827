#include "analysis/StoppableInput.h"

namespace studio {

StoppableInput::StoppableInput(ExplainedInput& inner, std::function<bool()> stopRequested)
    : m_inner(inner)
    , m_stopRequested(std::move(stopRequested))
{
}

void StoppableInput::throwIfStopped() const
{
    if (m_stopRequested && m_stopRequested())
        throw ExplanationStopped{};
}

ExplainedPass StoppableInput::forward(const torch::Tensor& stepInputs)
{
    throwIfStopped();
    return m_inner.forward(stepInputs);
}

torch::Tensor StoppableInput::predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements)
{
    throwIfStopped();
    return m_inner.predictWithStepsReplaced(replacements);
}

torch::Tensor StoppableInput::predictWithStepsDeleted(const std::vector<std::vector<size_t>>& deletions)
{
    throwIfStopped();
    return m_inner.predictWithStepsDeleted(deletions);
}

torch::Tensor StoppableInput::predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights)
{
    throwIfStopped();
    return m_inner.predictionWithWeights(states, weights);
}

} // namespace studio
