#pragma once

#include "data/Dataset.h"
#include "model/AttentionModel.h"

#include <vector>

namespace studio {

// How well a model's attention finds the steps known to decide the label (built-in tasks).
struct RelevanceStats {
    int64_t examples = 0;
    // Fraction of examples whose most-attended step is a relevant one.
    double topIsRelevant = 0.0;
    // Mean attention mass on the relevant steps.
    double relevantMass = 0.0;
    // Mean of (mass on relevant steps) / (their uniform share k/T): 1 means no better than uniform.
    double overUniform = 0.0;
};

// Needs a variant with one distribution per sequence (see hasSingleDistribution); throws
// StudioError otherwise. Examples without relevance marks are skipped.
RelevanceStats measureRelevance(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices);

} // namespace studio
