#pragma once

#include "data/Dataset.h"

#include <cstdint>
#include <vector>

namespace studio {

struct DataSplit {
    std::vector<int64_t> train;
    std::vector<int64_t> validation;
    std::vector<int64_t> test;
};

// Independent examples: a shuffle seeded by `seed`; the test part is taken from its end, the
// validation part just before it. Ordered data (Dataset::ordered, forecasting windows): no
// shuffle, training first, then validation, then test, so nothing is learnt from the future.
// Fractions are rounded down; training always keeps at least one example.
DataSplit splitDataset(const Dataset& data, double validationFraction, double testFraction, uint64_t seed);

} // namespace studio
