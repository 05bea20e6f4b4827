// The series view at 100,000 steps (issue 12): zoomed out, each pixel column draws the lines'
// smallest and largest value and the strip's largest weight, so a single sharp peak stays on
// screen; zooming, panning and resizing recompute the columns; zoomed in, every step is drawn;
// the pointer still finds real steps. Checked on what is drawn and on the pixels, never on time.
// With STUDIO_SCREENSHOT_DIR set, also saves the view zoomed out, part way and all the way in.

#include "display/AttentionMapMath.h"
#include "views/SeriesAttentionView.h"

#include <qcustomplot.h>

#include <QDir>
#include <QStandardPaths>
#include <QToolTip>
#include <QtTest/QtTest>

#include <cmath>
#include <limits>

using namespace studio;

namespace {

constexpr int kSteps = 100'000;
constexpr int kPeakStep = 73'412;
constexpr float kPeakWeight = 0.9f;
constexpr int kSpikeStep = 12'345;  // a one-step spike in the series
constexpr double kSpikeValue = 50.0;
// A stretch of missing values (NaN) in the series, wider than a column when zoomed out.
constexpr int kGapBegin = 40'000;
constexpr int kGapEnd = 45'000;

SeriesData longSeries()
{
    SeriesData series;
    series.names = {QStringLiteral("level")};
    std::vector<double> level(kSteps);
    for (int t = 0; t < kSteps; ++t)
        level[static_cast<size_t>(t)] = std::sin(t * 0.001) + 0.1 * std::sin(t * 0.37);
    level[kSpikeStep] = kSpikeValue;
    std::fill(level.begin() + kGapBegin, level.begin() + kGapEnd, std::numeric_limits<double>::quiet_NaN());
    series.features = {level};
    return series;
}

// A softmax's worth of weight: the peak, and the rest spread thin over every other step.
AttentionMap peakedAttention()
{
    AttentionMap map;
    map.shape = {kSteps};
    map.values.assign(kSteps, (1.0f - kPeakWeight) / (kSteps - 1));
    map.values[kPeakStep] = kPeakWeight;
    return map;
}

int colourDistance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

// The x of every pixel along the middle of the strip drawn in the colour of `weight`.
QList<int> pixelsColouredAs(SeriesAttentionView& view, double weight)
{
    view.plot()->replot();
    const QImage drawn = view.plot()->grab().toImage();
    const QRgb peak = view.strip()->gradient().color(weight, view.strip()->dataRange());
    const QRect strip = view.stripRect()->rect();
    QList<int> xs;
    for (int x = strip.left(); x <= strip.right(); ++x) {
        if (colourDistance(drawn.pixel(x, strip.center().y()), peak) < 30)
            xs << x;
    }
    return xs;
}

QList<int> peakColouredPixels(SeriesAttentionView& view)
{
    return pixelsColouredAs(view, kPeakWeight);
}

// The step the pointer finds at (x, the strip's middle).
int stepAtPixel(SeriesAttentionView& view, int x)
{
    return view.stepAt(QPoint(x, view.stripRect()->rect().center().y()));
}

void saveWhenAsked(SeriesAttentionView& view, const QString& name)
{
    const QString directory = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(view.grab().save(QDir(directory).filePath(name)));
}

void zoomAt(SeriesAttentionView& view, double step, int wheelDelta)
{
    QCPAxis* time = view.stripRect()->axis(QCPAxis::atBottom);
    const QPointF at(time->coordToPixel(step), view.stripRect()->rect().center().y());
    QWheelEvent wheel(at, view.plot()->mapToGlobal(at.toPoint()), QPoint(), QPoint(0, wheelDelta), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.plot(), &wheel);
    view.plot()->replot();
}

double stepsPerColumn(const StepColumns& columns)
{
    return static_cast<double>(columns.steps()) / columns.columns;
}

} // namespace

