#include "train/DataSplit.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace studio {

DataSplit splitDataset(const Dataset& data, double validationFraction, double testFraction, uint64_t seed)
{
    std::vector<int64_t> order(static_cast<size_t>(data.size()));
    std::iota(order.begin(), order.end(), 0);
    if (!data.ordered) {
        std::mt19937_64 random(seed);
        std::shuffle(order.begin(), order.end(), random);
    }
    const auto total = static_cast<int64_t>(order.size());
    const auto portion = [total](double fraction) {
        return static_cast<int64_t>(std::floor(fraction * static_cast<double>(total)));
    };
    const int64_t testCount = std::min(portion(testFraction), std::max<int64_t>(total - 1, 0));
    const int64_t validationCount = std::min(portion(validationFraction), std::max<int64_t>(total - 1 - testCount, 0));
    const auto trainEnd = order.begin() + (total - testCount - validationCount);
    const auto validationEnd = order.begin() + (total - testCount);

    DataSplit split;
    split.train.assign(order.begin(), trainEnd);
    split.validation.assign(trainEnd, validationEnd);
    split.test.assign(validationEnd, order.end());
    return split;
}

} // namespace studio
