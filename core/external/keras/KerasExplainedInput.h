#pragma once

// One input of a Keras model as the attribution methods see it (analysis/ExplainedInput, issue 13).
// eₜ is the output of the Embedding fed by the input ids (a token model) or the input values as the
// model reads them (a series). Replacing a step means what Keras users pad with: id 0 (the value
// pad_sequences pads with, which an Embedding(mask_zero=True) masks) or zeros for a series; the
// integrated-gradients baseline is id 0's embedding at every step, or zeros.
//
// The score is "whatever the model returns" (issue 13): the predicted class's raw output for
// several outputs — after the model's own softmax when it ends in one, so a probability, not a
// logit — and the one output as it is otherwise.
//
// The attention is the softmax the session shows (KerasSession::run's candidate), when it is one
// distribution over the steps. Interventions replace it only in the tutorials' custom layers whose
// output is Σₜ αₜ·vₜ (positional-bias, context-vector, Bahdanau): there the app sees vₜ and can give
// the layer's output for other weights. Runs on the calling thread; the model outlives this.

#include "analysis/ExplainedInput.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace studio::keras {

class KerasModel;
struct KerasPassInput;

class KerasExplainedInput : public ExplainedInput {
public:
    // `ids` for a token model, else `series` (steps × `features`, row-major), as KerasModel::run
    // takes them; `candidate`: the index of the shown softmax among the run's, -1 for none. Runs
    // the model once. Throws StudioError when the input does not fit the model.
    KerasExplainedInput(const KerasModel& model, std::vector<int64_t> ids, const std::vector<float>& series, int64_t features,
                        int candidate);

    ScoreKind scoreKind() const override { return m_kind; }
    bool isSeries() const override { return m_series; }
    torch::Tensor stepInputs() override;
    torch::Tensor baseline() override;
    ExplainedPass forward(const torch::Tensor& stepInputs) override;
    torch::Tensor predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements) override;
    QString interventionsUnavailable() const override { return m_interventionsUnavailable; }
    torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights) override;

private:
    torch::Tensor inputRows(int64_t rows) const;  // the input repeated along the batch
    torch::Tensor prediction(const KerasPassInput& input) const;

    const KerasModel& m_model;
    torch::Tensor m_input;  // (1, T) ids, or (1, T, F) values in the model's precision
    bool m_series = false;
    int64_t m_outputs = 0;
    int m_candidate = -1;
    QString m_attentionLayer;  // the layer that computes the shown softmax
    bool m_attentionReturnsWeights = false;
    ScoreKind m_kind = ScoreKind::Value;
    QString m_interventionsUnavailable;
};

} // namespace studio::keras
