#include "train/EarlyStopping.h"

#include <cmath>

namespace studio {

bool validationHasStalled(const std::vector<EpochMetrics>& history, int patience)
{
    if (patience <= 0 || static_cast<int>(history.size()) <= patience)
        return false;
    double best = std::numeric_limits<double>::infinity();
    size_t bestIndex = history.size();
    for (size_t i = 0; i < history.size(); ++i) {
        // NaN (no validation split) never compares lower, so such a history never stalls.
        if (history[i].validationLoss < best) {
            best = history[i].validationLoss;
            bestIndex = i;
        }
    }
    return bestIndex < history.size() && static_cast<int>(history.size() - 1 - bestIndex) >= patience;
}

} // namespace studio
