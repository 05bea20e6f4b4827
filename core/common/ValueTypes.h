#pragma once

// Plain value types that cross from core (torch, worker threads) to ui (widgets, GUI thread).
// No torch header may ever be included here: ui/ includes this file.

#include "common/AttentionTrace.h"
#include "common/ModelFlaw.h"
#include "common/TrainingStatus.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace studio {

// How a sequence is fed to a model: (batch, time, ...) or (time, batch, ...) as nn.LSTM without
// batch_first. Auto: as the model file says (meta.json, or the recurrent call in its graph).
enum class SequenceLayout { Auto, BatchFirst, TimeMajor };

// Attention weights of one example, batch axis removed, values row-major.
// shape {T}: one distribution per sequence; {T, T}: self-attention; {T, d}: per-feature.
struct AttentionMap {
    std::vector<int64_t> shape;
    std::vector<float> values;
    QStringList tokens;  // the tokens the model saw (text input only)

    bool isEmpty() const { return values.empty(); }
};

// One progress report from the training loop.
struct TrainingProgress {
    int epoch = 0;          // 1-based epoch being run
    int epochs = 0;         // epochs planned in total
    int64_t step = 0;       // optimizer steps so far, across epochs
    int64_t stepsPerEpoch = 0;
    double trainLoss = std::numeric_limits<double>::quiet_NaN();    // mean over the epoch so far
    double trainMetric = std::numeric_limits<double>::quiet_NaN();  // accuracy or MAE so far
    double validationLoss = std::numeric_limits<double>::quiet_NaN();  // set when epochEnd
    double validationMetric = std::numeric_limits<double>::quiet_NaN();
    // Forecasters, at epoch ends: the validation error in the target's own units, beside that of
    // the persistence forecast (next = last value) on the same windows, so a person sees whether
    // the model learns anything the naive forecast does not. NaN otherwise.
    double validationForecastMae = std::numeric_limits<double>::quiet_NaN();
    double persistenceMae = std::numeric_limits<double>::quiet_NaN();
    // Tasks whose deciding steps are known (keyword, spike), at epoch ends: the mean attention mass
    // the validation examples put on their deciding steps, the agreement of attention with the
    // truth. NaN otherwise (no marks, or attention that is not one distribution over time).
    double attentionOnDecidingSteps = std::numeric_limits<double>::quiet_NaN();
    double samplesPerSecond = 0.0;
    bool epochEnd = false;
};

// Metrics of one finished epoch, kept in the checkpoint as the run's history.
struct EpochMetrics {
    int epoch = 0;
    double trainLoss = 0.0;
    double trainMetric = 0.0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
    double validationMetric = std::numeric_limits<double>::quiet_NaN();
};

// One record of a run's metrics (a line of an external run folder's metrics file): the step and
// epoch it belongs to and every number it carried, e.g. train_loss, validation_accuracy.
struct MetricRecord {
    int64_t step = -1;       // -1 when the record did not say
    int epoch = 0;           // 0 when the record did not say
    bool epochEnd = false;   // an end-of-epoch record (validation metrics)
    std::vector<std::pair<QString, double>> values;

    // The value named `name`, or NaN.
    double value(const QString& name) const
    {
        for (const auto& [key, number] : values)
            if (key == name)
                return number;
        return std::numeric_limits<double>::quiet_NaN();
    }
};

// The file format a model came from.
enum class ModelFormat { Native, TorchScript, Keras };
// What a model reads; Unknown for a file that does not say (TorchScript without meta.json).
enum class ModelInputKind { Unknown, Tokens, Series };

// What a view shows about an open model.
struct ModelSummary {
    QString path;
    QString name;          // file name, for titles and legends
    ModelFormat format = ModelFormat::Native;
    ModelInputKind input = ModelInputKind::Unknown;
    QString description;   // one line: "additive attention, bi-LSTM, 2 classes"
    QStringList labels;    // class names, when known
    QStringList labelCodes;  // how data files write each class, when the classes were named (IMDB's 0, 1)
    int features = 0;      // series models: values per step, when known
    int fixedLength = 0;   // steps the model requires (a positional bias, a fixed Input shape); 0: any
    bool outputsProbabilities = false;  // the output is probabilities already (a sigmoid/softmax last layer), not logits
    QStringList notes;     // what a person should know before reading any result (one sentence each)
    // Keras custom attention layers: the formulas its weights fit, the default first (names for
    // SessionOptions::formula); empty when the weights settle it.
    QStringList formulas;
};

// One input for a model: text or token ids (token models) or a series (series models). Build it
// with the model's own ModelSession::readSeries for a series file, so every caller prepares input
// the same way.
struct InferenceRequest {
    QString text;
    std::vector<int64_t> ids;   // token ids given as they are; used instead of text when non-empty
    std::vector<float> series;  // steps × features, row-major; NaN marks a missing value
    int features = 0;
    QStringList featureNames;   // the series' column names, when it had a header
    SequenceLayout layout = SequenceLayout::Auto;  // external models: (batch, time) or (time, batch)
    int candidate = -1;         // which softmax to show (0-based); -1: the first that fits the input
    bool trace = false;         // models the app runs itself: also fill InferenceResult::trace
    int readSteps = 0;          // forecasters: read the last N rows, not the model's window (0: its window)
};

// A model's answer to one input, ready to show.
struct InferenceResult {
    std::vector<float> prediction;  // the raw output (logits or values)
    std::vector<double> forecast;   // forecasters: the prediction in the target's own units
    QString label;                  // the most likely class, for classifiers with labels
    double probability = std::numeric_limits<double>::quiet_NaN();  // of `label`
    AttentionMap attention;         // with the tokens the model read (text or ids input)
    std::vector<int64_t> tokenIds;  // the ids the model read (text or ids input)
    QString source;                 // "output", "graph", "layer" or "none"
    QStringList candidates;         // every softmax found, e.g. "softmax #1 (activation_1): 9"
    int chosenCandidate = -1;       // index into candidates of the one shown
    QString layoutNote;             // external models: which sequence layout was used and why
    QStringList warnings;           // sentences for a person, with the numbers; translated in the window
    std::vector<ModelFlaw> flaws;   // what the warnings diagnose, each once, for explanations and scripts
    double milliseconds = 0.0;      // time the model took
    AttentionTrace trace;           // when asked for (InferenceRequest::trace) and the app runs the model

    bool hasTokens() const { return !tokenIds.empty(); }
};

// The attention of the probe examples after one epoch (or N steps), for the training timeline.
struct AttentionSnapshot {
    int epoch = 0;
    int64_t step = 0;
    std::vector<AttentionMap> probes;
    std::vector<QString> predictions;  // per probe: label and probability, or the value
    // Per probe, what it is when its tokens do not say: a series window's time range
    // ("1750 – 1759"), a generated series' example number. Empty for text probes.
    std::vector<QString> probeNames;
};

} // namespace studio

Q_DECLARE_METATYPE(studio::AttentionMap)
Q_DECLARE_METATYPE(studio::ModelFormat)
Q_DECLARE_METATYPE(studio::ModelSummary)
Q_DECLARE_METATYPE(studio::InferenceRequest)
Q_DECLARE_METATYPE(studio::InferenceResult)
Q_DECLARE_METATYPE(studio::AttentionSnapshot)
Q_DECLARE_METATYPE(studio::EpochMetrics)
Q_DECLARE_METATYPE(studio::TrainingProgress)
Q_DECLARE_METATYPE(studio::MetricRecord)
