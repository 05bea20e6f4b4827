#pragma once

// attention-cli bench --window: how the window responds while it works, measured on the real
// widgets without a display (offscreen). No widget, QCustomPlot or torch type here: BenchCommand.cpp
// is compiled with core's QT_NO_KEYWORDS (see FigureRender.h).

#include "SeriesViewBenchmark.h"

#include <QJsonObject>
#include <QString>

namespace studio::render {

struct WindowBenchmarkReport {
    // Training in the window (a 3-epoch bidirectional LSTM on the keyword task): a timer on
    // the GUI thread every probeIntervalMs, and the longest gap between its ticks from Start until
    // the run finished.
    int trainingEpochs = 0;
    int probeIntervalMs = 0;
    qint64 longestStallMs = 0;
    int stallTicks = 0;
    int progressReports = 0;
    // Keystroke to heatmap: from a key event in the input box until the model's answer has
    // arrived and the views have been updated, for a text of `keystrokeTokens` tokens.
    int keystrokeTokens = 0;
    int keystrokes = 0;
    double keystrokeP50Ms = 0.0;
    double keystrokeP95Ms = 0.0;
    // The same with "Inside the Attention" open: every answer also carries the step-through
    // numbers (hₜ, the attention's terms, the gates written out) and the view shows them.
    double keystrokeTracedP50Ms = 0.0;
    double keystrokeTracedP95Ms = 0.0;
    // The same with "Is it an explanation?" on screen, explaining each input on its own thread
    // (newer keystrokes stopping older work); how many explanations ran to the end meanwhile.
    double keystrokeExplainingP50Ms = 0.0;
    double keystrokeExplainingP95Ms = 0.0;
    int explanationsCompleted = 0;
    // From the last keystroke's answer until the whole explanation of that input was shown.
    double explanationAfterTypingMs = 0.0;
    // The token view with 20,000 tokens: set, wrap and paint the first 800×600 screen.
    int longTextTokens = 0;
    double longTextPaintMs = 0.0;
    // The series view at 100,000 steps, with its level of detail and without.
    SeriesViewBenchmarkReport seriesView;

    QJsonObject toJson() const;
};

// Runs the four measurements in one window; needs a QApplication (createRenderApplication).
// Writes nothing to the person's settings (QStandardPaths' test mode). Throws StudioError when
// the window does not train or answer within minutes.
WindowBenchmarkReport runWindowBenchmark(int keystrokes);

} // namespace studio::render
