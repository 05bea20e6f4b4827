#pragma once

// Is the attention an explanation? (issue 13) The per-step attributions of one input beside its
// attention weights, as plain values: what the analysis computes on a worker thread and the
// window, `attention-cli explain` and the tests read. No torch.

#include "common/ValueTypes.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
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

// How occlusion and the faithfulness curves take a step out of the input.
enum class StepRemoval {
    Replace,  // the step stays, as the pad id (tokens) or zeros (a series): the input keeps its length
    Delete,   // the step is cut out and the sequence is shorter, as ERASER removes tokens (the app's own
              // models; others fall back to Replace with a note)
};
QString toString(StepRemoval removal);  // "replace", "delete"
bool parseStepRemoval(const QString& name, StepRemoval* out);

struct Explanation;

struct ExplainOptions {
    std::vector<AttributionMethod> methods;  // empty: every method the model allows
    int integratedGradientsSteps = 32;       // points on the path from the baseline
    int topK = 3;                            // for the top-k overlap
    int faithfulnessSteps = 5;               // K: comprehensiveness and sufficiency for k = 1…K; 0: none
    int randomDraws = 10;                    // random rankings the faithfulness curves are set against
    int permutations = 10;                   // permuted-attention runs
    uint64_t seed = 1;                       // for the random rankings and permutations
    StepRemoval removal = StepRemoval::Replace;  // occlusion's and faithfulness' way of removing steps
    // Another input to the same model whose attention weights the "frozen" intervention puts on
    // this input's hidden states (Explanation::interventions.frozen). Defined only for models whose
    // attention is a module of the app's and for the same number of steps; otherwise the answer
    // gives the reason. Prepared by the session like the explained request.
    std::optional<InferenceRequest> frozenFrom;
    // Called on the computing thread after each stage (attention, gradients, occlusion, integrated
    // gradients; cheapest first) with what is known so far; returning false stops the work there,
    // and the explanation returned is the partial one (complete false). Empty: run to the end.
    std::function<bool(const Explanation& partial)> progress;
    // Asked before every run of the model inside a stage (its batches): true stops the work at
    // once, the stage in flight is dropped and the explanation returned holds the stages finished
    // before (complete false). For a newer input that must not wait for a long stage. Empty: never.
    std::function<bool()> stopRequested;
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

// A series' attributions per step and per feature (eₜ,f = the value of feature f at step t, as the
// model reads it): the per-step rows before they are summed over the features.
struct FeatureScores {
    AttributionMethod method = AttributionMethod::Gradient;  // gradient (signed ∂score/∂xₜ,f),
                                                               // grad_input, integrated_gradients, occlusion
    int features = 0;            // F
    std::vector<double> values;  // T × F, row-major: values[t * F + f]

    double at(size_t step, size_t feature) const { return values.at(step * static_cast<size_t>(features) + feature); }
    size_t steps() const { return features > 0 ? values.size() / static_cast<size_t>(features) : 0; }
};

// ERASER's faithfulness of one ranking of the steps (DeYoung et al. 2020), for k = 1…K: the
// steps the ranking puts first are removed (replaced by the pad id, or zeros for a series), or
// are all that is kept. Differences are taken on the predicted class's side: for a one-output
// binary head whose score is below 0 (the negative class), they are negated.
struct FaithfulnessCurve {
    QString ranking;                        // a method's name, or "random"
    std::vector<double> comprehensiveness;  // score(x) − score(x without its top k steps)
    std::vector<double> sufficiency;        // score(x) − score(x with only its top k steps)
    // For "random": the standard deviation over the draws at each k (empty otherwise).
    std::vector<double> comprehensivenessSpread;
    std::vector<double> sufficiencySpread;
    int draws = 0;
    double aopcComprehensiveness = 0.0;  // mean over k = 1…K
    double aopcSufficiency = 0.0;
};

// The prediction with this input's hidden states under another input's attention weights
// (ExplainOptions::frozenFrom): what the attention alone carries from one input to another.
struct FrozenAttention {
    bool requested = false;  // ExplainOptions::frozenFrom was given
    bool available = false;
    QString reason;          // why not, when requested and not available
    double score = 0.0;      // the score with the other input's weights on this input's states
    QStringList from;        // the other input's steps (tokens, or step numbers of a series)
};

// The prediction under other attention weights, with the same hidden states (Jain & Wallace 2019;
// Wiegreffe & Pinter 2019): for models whose attention the app computes itself.
struct AttentionInterventions {
    bool available = false;
    QString reason;            // why not, when not available
    double uniform = 0.0;      // the score with αₜ = 1/T on every real step
    double permuted = 0.0;     // the mean score with the weights shuffled among the steps
    double permutedSpread = 0.0;  // their standard deviation
    int permutations = 0;
    double topZeroed = 0.0;    // the score with the most attended step's weight 0, the rest renormalised
    FrozenAttention frozen;    // has its own reason: it may be impossible where the others are not
};

struct Explanation {
    // The number explained: the predicted class's logit (multi-class), or the model's first raw
    // output (one-output and regression heads).
    double score = 0.0;
    int predictedClass = -1;  // -1 when the head has one output
    StepRemoval removal = StepRemoval::Replace;  // how occlusion and faithfulness removed steps
    QStringList steps;        // the tokens, or the step numbers of a series
    std::vector<MethodScores> methods;
    // Series only: gradient, grad_input, integrated_gradients and occlusion per step and feature
    // (those of `methods` that were asked for); empty for token models.
    std::vector<FeatureScores> perFeature;
    QStringList features;  // the series' feature names where the session knows them, else empty
    std::optional<IntegratedGradientsCompleteness> integratedGradients;
    std::vector<FaithfulnessCurve> faithfulness;  // attention's ranking, each method's, then random
    AttentionInterventions interventions;
    bool complete = false;  // every stage ran (false for a partial answer, see ExplainOptions::progress)
    QStringList notes;  // what was left out and why (e.g. no αₜ·‖hₜ‖ for a model without one attention distribution)

    const std::vector<double>* scores(AttributionMethod method) const;
    const FeatureScores* featureScores(AttributionMethod method) const;
    // Feature f's name, or its column number ("0", "1", …) when the session does not know names.
    QString featureName(int feature) const;
};

// `options` with its progress callback wrapped so that every partial answer already carries the
// step labels, notes and (a series') feature names its final answer will (the session knows them
// before the analysis runs).
ExplainOptions withStepLabels(ExplainOptions options, const QStringList& steps, const QStringList& notes,
                              const QStringList& features = {});

} // namespace studio

Q_DECLARE_METATYPE(studio::Explanation)
Q_DECLARE_METATYPE(studio::ExplainOptions)
