#pragma once

// One input of a model as the attribution methods see it (issue 13): its step inputs eₜ, a
// differentiable pass from them, and the model run on altered copies of the input. Native,
// TorchScript and Keras models each give one (analysis/NativeExplainedInput, external/...), and
// analysis/StepAttribution runs the same methods on all of them: one way to explain.
//
// eₜ is the embedding's output for a token model and the input values for a series. Replacing a
// step means what the issue says: the pad id for tokens (its embedding, in eₜ space), zeros for a
// series. Runs on the calling thread (never the GUI's).

#include <torch/types.h>

#include <QString>

#include <cstddef>
#include <vector>

namespace studio {

// What the explained number is.
enum class ScoreKind {
    ClassLogits,  // several outputs: the predicted (largest) output's raw value
    BinaryLogit,  // one output whose sign is the class: faithfulness is read on the predicted side
    Value,        // one output read as it is (a regression, a probability): no class
};

struct ExplainedPass {
    torch::Tensor prediction;  // (B, outputs), raw, in the model's units
    torch::Tensor weights;     // (B, T): the attention, when the app sees one distribution over the
                               // steps; undefined otherwise
    torch::Tensor states;      // (B, T, D): the states the attention weighs, when the app sees them;
                               // undefined otherwise
};

class ExplainedInput {
public:
    virtual ~ExplainedInput() = default;

    virtual ScoreKind scoreKind() const = 0;
    virtual bool isSeries() const = 0;  // step inputs are the input values (zeros as the baseline)

    // This input's eₜ, (1, T, E), detached, in the dtype forward() takes.
    virtual torch::Tensor stepInputs() = 0;
    // Integrated gradients' baseline, (1, T, E): the pad token's embedding at every step, or zeros.
    virtual torch::Tensor baseline() = 0;
    // The model from a batch of step inputs (B, T, E), recording autograd when it is enabled.
    virtual ExplainedPass forward(const torch::Tensor& stepInputs) = 0;
    // The prediction (B, outputs) of B copies of the input, copy i with the steps in
    // replacements[i] replaced (pad id / zeros). No gradients; the caller batches.
    virtual torch::Tensor predictWithStepsReplaced(const std::vector<std::vector<size_t>>& replacements) = 0;

    // Copies of the input with the steps in deletions[i] cut out (shorter sequences), as ERASER
    // removes tokens: only for models that read sequences of any length. Empty when possible, else
    // the reason, one clause; predictWithStepsDeleted is only called when it is empty.
    virtual QString deletionUnavailable() const;
    virtual torch::Tensor predictWithStepsDeleted(const std::vector<std::vector<size_t>>& deletions);

    // Interventions on the attention (uniform, permuted, top step zeroed) keep the hidden states and
    // swap the weights: possible only where the app computes the attention itself. Empty when
    // possible, else the reason, one clause ("the file's attention is computed inside its graph").
    virtual QString interventionsUnavailable() const = 0;
    // The prediction (B, outputs) from states (B, T, D) under weights (B, T); only called when
    // interventionsUnavailable() is empty.
    virtual torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights);
};

} // namespace studio
