#include "model/LabelGuess.h"

#include <algorithm>
#include <cmath>

namespace studio {

std::optional<LabelGuess> guessLabel(const QStringList& labels, const std::vector<float>& output)
{
    if (labels.size() == 2 && output.size() == 1) {
        const double positive = 1.0 / (1.0 + std::exp(-static_cast<double>(output.front())));
        const bool isPositive = positive >= 0.5;
        return LabelGuess{labels.at(isPositive ? 1 : 0), isPositive ? positive : 1.0 - positive};
    }
    if (labels.size() >= 2 && labels.size() == static_cast<int>(output.size())) {
        // Softmax, shifted by the largest logit so exp cannot overflow.
        const float largest = *std::max_element(output.begin(), output.end());
        double total = 0.0;
        for (float logit : output)
            total += std::exp(static_cast<double>(logit - largest));
        const auto best = std::max_element(output.begin(), output.end()) - output.begin();
        return LabelGuess{labels.at(static_cast<int>(best)), 1.0 / total};
    }
    return std::nullopt;
}

} // namespace studio
