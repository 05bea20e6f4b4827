#include "display/SeriesLevelOfDetail.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace studio {
namespace {

// Steps per leaf block of the pyramid: a column's ragged ends are scanned step by step (at most
// twice this), the whole blocks between them come from the pyramid. 8 keeps the pyramid at a
// quarter of the values' memory for each of its two extents.
constexpr int64_t kLeafSteps = 8;
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

} // namespace

int64_t StepColumns::columnBegin(int column) const
{
    return begin + static_cast<int64_t>(column) * steps() / columns;
}

int StepColumns::columnOf(int64_t step) const
{
    // The last column c with columnBegin(c) <= step, i.e. c·n < (s + 1)·columns.
    return static_cast<int>(((step - begin + 1) * columns - 1) / steps());
}

double StepColumns::columnCentre(int column) const
{
    const double stepsPerColumn = static_cast<double>(steps()) / columns;
    return static_cast<double>(begin) - 0.5 + (column + 0.5) * stepsPerColumn;
}

int StepColumns::columnAt(double coordinate) const
{
    if (columns <= 0)
        return -1;
    const double column = std::floor((coordinate - (static_cast<double>(begin) - 0.5)) * columns / static_cast<double>(steps()));
    return column >= 0.0 && column < columns ? static_cast<int>(column) : -1;
}

StepColumns visibleStepColumns(double lower, double upper, int pixels, int64_t steps)
{
    StepColumns shown;
    if (steps <= 0 || pixels <= 0 || !std::isfinite(lower) || !std::isfinite(upper) || !(upper > lower))
        return shown;
    // Step t's cell is [t - 0.5, t + 0.5): the steps whose cells reach into [lower, upper].
    const double first = std::floor(lower - 0.5) + 1.0;
    const double pastLast = std::ceil(upper + 0.5);
    shown.begin = static_cast<int64_t>(std::clamp(first, 0.0, static_cast<double>(steps)));
    shown.end = static_cast<int64_t>(std::clamp(pastLast, 0.0, static_cast<double>(steps)));
    if (shown.end <= shown.begin) {
        shown.end = shown.begin;
        return shown;
    }
    // The pixels the steps' cells cover (a pan can leave part of the axis without data).
    const double from = std::max(static_cast<double>(shown.begin) - 0.5, lower);
    const double to = std::min(static_cast<double>(shown.end) - 0.5, upper);
    const double coveredPixels = (to - from) / (upper - lower) * pixels;
    const double wholePixels = std::clamp(std::floor(coveredPixels), 1.0, static_cast<double>(pixels));
    shown.columns = static_cast<int>(std::min<double>(wholePixels, static_cast<double>(shown.steps())));
    return shown;
}

MinMaxPyramid::MinMaxPyramid(std::vector<double> values)
    : m_values(std::move(values))
{
    // Level 0: whole leaf blocks only; a ragged tail is scanned. Each level above halves the one
    // below (an odd last block is left out: a query never needs it, its steps are reached below).
    const int64_t leaves = size() / kLeafSteps;
    if (leaves == 0)
        return;
    m_lower.emplace_back(static_cast<size_t>(leaves));
    m_upper.emplace_back(static_cast<size_t>(leaves));
    for (int64_t block = 0; block < leaves; ++block) {
        double lower = kInfinity;
        double upper = -kInfinity;
        scanValues(block * kLeafSteps, (block + 1) * kLeafSteps, lower, upper);
        m_lower[0][static_cast<size_t>(block)] = lower;
        m_upper[0][static_cast<size_t>(block)] = upper;
    }
    while (m_lower.back().size() >= 2) {
        const std::vector<double>& lowerBelow = m_lower.back();
        const std::vector<double>& upperBelow = m_upper.back();
        std::vector<double> lower(lowerBelow.size() / 2);
        std::vector<double> upper(lower.size());
        for (size_t i = 0; i < lower.size(); ++i) {
            lower[i] = std::min(lowerBelow[2 * i], lowerBelow[2 * i + 1]);
            upper[i] = std::max(upperBelow[2 * i], upperBelow[2 * i + 1]);
        }
        m_lower.push_back(std::move(lower));
        m_upper.push_back(std::move(upper));
    }
}

void MinMaxPyramid::scanValues(int64_t begin, int64_t end, double& lower, double& upper) const
{
    for (int64_t t = begin; t < end; ++t) {
        const double value = m_values[static_cast<size_t>(t)];
        // A NaN fails both comparisons: missing values are skipped without a test of their own.
        if (value < lower)
            lower = value;
        if (value > upper)
            upper = value;
    }
}

void MinMaxPyramid::extentOf(int64_t begin, int64_t end, double& lower, double& upper) const
{
    lower = kInfinity;
    upper = -kInfinity;
    begin = std::max<int64_t>(begin, 0);  // steps outside the series have no value
    end = std::min(end, size());
    if (end <= begin)
        return;
    int64_t left = (begin + kLeafSteps - 1) / kLeafSteps;  // the whole leaf blocks in [begin, end)
    int64_t right = end / kLeafSteps;
    if (left >= right) {
        scanValues(begin, end, lower, upper);
        return;
    }
    scanValues(begin, left * kLeafSteps, lower, upper);
    scanValues(right * kLeafSteps, end, lower, upper);
    // Bottom-up over the levels: a block at an odd edge is taken whole, the rest move up a level.
    for (size_t level = 0; left < right; ++level) {
        const std::vector<double>& lowers = m_lower[level];
        const std::vector<double>& uppers = m_upper[level];
        if (left & 1) {
            lower = std::min(lower, lowers[static_cast<size_t>(left)]);
            upper = std::max(upper, uppers[static_cast<size_t>(left)]);
            ++left;
        }
        if (right & 1) {
            --right;
            lower = std::min(lower, lowers[static_cast<size_t>(right)]);
            upper = std::max(upper, uppers[static_cast<size_t>(right)]);
        }
        left /= 2;
        right /= 2;
    }
}

ColumnExtents MinMaxPyramid::reduce(const StepColumns& columns) const
{
    ColumnExtents extents;
    const auto count = static_cast<size_t>(std::max(columns.columns, 0));
    extents.lower.resize(count);
    extents.upper.resize(count);
    for (int c = 0; c < columns.columns; ++c) {
        double lower = 0.0;
        double upper = 0.0;
        extentOf(columns.columnBegin(c), columns.columnBegin(c + 1), lower, upper);
        const bool known = lower <= upper;
        extents.lower[static_cast<size_t>(c)] = known ? lower : kNone;
        extents.upper[static_cast<size_t>(c)] = known ? upper : kNone;
    }
    return extents;
}

std::vector<double> envelopePath(const ColumnExtents& extents)
{
    std::vector<double> path;
    const size_t columns = extents.lower.size();
    path.reserve(2 * columns);
    double previous = kNone;
    for (size_t c = 0; c < columns; ++c) {
        const double lower = extents.lower[c];
        const double upper = extents.upper[c];
        bool lowerFirst = true;
        if (!std::isnan(previous)) {
            lowerFirst = std::abs(lower - previous) <= std::abs(upper - previous);
        } else if (c + 1 < columns && !std::isnan(extents.lower[c + 1])) {
            // The first column after a start or a gap: end nearest the next column instead.
            const double next = 0.5 * (extents.lower[c + 1] + extents.upper[c + 1]);
            lowerFirst = std::abs(upper - next) <= std::abs(lower - next);
        }
        path.push_back(lowerFirst ? lower : upper);
        path.push_back(lowerFirst ? upper : lower);
        previous = path.back();
    }
    return path;
}

} // namespace studio
