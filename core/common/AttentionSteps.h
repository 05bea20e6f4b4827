#pragma once

// The weight each input step receives in an attention map, whatever its shape: what the CLI's
// table and the sanity checks (weight on padding) read. Plain value maths, no torch.

#include "common/ValueTypes.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace studio {

// {T, T}: self-attention, rows are query steps; any other 2-D map is {T, d} (one distribution
// over time per unit).
inline bool isSelfAttentionShape(const AttentionMap& attention)
{
    return attention.shape.size() == 2 && attention.shape[0] == attention.shape[1];
}

// {T}: the weights themselves; {T, T}: the mean over query rows of the weight on each step;
// {T, d}: the mean over units. Empty for an empty map or another shape.
inline std::vector<double> weightPerStep(const AttentionMap& attention)
{
    if (attention.isEmpty() || attention.shape.empty() || attention.shape.size() > 2)
        return {};
    const int64_t steps = attention.shape.front();
    std::vector<double> perStep(static_cast<size_t>(steps), 0.0);
    if (attention.shape.size() == 1) {
        std::copy(attention.values.begin(), attention.values.end(), perStep.begin());
        return perStep;
    }
    const bool selfAttention = isSelfAttentionShape(attention);
    const int64_t columns = attention.shape[1];
    for (int64_t row = 0; row < steps; ++row)
        for (int64_t column = 0; column < columns; ++column) {
            const double weight = attention.values[static_cast<size_t>(row * columns + column)];
            perStep[static_cast<size_t>(selfAttention ? column : row)] += weight / static_cast<double>(selfAttention ? steps : columns);
        }
    return perStep;
}

} // namespace studio
