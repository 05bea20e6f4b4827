#include "data/DataSplit.h"

#include "common/SeedStreams.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace studio {

DataSplit splitItems(int64_t count, const SplitPlan& plan, bool ordered)
{
    std::vector<int64_t> order(static_cast<size_t>(std::max<int64_t>(count, 0)));
    std::iota(order.begin(), order.end(), 0);
    if (!ordered) {
        std::mt19937_64 random(streamSeed(plan.seed, SeedStream::Split));
        std::shuffle(order.begin(), order.end(), random);
    }
    const auto total = static_cast<int64_t>(order.size());
    const auto portion = [total](double fraction) {
        return static_cast<int64_t>(std::floor(fraction * static_cast<double>(total)));
    };
    const int64_t testCount = std::min(portion(plan.testFraction), std::max<int64_t>(total - 1, 0));
    const int64_t validationCount =
        std::min(portion(plan.validationFraction), std::max<int64_t>(total - 1 - testCount, 0));
    const auto trainEnd = order.begin() + (total - testCount - validationCount);
    const auto validationEnd = order.begin() + (total - testCount);

    DataSplit split;
    split.train.assign(order.begin(), trainEnd);
    split.validation.assign(trainEnd, validationEnd);
    split.test.assign(validationEnd, order.end());
    return split;
}

DataSplit splitDataset(const Dataset& data, const SplitPlan& plan)
{
    if (data.groups.empty())
        return splitItems(data.size(), plan, data.ordered);
    const int64_t groupCount = *std::max_element(data.groups.begin(), data.groups.end()) + 1;
    const DataSplit groupSplit = splitItems(groupCount, plan, data.ordered);
    // 0 train, 1 validation, 2 test, per group
    std::vector<int> side(static_cast<size_t>(groupCount), 0);
    for (int64_t group : groupSplit.validation)
        side[static_cast<size_t>(group)] = 1;
    for (int64_t group : groupSplit.test)
        side[static_cast<size_t>(group)] = 2;
    DataSplit split;
    for (int64_t example = 0; example < data.size(); ++example) {
        const int s = side[static_cast<size_t>(data.groups[static_cast<size_t>(example)])];
        (s == 0 ? split.train : s == 1 ? split.validation : split.test).push_back(example);
    }
    return split;
}

} // namespace studio
