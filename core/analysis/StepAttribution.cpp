#include "analysis/StepAttribution.h"

#include "analysis/AttentionInterventions.h"
#include "analysis/ExplanationAgreement.h"
#include "analysis/NativeExplainedInput.h"
#include "analysis/RankAgreement.h"
#include "analysis/StoppableInput.h"

#include "common/StudioError.h"

#include <torch/autograd.h>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr int64_t kPathBatch = 32;       // points of the integrated-gradients path run together
constexpr int64_t kCellBatch = 64;       // copies of a series, one value replaced in each, run together

std::vector<double> toVector(const torch::Tensor& values)
{
    const torch::Tensor flat = values.detach().to(torch::kDouble).contiguous().reshape({-1});
    return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
}

bool wanted(const ExplainOptions& options, AttributionMethod method)
{
    return options.methods.empty() || std::find(options.methods.begin(), options.methods.end(), method) != options.methods.end();
}

// The column of the prediction that is explained: the largest output when there are several,
// else the one.
int64_t explainedOutput(ScoreKind kind, const torch::Tensor& prediction)
{
    return kind == ScoreKind::ClassLogits ? prediction[0].argmax().item<int64_t>() : 0;
}

// The score of each row of a batch of step inputs (B, T, E).
torch::Tensor scoresOf(ExplainedInput& input, const torch::Tensor& stepInputs, int64_t output)
{
    return input.forward(stepInputs).prediction.select(1, output);
}

// Integrated gradients along the straight path from `baseline` to `inputs` (both (1, T, E)), by
// the midpoint rule over `points` points: (T, E), each (e − e′)·mean ∂score/∂e; a step's row is
// the sum over its dimensions.
torch::Tensor integratedGradients(ExplainedInput& input, const torch::Tensor& inputs, const torch::Tensor& baseline,
                                  int64_t output, int points)
{
    const torch::Tensor difference = inputs - baseline;
    torch::Tensor gradientSum = torch::zeros_like(inputs);
    for (int64_t first = 0; first < points; first += kPathBatch) {
        const int64_t count = std::min<int64_t>(kPathBatch, points - first);
        const torch::Tensor alphas = (torch::arange(first, first + count, inputs.options()) + 0.5) / static_cast<double>(points);
        torch::Tensor path = (baseline + alphas.view({-1, 1, 1}) * difference).detach().requires_grad_(true);
        const torch::Tensor scores = scoresOf(input, path, output);
        const torch::Tensor gradient = torch::autograd::grad({scores.sum()}, {path})[0];
        gradientSum += gradient.sum(0, /*keepdim=*/true);
    }
    return (difference * gradientSum / static_cast<double>(points))[0];
}

// score(x) − score(x without step t): replaced by the pad id for tokens, by zeros for a series, or
// deleted.
std::vector<double> occlusion(ExplainedInput& input, int64_t steps, double score, int64_t output, StepRemoval removal)
{
    std::vector<std::vector<size_t>> oneStepEach(static_cast<size_t>(steps));
    for (size_t t = 0; t < oneStepEach.size(); ++t)
        oneStepEach[t] = {t};
    std::vector<double> drops = scoresWithStepsRemoved(input, output, oneStepEach, removal);
    for (double& drop : drops)
        drop = score - drop;
    return drops;
}

// A series, score(x) − score(x with the one value xₜ,f replaced by 0) for every step and feature,
// (T·F) row-major. For a series eₜ is the input values, so the altered copies go through forward()
// itself (no per-feature variant of predictWithStepsReplaced is needed), batched.
std::vector<double> featureOcclusion(ExplainedInput& input, const torch::Tensor& inputs, double score, int64_t output)
{
    torch::NoGradGuard noGradients;
    const int64_t cells = inputs.size(1) * inputs.size(2);
    std::vector<double> drops;
    drops.reserve(static_cast<size_t>(cells));
    for (int64_t first = 0; first < cells; first += kCellBatch) {
        const int64_t count = std::min(kCellBatch, cells - first);
        // Copy i has cell first + i (row-major over steps and features) set to 0.
        const torch::Tensor cell = torch::arange(first, first + count, torch::kLong).unsqueeze(1);
        const torch::Tensor altered = inputs.reshape({1, cells}).repeat({count, 1}).scatter_(1, cell, 0.0);
        for (double value : toVector(scoresOf(input, altered.view({count, inputs.size(1), inputs.size(2)}), output)))
            drops.push_back(score - value);
    }
    return drops;
}

