#pragma once

#include "data/Dataset.h"
#include "model/AttentionModel.h"

#include <vector>

namespace studio {

// A forecaster's error in the target's original units, next to the naive forecast every
// forecaster must beat: persistence (the future equals the last value in the window).
struct ForecastScore {
    int64_t examples = 0;
    double modelMae = 0.0;
    // NaN when the target is not among the inputs (the window does not hold its last value).
    double persistenceMae = 0.0;
};

// Scores `model` on the examples at `indices` of a forecasting dataset (made by
// makeForecastDataset; its preprocessing says how to denormalize). Throws StudioError otherwise.
ForecastScore scoreForecast(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices);

} // namespace studio
