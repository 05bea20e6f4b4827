#pragma once

// The one model interface. Every model the app opens — native (.asmodel), TorchScript, Keras
// (.h5/.keras) — is a ModelSession: it describes itself, prepares input as the model was trained
// to read it (text through its own tokenizer, token ids checked against its vocabulary, a series
// file read and scaled as it expects) and answers with plain values. The CLI (infer, render), the
// window and the tests all go through it, so a format or a feature lands once.
// No torch header here. Not thread-safe: one thread owns a session and runs it.

#include "common/Explanation.h"
#include "common/ValueTypes.h"

#include <QString>

#include <memory>

namespace studio {

struct SeriesTable;

// Things a file cannot say about itself, given by the person opening it.
struct SessionOptions {
    QString kerasConfig;   // Keras weights-only file: the architecture (model.to_json() output)
    QString tokenizer;     // Keras text models: Tokenizer.to_json() or a word_index JSON; empty:
                           // the sidecar next to the model (MODEL.tokenizer.json), when there is one
    int maxLength = 0;     // Keras text models: pad_sequences maxlen; 0: the model's input length
    QString formula;       // Keras custom attention layers whose formula cannot be told from the file
};

class ModelSession {
public:
    // Opens any supported file, recognised by its content; throws StudioError with a sentence
    // naming the file when it cannot.
    static std::unique_ptr<ModelSession> open(const QString& path, const SessionOptions& options = {});
    virtual ~ModelSession() = default;

    virtual ModelSummary summary() const = 0;

    // Reads a series CSV as this model takes it: a forecaster reads its own columns by name
    // (missing values marked NaN, handled by its policy in run()); other models read one row per
    // step with as many columns as they take features, with an optional header. Throws StudioError
    // naming the file and line.
    virtual InferenceRequest readSeries(const QString& path) const;

    // Runs the model on one input. Empty text gives an empty result. Throws StudioError when the
    // input does not fit the model.
    virtual InferenceResult run(const InferenceRequest& request) = 0;

    // Attributions per step beside the attention for one input (issue 13; analysis/StepAttribution).
    // Throws StudioError for a model the app cannot yet differentiate (this default) or an input
    // that does not fit; an empty input gives an empty explanation.
    virtual Explanation explain(const InferenceRequest& request, const ExplainOptions& options);

protected:
    // A table read by column names as a request: its columns, row-major, NaN kept for missing.
    static InferenceRequest requestFromTable(const SeriesTable& table);
};

// "3 7 1" or "3,7,1" -> ids; throws StudioError naming the part that is not a whole number.
std::vector<int64_t> parseTokenIds(const QString& text);

// "native", "torchscript", "keras": for JSON and messages.
QString formatName(ModelFormat format);
QString inputKindName(ModelInputKind input);

} // namespace studio
