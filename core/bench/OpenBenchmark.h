#pragma once

// `attention-cli bench --open FILE`: how long a model file takes from "open" to its first
// attention map, in one process: ModelSession::open, then one InferenceRequest of token ids,
// each timed, repeated. Beside it, in the same sitting, a reference: a native model
// (.asmodel) of the same size, built untrained from the file's Embedding and recurrent layer,
// saved to a temporary folder and opened the same way. For a Keras file the open is also split
// into its stages (reading the file, building the LibTorch graph, the first run) by calling
// them directly. See docs/BENCHMARKS.md, "Opening a Keras file".

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct OpenBenchmarkSettings {
    QString path;               // any model file ModelSession::open reads
    int repeats = 5;            // timed rounds; the median is reported
    int warmupRounds = 1;       // untimed rounds first (the process's first open pays one-time costs)
    std::vector<int64_t> ids;   // empty: the model's input length (200 when free) of seeded random ids
    bool reference = true;      // also time the same-size native model (token models with an Embedding
                                // and an LSTM/GRU only; otherwise skipped with a note)
    bool stages = true;         // Keras files: also time readKerasFile / KerasModel / KerasModel::run
};

// Milliseconds of each timed round, and their median, minimum and maximum.
struct TimingSeries {
    std::vector<double> ms;
    double medianMs = 0.0;
    double minMs = 0.0;
    double maxMs = 0.0;

    void add(double value);
    void finish();  // computes median, min and max of `ms`
    QJsonObject toJson() const;
};

// One model file opened and run `repeats` times.
struct OpenTimings {
    QString path;
    QString format;             // "keras", "native", "torchscript"
    QString description;        // the session's one-line summary
    qint64 fileBytes = 0;
    int64_t parameters = 0;     // weight values (Keras: every array in the file; native: model parameters)
    TimingSeries check;         // the file read first in a child process (io/ModelFileCheck.h)
    TimingSeries open;          // ModelSession::open, after the check
    TimingSeries firstResult;   // the first ModelSession::run after it
    TimingSeries total;         // the three together: a person's open to first attention
    std::vector<double> warmupTotalMs;  // the untimed rounds (the process's first)
    qint64 peakResidentBytes = 0;       // the highest VmHWM after a round (reset before each)
    qint64 peakGrowthBytes = 0;         // the most a round's VmHWM rose above the VmRSS it began with
    int attentionSteps = 0;     // entries of the attention map of the first result (0: none)
    QString attentionSource;    // the result's source ("graph", "output", "none")

    QJsonObject toJson() const;
};

// The three parts of opening a Keras file, each called directly.
struct KerasOpenStages {
    TimingSeries readFile;      // keras::readKerasFile: HDF5 / zip to float arrays
    TimingSeries buildModel;    // keras::KerasModel: config graph, arrays copied into tensors
    TimingSeries firstRun;      // KerasModel::run of the ids, one call
    QJsonObject toJson() const;
};

struct OpenBenchmarkReport {
    int repeats = 0;
    int warmupRounds = 0;
    int threads = 1;            // torch intra-op threads during the run
    int length = 0;             // ids per request
    qint64 residentBeforeBytes = 0;  // VmRSS before the first round
    bool peakResetPerRun = false;    // whether /proc/self/clear_refs reset VmHWM before each round
    OpenTimings model;
    bool hasReference = false;
    OpenTimings reference;      // the same-size native model
    QString referenceNote;      // why there is no reference, or how it was built
    bool hasStages = false;
    KerasOpenStages stages;
    // model / reference, medians: open, first result, open to first result.
    double openRatio = 0.0;
    double firstResultRatio = 0.0;
    double totalRatio = 0.0;

    QJsonObject toJson() const;
};

// Throws StudioError as ModelSession::open and run do, or for a non-positive setting.
OpenBenchmarkReport runOpenBenchmark(const OpenBenchmarkSettings& settings);

} // namespace studio
