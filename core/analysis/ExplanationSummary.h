#pragma once

// Is the attention an explanation, over a dataset (issue 13): the per-input figures of many
// explanations summarised per method (median and quartiles), and, where the data marks the steps
// that decide the label (the built-in tasks), how often each method's top step is one of them.
// Plain values, no torch.

#include "analysis/ExplanationAgreement.h"
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
    // Per example, the attention's AOPC comprehensiveness minus the random rankings' (above 0: the
    // attended steps matter more to the score than as many steps drawn at random).
    Quartiles attentionAopcOverRandom;

    const MethodSummary* method(const QString& ranking) const;  // null when absent
};

// Whether a ranking's top step is one of the steps that decide the label.
enum class TopStepCheck : uint8_t {
    Unmarked,  // the example marks no deciding step (or the method has no scores)
    Decides,
    Misses,
};

struct MethodTopStep {
    AttributionMethod method = AttributionMethod::Attention;
    TopStepCheck check = TopStepCheck::Unmarked;
};

struct RankingAopc {
    QString ranking;  // a method's name, or "random"
    double comprehensiveness = 0.0;
    double sufficiency = 0.0;
};

// The figures of one explanation that a dataset's summary and its per-example rows need: kept
// instead of the whole Explanation (whose per-step rows a dataset of thousands need not hold).
struct ExampleFigures {
    int64_t index = 0;   // the example's position in its data
    double score = 0.0;  // the number explained
    int steps = 0;
    std::vector<MethodAgreement> agreement;  // agreementWithAttention's, in the explanation's order
    std::vector<RankingAopc> aopc;           // one per faithfulness curve: attention, each method, random
    std::vector<MethodTopStep> topStep;      // one per method of the explanation, the attention included

    const MethodAgreement* agreementWith(AttributionMethod method) const;  // null when absent
    double aopcComprehensiveness(const QString& ranking) const;           // NaN when absent
    TopStepCheck topStepOf(AttributionMethod method) const;               // Unmarked when absent
    // The attention's AOPC comprehensiveness minus the random rankings'; NaN without both.
    double attentionAopcOverRandom() const;
};

// `relevant`: 1 on the steps that decide the label (empty when unknown). The attention's top step
// is its largest weight; another method's, its largest |score|.
ExampleFigures figuresOf(const Explanation& explanation, const std::vector<uint8_t>& relevant, int topK, int64_t index = 0);

ExplanationSummary summarizeFigures(const std::vector<ExampleFigures>& figures);

// `relevant`: per explanation, 1 on the steps that decide the label (empty when unknown).
ExplanationSummary summarizeExplanations(const std::vector<Explanation>& explanations,
                                         const std::vector<std::vector<uint8_t>>& relevant, int topK);

} // namespace studio
