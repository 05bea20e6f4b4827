#pragma once

// A Keras model (.h5, .keras), run natively: text through the Keras Tokenizer saved beside it and
// pad_sequences, ids and series as they are; every softmax the model computes is an attention
// candidate, the first that fits the input shown; the same sanity warnings as for TorchScript.

#include "session/ModelSession.h"

#include <memory>
#include <optional>

namespace studio {

namespace keras {
class KerasModel;
class KerasTokenizer;
} // namespace keras

class KerasSession : public ModelSession {
public:
    KerasSession(const QString& path, const SessionOptions& options);
    ~KerasSession() override;

    ModelSummary summary() const override { return summary_; }
    InferenceResult run(const InferenceRequest& request) override;

private:
    std::unique_ptr<keras::KerasModel> model_;
    std::unique_ptr<keras::KerasTokenizer> tokenizer_;
    SessionOptions options_;
    ModelSummary summary_;
};

// The tokenizer file for a model: the one given, else MODEL.tokenizer.json or tokenizer.json
// beside the model; empty when there is none.
QString kerasTokenizerPath(const QString& modelPath, const QString& given);

} // namespace studio
