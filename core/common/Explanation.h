#pragma once

// Is the attention an explanation? (issue 13) The per-step attributions of one input beside its
// attention weights, as plain values: what the analysis computes on a worker thread and the
// window, `attention-cli explain` and the tests read. No torch.

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace studio {

// One per-step score, named as `attention-cli explain` writes it.
enum class AttributionMethod {
    Attention,            // the model's attention weights αₜ
    Gradient,             // ‖∂score/∂eₜ‖₂
    GradientTimesInput,   // Σ_d ∂score/∂eₜ,d · eₜ,d
    IntegratedGradients,  // Σ_d (eₜ,d − e′ₜ,d) · mean over the path of ∂score/∂eₜ,d
    Occlusion,            // score(x) − score(x with step t replaced by the pad id, or zeros for a series)
    AttentionNorm,        // αₜ · ‖hₜ‖ (Kobayashi et al. 2020)
};

// The methods in the order they are computed, cheapest first.
const std::vector<AttributionMethod>& attributionMethods();
// "attention", "gradient", "grad_input", "integrated_gradients", "occlusion", "attention_norm".
QString toString(AttributionMethod method);
bool parseAttributionMethod(const QString& name, AttributionMethod* out);

struct ExplainOptions {
    std::vector<AttributionMethod> methods;  // empty: every method the model allows
    int integratedGradientsSteps = 32;       // points on the path from the baseline
    int topK = 3;                            // for the top-k overlap
};

// Integrated gradients' completeness: the attributions' sum against score(x) − score(baseline).
struct IntegratedGradientsCompleteness {
    double sum = 0.0;
    double expected = 0.0;
    double error = 0.0;  // |sum − expected|
};

struct MethodScores {
    AttributionMethod method = AttributionMethod::Attention;
    std::vector<double> perStep;  // one per step
};

struct Explanation {
    // The number explained: the predicted class's logit (multi-class), or the model's first raw
    // output (one-output and regression heads).
    double score = 0.0;
    int predictedClass = -1;  // -1 when the head has one output
    QStringList steps;        // the tokens, or the step numbers of a series
    std::vector<MethodScores> methods;
    std::optional<IntegratedGradientsCompleteness> integratedGradients;
    QStringList notes;  // what was left out and why (e.g. no αₜ·‖hₜ‖ for a model without one attention distribution)

    const std::vector<double>* scores(AttributionMethod method) const;
};

} // namespace studio
