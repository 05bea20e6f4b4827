#pragma once

// `attention-cli bench --keras`: one forward of a Keras bidirectional LSTM layer the size the
// tutorials build, over one sequence, through the fused loop the app runs Keras models with and
// through LibTorch's step loop, alternating call by call in one sitting (docs/BENCHMARKS.md).
// Random weights and inputs: the time does not depend on their values.

#include "bench/OpenBenchmark.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace studio {

struct KerasLayerTimings {
    QString name;         // "tutorial-001", ...
    QString description;  // the layer in words
    TimingSeries fused;   // the app's path (external/keras/KerasFusedRecurrent)
    TimingSeries libTorch;  // LibTorch's ops per step (external/keras/KerasRecurrentStepwise)
    double speedup = 0.0;   // libTorch / fused medians
    QJsonObject toJson() const;
};

struct KerasBenchmarkReport {
    int length = 0;     // steps of the sequence
    int calls = 0;      // timed calls of each path
    int threads = 1;    // torch intra-op threads
    std::vector<KerasLayerTimings> layers;
    QJsonObject toJson() const;
};

// `calls` timed forwards of each path per layer, after a few untimed. Throws StudioError for a
// length or count below 1.
KerasBenchmarkReport runKerasBenchmark(int length, int calls);

} // namespace studio