class LongSeriesViewTest : public QObject {
    Q_OBJECT

private:
    SeriesAttentionView m_view;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_view.setSeries(longSeries());
        m_view.setAttention(peakedAttention());
        m_view.resize(1000, 600);
        m_view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_view));
    }

    void init()
    {
        m_view.resetView();
        m_view.plot()->replot();
    }

    void zoomedOutEachPixelColumnHoldsItsStepsExtremes()
    {
        const StepColumns shown = m_view.shownColumns();
        QVERIFY(shown.isReduced());
        QCOMPARE(shown.begin, int64_t{0});
        QCOMPARE(shown.end, int64_t{kSteps});
        // One column per pixel of the rows, never more.
        QVERIFY2(shown.columns <= m_view.stripRect()->width() && shown.columns > m_view.stripRect()->width() - 3,
                 qPrintable(QStringLiteral("%1 columns on %2 pixels").arg(shown.columns).arg(m_view.stripRect()->width())));

        // The strip: one cell per column, the peak's weight in the peak's column and nowhere else.
        QCPColorMapData* cells = m_view.strip()->data();
        QCOMPARE(cells->keySize(), shown.columns);
        const int peakColumn = shown.columnOf(kPeakStep);
        for (int c = 0; c < cells->keySize(); ++c) {
            if (c == peakColumn)
                QCOMPARE(cells->cell(c, 0), double(kPeakWeight));
            else
                QVERIFY(cells->cell(c, 0) < 1e-5);
        }

        // The line: two points per column, its lowest and highest value there (a plain scan).
        const SeriesData series = longSeries();
        const std::vector<double>& level = series.features.front();
        QSharedPointer<QCPGraphDataContainer> line = m_view.plot()->graph(0)->data();
        QCOMPARE(line->size(), 2 * shown.columns);
        for (int c = 0; c < shown.columns; ++c) {
            double lowest = std::numeric_limits<double>::quiet_NaN();
            double highest = lowest;
            for (int64_t t = shown.columnBegin(c); t < shown.columnBegin(c + 1); ++t) {
                const double v = level[static_cast<size_t>(t)];
                if (std::isnan(v))
                    continue;
                lowest = std::isnan(lowest) ? v : std::min(lowest, v);
                highest = std::isnan(highest) ? v : std::max(highest, v);
            }
            const double a = line->at(2 * c)->value;
            const double b = line->at(2 * c + 1)->value;
            if (std::isnan(lowest)) {  // all missing: a gap in the line
                QVERIFY(std::isnan(a) && std::isnan(b));
                continue;
            }
            QCOMPARE(std::min(a, b), lowest);
            QCOMPARE(std::max(a, b), highest);
            QCOMPARE(line->at(2 * c)->key, shown.columnCentre(c));
        }
        QVERIFY(std::isnan(line->at(2 * shown.columnOf((kGapBegin + kGapEnd) / 2))->value));
        bool found = false;
        QCOMPARE(line->valueRange(found).upper, kSpikeValue);
    }

    // What the eye sees: the peak's colour is on screen, at the peak's place and there only.
    void aSinglePeakStaysVisibleZoomedOut()
    {
        const QList<int> xs = peakColouredPixels(m_view);
        QVERIFY2(!xs.isEmpty() && xs.size() <= 3, qPrintable(QStringLiteral("%1 pixels in the peak's colour").arg(xs.size())));
        const double peakX = m_view.stripRect()->axis(QCPAxis::atBottom)->coordToPixel(kPeakStep);
        for (int x : xs)
            QVERIFY2(std::abs(x - peakX) <= 1.5, qPrintable(QStringLiteral("peak drawn at x %1, its step at %2").arg(x).arg(peakX)));
        saveWhenAsked(m_view, QStringLiteral("series-100k-zoomed-out.png"));
    }

    // The pointer finds real steps: over the peak's pixel, its step and weight.
    void thePointerNamesRealSteps()
    {
        const QList<int> peakPixels = peakColouredPixels(m_view);
        QVERIFY(!peakPixels.isEmpty());
        for (int x : peakPixels)
            QCOMPARE(stepAtPixel(m_view, x), kPeakStep);
        const QPoint overPeak(peakPixels.first(), m_view.stripRect()->rect().center().y());
        QHelpEvent help(QEvent::ToolTip, overPeak, m_view.plot()->mapToGlobal(overPeak));
        QApplication::sendEvent(m_view.plot(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const StepColumns shown = m_view.shownColumns();
        const int column = shown.columnOf(kPeakStep);
        const QString expected = QStringLiteral("steps %1–%2\nlargest weight 0.9, at step %3")
                                     .arg(shown.columnBegin(column))
                                     .arg(shown.columnBegin(column + 1) - 1)
                                     .arg(kPeakStep);
        QCOMPARE(QToolTip::text(), expected);
        QToolTip::hideText();
        // A click there chooses the peak's step, as every other view would.
        QSignalSpy clicked(&m_view, &SeriesAttentionView::stepClicked);
        QTest::mouseClick(m_view.plot(), Qt::LeftButton, Qt::NoModifier, overPeak);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toInt(), kPeakStep);
        QCOMPARE(m_view.selectedStep(), kPeakStep);
        m_view.setSelectedStep(-1);
    }

    void zoomingInRecomputesUntilEveryStepIsDrawn()
    {
        double before = stepsPerColumn(m_view.shownColumns());
        int zooms = 0;
        while (m_view.shownColumns().isReduced()) {
            QVERIFY2(++zooms < 60, "zooming in never reached one column per step");
            zoomAt(m_view, kPeakStep, 240);
            const StepColumns shown = m_view.shownColumns();
            // Fewer steps per column, and still the peak where it is.
            QVERIFY2(stepsPerColumn(shown) < before,
                     qPrintable(QStringLiteral("%1 steps a column, %2 before").arg(stepsPerColumn(shown)).arg(before)));
            if (stepsPerColumn(shown) < 20.0 && before >= 20.0)
                saveWhenAsked(m_view, QStringLiteral("series-100k-part-way.png"));
            before = stepsPerColumn(shown);
            const QList<int> peakPixels = peakColouredPixels(m_view);
            QVERIFY(!peakPixels.isEmpty());
            for (int x : peakPixels)
                QCOMPARE(stepAtPixel(m_view, x), kPeakStep);
        }
        QVERIFY(zooms > 1);
        // Every step, as before the level of detail: the line holds them all (it draws those in
        // view), the strip those in view, each in a cell of its own.
        QCOMPARE(m_view.plot()->graph(0)->data()->size(), kSteps);
        StepColumns shown = m_view.shownColumns();
        QCOMPARE(shown.columns, shown.steps());
        QVERIFY(shown.steps() < 2000);
        QCOMPARE(m_view.strip()->data()->keySize(), shown.steps());
        QCOMPARE(m_view.strip()->data()->cell(kPeakStep - shown.begin, 0), double(kPeakWeight));
        QCOMPARE(m_view.strip()->data()->cell(kPeakStep - shown.begin + 1, 0), double((1.0f - kPeakWeight) / (kSteps - 1)));
        // Panning moves those steps along.
        m_view.stripRect()->axis(QCPAxis::atBottom)->moveRange(-100.0);
        m_view.plot()->replot();
        QCOMPARE(m_view.shownColumns().begin, shown.begin - 100);
        shown = m_view.shownColumns();
        QCOMPARE(m_view.strip()->data()->cell(kPeakStep - shown.begin, 0), double(kPeakWeight));
        QVERIFY(!peakColouredPixels(m_view).isEmpty());
        saveWhenAsked(m_view, QStringLiteral("series-100k-zoomed-in.png"));
        // Over the steps beside the peak (the pixels their middles fall on), the pointer names them.
        const QCPAxis* time = m_view.stripRect()->axis(QCPAxis::atBottom);
        QCOMPARE(stepAtPixel(m_view, static_cast<int>(std::floor(time->coordToPixel(kPeakStep + 1)))), kPeakStep + 1);
        QCOMPARE(stepAtPixel(m_view, static_cast<int>(std::floor(time->coordToPixel(kPeakStep - 1)))), kPeakStep - 1);

        // Zooming out again goes back to columns; panning moves them.
        zoomAt(m_view, kPeakStep, -240 * 4);
        const StepColumns out = m_view.shownColumns();
        QVERIFY(out.isReduced());
        QCPAxis* timeAxis = m_view.stripRect()->axis(QCPAxis::atBottom);
        timeAxis->moveRange(static_cast<double>(out.steps() / 4));
        m_view.plot()->replot();
        QCOMPARE(m_view.shownColumns().begin, out.begin + out.steps() / 4);
    }

    void resizingRecomputes()
    {
        const int before = m_view.shownColumns().columns;
        m_view.resize(1400, 600);
        QTRY_VERIFY(m_view.stripRect()->width() > before + 300);
        m_view.plot()->replot();
        QCOMPARE(m_view.shownColumns().columns, m_view.stripRect()->width());
        QVERIFY(!peakColouredPixels(m_view).isEmpty());
        m_view.resize(1000, 600);
        QTRY_VERIFY(m_view.stripRect()->width() < before + 3);
        m_view.plot()->replot();
        QCOMPARE(m_view.shownColumns().columns, before);
    }

    // New attention (the next keystroke) keeps the zoom and is shown in columns at once.
    void newAttentionIsReducedAtOnce()
    {
        AttentionMap moved = peakedAttention();
        std::swap(moved.values[kPeakStep], moved.values[100]);
        m_view.setAttention(moved);
        const StepColumns shown = m_view.shownColumns();
        QVERIFY(shown.isReduced());
        QCOMPARE(m_view.strip()->data()->keySize(), shown.columns);
        QCOMPARE(m_view.strip()->data()->cell(shown.columnOf(100), 0), double(kPeakWeight));
        m_view.setAttention(peakedAttention());
    }

    // Per-feature attention ({T, d}): a strip row per feature, each row's largest weight per column.
    void perFeatureRowsKeepTheirOwnPeaks()
    {
        constexpr int kRows = 3;
        AttentionMap map;
        map.shape = {kSteps, kRows};
        map.values.assign(static_cast<size_t>(kSteps) * kRows, 1e-6f);
        const int peaks[kRows] = {5'000, kPeakStep, 99'000};
        for (int k = 0; k < kRows; ++k)
            map.values[static_cast<size_t>(peaks[k]) * kRows + k] = 0.6f + 0.1f * k;
        m_view.setAttention(map, MatrixKind::PerFeature);
        m_view.plot()->replot();
        const StepColumns shown = m_view.shownColumns();
        QVERIFY(shown.isReduced());
        QCPColorMapData* cells = m_view.strip()->data();
        QCOMPARE(cells->valueSize(), kRows);
        for (int k = 0; k < kRows; ++k) {
            for (int c = 0; c < shown.columns; ++c) {
                const double expected = c == shown.columnOf(peaks[k]) ? double(0.6f + 0.1f * k) : double(1e-6f);
                QCOMPARE(cells->cell(c, k), expected);
            }
        }
        m_view.setAttention(peakedAttention());
        m_view.plot()->replot();
        QCOMPARE(m_view.strip()->data()->valueSize(), 1);
    }

    // A model that saw only the end of the series: its strip covers those steps' columns alone.
    void attentionUnderTheEndOfTheSeries()
    {
        constexpr int kWindow = 30'000;
        AttentionMap window;
        window.shape = {kWindow};
        window.values.assign(kWindow, 1.0f / kWindow);
        constexpr int kStrongest = kWindow - 700;
        window.values[kStrongest] = 0.5f;
        m_view.setAttention(window, std::nullopt, kSteps - kWindow);
        m_view.plot()->replot();
        const StepColumns shown = m_view.shownColumns();
        QVERIFY(shown.isReduced());
        const int first = shown.columnOf(kSteps - kWindow);
        QCOMPARE(m_view.strip()->data()->keySize(), shown.columns - first);
        QCOMPARE(m_view.strip()->data()->cell(shown.columnOf(kSteps - kWindow + kStrongest) - first, 0), 0.5);
        // Where the strongest step is drawn, the pointer names it (in the attention's own steps);
        // before the window, there is no attention to name.
        const QList<int> strongest = pixelsColouredAs(m_view, 0.5);
        QVERIFY(!strongest.isEmpty() && strongest.size() <= 3);
        for (int x : strongest)
            QCOMPARE(stepAtPixel(m_view, x), kStrongest);
        const QCPAxis* time = m_view.stripRect()->axis(QCPAxis::atBottom);
        QCOMPARE(stepAtPixel(m_view, static_cast<int>(std::lround(time->coordToPixel(1000)))), -1);
        m_view.setAttention(peakedAttention());
    }
};

QTEST_MAIN(LongSeriesViewTest)
#include "tst_long_series_view.moc"
