#pragma once

// A model trained in PyTorch and saved as TorchScript, opened as it is: run on one input, with
// its attention taken from the output or found inside the forward graph.
// No torch header here (pimpl): the GUI will hold one of these.

#include "common/ValueTypes.h"
#include "external/ModelMeta.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace studio {

class ExplainedInput;

// One example. Exactly one of tokenIds / series is used, chosen by which is non-empty.
struct ExternalInput {
    std::vector<int64_t> tokenIds;    // fed as int64 (1, T), or (T, 1) when time-major
    std::vector<float> series;        // T × featureCount row-major, fed as float (1, T, F) or (T, 1, F),
                                      // after meta.json's normalization when it has one
    int64_t featureCount = 0;
    // Auto: meta.json's batch_first, else the batch_first constant of the graph's aten::lstm /
    // aten::gru / aten::rnn_* call, else batch-first (and the result says it could not tell).
    SequenceLayout layout = SequenceLayout::Auto;
    // Which softmax of the graph to show when the model returns no attention (0-based, in the
    // order of ExternalResult::candidates); -1: the first whose shape fits the input.
    int candidate = -1;
};

// Where the attention of a result came from.
enum class AttentionSource { None, Output, Graph };
QString attentionSourceName(AttentionSource source);  // "none", "output", "graph"

struct ExternalResult {
    std::vector<float> prediction;        // the model's raw output, flattened
    std::vector<int64_t> predictionShape; // as the model returned it (batch axis kept)
    AttentionMap attention;               // batch axis removed; empty when none was found
    AttentionSource source = AttentionSource::None;
    QStringList candidates;               // graph softmax outputs seen, e.g. "softmax #1: 1×9"
    int chosenCandidate = -1;             // index into candidates when source == Graph
    QStringList warnings;                 // sanity checks, sentences for a person
    std::vector<ModelFlaw> flaws;         // what the warnings diagnose
    SequenceLayout layoutUsed = SequenceLayout::BatchFirst;  // never Auto
    QString layoutReason;                 // one sentence: which layout was used and why
};

class TorchScriptModel {
public:
    // Loads the file; throws StudioError with a sentence naming the file when it cannot.
    explicit TorchScriptModel(const QString& path);
    ~TorchScriptModel();
    TorchScriptModel(const TorchScriptModel&) = delete;
    TorchScriptModel& operator=(const TorchScriptModel&) = delete;

    const QString& path() const;
    bool hasMeta() const;        // the file carried a meta.json
    const ModelMeta& meta() const;

    // Runs the model on one example (no gradients, on the calling thread). Throws StudioError
    // when the input does not fit the model or the model fails.
    ExternalResult run(const ExternalInput& input) const;

    // The same input as the attribution methods see it (issue 13; external/TorchScriptExplainedInput):
    // runs it once as run() does, whose result goes to `result` when given, so the layout and the
    // attention shown are run()'s. The object shares this model's module: use it on the thread
    // that runs this model. Throws StudioError as run() does, and when a token model has no
    // embedding to start the attributions from.
    std::unique_ptr<ExplainedInput> explainedInput(const ExternalInput& input, ExternalResult* result = nullptr) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace studio
