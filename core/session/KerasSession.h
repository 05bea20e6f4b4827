#pragma once

// A Keras model (.h5, .keras), run natively: text through the Keras Tokenizer saved beside it and
// pad_sequences, ids as they are, a series by the column names of the sidecar (or as it is); every softmax the model computes is an attention
// candidate, the first that fits the input shown; the same sanity warnings as for TorchScript. Explained per step
// (issue 13) with eₜ the input Embedding's output or the series' values.

#include "session/ModelSession.h"

#include <memory>
#include <optional>

namespace studio {

namespace keras {
class KerasModel;
class KerasSidecar;
} // namespace keras

class KerasSession : public ModelSession {
public:
    KerasSession(const QString& path, const SessionOptions& options);
    ~KerasSession() override;

    ModelSummary summary() const override { return m_summary; }
    InferenceRequest readSeries(const QString& path) const override;
    InferenceResult run(const InferenceRequest& request) override;
    // The input as run() prepares and shows it (tokenizer, pad_sequences, sidecar, the chosen
    // softmax), explained through external/keras/KerasExplainedInput: every step run() shows,
    // padding included, so the rows line up with the attention view.
    Explanation explain(const InferenceRequest& request, const ExplainOptions& options) override;

private:
    std::unique_ptr<keras::KerasModel> m_model;
    std::unique_ptr<keras::KerasSidecar> m_sidecar;
    SessionOptions m_options;
    ModelSummary m_summary;
};

// The sidecar of a model (tokenizer, labels, feature names): the one given, else
// MODEL.tokenizer.json, MODEL.meta.json or tokenizer.json beside the model; empty when none.
QString kerasSidecarPath(const QString& modelPath, const QString& given);

} // namespace studio
