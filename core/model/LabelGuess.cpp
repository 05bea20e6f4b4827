#include "model/LabelGuess.h"

#include <algorithm>
#include <cmath>

namespace studio {

std::optional<LabelGuess> guessLabel(const QStringList& labels, const std::vector<float>& output, OutputScale scale)
{
    const bool probabilities = scale == OutputScale::Probabilities;
    if (labels.size() == 2 && output.size() == 1) {
        const double value = static_cast<double>(output.front());
        const double positive = probabilities ? value : 1.0 / (1.0 + std::exp(-value));
        const bool isPositive = positive >= 0.5;
        return LabelGuess{labels.at(isPositive ? 1 : 0), isPositive ? positive : 1.0 - positive};
    }
    if (labels.size() >= 2 && labels.size() == static_cast<int>(output.size())) {
        const auto best = std::max_element(output.begin(), output.end()) - output.begin();
        if (probabilities)
            return LabelGuess{labels.at(static_cast<int>(best)), static_cast<double>(output[static_cast<size_t>(best)])};
        // Softmax, shifted by the largest logit so exp cannot overflow.
        const float largest = *std::max_element(output.begin(), output.end());
        double total = 0.0;
        for (float logit : output)
            total += std::exp(static_cast<double>(logit - largest));
        return LabelGuess{labels.at(static_cast<int>(best)), 1.0 / total};
    }
    return std::nullopt;
}

} // namespace studio
