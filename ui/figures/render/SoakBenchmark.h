#pragma once

// attention-cli bench --soak: the window trains for a long time while a person types into it, and
// the process's resident memory and the longest event-loop stall are sampled as it goes. A leak
// shows as resident memory that keeps growing after the warm-up; a GUI thread that waits shows as
// a stall. No widget, QCustomPlot or torch type here (see FigureRender.h).

#include <QJsonObject>

#include <functional>
#include <vector>

namespace studio::render {

struct SoakSettings {
    double minutes = 30.0;        // how long the window trains and is typed into
    double warmupMinutes = 5.0;   // memory growth is counted from the first sample after this
    int sampleSeconds = 30;       // one SoakSample per interval
    int keystrokeIntervalMs = 100;  // a key typed (or deleted) this often, at the end of a 512-token text
};

struct SoakSample {
    double minutes = 0.0;          // since the soak began
    qint64 residentBytes = 0;
    qint64 longestStallMs = 0;     // the longest gap between a 2 ms timer's ticks in this interval
    int keystrokes = 0;            // typed so far
    int answers = 0;               // the open model's results that arrived so far
    int epochs = 0;                // epochs finished so far
};

struct SoakReport {
    SoakSettings settings;
    std::vector<SoakSample> samples;
    qint64 warmResidentBytes = 0;   // the first sample at or after the warm-up
    qint64 finalResidentBytes = 0;
    qint64 peakResidentBytes = 0;   // of the samples
    double growthPercent = 0.0;     // final against warm
    double growthMiBPerHour = 0.0;  // least-squares slope of the samples after the warm-up
    qint64 longestStallMs = 0;      // over the whole soak
    int keystrokes = 0;
    int answers = 0;
    int epochs = 0;
    int trainingSteps = 0;

    QJsonObject toJson() const;
};

// Runs the soak in one offscreen window; needs a QApplication (createRenderApplication).
// `residentBytes` reads the process's resident memory (the CLI passes /proc's VmRSS); `onSample`,
// if set, sees each sample as it is taken. Writes nothing to the person's settings or runs
// (QStandardPaths' test mode). Throws StudioError when the window does not train or answer.
SoakReport runSoakBenchmark(const SoakSettings& settings, const std::function<qint64()>& residentBytes,
                            const std::function<void(const SoakSample&)>& onSample = {});

} // namespace studio::render
