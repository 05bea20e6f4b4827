#include "analysis/AttentionInterventions.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace studio {
namespace {

constexpr size_t kBatch = 64;   // altered copies of the input run together

double mean(const std::vector<double>& values)
{
    return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double standardDeviation(const std::vector<double>& values)
{
    if (values.size() < 2)
        return 0.0;
    const double average = mean(values);
    double squares = 0.0;
    for (double value : values)
        squares += (value - average) * (value - average);
    return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

// The copies one ranking asks for: for k = 1…K, without its first k steps, then with only them.
void addCopies(const std::vector<size_t>& ranking, int steps, std::vector<std::vector<size_t>>& replacements)
{
    for (int k = 1; k <= steps; ++k) {
        const auto cut = ranking.begin() + k;
        replacements.emplace_back(ranking.begin(), cut);  // comprehensiveness: the top k removed
        replacements.emplace_back(cut, ranking.end());    // sufficiency: all but the top k removed
    }
}

void finish(FaithfulnessCurve& curve)
{
    curve.aopcComprehensiveness = mean(curve.comprehensiveness);
    curve.aopcSufficiency = mean(curve.sufficiency);
}

} // namespace

std::vector<double> scoresWithStepsRemoved(ExplainedInput& input, int64_t output, const std::vector<std::vector<size_t>>& replacements,
                                           StepRemoval removal)
{
    torch::NoGradGuard noGradients;
    std::vector<double> scores;
    scores.reserve(replacements.size());
    for (size_t first = 0; first < replacements.size(); first += kBatch) {
        const size_t last = std::min(replacements.size(), first + kBatch);
        const std::vector<std::vector<size_t>> part(replacements.begin() + static_cast<std::ptrdiff_t>(first),
                                                    replacements.begin() + static_cast<std::ptrdiff_t>(last));
        const torch::Tensor predictions =
            removal == StepRemoval::Delete ? input.predictWithStepsDeleted(part) : input.predictWithStepsReplaced(part);
        const torch::Tensor values = predictions.select(1, output).to(torch::kDouble).contiguous();
        scores.insert(scores.end(), values.data_ptr<double>(), values.data_ptr<double>() + values.numel());
    }
    return scores;
}

std::vector<FaithfulnessCurve> measureFaithfulness(ExplainedInput& input, double score, int64_t output,
                                                   const std::vector<std::pair<QString, std::vector<size_t>>>& rankings,
                                                   int steps, int draws, uint64_t seed, double direction, StepRemoval removal)
{
    // Every ranking orders all the steps: its length is the input's (no pass needed for it).
    const size_t length = rankings.empty() ? static_cast<size_t>(input.stepInputs().size(1)) : rankings.front().second.size();
    // Deleting every step would leave nothing to run: then k stops one short of the length.
    steps = std::clamp(steps, 0, static_cast<int>(removal == StepRemoval::Delete ? length - 1 : length));
    if (steps == 0)
        return {};
    std::vector<std::vector<size_t>> randomRankings;
    std::mt19937_64 random(seed);
    for (int draw = 0; draw < draws; ++draw) {
        std::vector<size_t> order(length);
        std::iota(order.begin(), order.end(), size_t{0});
        std::shuffle(order.begin(), order.end(), random);
        randomRankings.push_back(std::move(order));
    }
    std::vector<std::vector<size_t>> replacements;
    for (const auto& [name, ranking] : rankings)
        addCopies(ranking, steps, replacements);
    for (const auto& ranking : randomRankings)
        addCopies(ranking, steps, replacements);
    const std::vector<double> scores = scoresWithStepsRemoved(input, output, replacements, removal);

    std::vector<FaithfulnessCurve> curves;
    size_t next = 0;
    for (const auto& [name, ranking] : rankings) {
        FaithfulnessCurve curve;
        curve.ranking = name;
        for (int k = 1; k <= steps; ++k) {
            curve.comprehensiveness.push_back(direction * (score - scores[next++]));
            curve.sufficiency.push_back(direction * (score - scores[next++]));
        }
        finish(curve);
        curves.push_back(std::move(curve));
    }
    if (draws > 0) {
        FaithfulnessCurve curve;
        curve.ranking = QStringLiteral("random");
        curve.draws = draws;
        std::vector<std::vector<double>> comprehensive(static_cast<size_t>(steps));
        std::vector<std::vector<double>> sufficient(static_cast<size_t>(steps));
        for (int draw = 0; draw < draws; ++draw)
            for (int k = 0; k < steps; ++k) {
                comprehensive[static_cast<size_t>(k)].push_back(direction * (score - scores[next++]));
                sufficient[static_cast<size_t>(k)].push_back(direction * (score - scores[next++]));
            }
        for (int k = 0; k < steps; ++k) {
            curve.comprehensiveness.push_back(mean(comprehensive[static_cast<size_t>(k)]));
            curve.comprehensivenessSpread.push_back(standardDeviation(comprehensive[static_cast<size_t>(k)]));
            curve.sufficiency.push_back(mean(sufficient[static_cast<size_t>(k)]));
            curve.sufficiencySpread.push_back(standardDeviation(sufficient[static_cast<size_t>(k)]));
        }
        finish(curve);
        curves.push_back(std::move(curve));
    }
    return curves;
}

AttentionInterventions interveneOnAttention(ExplainedInput& input, const torch::Tensor& states, const torch::Tensor& weights,
                                            int64_t output, int permutations, uint64_t seed)
{
    AttentionInterventions result;
    result.reason = input.interventionsUnavailable();
    if (!result.reason.isEmpty() || !states.defined() || !weights.defined()) {
        if (result.reason.isEmpty())
            result.reason = QStringLiteral("the app does not see this model's hidden states and attention weights");
        return result;
    }
    torch::NoGradGuard noGradients;
    const auto scoreWith = [&](const torch::Tensor& alternative) {
        return input.predictionWithWeights(states, alternative)[0][output].item<double>();
    };
    result.available = true;
    const int64_t steps = weights.size(1);
    result.uniform = scoreWith(torch::full_like(weights, 1.0 / static_cast<double>(steps)));
    std::mt19937_64 random(seed);
    std::vector<double> permuted;
    for (int i = 0; i < permutations; ++i) {
        std::vector<int64_t> order(static_cast<size_t>(steps));
        std::iota(order.begin(), order.end(), int64_t{0});
        std::shuffle(order.begin(), order.end(), random);
        const torch::Tensor index = torch::tensor(order, torch::kLong);
        permuted.push_back(scoreWith(weights.index_select(1, index)));
    }
    result.permutations = permutations;
    result.permuted = mean(permuted);
    result.permutedSpread = standardDeviation(permuted);
    torch::Tensor zeroed = weights.clone();
    zeroed[0][weights[0].argmax().item<int64_t>()] = 0.0;
    const double rest = zeroed.sum().item<double>();
    // One step holding all the weight leaves nothing to renormalise: the context is then zero.
    result.topZeroed = scoreWith(rest > 0.0 ? zeroed / rest : zeroed);
    return result;
}

FrozenAttention freezeAttention(ExplainedInput& input, const torch::Tensor& states, ExplainedInput* other, int64_t output)
{
    FrozenAttention result;
    result.requested = true;
    result.reason = input.interventionsUnavailable();
    if (!result.reason.isEmpty())
        return result;
    if (!states.defined()) {
        result.reason = QStringLiteral("the app does not see this model's hidden states");
        return result;
    }
    if (!other) {
        // Keras' tutorial layers take other weights, but only the app's own models prepare a second input.
        result.reason = QStringLiteral("attention is frozen to another input's only in the app's own models, whose attention "
                                       "is a module of the app's");
        return result;
    }
    torch::NoGradGuard noGradients;
    const torch::Tensor weights = other->forward(other->stepInputs()).weights;
    if (!weights.defined()) {
        result.reason = QStringLiteral("the other input's attention is not one distribution over its steps");
        return result;
    }
    if (weights.size(1) != states.size(1)) {
        result.reason = QStringLiteral("the other input has %1 steps and this one %2: another input's attention is defined "
                                       "here only for the same number of steps (its weights belong to its own steps, so they "
                                       "are neither cut nor padded)")
                            .arg(weights.size(1))
                            .arg(states.size(1));
        return result;
    }
    result.available = true;
    result.score = input.predictionWithWeights(states, weights.to(states.scalar_type()))[0][output].item<double>();
    return result;
}

} // namespace studio
