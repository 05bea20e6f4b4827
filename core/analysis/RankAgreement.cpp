#include "analysis/RankAgreement.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <iterator>
#include <stdexcept>
#include <string>

namespace studio {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

void checkSameLength(const std::vector<double>& a, const std::vector<double>& b, const char* what)
{
    if (a.size() != b.size())
        throw std::invalid_argument(std::string(what) + ": the two lists differ in length (" + std::to_string(a.size())
                                    + " and " + std::to_string(b.size()) + ")");
}

// Pairs within runs of equal values of `sorted` (already in order): Σ t(t − 1)/2.
int64_t tiedPairs(const std::vector<double>& sorted)
{
    int64_t pairs = 0;
    size_t runStart = 0;
    for (size_t i = 1; i <= sorted.size(); ++i) {
        if (i == sorted.size() || sorted[i] != sorted[runStart]) {
            const auto run = static_cast<int64_t>(i - runStart);
            pairs += run * (run - 1) / 2;
            runStart = i;
        }
    }
    return pairs;
}

// Sorts `values` ascending by merging, and returns the number of pairs i < j with values[i] >
// values[j] (strictly: equal values are no inversion).
int64_t sortCountingInversions(std::vector<double>& values, std::vector<double>& scratch, size_t begin, size_t end)
{
    if (end - begin < 2)
        return 0;
    const size_t middle = begin + (end - begin) / 2;
    int64_t inversions = sortCountingInversions(values, scratch, begin, middle)
        + sortCountingInversions(values, scratch, middle, end);
    size_t left = begin;
    size_t right = middle;
    size_t out = begin;
    while (left < middle && right < end) {
        if (values[right] < values[left]) {
            inversions += static_cast<int64_t>(middle - left);  // every value left of `middle` still waiting is larger
            scratch[out++] = values[right++];
        } else {
            scratch[out++] = values[left++];
        }
    }
    while (left < middle)
        scratch[out++] = values[left++];
    while (right < end)
        scratch[out++] = values[right++];
    std::copy(scratch.begin() + static_cast<std::ptrdiff_t>(begin), scratch.begin() + static_cast<std::ptrdiff_t>(end),
              values.begin() + static_cast<std::ptrdiff_t>(begin));
    return inversions;
}

} // namespace

double kendallTauB(const std::vector<double>& a, const std::vector<double>& b)
{
    checkSameLength(a, b, "Kendall's tau");
    const size_t n = a.size();
    if (n < 2)
        return kUndefined;
    for (size_t i = 0; i < n; ++i)
        if (std::isnan(a[i]) || std::isnan(b[i]))
            return kUndefined;

    // Steps ordered by a, then by b: pairs tied in a are then never counted as discordant.
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t i, size_t j) { return a[i] != a[j] ? a[i] < a[j] : b[i] < b[j]; });

    std::vector<double> aSorted(n);
    std::vector<double> bInOrder(n);
    for (size_t i = 0; i < n; ++i) {
        aSorted[i] = a[order[i]];
        bInOrder[i] = b[order[i]];
    }
    const int64_t tiedInA = tiedPairs(aSorted);
    // Pairs tied in both: runs of equal (a, b), which the order keeps together.
    int64_t tiedInBoth = 0;
    size_t runStart = 0;
    for (size_t i = 1; i <= n; ++i) {
        if (i == n || aSorted[i] != aSorted[runStart] || bInOrder[i] != bInOrder[runStart]) {
            const auto run = static_cast<int64_t>(i - runStart);
            tiedInBoth += run * (run - 1) / 2;
            runStart = i;
        }
    }
    std::vector<double> scratch(n);
    const int64_t discordant = sortCountingInversions(bInOrder, scratch, 0, n);  // leaves bInOrder sorted
    const int64_t tiedInB = tiedPairs(bInOrder);

    const auto pairs = static_cast<int64_t>(n) * static_cast<int64_t>(n - 1) / 2;
    // concordant − discordant = pairs − tiedInA − tiedInB + tiedInBoth − 2·discordant
    const double difference = static_cast<double>(pairs - tiedInA - tiedInB + tiedInBoth - 2 * discordant);
    const double denominator = std::sqrt(static_cast<double>(pairs - tiedInA) * static_cast<double>(pairs - tiedInB));
    return denominator > 0.0 ? difference / denominator : kUndefined;
}

std::vector<size_t> topSteps(const std::vector<double>& scores, size_t k)
{
    std::vector<size_t> steps(scores.size());
    std::iota(steps.begin(), steps.end(), size_t{0});
    k = std::min(k, steps.size());
    // NaN sorts last: it is never among the largest.
    const auto larger = [&](size_t i, size_t j) {
        const bool iMissing = std::isnan(scores[i]);
        const bool jMissing = std::isnan(scores[j]);
        if (iMissing != jMissing)
            return jMissing;
        if (!iMissing && scores[i] != scores[j])
            return scores[i] > scores[j];
        return i < j;
    };
    std::partial_sort(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(k), steps.end(), larger);
    steps.resize(k);
    return steps;
}

double topKOverlap(const std::vector<double>& a, const std::vector<double>& b, size_t k)
{
    checkSameLength(a, b, "top-k overlap");
    k = std::min(k, a.size());
    if (k == 0)
        return kUndefined;
    std::vector<size_t> first = topSteps(a, k);
    std::vector<size_t> second = topSteps(b, k);
    std::sort(first.begin(), first.end());
    std::sort(second.begin(), second.end());
    std::vector<size_t> shared;
    std::set_intersection(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(shared));
    return static_cast<double>(shared.size()) / static_cast<double>(k);
}

double jensenShannonDistance(const std::vector<double>& p, const std::vector<double>& q)
{
    checkSameLength(p, q, "Jensen-Shannon distance");
    double pSum = 0.0;
    double qSum = 0.0;
    for (size_t i = 0; i < p.size(); ++i) {
        if (!(p[i] >= 0.0) || !(q[i] >= 0.0))
            throw std::invalid_argument("Jensen-Shannon distance: weights must be non-negative numbers (step "
                                        + std::to_string(i) + ")");
        pSum += p[i];
        qSum += q[i];
    }
    if (!(pSum > 0.0) || !(qSum > 0.0))
        return kUndefined;
    // Σ x·log2(x/m) over the steps where x > 0 (0·log 0 = 0).
    double divergence = 0.0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double pi = p[i] / pSum;
        const double qi = q[i] / qSum;
        const double mi = 0.5 * (pi + qi);
        if (pi > 0.0)
            divergence += 0.5 * pi * std::log2(pi / mi);
        if (qi > 0.0)
            divergence += 0.5 * qi * std::log2(qi / mi);
    }
    return std::sqrt(std::clamp(divergence, 0.0, 1.0));  // rounding can put it a hair outside [0, 1]
}

} // namespace studio
