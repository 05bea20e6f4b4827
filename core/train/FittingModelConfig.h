#pragma once

// The model configuration a dataset asks for: its input kind, vocabulary or feature count, head,
// outputs and longest example. Here, where data and models meet, so core/data needs nothing
// from core/model.

#include "data/Dataset.h"
#include "model/ModelConfig.h"

namespace studio {

// The rest of the configuration (cell, sizes, attention) keeps ModelConfig's defaults.
ModelConfig fittingModelConfig(const Dataset& data);

} // namespace studio
