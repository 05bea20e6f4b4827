// The long series' level of detail (issue 12): the pyramid's column extents against a plain scan
// of the same steps, on random series of odd lengths with missing values, and the columns a view
// asks for at a given zoom. Torch-free: it builds in seconds.

#include "display/SeriesLevelOfDetail.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace studio;

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// Values in [-1, 1), about `missingShare` of them NaN, and now and then a run of NaNs long enough
// to cover whole columns and leaf blocks.
std::vector<double> randomSeries(std::mt19937& random, int64_t length, double missingShare)
{
    std::uniform_real_distribution<double> value(-1.0, 1.0);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    std::vector<double> series(static_cast<size_t>(length));
    for (double& v : series)
        v = chance(random) < missingShare ? kMissing : value(random);
    if (length > 40 && chance(random) < 0.5) {
        std::uniform_int_distribution<int64_t> start(0, length - 40);
        const int64_t from = start(random);
        std::fill(series.begin() + from, series.begin() + from + 37, kMissing);
    }
    return series;
}

// The reference: every step of the column looked at, NaN skipped.
void scanColumn(const std::vector<double>& series, int64_t begin, int64_t end, double& lower, double& upper)
{
    lower = kMissing;
    upper = kMissing;
    for (int64_t t = std::max<int64_t>(begin, 0); t < std::min<int64_t>(end, static_cast<int64_t>(series.size())); ++t) {
        const double v = series[static_cast<size_t>(t)];
        if (std::isnan(v))
            continue;
        lower = std::isnan(lower) ? v : std::min(lower, v);
        upper = std::isnan(upper) ? v : std::max(upper, v);
    }
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Checks that `columns` cuts [begin, end) into runs of ⌊n/C⌋ or ⌈n/C⌉ steps, in order, none empty,
// and that columnOf finds each step's run; then compares every column with the scan.
void checkAgainstScan(const std::vector<double>& series, const StepColumns& columns)
{
    const int64_t n = columns.steps();
    QVERIFY(columns.columns >= 1 && columns.columns <= n);
    QCOMPARE(columns.columnBegin(0), columns.begin);
    QCOMPARE(columns.columnBegin(columns.columns), columns.end);
    const int64_t shortest = n / columns.columns;
    const int64_t longest = shortest + (n % columns.columns != 0 ? 1 : 0);
    for (int c = 0; c < columns.columns; ++c) {
        const int64_t from = columns.columnBegin(c);
        const int64_t to = columns.columnBegin(c + 1);
        QVERIFY2(to - from >= shortest && to - from <= longest, qPrintable(QStringLiteral("column %1: %2 steps").arg(c).arg(to - from)));
        QCOMPARE(columns.columnOf(from), c);
        QCOMPARE(columns.columnOf(to - 1), c);
    }

    const ColumnExtents extents = MinMaxPyramid(series).reduce(columns);
    QCOMPARE(extents.lower.size(), static_cast<size_t>(columns.columns));
    QCOMPARE(extents.upper.size(), static_cast<size_t>(columns.columns));
    for (int c = 0; c < columns.columns; ++c) {
        double lower = 0.0;
        double upper = 0.0;
        scanColumn(series, columns.columnBegin(c), columns.columnBegin(c + 1), lower, upper);
        QVERIFY2(sameValue(extents.lower[static_cast<size_t>(c)], lower) && sameValue(extents.upper[static_cast<size_t>(c)], upper),
                 qPrintable(QStringLiteral("column %1 of %2 over steps [%3, %4): [%5, %6], the scan [%7, %8]")
                                .arg(c).arg(columns.columns).arg(columns.begin).arg(columns.end)
                                .arg(extents.lower[static_cast<size_t>(c)]).arg(extents.upper[static_cast<size_t>(c)])
                                .arg(lower).arg(upper)));
    }
}

} // namespace

