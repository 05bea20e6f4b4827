#pragma once

// Plain value types that cross from core (torch, worker threads) to ui (widgets, GUI thread).
// No torch header may ever be included here: ui/ includes this file.

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace studio {

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

// What a view shows about an open model.
struct ModelSummary {
    QString path;
    QString name;          // file name, for titles and legends
    QString kind;          // "native" (trained in the app) or "torchscript"
    QString input;         // "tokens", "series" or "" (unknown: a TorchScript file without meta.json)
    QString description;   // one line: "additive attention, bi-LSTM, 2 classes"
    QStringList labels;    // class names, when known
    int features = 0;      // series models: values per step, when known
};

// One input for a model: text (token models) or a series (series models).
struct InferenceRequest {
    QString text;
    std::vector<float> series;  // steps × features, row-major
    int features = 0;
    QStringList featureNames;   // the series' column names, when it had a header
};

// A model's answer to one input, ready to show.
struct InferenceResult {
    std::vector<float> prediction;  // the raw output (logits or values)
    std::vector<double> forecast;   // forecasters: the prediction in the target's own units
    QString label;                  // the most likely class, for classifiers with labels
    double probability = std::numeric_limits<double>::quiet_NaN();  // of `label`
    AttentionMap attention;         // with the tokens the model read (text input)
    std::vector<int64_t> tokenIds;  // the ids the model read (text input)
    QString source;                 // "output", "graph" or "none"
    QStringList warnings;
    double milliseconds = 0.0;      // time the model took
};

// The attention of the probe examples after one epoch (or N steps), for the training timeline.
struct AttentionSnapshot {
    int epoch = 0;
    int64_t step = 0;
    std::vector<AttentionMap> probes;
    std::vector<QString> predictions;  // per probe: label and probability, or the value
};

} // namespace studio

Q_DECLARE_METATYPE(studio::AttentionMap)
Q_DECLARE_METATYPE(studio::ModelSummary)
Q_DECLARE_METATYPE(studio::InferenceRequest)
Q_DECLARE_METATYPE(studio::InferenceResult)
Q_DECLARE_METATYPE(studio::AttentionSnapshot)
Q_DECLARE_METATYPE(studio::EpochMetrics)
Q_DECLARE_METATYPE(studio::TrainingProgress)
Q_DECLARE_METATYPE(studio::MetricRecord)
