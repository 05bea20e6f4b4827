#pragma once

// Level of detail for long series (issue 12). A plot 800 pixels wide that shows 100,000 steps
// draws, for each pixel column, the smallest and the largest value of the steps under it: every
// spike stays visible however far out the view is zoomed, and the plot draws O(pixels), not O(T).
//
// MinMaxPyramid answers "smallest and largest of steps [a, b)" in O(log T) from block minima and
// maxima built once per series (O(T) time, half a value per step beside the values), so a zoom or
// a pan costs O(W log T) for W columns, cheap enough for the GUI thread at any length.
//
// Missing values (NaN, as data/MissingValues.h leaves them in a series) are skipped; a column
// whose steps are all missing is NaN in both extents, which a line plot draws as a gap. A gap
// narrower than a column is not seen until the view is zoomed in far enough to show it.

#include <cstdint>
#include <vector>

namespace studio {

// Which steps each of `columns` columns stands for: the steps [begin, end) split into runs as
// even as whole steps allow. There is never more than one column per step.
struct StepColumns {
    int64_t begin = 0;
    int64_t end = 0;
    int columns = 0;

    int64_t steps() const { return end - begin; }
    // More steps than columns: each column stands for a run of steps, not one step.
    bool isReduced() const { return columns < steps(); }
    // Column c covers [columnBegin(c), columnBegin(c + 1)); columnBegin(columns) == end.
    int64_t columnBegin(int column) const;
    // The column that covers `step` (a step of [begin, end)).
    int columnOf(int64_t step) const;
    // Where column c's run sits on a time axis whose step t lies at coordinate t: the middle of
    // the run's cells, each step's cell spanning [t - 0.5, t + 0.5). Evenly spaced, so a colour
    // map of `columns` equal cells lines up with it (off by less than one step).
    double columnCentre(int column) const;
    // The column drawn at a coordinate of that axis (the inverse of columnCentre's cells), or -1.
    int columnAt(double coordinate) const;

    bool operator==(const StepColumns& other) const
    {
        return begin == other.begin && end == other.end && columns == other.columns;
    }
    bool operator!=(const StepColumns& other) const { return !(*this == other); }
};

// The steps of a series of `steps` steps seen through a time axis showing [lower, upper] on
// `pixels` pixels, each step at its integer coordinate: the steps whose cells are in view, and
// one column per whole pixel they cover (at least one), never more columns than steps, so that
// no column is narrower than a pixel and drawing them never drops one.
StepColumns visibleStepColumns(double lower, double upper, int pixels, int64_t steps);

// Per column, the smallest and the largest known value; NaN where a column has none.
struct ColumnExtents {
    std::vector<double> lower;
    std::vector<double> upper;
};

class MinMaxPyramid {
public:
    MinMaxPyramid() = default;
    explicit MinMaxPyramid(std::vector<double> values);

    int64_t size() const { return static_cast<int64_t>(m_values.size()); }
    const std::vector<double>& values() const { return m_values; }

    // The extents of every column of `columns` (which must lie within [0, size())).
    ColumnExtents reduce(const StepColumns& columns) const;

private:
    // The smallest and largest known value of steps [begin, end); +inf and -inf when none is known.
    void extentOf(int64_t begin, int64_t end, double& lower, double& upper) const;
    void scanValues(int64_t begin, int64_t end, double& lower, double& upper) const;

    std::vector<double> m_values;
    // m_lower[k][i], m_upper[k][i]: the extents of leaf blocks [i·2^k, (i+1)·2^k), a leaf block
    // being kLeafSteps steps; +inf / -inf where none is known, so merging needs no NaN test.
    std::vector<std::vector<double>> m_lower;
    std::vector<std::vector<double>> m_upper;
};

// A line through the columns' extents that a line plot draws as the series' envelope: two
// points per column, lower and upper, the one nearer the previous point first (after a start or
// a gap: the one nearer the next column last), so a rising or falling stretch draws as a line,
// not a zigzag. NaN points where a column has no value.
std::vector<double> envelopePath(const ColumnExtents& extents);

} // namespace studio
