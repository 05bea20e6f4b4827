#pragma once

// How the step-through view writes numbers and reads rows out of an AttentionTrace: shared by the
// panel and the score's terms, so every number reads the same everywhere.

#include <QString>

#include <cstdint>
#include <vector>

namespace studio {

// Three decimals, or three significant digits when tiny (the softmax table's own form).
QString shownNumber(double value);
// A number inside a sum: negative ones in brackets.
QString termNumber(double value);
// Row `row` of a row-major matrix `width` wide.
std::vector<double> traceRow(const std::vector<float>& values, int64_t row, int64_t width);
// "a₁·b₁ + a₂·b₂ + … (n products)", the first few products written out.
QString writtenDot(const std::vector<double>& a, const std::vector<double>& b);
double dotOf(const std::vector<double>& a, const std::vector<double>& b);

} // namespace studio