// Keeps the methods in attributionMethods()' order (cheapest first), whatever order they came in.
void sortMethods(Explanation& explanation)
{
    const auto earlier = [](const auto& a, const auto& b) {
        const auto& order = attributionMethods();
        return std::find(order.begin(), order.end(), a.method) < std::find(order.begin(), order.end(), b.method);
    };
    std::stable_sort(explanation.methods.begin(), explanation.methods.end(), earlier);
    std::stable_sort(explanation.perFeature.begin(), explanation.perFeature.end(), earlier);
}

// The stages, written into `explanation` as each ends: a stop (a false from the progress callback,
// or ExplanationStopped thrown by a StoppableInput between batches) leaves the stages before it.
void explainStages(ExplainedInput& input, const ExplainOptions& options, ExplainedInput* frozenFrom, Explanation& explanation)
{
    torch::AutoGradMode gradients(/*enabled=*/true);  // a caller's inference mode must not leak in
    const torch::Tensor inputs = input.stepInputs();
    const int64_t steps = inputs.size(1);
    torch::Tensor e = inputs.clone().requires_grad_(true);
    const ExplainedPass pass = input.forward(e);
    const ScoreKind kind = input.scoreKind();
    const int64_t output = explainedOutput(kind, pass.prediction);
    const torch::Tensor score = pass.prediction[0][output];

    explanation.score = score.item<double>();
    // Deleting a step needs a model that reads any length, and more than the one step.
    explanation.removal = options.removal;
    if (options.removal == StepRemoval::Delete) {
        const QString why = steps < 2 ? QStringLiteral("one step cannot be deleted and leave something to read")
                                      : input.deletionUnavailable();
        if (!why.isEmpty()) {
            explanation.removal = StepRemoval::Replace;
            explanation.notes << QStringLiteral("Steps were replaced (pad id or zeros), not deleted: %1.").arg(why);
        }
    }
    explanation.predictedClass = kind == ScoreKind::ClassLogits ? static_cast<int>(output) : -1;
    const auto add = [&](AttributionMethod method, std::vector<double> perStep) {
        explanation.methods.push_back({method, std::move(perStep)});
    };
    // A series' values per step and feature (eₜ,f is feature f's value at step t); token models'
    // embedding dimensions mean nothing on their own, so they get none.
    const bool series = input.isSeries();
    const auto features = static_cast<int>(inputs.size(2));
    const auto addPerFeature = [&](AttributionMethod method, std::vector<double> values) {
        if (series)
            explanation.perFeature.push_back({method, features, std::move(values)});
    };
    // After each stage: the caller sees what is known and may stop the rest.
    const auto goOn = [&] {
        sortMethods(explanation);
        return !options.progress || options.progress(explanation);
    };
    const bool oneDistribution = pass.weights.defined();
    if (oneDistribution) {
        const torch::Tensor weights = pass.weights[0].detach();
        if (wanted(options, AttributionMethod::Attention))
            add(AttributionMethod::Attention, toVector(weights));
        if (wanted(options, AttributionMethod::AttentionNorm) && pass.states.defined())
            add(AttributionMethod::AttentionNorm, toVector(weights * pass.states[0].detach().norm(2, /*dim=*/1)));
    } else {
        explanation.notes << QStringLiteral("The app sees no single attention distribution over the steps of this model: no "
                                            "attention row and no attention-norm row.");
    }
    if (oneDistribution && !pass.states.defined() && wanted(options, AttributionMethod::AttentionNorm))
        explanation.notes << QStringLiteral("The app does not see the hidden states this model's attention weighs: no "
                                            "attention-norm row.");
    if (!goOn())
        return;

    if (wanted(options, AttributionMethod::Gradient) || wanted(options, AttributionMethod::GradientTimesInput)) {
        const torch::Tensor gradient = torch::autograd::grad({score}, {e}, /*grad_outputs=*/{}, /*retain_graph=*/false)[0][0];
        if (wanted(options, AttributionMethod::Gradient)) {
            add(AttributionMethod::Gradient, toVector(gradient.norm(2, /*dim=*/1)));
            addPerFeature(AttributionMethod::Gradient, toVector(gradient));
        }
        if (wanted(options, AttributionMethod::GradientTimesInput)) {
            const torch::Tensor timesInput = gradient * inputs[0];
            add(AttributionMethod::GradientTimesInput, toVector(timesInput.sum(1)));
            addPerFeature(AttributionMethod::GradientTimesInput, toVector(timesInput));
        }
        if (!goOn())
            return;
    }
    if (wanted(options, AttributionMethod::Occlusion)) {
        std::vector<double> perStep = occlusion(input, steps, explanation.score, output, explanation.removal);
        // One feature: replacing xₜ,0 is replacing step t, already measured.
        if (series)
            addPerFeature(AttributionMethod::Occlusion,
                          features == 1 ? perStep : featureOcclusion(input, inputs, explanation.score, output));
        add(AttributionMethod::Occlusion, std::move(perStep));
        if (!goOn())
            return;
    }
    if (wanted(options, AttributionMethod::IntegratedGradients)) {
        // The baseline: every step the pad token's embedding (tokens), or zeros (a series).
        const torch::Tensor baseline = input.baseline();
        const torch::Tensor cells = integratedGradients(input, inputs, baseline, output, options.integratedGradientsSteps);
        std::vector<double> perStep = toVector(cells.sum(1));
        addPerFeature(AttributionMethod::IntegratedGradients, toVector(cells));
        IntegratedGradientsCompleteness completeness;
        for (double value : perStep)
            completeness.sum += value;
        {
            torch::NoGradGuard noGradients;
            completeness.expected = explanation.score - scoresOf(input, baseline, output)[0].item<double>();
        }
        completeness.error = std::abs(completeness.sum - completeness.expected);
        explanation.integratedGradients = completeness;
        add(AttributionMethod::IntegratedGradients, std::move(perStep));
        if (!goOn())
            return;
    }

    // Faithfulness of each ranking: the attention's by weight, each attribution's by magnitude.
    std::vector<std::pair<QString, std::vector<size_t>>> rankings;
    for (const MethodScores& entry : explanation.methods) {
        const std::vector<double> importance =
            entry.method == AttributionMethod::Attention ? entry.perStep : magnitudes(entry.perStep);
        rankings.emplace_back(toString(entry.method), topSteps(importance, importance.size()));
    }
    const double direction = kind == ScoreKind::BinaryLogit && explanation.score < 0.0 ? -1.0 : 1.0;
    explanation.faithfulness = measureFaithfulness(input, explanation.score, output, rankings, options.faithfulnessSteps,
                                                   options.randomDraws, options.seed, direction, explanation.removal);
    // Undefined states or weights (a model whose states the app does not see) give the reason.
    const auto detached = [](const torch::Tensor& tensor) { return tensor.defined() ? tensor.detach() : torch::Tensor(); };
    explanation.interventions = interveneOnAttention(input, detached(pass.states), detached(pass.weights), output,
                                                     options.permutations, options.seed);
    if (options.frozenFrom)
        explanation.interventions.frozen = freezeAttention(input, detached(pass.states), frozenFrom, output);
    explanation.complete = true;
    return;
}

} // namespace

