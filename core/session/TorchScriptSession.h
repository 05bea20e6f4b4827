#pragma once

// A TorchScript file from PyTorch: text through its meta.json's vocabulary and tokenizer, ids
// checked against that vocabulary, series scaled as meta.json says (inside TorchScriptModel);
// explained through the same preparation.

#include "external/MetaTokenizer.h"
#include "external/TorchScriptModel.h"
#include "session/ModelSession.h"

#include <optional>

namespace studio {

class TorchScriptSession : public ModelSession {
public:
    explicit TorchScriptSession(const QString& path);

    ModelSummary summary() const override { return m_summary; }
    InferenceResult run(const InferenceRequest& request) override;
    // eₜ is the embedding's output found in the graph (tokens) or the scaled series
    // (external/TorchScriptExplainedInput); the attention is the one run() shows.
    Explanation explain(const InferenceRequest& request, const ExplainOptions& options) override;

private:
    struct Prepared {
        ExternalInput input;   // no ids and no series: empty text
        QStringList tokens;
        QStringList warnings;  // the tokenizer's
        bool unknownWords = false;
    };
    Prepared prepare(const InferenceRequest& request) const;

    TorchScriptModel m_model;
    ModelSummary m_summary;
    std::optional<MetaTokenizer> m_tokenizer;
};

} // namespace studio
