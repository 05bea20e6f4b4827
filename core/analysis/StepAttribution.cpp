#include "analysis/StepAttribution.h"

#include "analysis/AttentionInterventions.h"
#include "analysis/ExplanationAgreement.h"
#include "analysis/RankAgreement.h"

#include "common/StudioError.h"
#include "data/Vocabulary.h"
#include "train/Batch.h"

#include <torch/autograd.h>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr int64_t kPathBatch = 32;       // points of the integrated-gradients path run together

std::vector<double> toVector(const torch::Tensor& values)
{
    const torch::Tensor flat = values.detach().to(torch::kDouble).contiguous().reshape({-1});
    return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
}

bool wanted(const ExplainOptions& options, AttributionMethod method)
{
    return options.methods.empty() || std::find(options.methods.begin(), options.methods.end(), method) != options.methods.end();
}

// The column of the prediction that is explained: the predicted class for a multi-class head,
// else the first output.
int64_t explainedOutput(const ModelConfig& config, const torch::Tensor& prediction)
{
    return config.head == HeadKind::MultiClass ? prediction[0].argmax().item<int64_t>() : 0;
}

// The score of each row of a batch of step inputs (B, T, E) under one mask row.
torch::Tensor scoresOf(AttentionModel& model, const torch::Tensor& stepInputs, const torch::Tensor& maskRow, int64_t output)
{
    const torch::Tensor mask = maskRow.expand({stepInputs.size(0), maskRow.size(1)});
    return model->forwardFromStepInputs(stepInputs, mask).prediction.select(1, output);
}

// Integrated gradients along the straight path from `baseline` to `inputs` (both (1, T, E)), by
// the midpoint rule over `points` points: per step Σ_d (e − e′)·mean ∂score/∂e.
std::vector<double> integratedGradients(AttentionModel& model, const torch::Tensor& inputs, const torch::Tensor& baseline,
                                        const torch::Tensor& maskRow, int64_t output, int points)
{
    const torch::Tensor difference = inputs - baseline;
    torch::Tensor gradientSum = torch::zeros_like(inputs);
    for (int64_t first = 0; first < points; first += kPathBatch) {
        const int64_t count = std::min<int64_t>(kPathBatch, points - first);
        const torch::Tensor alphas = (torch::arange(first, first + count, inputs.options()) + 0.5) / static_cast<double>(points);
        torch::Tensor path = (baseline + alphas.view({-1, 1, 1}) * difference).detach().requires_grad_(true);
        const torch::Tensor scores = scoresOf(model, path, maskRow, output);
        const torch::Tensor gradient = torch::autograd::grad({scores.sum()}, {path})[0];
        gradientSum += gradient.sum(0, /*keepdim=*/true);
    }
    return toVector((difference * gradientSum / static_cast<double>(points)).sum(2)[0]);
}

// score(x) − score(x with step t replaced): by the pad id for tokens, by zeros for a series.
std::vector<double> occlusion(AttentionModel& model, const Batch& single, double score, int64_t output)
{
    std::vector<std::vector<size_t>> oneStepEach(static_cast<size_t>(single.input.size(1)));
    for (size_t t = 0; t < oneStepEach.size(); ++t)
        oneStepEach[t] = {t};
    std::vector<double> drops = scoresWithStepsReplaced(model, single, output, oneStepEach);
    for (double& drop : drops)
        drop = score - drop;
    return drops;
}

} // namespace

