#include "analysis/ExplainedInput.h"

#include "common/StudioError.h"

namespace studio {

torch::Tensor ExplainedInput::predictionWithWeights(const torch::Tensor&, const torch::Tensor&)
{
    // Callers ask only when interventionsUnavailable() is empty; a model that can intervene overrides this.
    throw StudioError(QStringLiteral("This model's attention cannot be replaced: %1.").arg(interventionsUnavailable()));
}

} // namespace studio
