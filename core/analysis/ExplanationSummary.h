#pragma once

// Is the attention an explanation, over a dataset (issue 13): the per-input figures of many
// explanations summarised per method (median and quartiles), and, where the data marks the steps
// that decide the label (the built-in tasks), how often each method's top step is one of them.
// Plain values, no torch.

#include "common/Explanation.h"

#include <cstdint>
#include <vector>

namespace studio {

struct Quartiles {
    double lower = 0.0;   // 25th percentile (linear interpolation)
    double median = 0.0;
    double upper = 0.0;   // 75th
    int64_t count = 0;    // values that were defined (NaN left out)
};

// Quartiles of the defined values; count 0 and NaNs when there are none.
Quartiles quartilesOf(std::vector<double> values);

struct MethodSummary {
    QString ranking;                   // a method's name, or "random" (faithfulness only)
    Quartiles kendallTau;              // against the attention (not for the attention itself)
    Quartiles topKOverlap;
    Quartiles aopcComprehensiveness;
    Quartiles aopcSufficiency;
    // Among examples with marked deciding steps: the share whose largest |score| (the attention:
    // largest weight) falls on one of them. NaN without marks.
    double topStepDecides = 0.0;
    int64_t markedExamples = 0;
};

struct ExplanationSummary {
    int64_t examples = 0;
    std::vector<MethodSummary> methods;  // in the explanations' order, then "random"
};

// `relevant`: per explanation, 1 on the steps that decide the label (empty when unknown).
ExplanationSummary summarizeExplanations(const std::vector<Explanation>& explanations,
                                         const std::vector<std::vector<uint8_t>>& relevant, int topK);

} // namespace studio