Explanation explainExample(AttentionModel& model, const Example& example, const ExplainOptions& options)
{
    const ModelConfig& config = model->config();
    if (options.integratedGradientsSteps < 1)
        throw StudioError(QStringLiteral("Integrated gradients need at least 1 step on the path, not %1.")
                              .arg(options.integratedGradientsSteps));
    Batch single = makeSingleInput(config, example);
    // A series' values in the model's own precision (float64 models, in the tests' checks).
    if (single.input.is_floating_point())
        single.input = single.input.to(model->parameters().front().scalar_type());

    model->eval();
    torch::AutoGradMode gradients(/*enabled=*/true);  // a caller's inference mode must not leak in
    const torch::Tensor inputs = model->stepInputs(single.input).detach();
    torch::Tensor e = inputs.clone().requires_grad_(true);
    const ModelPass pass = model->forwardFromStepInputs(e, single.mask);
    const int64_t output = explainedOutput(config, pass.prediction);
    const torch::Tensor score = pass.prediction[0][output];

    Explanation explanation;
    explanation.score = score.item<double>();
    explanation.predictedClass = config.head == HeadKind::MultiClass ? static_cast<int>(output) : -1;
    const bool oneDistribution = hasSingleDistribution(config.attention) && pass.attention.weights.defined();
    const auto add = [&](AttributionMethod method, std::vector<double> perStep) {
        explanation.methods.push_back({method, std::move(perStep)});
    };
    if (oneDistribution) {
        const torch::Tensor weights = pass.attention.weights[0].detach();
        if (wanted(options, AttributionMethod::Attention))
            add(AttributionMethod::Attention, toVector(weights));
        if (wanted(options, AttributionMethod::AttentionNorm))
            add(AttributionMethod::AttentionNorm, toVector(weights * pass.states[0].detach().norm(2, /*dim=*/1)));
    } else {
        explanation.notes << QStringLiteral("The model has no single attention distribution over the steps (%1): no attention "
                                            "row and no attention-norm row.")
                                 .arg(toString(config.attention));
    }
    if (wanted(options, AttributionMethod::Gradient) || wanted(options, AttributionMethod::GradientTimesInput)) {
        const torch::Tensor gradient = torch::autograd::grad({score}, {e}, /*grad_outputs=*/{}, /*retain_graph=*/false)[0][0];
        if (wanted(options, AttributionMethod::Gradient))
            add(AttributionMethod::Gradient, toVector(gradient.norm(2, /*dim=*/1)));
        if (wanted(options, AttributionMethod::GradientTimesInput))
            add(AttributionMethod::GradientTimesInput, toVector((gradient * inputs[0]).sum(1)));
    }
    if (wanted(options, AttributionMethod::Occlusion))
        add(AttributionMethod::Occlusion, occlusion(model, single, explanation.score, output));
    if (wanted(options, AttributionMethod::IntegratedGradients)) {
        // The baseline: every step the pad token's embedding (tokens), or zeros (a series).
        const torch::Tensor baseline = config.input == InputKind::Tokens
            ? model->stepInputs(torch::full_like(single.input, Vocabulary::kPadId)).detach()
            : torch::zeros_like(inputs);
        std::vector<double> perStep = integratedGradients(model, inputs, baseline, single.mask, output,
                                                          options.integratedGradientsSteps);
        IntegratedGradientsCompleteness completeness;
        for (double value : perStep)
            completeness.sum += value;
        {
            torch::NoGradGuard noGradients;
            completeness.expected = explanation.score - scoresOf(model, baseline, single.mask, output)[0].item<double>();
        }
        completeness.error = std::abs(completeness.sum - completeness.expected);
        explanation.integratedGradients = completeness;
        add(AttributionMethod::IntegratedGradients, std::move(perStep));
    }
    // Cheapest first, as attributionMethods() lists them.
    std::stable_sort(explanation.methods.begin(), explanation.methods.end(), [](const MethodScores& a, const MethodScores& b) {
        const auto& order = attributionMethods();
        return std::find(order.begin(), order.end(), a.method) < std::find(order.begin(), order.end(), b.method);
    });

    // Faithfulness of each ranking: the attention's by weight, each attribution's by magnitude.
    std::vector<std::pair<QString, std::vector<size_t>>> rankings;
    for (const MethodScores& entry : explanation.methods) {
        const std::vector<double> importance =
            entry.method == AttributionMethod::Attention ? entry.perStep : magnitudes(entry.perStep);
        rankings.emplace_back(toString(entry.method), topSteps(importance, importance.size()));
    }
    const double direction = config.head == HeadKind::Binary && explanation.score < 0.0 ? -1.0 : 1.0;
    explanation.faithfulness = measureFaithfulness(model, single, explanation.score, output, rankings,
                                                   options.faithfulnessSteps, options.randomDraws, options.seed, direction);
    if (oneDistribution) {
        explanation.interventions = interveneOnAttention(model, pass.states.detach(), pass.attention.weights.detach(), output,
                                                         options.permutations, options.seed);
    } else {
        explanation.interventions.reason = QStringLiteral("the %1 attention has no single distribution over the steps to "
                                                          "replace").arg(toString(config.attention));
    }
    return explanation;
}

} // namespace studio
