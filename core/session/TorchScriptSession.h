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

    ModelSummary summary() const override { return m_summary; }
    InferenceResult run(const InferenceRequest& request) override;

private:
    TorchScriptModel m_model;
    ModelSummary m_summary;
    std::optional<MetaTokenizer> m_tokenizer;
};

} // namespace studio
