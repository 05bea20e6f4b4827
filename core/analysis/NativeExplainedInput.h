#pragma once

// One input of a native model (.asmodel, or a model in training) as the attribution methods see it
// (analysis/ExplainedInput): eₜ from the encoder's first half, the rest of the pass from there,
// and the attention the app computes itself, so every intervention is possible.

#include "analysis/ExplainedInput.h"
#include "data/Dataset.h"
#include "model/AttentionModel.h"
#include "train/Batch.h"

namespace studio {

class NativeExplainedInput : public ExplainedInput {
public:
    // `example` holds tokens or values as the model reads them. Puts the model in eval mode.
    NativeExplainedInput(AttentionModel& model, const Example& example);

    ScoreKind scoreKind() const override;
    bool isSeries() const override { return m_model->config().input != InputKind::Tokens; }
    torch::Tensor stepInputs() override;
    torch::Tensor baseline() override;
    ExplainedPass forward(const torch::Tensor& stepInputs) override;
    torch::Tensor predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements) override;
    QString deletionUnavailable() const override { return {}; }
    torch::Tensor predictWithStepsDeleted(const std::vector<std::vector<size_t>>& deletions) override;
    QString interventionsUnavailable() const override;
    torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights) override;

private:
    AttentionModel m_model;
    Batch m_single;  // the input as a batch of one, a series in the model's own precision
};

} // namespace studio
