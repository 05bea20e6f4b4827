#pragma once

// How far two per-step scores agree: the numbers issue 13's "Is it an explanation?" view puts
// beside the attention (attention against each attribution, and two models' attention on the same
// input). Plain C++, no torch: the scores come in as one double per step.

#include <cstddef>
#include <vector>

namespace studio {

// Kendall's τ-b of two equally long score lists (ties in either list corrected for, as in
// Kendall 1945 and scipy.stats.kendalltau), by Knight's O(n log n) method, so that a 10,000-step
// series costs no more than a sort. NaN when fewer than two steps, when either list is constant
// (τ-b is undefined) or holds a NaN. Throws std::invalid_argument when the lengths differ.
double kendallTauB(const std::vector<double>& a, const std::vector<double>& b);

// The steps of the k largest scores, largest first; of equal scores the earlier step first, so the
// choice is the same on every run. k is clamped to the list's length.
std::vector<size_t> topSteps(const std::vector<double>& scores, size_t k);

// The share of the k steps that both lists rank among their k largest: 1 when the same steps, 0
// when none are shared. Throws std::invalid_argument when the lengths differ; NaN for k = 0 or an
// empty list.
double topKOverlap(const std::vector<double>& a, const std::vector<double>& b, size_t k);

// The Jensen–Shannon distance (the square root of the divergence, base 2, so in [0, 1]) between
// two non-negative weight lists, each scaled to sum to 1 first: 0 for the same distribution, 1 for
// distributions on disjoint steps. NaN when either sums to 0. Throws std::invalid_argument when
// the lengths differ or a weight is negative or NaN.
double jensenShannonDistance(const std::vector<double>& p, const std::vector<double>& q);

} // namespace studio