class TestSeriesLevelOfDetail : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Random series and random ranges: lengths around the leaf block and its powers of two, prime
    // lengths, column counts of 1, a few, odd, and as many as the steps.
    void columnExtentsEqualAPlainScan()
    {
        std::mt19937 random(20240612);
        const std::vector<int64_t> lengths = {1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099, 65537, 100003};
        for (const int64_t length : lengths) {
            const std::vector<double> series = randomSeries(random, length, /*missingShare=*/0.1);
            std::uniform_int_distribution<int64_t> step(0, length);
            for (int trial = 0; trial < 12; ++trial) {
                int64_t begin = step(random);
                int64_t end = step(random);
                if (begin > end)
                    std::swap(begin, end);
                if (trial == 0) {  // the whole series
                    begin = 0;
                    end = length;
                }
                if (end == begin)
                    continue;
                const int64_t n = end - begin;
                std::uniform_int_distribution<int64_t> columnCount(1, n);
                for (const int64_t columns : {int64_t{1}, std::min<int64_t>(3, n), std::min<int64_t>(97, n), columnCount(random), n}) {
                    checkAgainstScan(series, StepColumns{begin, end, static_cast<int>(columns)});
                    if (QTest::currentTestFailed())
                        return;
                }
            }
        }
    }

    void columnsWithoutAKnownValueAreMissing()
    {
        std::vector<double> series(100, kMissing);
        series[5] = 2.0;
        series[60] = -3.0;
        series[61] = 4.0;
        const ColumnExtents extents = MinMaxPyramid(series).reduce(StepColumns{0, 100, 10});
        for (int c = 0; c < 10; ++c) {
            if (c == 0) {
                QCOMPARE(extents.lower[0], 2.0);
                QCOMPARE(extents.upper[0], 2.0);
            } else if (c == 6) {
                QCOMPARE(extents.lower[6], -3.0);
                QCOMPARE(extents.upper[6], 4.0);
            } else {
                QVERIFY(std::isnan(extents.lower[static_cast<size_t>(c)]) && std::isnan(extents.upper[static_cast<size_t>(c)]));
            }
        }
        // A series of nothing but missing values, shorter than a leaf block and longer.
        for (const size_t length : {size_t{3}, size_t{1000}}) {
            const ColumnExtents none = MinMaxPyramid(std::vector<double>(length, kMissing)).reduce(StepColumns{0, static_cast<int64_t>(length), 1});
            QVERIFY(std::isnan(none.lower[0]) && std::isnan(none.upper[0]));
        }
        // Steps outside the series count as missing.
        const ColumnExtents outside = MinMaxPyramid({1.0, 5.0}).reduce(StepColumns{-2, 4, 3});
        QVERIFY(std::isnan(outside.lower[0]) && std::isnan(outside.upper[2]));
        QCOMPARE(outside.lower[1], 1.0);
        QCOMPARE(outside.upper[1], 5.0);
    }

    void aLonePeakSurvivesTheWholeSeriesInOneColumnOrMany()
    {
        std::vector<double> weights(100'000, 1e-5);
        weights[73'412] = 0.9;
        const MinMaxPyramid pyramid(weights);
        for (const int columns : {1, 7, 640, 799, 1023}) {
            const StepColumns shown{0, 100'000, columns};
            const ColumnExtents extents = pyramid.reduce(shown);
            const int peak = shown.columnOf(73'412);
            for (int c = 0; c < columns; ++c)
                QCOMPARE(extents.upper[static_cast<size_t>(c)], c == peak ? 0.9 : 1e-5);
        }
    }

    // What a view asks for: the steps whose cells are in view, one column per whole pixel they
    // cover, never more columns than steps.
    void theColumnsAViewAsksFor()
    {
        // The whole of 100,000 steps on 800 pixels: 125 steps a column.
        StepColumns all = visibleStepColumns(-0.5, 99'999.5, 800, 100'000);
        QCOMPARE(all.begin, int64_t{0});
        QCOMPARE(all.end, int64_t{100'000});
        QCOMPARE(all.columns, 800);
        QVERIFY(all.isReduced());
        QCOMPARE(all.columnCentre(0), -0.5 + 62.5);
        // Not divisible: 100,000 steps on 777 pixels.
        all = visibleStepColumns(-0.5, 99'999.5, 777, 100'000);
        QCOMPARE(all.columns, 777);
        // Zoomed in to 500 steps: one column per step, the exact values, each at its own step.
        // Steps 1000 and 1500 are partly in view (their cells reach 1000.2 and 1499.7): shown too.
        const StepColumns near = visibleStepColumns(1000.2, 1499.7, 800, 100'000);
        QCOMPARE(near.begin, int64_t{1000});
        QCOMPARE(near.end, int64_t{1501});
        QCOMPARE(near.columns, 501);
        QVERIFY(!near.isReduced());
        QCOMPARE(near.columnCentre(0), 1000.0);
        QCOMPARE(near.columnCentre(500), 1500.0);
        // The column under a coordinate: the inverse of the columns' centres and cells.
        for (const StepColumns& shown : {all, near}) {
            for (int c = 0; c < shown.columns; ++c)
                QCOMPARE(shown.columnAt(shown.columnCentre(c)), c);
        }
        QCOMPARE(near.columnAt(1000.4), 0);
        QCOMPARE(near.columnAt(1000.6), 1);
        QCOMPARE(near.columnAt(999.4), -1);
        QCOMPARE(near.columnAt(1500.6), -1);
        // More pixels than steps (a short series): every step.
        const StepColumns few = visibleStepColumns(-0.5, 11.5, 800, 12);
        QCOMPARE(few.columns, 12);
        QVERIFY(!few.isReduced());
        // One pixel: one column.
        QCOMPARE(visibleStepColumns(-0.5, 99.5, 1, 100).columns, 1);
        // Panned half out of the data: only the steps in view, on the pixels they cover.
        const StepColumns panned = visibleStepColumns(49'999.5, 149'999.5, 800, 100'000);
        QCOMPARE(panned.begin, int64_t{50'000});
        QCOMPARE(panned.end, int64_t{100'000});
        QCOMPARE(panned.columns, 400);
        // No step in view, no width, no series, no range: nothing.
        QCOMPARE(visibleStepColumns(200.0, 300.0, 800, 100).columns, 0);
        QCOMPARE(visibleStepColumns(-0.5, 99.5, 0, 100).columns, 0);
        QCOMPARE(visibleStepColumns(-0.5, 99.5, 800, 0).columns, 0);
        QCOMPARE(visibleStepColumns(5.0, 5.0, 800, 100).columns, 0);
        QCOMPARE(visibleStepColumns(std::nan(""), 5.0, 800, 100).columns, 0);
        // Never a column narrower than a pixel, whatever the zoom.
        std::mt19937 random(7);
        std::uniform_real_distribution<double> coordinate(-1000.0, 101'000.0);
        for (int trial = 0; trial < 1000; ++trial) {
            double lower = coordinate(random);
            double upper = coordinate(random);
            if (lower > upper)
                std::swap(lower, upper);
            const int pixels = 1 + trial % 1500;
            const StepColumns shown = visibleStepColumns(lower, upper, pixels, 100'000);
            if (shown.columns == 0)
                continue;
            const double pixelsPerStep = pixels / (upper - lower);
            const double covered = (std::min(shown.end - 0.5, upper) - std::max(shown.begin - 0.5, lower)) * pixelsPerStep;
            QVERIFY(shown.columns <= std::max(1.0, covered) + 1e-9);
            QVERIFY(shown.columns <= shown.steps());
            QVERIFY(shown.begin >= 0 && shown.end <= 100'000);
        }
    }

    // Two points a column, lower and upper, in the order nearest the previous point: a rising
    // series gives a rising path, a falling one a falling path; a column without values, NaNs.
    void theEnvelopeFollowsTheSeries()
    {
        std::vector<double> rising(1000);
        std::iota(rising.begin(), rising.end(), 0.0);
        const StepColumns columns{0, 1000, 10};
        const std::vector<double> up = envelopePath(MinMaxPyramid(rising).reduce(columns));
        QCOMPARE(up.size(), size_t{20});
        QVERIFY(std::is_sorted(up.begin(), up.end()));
        std::vector<double> falling(rising.rbegin(), rising.rend());
        const std::vector<double> down = envelopePath(MinMaxPyramid(falling).reduce(columns));
        QVERIFY(std::is_sorted(down.rbegin(), down.rend()));
        ColumnExtents gap{{0.0, kMissing, 1.0}, {2.0, kMissing, 3.0}};
        const std::vector<double> path = envelopePath(gap);
        QCOMPARE(path.size(), size_t{6});
        QVERIFY(std::isnan(path[2]) && std::isnan(path[3]));
        QCOMPARE(std::min(path[4], path[5]), 1.0);
        QCOMPARE(std::max(path[4], path[5]), 3.0);
    }
};

QTEST_APPLESS_MAIN(TestSeriesLevelOfDetail)
#include "tst_series_level_of_detail.moc"
