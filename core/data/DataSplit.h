#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <vector>

namespace studio {

// What decides a split: the fractions held out and the seed of the shuffle (a training run's
// TrainingConfig::splitPlan()).
struct SplitPlan {
    double validationFraction = 0.0;
    double testFraction = 0.0;
    uint64_t seed = 1;
};

struct DataSplit {
    std::vector<int64_t> train;
    std::vector<int64_t> validation;
    std::vector<int64_t> test;
};

// The split of `count` items a run with `plan` uses. Independent items: a shuffle seeded by
// the run's seed; the test part is taken from its end, the validation part just before it.
// Ordered items (forecasting windows): no shuffle, training first, then validation, then test,
// so nothing is learnt from the future. Fractions are rounded down; training always keeps at
// least one item. Importers call this before building a dataset to know the training part (e.g.
// to count a vocabulary on it).
DataSplit splitItems(int64_t count, const SplitPlan& plan, bool ordered);

// The split of a dataset's examples: splitItems over its examples, or over its groups when the
// examples carry them (Dataset::groups), so that all pieces of one record fall on the same side.
DataSplit splitDataset(const Dataset& data, const SplitPlan& plan);

} // namespace studio
