#pragma once

// An explained input that asks, before every run of its model, whether the work should stop
// (ExplainOptions::stopRequested), and throws ExplanationStopped when it should. Every stage runs
// the model through its input in batches (occlusion's copies, the integrated-gradients path, the
// faithfulness curves), so a newer input stops an older explanation within one batch instead of
// waiting for a long stage to end. explainInput wraps the input in one and catches the throw.

#include "analysis/ExplainedInput.h"

#include <functional>

namespace studio {

struct ExplanationStopped {};

class StoppableInput : public ExplainedInput {
public:
    StoppableInput(ExplainedInput& inner, std::function<bool()> stopRequested);

    ScoreKind scoreKind() const override { return m_inner.scoreKind(); }
    bool isSeries() const override { return m_inner.isSeries(); }
    torch::Tensor stepInputs() override { return m_inner.stepInputs(); }
    torch::Tensor baseline() override { return m_inner.baseline(); }
    ExplainedPass forward(const torch::Tensor& stepInputs) override;
    torch::Tensor predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements) override;
    QString deletionUnavailable() const override { return m_inner.deletionUnavailable(); }
    torch::Tensor predictWithStepsDeleted(const std::vector<std::vector<size_t>>& deletions) override;
    QString interventionsUnavailable() const override { return m_inner.interventionsUnavailable(); }
    torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights) override;

private:
    void throwIfStopped() const;

    ExplainedInput& m_inner;
    std::function<bool()> m_stopRequested;
};

} // namespace studio
