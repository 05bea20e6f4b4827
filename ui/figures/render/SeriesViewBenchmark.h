#pragma once

// attention-cli bench --window: the series view at 100,000 steps (issue 12), drawn with its level
// of detail (per-pixel-column extents) and without it (every step, as before), on the real widget
// offscreen. No widget, QCustomPlot or torch type here (see FigureRender.h).

#include <QJsonObject>

namespace studio::render {

struct SeriesViewBenchmarkReport {
    int steps = 0;         // of the series and of its attention
    int features = 0;      // series rows
    int width = 0;         // of the view, in pixels
    int height = 0;
    int columns = 0;       // pixel columns drawn with the whole series in view
    int repaints = 0;      // timed repaints per path
    int zoomSteps = 0;     // timed Ctrl+wheel steps per path: in towards one step a column, and back out
    // One repaint (QCustomPlot::replot, drawn at once) with the whole series in view: medians.
    double repaintMs = 0.0;
    double repaintEveryStepMs = 0.0;
    // One zoom step, as the window takes it: a Ctrl+wheel event (QCustomPlot zooms and repaints
    // at once) and the repaint the view then asks for, the columns recomputed. Medians and the
    // longest (the step that crosses to drawing every step).
    double zoomMs = 0.0;
    double zoomEveryStepMs = 0.0;
    double longestZoomMs = 0.0;
    double longestZoomEveryStepMs = 0.0;
    // From setting the series and its attention to the first screen drawn.
    double firstScreenMs = 0.0;
    double firstScreenEveryStepMs = 0.0;

    QJsonObject toJson() const;
};

// Needs a QApplication (createRenderApplication).
SeriesViewBenchmarkReport runSeriesViewBenchmark();

} // namespace studio::render
