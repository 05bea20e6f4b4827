#pragma once

// A TorchScript file from PyTorch: text through its meta.json's vocabulary and tokenizer, ids
// checked against that vocabulary, series scaled as meta.json says (inside TorchScriptModel).

#include "external/MetaTokenizer.h"
#include "external/TorchScriptModel.h"
#include "session/ModelSession.h"

#include <optional>

namespace studio {

class TorchScriptSession : public ModelSession {
public:
    explicit TorchScriptSession(const QString& path);

    ModelSummary summary() const override { return summary_; }
    InferenceResult run(const InferenceRequest& request) override;

private:
    TorchScriptModel model_;
    ModelSummary summary_;
    std::optional<MetaTokenizer> tokenizer_;
};

} // namespace studio
