#pragma once

// The sample browser's Explain run (issue 13, over a dataset): the examples of its last evaluation
// explained with the model that evaluated them, through the one dataset loop the command line
// uses too (analysis/DatasetExplanation). A native model explains its Examples directly (the ids
// and values it was evaluated on); a model from another framework explains each text through its
// ModelSession. Runs on the sample evaluation's worker thread.

#include "analysis/DatasetExplanation.h"

#include <cstdint>
#include <vector>

namespace studio {

struct LoadedSamples;

// Explains the examples with data indices `indices` (rows of the evaluation `samples` holds), in
// that order. Throws StudioError for an index the evaluation does not hold.
DatasetExplanation explainSamples(LoadedSamples& samples, const std::vector<int64_t>& indices, const ExplainOptions& options,
                                  const DatasetExplainControl& control);

} // namespace studio
