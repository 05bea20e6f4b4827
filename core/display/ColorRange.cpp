#include "display/ColorRange.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace studio {
namespace {

// Bounds of a constant data set are widened by this much on each side (relative to its value,
// or absolute around zero), so a uniform attention map shows one mid-range colour.
constexpr double kFlatRangePadding = 0.5;

ValueBounds widenedIfFlat(double lower, double upper)
{
    if (!std::isfinite(lower) || !std::isfinite(upper))
        return {};
    if (lower < upper)
        return {lower, upper};
    const double centre = lower;
    const double half = centre == 0.0 ? kFlatRangePadding : std::abs(centre) * kFlatRangePadding;
    return {centre - half, centre + half};
}

template <typename Value>
ValueBounds resolveBounds(ColorRange::Mode mode, double fixedLower, double fixedUpper,
                          const std::vector<Value>& values)
{
    if (mode == ColorRange::Mode::Fixed)
        return widenedIfFlat(std::min(fixedLower, fixedUpper), std::max(fixedLower, fixedUpper));

    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    for (const Value v : values) {
        if (!std::isfinite(v))
            continue;
        lowest = std::min(lowest, static_cast<double>(v));
        highest = std::max(highest, static_cast<double>(v));
    }
    if (lowest > highest)  // no finite value at all
        return mode == ColorRange::Mode::SymmetricAutomatic ? ValueBounds{-1.0, 1.0} : ValueBounds{};
    if (mode == ColorRange::Mode::SymmetricAutomatic) {
        const double magnitude = std::max(std::abs(lowest), std::abs(highest));
        return magnitude > 0.0 ? ValueBounds{-magnitude, magnitude} : ValueBounds{-1.0, 1.0};
    }
    return widenedIfFlat(lowest, highest);
}

} // namespace

double ValueBounds::normalize(double value) const
{
    if (std::isnan(value))
        return value;
    return std::clamp((value - lower) / (upper - lower), 0.0, 1.0);
}

ColorRange::ColorRange(Mode mode, double lower, double upper)
    : m_mode(mode)
    , m_lower(lower)
    , m_upper(upper)
{
}

ValueBounds ColorRange::resolve(const std::vector<float>& values) const
{
    return resolveBounds(m_mode, m_lower, m_upper, values);
}

ValueBounds ColorRange::resolve(const std::vector<double>& values) const
{
    return resolveBounds(m_mode, m_lower, m_upper, values);
}

bool ColorRange::operator==(const ColorRange& other) const
{
    if (m_mode != other.m_mode)
        return false;
    return m_mode != Mode::Fixed || (m_lower == other.m_lower && m_upper == other.m_upper);
}

} // namespace studio