Explanation explainInput(ExplainedInput& input, const ExplainOptions& options, ExplainedInput* frozenFrom)
{
    if (options.integratedGradientsSteps < 1)
        throw StudioError(QStringLiteral("Integrated gradients need at least 1 step on the path, not %1.")
                              .arg(options.integratedGradientsSteps));
    Explanation explanation;
    if (!options.stopRequested) {
        explainStages(input, options, frozenFrom, explanation);
        return explanation;
    }
    StoppableInput stoppable(input, options.stopRequested);
    try {
        explainStages(stoppable, options, frozenFrom, explanation);
    } catch (const ExplanationStopped&) {
        explanation.complete = false;  // the stages finished before the stop are kept
        sortMethods(explanation);
    }
    return explanation;
}

Explanation explainExample(AttentionModel& model, const Example& example, const ExplainOptions& options, const Example* frozenFrom)
{
    const auto empty = [](const Example& e) { return e.tokens.empty() && e.values.empty() && e.series().size() == 0; };
    if (empty(example))
        throw StudioError(QStringLiteral("There is nothing to explain: the input is empty."));
    NativeExplainedInput input(model, example);
    if (options.frozenFrom && frozenFrom && !empty(*frozenFrom)) {
        NativeExplainedInput other(model, *frozenFrom);
        return explainInput(input, options, &other);
    }
    Explanation explanation = explainInput(input, options);
    // Nothing to freeze to, where the model could have taken another input's weights.
    if (options.frozenFrom && explanation.complete && input.interventionsUnavailable().isEmpty())
        explanation.interventions.frozen.reason = QStringLiteral("the other input has no step the model can read");
    return explanation;
}

} // namespace studio
