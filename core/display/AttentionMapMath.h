#pragma once

// Reading an AttentionMap the way the views need it: is it well formed, is a 2-D map T×T or T×d,
// one weight per token, ranks, and the difference of two maps. No widgets here.

#include "common/ValueTypes.h"

#include <QString>

#include <optional>
#include <vector>

namespace studio {

// How a 2-D map is read. Shape alone cannot tell them apart when d == T, so views take it as a
// parameter; guessMatrixKind is only the default.
enum class MatrixKind {
    SelfAttention,  // {T, T}: row i = how query step i spreads its attention over key steps
    PerFeature,     // {T, d}: column k = how hidden feature k spreads its attention over time
};

// Empty when the map can be drawn: shape {T} or {R, C} with positive sizes whose product is the
// number of values; otherwise a sentence saying what is wrong.
QString attentionShapeProblem(const AttentionMap& map);

// Square maps are read as self-attention.
MatrixKind guessMatrixKind(const AttentionMap& map);

inline int64_t attentionRows(const AttentionMap& map) { return map.shape.size() == 2 ? map.shape[0] : 1; }
inline int64_t attentionColumns(const AttentionMap& map) { return map.shape.empty() ? 0 : map.shape.back(); }

// One weight per step, and a caption saying how it was obtained.
struct StepWeights {
    std::vector<double> weights;
    QString caption;
};

// {T}: the weights themselves. {T, T}: the column mean, i.e. the attention each step receives,
// averaged over the queries. {T, d}: the row mean, the attention at each step averaged over the
// d features. Both means of rows that sum to one again sum to one over the steps.
StepWeights perStepWeights(const AttentionMap& map, MatrixKind kind);

// Rank of each weight, 1 = most attended. Equal weights share the best of their ranks
// (1, 2, 2, 4); NaN ranks after every number.
std::vector<int> attentionRanks(const std::vector<double>& weights);

// A − B, value by value, with A's tokens. Nothing (and a reason in *problem) when the shapes differ.
std::optional<AttentionMap> attentionDifference(const AttentionMap& a, const AttentionMap& b,
                                                QString* problem = nullptr);

// Label of step i: its token when the map has one for every step, else the step number.
QString stepLabel(const AttentionMap& map, int64_t step);
// The labels of the first `count` steps, for an axis.
QStringList stepLabels(const AttentionMap& map, int64_t count);

} // namespace studio
