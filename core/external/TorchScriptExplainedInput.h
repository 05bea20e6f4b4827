#pragma once

// One input of a TorchScript model as the attribution methods see it (analysis/ExplainedInput,
// issue 13). eₜ is the output of the graph's aten::embedding call that reads the input ids (a token
// model), or the input values after meta.json's normalization (a series). Two variants of the
// inlined forward graph, with the module's `self` passed in: one returns the embedding's output
// (stepInputs, baseline), the other takes eₜ as an extra input in the embedding's place and runs
// the rest of the model from it with autograd, the ids still read where the model reads them
// (a padding mask keeps the original input's). Replacing a step runs the original model on the ids
// with the pad id there, or on the values with zeros there.
//
// The app-facing tensors are (B, T, E) whatever layout the model reads; time-major models get
// them transposed at the boundary. A model written for one example may fail, or silently mix the
// examples, on a batch of several: the first batch is checked against its rows run one at a time,
// and on a failure or a difference every later batch is run row by row.
//
// Torch internals: included by TorchScriptModel.cpp and tests only. Runs on the calling thread.

#include "analysis/ExplainedInput.h"
#include "external/ScriptOutputs.h"
#include "external/TorchScriptModel.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/api/module.h>

#include <functional>
#include <memory>

namespace studio {

struct TorchScriptExplainSetup {
    torch::jit::Module module;
    QString name;                  // the file's name, for messages
    torch::Tensor input;           // as the model reads it: ids (1, T) / (T, 1), or a normalized series
    bool timeMajor = false;        // the layout the input is fed in (ExternalResult::layoutUsed)
    bool series = false;
    int64_t padId = 0;
    AttentionSource source = AttentionSource::None;  // where run() found the attention
    int candidate = -1;            // the graph softmax run() chose, when source == Graph
    int64_t outputs = 0;           // values of the prediction for one example
    ScoreKind scoreKind = ScoreKind::Value;
};

class TorchScriptExplainedInput : public ExplainedInput {
public:
    // Builds the graph variants and runs the embedding once. Throws StudioError naming the file
    // when a token model has no embedding to start from, or several and none reads the ids.
    explicit TorchScriptExplainedInput(TorchScriptExplainSetup setup);

    ScoreKind scoreKind() const override { return m_setup.scoreKind; }
    bool isSeries() const override { return m_setup.series; }
    torch::Tensor stepInputs() override;
    torch::Tensor baseline() override;
    ExplainedPass forward(const torch::Tensor& stepInputs) override;
    torch::Tensor predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements) override;
    QString interventionsUnavailable() const override;
    torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights) override;

    // True once a batch was found not to run as rows do, so rows run one at a time (tests).
    bool runsRowByRow() const { return m_rowByRow; }

private:
    using RowsPass = std::function<ExplainedPass(int64_t first, int64_t count)>;

    int64_t steps() const;
    torch::Tensor embed(const torch::Tensor& ids) const;            // (1, T, E) app-facing
    torch::Tensor idsRows(const torch::Tensor& appIds) const;       // (B, T) -> as the model reads them
    c10::IValue call(const std::function<c10::IValue()>& run, const torch::Tensor& shown) const;
    ScriptOutputs runFromSteps(const torch::Tensor& e, int64_t first, int64_t count) const;
    ExplainedPass passFromSteps(const torch::Tensor& e, int64_t first, int64_t count) const;
    ExplainedPass originalModel(const torch::Tensor& modelInput, int64_t count) const;
    torch::Tensor predictionRows(const torch::Tensor& raw, int64_t count) const;
    torch::Tensor weightRows(const torch::Tensor& raw, int64_t count) const;
    ExplainedPass inRows(int64_t rows, const RowsPass& pass);
    ExplainedPass rowByRow(int64_t rows, const RowsPass& pass);

    TorchScriptExplainSetup m_setup;
    std::shared_ptr<torch::jit::GraphFunction> m_embedding;  // (self, ids) -> eₜ; token models only
    std::shared_ptr<torch::jit::GraphFunction> m_fromSteps;  // (self, [ids,] e) -> output [, softmax]
    bool m_graphAttention = false;                           // m_fromSteps also returns run()'s softmax
    bool m_embeddingTimeMajor = false;                       // the embedding's output is (T, B, E)
    std::vector<int64_t> m_weightsShape;  // the attention's shape for one example; empty: not one distribution
    bool m_batchChecked = false;
    bool m_rowByRow = false;
};

} // namespace studio
