#pragma once

// How far each attribution agrees with the attention of the same input (issue 13): Kendall's τ-b
// and the top-k overlap between αₜ and the method's per-step magnitude |scoreₜ| (a step that
// pushes the score down matters as much as one that pushes it up). Plain values, no torch.

#include "common/Explanation.h"

#include <vector>

namespace studio {

struct MethodAgreement {
    AttributionMethod method = AttributionMethod::Gradient;
    double kendallTau = 0.0;   // τ-b of αₜ against |scoreₜ|; NaN when undefined
    double topKOverlap = 0.0;  // share of the k most attended steps among the method's k largest
};

// One entry per method other than the attention itself, in the explanation's order; empty when
// the explanation has no attention row.
std::vector<MethodAgreement> agreementWithAttention(const Explanation& explanation, int topK);

// Each step's magnitude: what rankings of a signed attribution compare.
std::vector<double> magnitudes(const std::vector<double>& scores);

} // namespace studio
