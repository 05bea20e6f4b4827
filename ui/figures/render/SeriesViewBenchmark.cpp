#include "SeriesViewBenchmark.h"

#include "views/SeriesAttentionView.h"

#include "bench/OpenBenchmark.h"  // TimingSeries: median, least, longest

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QWheelEvent>

#include <cmath>

namespace studio::render {
namespace {

constexpr int kSteps = 100'000;
constexpr int kFeatures = 3;
constexpr int kWidth = 1200;
constexpr int kHeight = 800;
constexpr int kRepaints = 30;
// Wheel steps in (then as many out): 0.85² a step takes 100,000 steps in view to about 550, past
// one step a column on this width, so both the columns and the switch back to every step count.
constexpr int kZoomStepsIn = 16;
constexpr int kWheelDelta = 240;

double elapsedMs(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

// Sensor-like features (a slow wave, a fast one, noise) and a softmax's weights with one peak.
SeriesData benchSeries()
{
    SeriesData series;
    uint32_t noise = 12345;
    for (int f = 0; f < kFeatures; ++f) {
        series.names << QStringLiteral("sensor %1").arg(f);
        std::vector<double> values(kSteps);
        for (int t = 0; t < kSteps; ++t) {
            noise = noise * 1664525u + 1013904223u;  // a fixed sequence, the same in every run
            values[static_cast<size_t>(t)] = std::sin(t * 0.0007 * (f + 1)) + 0.2 * std::sin(t * 0.31) + 0.05 * (noise >> 8) / double(1 << 24);
        }
        series.features.push_back(std::move(values));
    }
    return series;
}

AttentionMap benchAttention()
{
    AttentionMap map;
    map.shape = {kSteps};
    map.values.assign(kSteps, 0.1f / (kSteps - 1));
    map.values[73'412] = 0.9f;
    return map;
}

struct PathTimings {
    double firstScreenMs = 0.0;
    TimingSeries repaint;
    TimingSeries zoom;
    int columns = 0;
};

PathTimings measurePath(bool levelOfDetail, const SeriesData& series, const AttentionMap& attention)
{
    PathTimings timings;
    SeriesAttentionView view;
    view.setLevelOfDetailEnabled(levelOfDetail);
    view.resize(kWidth, kHeight);
    view.show();
    QCoreApplication::processEvents();  // laid out at its size once, with no data yet

    QElapsedTimer clock;
    clock.start();
    view.setSeries(series);
    view.setAttention(attention);
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    timings.firstScreenMs = elapsedMs(clock);
    timings.columns = view.shownColumns().columns;

    for (int i = 0; i < kRepaints; ++i) {
        clock.restart();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        timings.repaint.add(elapsedMs(clock));
    }

    const QPointF at = view.stripRect()->rect().center();
    for (int i = 0; i < 2 * kZoomStepsIn; ++i) {
        const int delta = i < kZoomStepsIn ? kWheelDelta : -kWheelDelta;
        QWheelEvent wheel(at, view.plot()->mapToGlobal(at.toPoint()), QPoint(), QPoint(0, delta), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        clock.restart();
        QApplication::sendEvent(view.plot(), &wheel);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        timings.zoom.add(elapsedMs(clock));
    }
    timings.repaint.finish();
    timings.zoom.finish();
    return timings;
}

} // namespace

QJsonObject SeriesViewBenchmarkReport::toJson() const
{
    return QJsonObject{
        {QStringLiteral("steps"), steps},
        {QStringLiteral("features"), features},
        {QStringLiteral("width"), width},
        {QStringLiteral("height"), height},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("repaints"), repaints},
        {QStringLiteral("zoomSteps"), zoomSteps},
        {QStringLiteral("repaintMs"), repaintMs},
        {QStringLiteral("repaintEveryStepMs"), repaintEveryStepMs},
        {QStringLiteral("zoomMs"), zoomMs},
        {QStringLiteral("zoomEveryStepMs"), zoomEveryStepMs},
        {QStringLiteral("longestZoomMs"), longestZoomMs},
        {QStringLiteral("longestZoomEveryStepMs"), longestZoomEveryStepMs},
        {QStringLiteral("firstScreenMs"), firstScreenMs},
        {QStringLiteral("firstScreenEveryStepMs"), firstScreenEveryStepMs},
    };
}

SeriesViewBenchmarkReport runSeriesViewBenchmark()
{
    QStandardPaths::setTestModeEnabled(true);  // the view's colour controls keep no settings of the person's
    const SeriesData series = benchSeries();
    const AttentionMap attention = benchAttention();
    // The old path first and the new one second, then again the other way round: what runs first
    // pays for warming caches and the allocator, so each path's figure is its second run.
    measurePath(false, series, attention);
    measurePath(true, series, attention);
    const PathTimings detail = measurePath(true, series, attention);
    const PathTimings everyStep = measurePath(false, series, attention);

    SeriesViewBenchmarkReport report;
    report.steps = kSteps;
    report.features = kFeatures;
    report.width = kWidth;
    report.height = kHeight;
    report.columns = detail.columns;
    report.repaints = kRepaints;
    report.zoomSteps = 2 * kZoomStepsIn;
    report.repaintMs = detail.repaint.medianMs;
    report.repaintEveryStepMs = everyStep.repaint.medianMs;
    report.zoomMs = detail.zoom.medianMs;
    report.zoomEveryStepMs = everyStep.zoom.medianMs;
    report.longestZoomMs = detail.zoom.maxMs;
    report.longestZoomEveryStepMs = everyStep.zoom.maxMs;
    report.firstScreenMs = detail.firstScreenMs;
    report.firstScreenEveryStepMs = everyStep.firstScreenMs;
    return report;
}

} // namespace studio::render
