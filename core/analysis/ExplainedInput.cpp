#include "analysis/ExplainedInput.h"

#include "common/StudioError.h"

namespace studio {

torch::Tensor ExplainedInput::predictionWithWeights(const torch::Tensor&, const torch::Tensor&)
{
    // Callers ask only when interventionsUnavailable() is empty; a model that can intervene overrides this.
    throw StudioError(QStringLiteral("This model's attention cannot be replaced: %1.").arg(interventionsUnavailable()));
}

QString ExplainedInput::deletionUnavailable() const
{
    return QStringLiteral("the app deletes steps only for its own models, which read sequences of any length");
}

torch::Tensor ExplainedInput::predictWithStepsDeleted(const std::vector<std::vector<size_t>>&)
{
    throw StudioError(QStringLiteral("This model's steps cannot be deleted: %1.").arg(deletionUnavailable()));
}

} // namespace studio
