// Attributions per step (issue 13), each against an independent computation: the gradient against
// central finite differences of a float64 copy of the model, the app's fast float32 path against
// that copy, integrated gradients' completeness (and its error shrinking as the path gets finer),
// occlusion against the app's own single-sequence answers to the occluded inputs, αₜ·‖hₜ‖
// against the weights and states of a separate pass, and the interventions (uniform, top-zeroed,
// frozen to another input's attention) against the head's weights applied by hand.

#include "AttributionTestModels.h"
#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "analysis/NativeExplainedInput.h"
#include "analysis/RankAgreement.h"
#include "analysis/StepAttribution.h"
#include "common/StudioError.h"
#include "model/Prediction.h"
#include "data/Vocabulary.h"
#include "train/Batch.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

using testing::doubleCopy;
using testing::libTorchPass;
using testing::scoreAt;
using testing::scoresOf;

ModelConfig tokenConfig(HeadKind head, bool bidirectional)
{
    ModelConfig config;
    config.input = InputKind::Tokens;
    config.vocabularySize = 20;
    config.embeddingDim = 5;
    config.hiddenSize = 6;
    config.bidirectional = bidirectional;
    config.attention = AttentionKind::Additive;
    config.head = head;
    config.outputs = head == HeadKind::MultiClass ? 3 : 1;
    return config;
}

ModelConfig seriesConfig()
{
    ModelConfig config;
    config.input = InputKind::Series;
    config.inputFeatures = 2;
    config.hiddenSize = 5;
    config.cell = RecurrentCell::Gru;
    config.attention = AttentionKind::Additive;
    config.head = HeadKind::Regression;
    config.outputs = 1;
    return config;
}

} // namespace

class StepAttributionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        testing::setUpTorch();
    }

    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("tokens, binary") << 0;
        QTest::newRow("tokens, bi-LSTM, 3 classes") << 1;
        QTest::newRow("series, GRU, regression") << 2;
    }

    // ∂score/∂eₜ,d by central differences on every step and dimension (float64, h = 1e-6): the
    // gradient norm and gradient × input per step.
    void gradientMatchesFiniteDifferences()
    {
        QFETCH(int, kind);
        const ModelConfig config = kind == 2 ? seriesConfig() : tokenConfig(kind == 0 ? HeadKind::Binary : HeadKind::MultiClass, kind == 1);
        AttentionModel model = doubleCopy(config, 7 + static_cast<uint64_t>(kind));
        const Example example = testing::randomExample(config, 6, 3, 1.0F);
        ExplainOptions options;
        options.methods = {AttributionMethod::Gradient, AttributionMethod::GradientTimesInput};
        const Explanation explanation = explainExample(model, example, options);

        Batch single = makeSingleInput(config, example);
        if (single.input.is_floating_point())
            single.input = single.input.to(torch::kDouble);
        torch::Tensor inputs;
        {
            torch::NoGradGuard noGradients;
            inputs = model->stepInputs(single.input).clone();
        }
        const int64_t output = std::max(explanation.predictedClass, 0);
        QCOMPARE(scoreAt(model, inputs, single.mask, output), explanation.score);
        constexpr double kStep = 1e-6;
        std::vector<double> norms;
        std::vector<double> timesInput;
        for (int64_t t = 0; t < inputs.size(1); ++t) {
            double squares = 0.0;
            double dot = 0.0;
            for (int64_t d = 0; d < inputs.size(2); ++d) {
                torch::Tensor up = inputs.clone();
                torch::Tensor down = inputs.clone();
                up[0][t][d] += kStep;
                down[0][t][d] -= kStep;
                const double derivative = (scoreAt(model, up, single.mask, output) - scoreAt(model, down, single.mask, output)) / (2 * kStep);
                squares += derivative * derivative;
                dot += derivative * inputs[0][t][d].item<double>();
            }
            norms.push_back(std::sqrt(squares));
            timesInput.push_back(dot);
        }
        const auto& gradient = scoresOf(explanation, AttributionMethod::Gradient);
        const auto& gradInput = scoresOf(explanation, AttributionMethod::GradientTimesInput);
        QCOMPARE(gradient.size(), norms.size());
        for (size_t t = 0; t < norms.size(); ++t) {
            QVERIFY2(std::abs(gradient[t] - norms[t]) < 1e-6, qPrintable(QStringLiteral("step %1: %2 vs %3").arg(t).arg(gradient[t]).arg(norms[t])));
            QVERIFY2(std::abs(gradInput[t] - timesInput[t]) < 1e-6, qPrintable(QStringLiteral("step %1: %2 vs %3").arg(t).arg(gradInput[t]).arg(timesInput[t])));
        }
        QVERIFY(*std::max_element(norms.begin(), norms.end()) > 1e-3);  // a gradient worth comparing
    }

    // The app's own float32 path (oneDNN's layers, gradients through its backward) gives what the
    // float64 LibTorch copy gives, every method.
    void fastPathMatchesTheFloat64Reference()
    {
        const ModelConfig config = tokenConfig(HeadKind::MultiClass, true);
        AttentionModel fast = testing::modelWithSpreadWeights(config, 8, 0.6);
        AttentionModel reference = doubleCopy(config, 8);
        const Example example = testing::randomExample(config, 9, 4, 1.0F);
        ExplainOptions options;
        options.integratedGradientsSteps = 16;
        const Explanation a = explainExample(fast, example, options);
        const Explanation b = explainExample(reference, example, options);
        QCOMPARE(a.methods.size(), attributionMethods().size());
        QCOMPARE(a.predictedClass, b.predictedClass);
        for (const MethodScores& entry : a.methods) {
            const auto& other = scoresOf(b, entry.method);
            for (size_t t = 0; t < other.size(); ++t)
                QVERIFY2(std::abs(entry.perStep[t] - other[t]) < 1e-4,
                         qPrintable(QStringLiteral("%1, step %2: %3 vs %4").arg(toString(entry.method)).arg(t).arg(entry.perStep[t]).arg(other[t])));
        }
    }

    // Completeness: the attributions add up to score(x) − score(baseline), within the error the
    // explanation reports, and the error falls as the path gets finer (midpoint rule).
    void integratedGradientsAreComplete()
    {
        for (const ModelConfig& config : {tokenConfig(HeadKind::Binary, false), seriesConfig()}) {
            AttentionModel model = doubleCopy(config, 12);
            const Example example = testing::randomExample(config, 7, 5, 1.0F);
            const auto run = [&](int points) {
                ExplainOptions options;
                options.methods = {AttributionMethod::IntegratedGradients};
                options.integratedGradientsSteps = points;
                return explainExample(model, example, options);
            };
            const Explanation coarse = run(2);
            const Explanation fine = run(64);
            QVERIFY(fine.integratedGradients.has_value());
            const IntegratedGradientsCompleteness& c = *fine.integratedGradients;
            double sum = 0.0;
            for (double value : scoresOf(fine, AttributionMethod::IntegratedGradients))
                sum += value;
            QVERIFY(std::abs(sum - c.sum) < 1e-12);
            QVERIFY(std::abs(c.error - std::abs(c.sum - c.expected)) < 1e-12);
            QVERIFY2(c.error < 1e-3 * std::max(1.0, std::abs(c.expected)), qPrintable(QStringLiteral("%1 vs %2").arg(c.sum).arg(c.expected)));
            QVERIFY2(c.error < coarse.integratedGradients->error,
                     qPrintable(QStringLiteral("%1 (64 points) vs %2 (2)").arg(c.error).arg(coarse.integratedGradients->error)));
            QVERIFY(std::abs(c.expected) > 1e-3);  // the baseline scores differently: a sum worth checking
        }
    }

    // score(x) − score(x with step t replaced) against the app's answers (the fused single-sequence
    // path) to each occluded input, built by hand.
    void occlusionMatchesDirectReruns()
    {
        for (const ModelConfig& config : {tokenConfig(HeadKind::MultiClass, true), seriesConfig()}) {
            AttentionModel model = testing::modelWithSpreadWeights(config, 21, 0.6);
            const Example example = testing::randomExample(config, 8, 6, 1.0F);
            ExplainOptions options;
            options.methods = {AttributionMethod::Occlusion};
            const Explanation explanation = explainExample(model, example, options);
            const auto& drops = scoresOf(explanation, AttributionMethod::Occlusion);
            QCOMPARE(drops.size(), size_t(8));
            const size_t output = static_cast<size_t>(std::max(explanation.predictedClass, 0));
            const double score = predictExample(model, example).output.at(output);
            QVERIFY(std::abs(score - explanation.score) < 1e-5);
            for (size_t t = 0; t < drops.size(); ++t) {
                Example occluded = example;
                if (config.input == InputKind::Tokens)
                    occluded.tokens[t] = Vocabulary::kPadId;
                else
                    for (int f = 0; f < config.inputFeatures; ++f)
                        occluded.values[t * static_cast<size_t>(config.inputFeatures) + static_cast<size_t>(f)] = 0.0F;
                const double expected = score - predictExample(model, occluded).output.at(output);
                QVERIFY2(std::abs(drops[t] - expected) < 1e-5, qPrintable(QStringLiteral("step %1: %2 vs %3").arg(t).arg(drops[t]).arg(expected)));
            }
        }
    }

    // αₜ·‖hₜ‖ against the weights and hidden states of a separate LibTorch pass, and the attention
    // row against the app's own answer.
    void attentionNormWeighsStatesByTheirLength()
    {
        const ModelConfig config = tokenConfig(HeadKind::Binary, true);
        AttentionModel model = testing::modelWithSpreadWeights(config, 30, 0.6);
        const Example example = testing::randomExample(config, 10, 7, 1.0F);
        const Explanation explanation = explainExample(model, example, {});
        torch::NoGradGuard noGradients;
        const ModelPass pass = libTorchPass(model, example);
        const auto& norms = scoresOf(explanation, AttributionMethod::AttentionNorm);
        const auto& attention = scoresOf(explanation, AttributionMethod::Attention);
        const Prediction prediction = predictExample(model, example);
        for (size_t t = 0; t < norms.size(); ++t) {
            const double alpha = pass.attention.weights[0][static_cast<int64_t>(t)].item<double>();
            const double length = pass.states[0][static_cast<int64_t>(t)].norm().item<double>();
            QVERIFY(std::abs(norms[t] - alpha * length) < 1e-5);
            QVERIFY(std::abs(attention[t] - prediction.attention.values.at(t)) < 1e-5);
        }
    }

    // Comprehensiveness and sufficiency against the app's own answers to inputs built by hand: the
    // most attended steps replaced, or all but them; AOPC the mean over k; random draws counted.
    void faithfulnessMatchesDirectReruns()
    {
        const ModelConfig config = tokenConfig(HeadKind::MultiClass, false);
        AttentionModel model = testing::modelWithSpreadWeights(config, 33, 0.7);
        const Example example = testing::randomExample(config, 9, 8, 1.0F);
        ExplainOptions options;
        options.methods = {AttributionMethod::Attention, AttributionMethod::Gradient};
        options.faithfulnessSteps = 3;
        options.randomDraws = 4;
        const Explanation explanation = explainExample(model, example, options);
        QCOMPARE(explanation.faithfulness.size(), size_t(3));  // attention, gradient, random
        const FaithfulnessCurve& byAttention = explanation.faithfulness.front();
        QCOMPARE(byAttention.ranking, QStringLiteral("attention"));
        const std::vector<size_t> order = topSteps(scoresOf(explanation, AttributionMethod::Attention), 9);
        const size_t output = static_cast<size_t>(explanation.predictedClass);
        for (int k = 1; k <= 3; ++k) {
            Example without = example;
            Example only = example;
            for (size_t i = 0; i < 9; ++i) {
                const bool top = std::find(order.begin(), order.begin() + k, i) != order.begin() + k;
                (top ? without : only).tokens[i] = Vocabulary::kPadId;
            }
            const double comprehensiveness = explanation.score - predictExample(model, without).output.at(output);
            const double sufficiency = explanation.score - predictExample(model, only).output.at(output);
            QVERIFY2(std::abs(byAttention.comprehensiveness[static_cast<size_t>(k - 1)] - comprehensiveness) < 1e-5,
                     qPrintable(QStringLiteral("k %1: %2 vs %3").arg(k).arg(byAttention.comprehensiveness[static_cast<size_t>(k - 1)]).arg(comprehensiveness)));
            QVERIFY(std::abs(byAttention.sufficiency[static_cast<size_t>(k - 1)] - sufficiency) < 1e-5);
        }
        const double aopc = (byAttention.comprehensiveness[0] + byAttention.comprehensiveness[1] + byAttention.comprehensiveness[2]) / 3.0;
        QVERIFY(std::abs(byAttention.aopcComprehensiveness - aopc) < 1e-12);
        const FaithfulnessCurve& random = explanation.faithfulness.back();
        QCOMPARE(random.ranking, QStringLiteral("random"));
        QCOMPARE(random.draws, 4);
        QCOMPARE(random.comprehensivenessSpread.size(), size_t(3));
        QVERIFY(random.comprehensivenessSpread[0] > 0.0);  // the draws differ
        // The same seed, the same draws.
        QCOMPARE(explainExample(model, example, options).faithfulness.back().comprehensiveness, random.comprehensiveness);
    }

    // Uniform and top-zeroed attention against the context computed by hand from a separate pass's
    // states and the head's weights; permutations counted and spread.
    void interventionsReplaceTheWeights()
    {
        const ModelConfig config = tokenConfig(HeadKind::Binary, true);
        AttentionModel model = testing::modelWithSpreadWeights(config, 41, 0.7);
        const Example example = testing::randomExample(config, 7, 9, 1.0F);
        ExplainOptions options;
        options.methods = {AttributionMethod::Attention};
        options.permutations = 6;
        const Explanation explanation = explainExample(model, example, options);
        const AttentionInterventions& i = explanation.interventions;
        QVERIFY(i.available);

        torch::NoGradGuard noGradients;
        const ModelPass pass = libTorchPass(model, example);
        const torch::Tensor states = pass.states[0];  // (T, D)
        const auto parameters = model->named_parameters();
        const torch::Tensor w = parameters["head.weight"][0];
        const double b = parameters["head.bias"][0].item<double>();
        const double uniform = torch::dot(w, states.mean(0)).item<double>() + b;
        QVERIFY2(std::abs(i.uniform - uniform) < 1e-5, qPrintable(QStringLiteral("%1 vs %2").arg(i.uniform).arg(uniform)));
        torch::Tensor weights = pass.attention.weights[0].clone();
        weights[weights.argmax().item<int64_t>()] = 0.0;
        weights /= weights.sum();
        const double zeroed = torch::dot(w, (weights.unsqueeze(1) * states).sum(0)).item<double>() + b;
        QVERIFY2(std::abs(i.topZeroed - zeroed) < 1e-5, qPrintable(QStringLiteral("%1 vs %2").arg(i.topZeroed).arg(zeroed)));
        QCOMPARE(i.permutations, 6);
        QVERIFY(i.permutedSpread > 0.0);

        // Self-attention has no single distribution: no intervention, and a reason.
        ModelConfig self = config;
        self.attention = AttentionKind::Self;
        AttentionModel selfModel = testing::modelWithSpreadWeights(self, 41, 0.7);
        const Explanation none = explainExample(selfModel, example, options);
        QVERIFY(!none.interventions.available);
        QVERIFY(none.interventions.reason.contains(QStringLiteral("self")));
    }

    // Attention frozen to another input's: the score of this input's states (a separate LibTorch
    // pass) under the other's weights (another separate pass), by hand through the binary head's
    // weights; the input's own weights give its own score back; another length gives the reason.
    void frozenAttentionTakesTheOtherInputsWeights()
    {
        const ModelConfig config = tokenConfig(HeadKind::Binary, true);
        AttentionModel model = testing::modelWithSpreadWeights(config, 43, 0.7);
        const Example example = testing::randomExample(config, 7, 10, 1.0F);
        const Example other = testing::randomExample(config, 7, 11, 1.0F);
        ExplainOptions options;
        options.methods = {AttributionMethod::Attention};
        options.frozenFrom = InferenceRequest{};  // the session's request; the example is passed prepared
        const Explanation explanation = explainExample(model, example, options, &other);
        const FrozenAttention& frozen = explanation.interventions.frozen;
        QVERIFY2(frozen.available, qPrintable(frozen.reason));

        torch::NoGradGuard noGradients;
        const torch::Tensor states = libTorchPass(model, example).states[0];          // (T, D)
        const torch::Tensor weights = libTorchPass(model, other).attention.weights[0];  // (T)
        const auto parameters = model->named_parameters();
        const double expected = torch::dot(parameters["head.weight"][0], (weights.unsqueeze(1) * states).sum(0)).item<double>() +
                                parameters["head.bias"][0].item<double>();
        QVERIFY2(std::abs(frozen.score - expected) < 1e-5, qPrintable(QStringLiteral("%1 vs %2").arg(frozen.score).arg(expected)));
        // The weights differ enough between the inputs for the check to mean something.
        const double own = torch::dot(parameters["head.weight"][0], (libTorchPass(model, example).attention.weights[0].unsqueeze(1) * states).sum(0)).item<double>() +
                           parameters["head.bias"][0].item<double>();
        QVERIFY2(std::abs(own - expected) > 1e-3, qPrintable(QStringLiteral("%1 vs %2").arg(own).arg(expected)));

        // Frozen to its own attention: its own score, as the model computes it.
        const Explanation itself = explainExample(model, example, options, &example);
        QVERIFY(itself.interventions.frozen.available);
        QCOMPARE(itself.interventions.frozen.score, itself.score);

        // Another number of steps: no score, and the reason names both lengths.
        const Example longer = testing::randomExample(config, 9, 12, 1.0F);
        const FrozenAttention mismatch = explainExample(model, example, options, &longer).interventions.frozen;
        QVERIFY(mismatch.requested);
        QVERIFY(!mismatch.available);
        QVERIFY2(mismatch.reason.contains(QStringLiteral("9 steps and this one 7")), qPrintable(mismatch.reason));

        // A session that prepares no other input (TorchScript, Keras) gets a reason saying so; a
        // native one whose other input had no step, that one.
        NativeExplainedInput input(model, example);
        const FrozenAttention unprepared = explainInput(input, options).interventions.frozen;
        QVERIFY(!unprepared.available);
        QVERIFY2(unprepared.reason.contains(QStringLiteral("app's own models")), qPrintable(unprepared.reason));
        const FrozenAttention empty = explainExample(model, example, options, nullptr).interventions.frozen;
        QVERIFY2(!empty.available && empty.reason.contains(QStringLiteral("no step")), qPrintable(empty.reason));

        // Not asked for: not requested, whatever example is passed.
        options.frozenFrom.reset();
        QVERIFY(!explainExample(model, example, options, &other).interventions.frozen.requested);

        // Self-attention: the interventions' own reason.
        ModelConfig self = config;
        self.attention = AttentionKind::Self;
        AttentionModel selfModel = testing::modelWithSpreadWeights(self, 43, 0.7);
        options.frozenFrom = InferenceRequest{};
        const FrozenAttention none = explainExample(selfModel, example, options, &other).interventions.frozen;
        QVERIFY(!none.available);
        QVERIFY(none.reason.contains(QStringLiteral("self")));
    }

    // The stages come cheapest first, each adding its rows to what the caller already saw; a caller
    // that stops after the gradients gets exactly those rows and no faithfulness, marked partial.
    void stagesArriveCheapestFirstAndStopWhenAsked()
    {
        const ModelConfig config = tokenConfig(HeadKind::MultiClass, false);
        AttentionModel model = testing::modelWithSpreadWeights(config, 8, 0.6);
        const Example example = testing::randomExample(config, 7, 3, 1.0F);
        std::vector<std::vector<AttributionMethod>> seen;
        ExplainOptions options;
        options.progress = [&](const Explanation& partial) {
            std::vector<AttributionMethod> methods;
            for (const MethodScores& entry : partial.methods)
                methods.push_back(entry.method);
            seen.push_back(methods);
            return true;
        };
        const Explanation full = explainExample(model, example, options);
        QVERIFY(full.complete);
        QVERIFY(!full.faithfulness.empty());
        const std::vector<std::vector<AttributionMethod>> expected{
            {AttributionMethod::Attention, AttributionMethod::AttentionNorm},
            {AttributionMethod::Attention, AttributionMethod::AttentionNorm, AttributionMethod::Gradient,
             AttributionMethod::GradientTimesInput},
            {AttributionMethod::Attention, AttributionMethod::AttentionNorm, AttributionMethod::Gradient,
             AttributionMethod::GradientTimesInput, AttributionMethod::Occlusion},
            attributionMethods(),
        };
        QCOMPARE(seen, expected);

        int stages = 0;
        options.progress = [&](const Explanation&) { return ++stages < 2; };
        const Explanation partial = explainExample(model, example, options);
        QCOMPARE(stages, 2);
        QVERIFY(!partial.complete);
        QCOMPARE(partial.methods.size(), size_t{4});
        QVERIFY(partial.faithfulness.empty());
        QVERIFY(!partial.interventions.available);
        // What a partial answer holds equals the full answer's rows.
        for (const MethodScores& entry : partial.methods)
            QCOMPARE(entry.perStep, *full.scores(entry.method));
    }

    // A stop asked for inside a long stage ends it within one batch: with 200 steps occlusion runs
    // its 200 altered copies in 4 batches, and a stop on the second batch's question leaves the
    // gradient stage's rows, no occlusion row, and nothing later.
    void aStopInsideAStageEndsItWithinOneBatch()
    {
        const ModelConfig config = tokenConfig(HeadKind::MultiClass, false);
        AttentionModel model = testing::modelWithSpreadWeights(config, 8, 0.6);
        const Example example = testing::randomExample(config, 200, 3, 1.0F);
        bool gradientsDone = false;
        int questionsAfterGradients = 0;
        ExplainOptions options;
        options.progress = [&](const Explanation& partial) {
            gradientsDone = partial.scores(AttributionMethod::Gradient) != nullptr;
            return true;
        };
        options.stopRequested = [&] { return gradientsDone && ++questionsAfterGradients == 2; };
        const Explanation stopped = explainExample(model, example, options);
        QCOMPARE(questionsAfterGradients, 2);  // asked between occlusion's batches, and obeyed at once
        QVERIFY(!stopped.complete);
        QVERIFY(stopped.scores(AttributionMethod::Gradient));
        QVERIFY(!stopped.scores(AttributionMethod::Occlusion));
        QVERIFY(!stopped.scores(AttributionMethod::IntegratedGradients));
        QVERIFY(stopped.faithfulness.empty());
        // Never asked to stop: the same input runs to the end, asking before every batch.
        int questions = 0;
        options.progress = nullptr;
        options.stopRequested = [&] { return ++questions < 0; };
        const Explanation whole = explainExample(model, example, options);
        QVERIFY(whole.complete);
        QVERIFY(questions > 8);
        QCOMPARE(*whole.scores(AttributionMethod::Gradient), *stopped.scores(AttributionMethod::Gradient));
    }

    // Deleting a step (ERASER's removal, --removal delete) against the app's own single-sequence
    // answers to the shortened inputs: every occlusion drop, the attention ranking's
    // comprehensiveness at k = 1 and its sufficiency at k = 2. A bidirectional token model (the
    // shortened copies are batched with padding, which must not reach the backward direction) and
    // a series model. The two ways of removing differ, so the test tells them apart.
    void deletionMeasuresTheShortenedInput()
    {
        const std::vector<ModelConfig> configs{tokenConfig(HeadKind::MultiClass, true), seriesConfig()};
        for (const ModelConfig& config : configs) {
            AttentionModel model = testing::modelWithSpreadWeights(config, 12, 0.6);
            const Example example = testing::randomExample(config, 9, 5, 1.0F);
            const int features = config.input == InputKind::Tokens ? 0 : config.inputFeatures;
            const auto steps = static_cast<size_t>(features == 0 ? example.tokens.size() : example.values.size() / features);
            const auto keeping = [&](const std::vector<size_t>& kept) {
                Example shorter = example;
                shorter.tokens.clear();
                shorter.values.clear();
                for (size_t t : kept) {
                    if (features == 0)
                        shorter.tokens.push_back(example.tokens[t]);
                    else
                        for (int f = 0; f < features; ++f)
                            shorter.values.push_back(example.values[t * static_cast<size_t>(features) + static_cast<size_t>(f)]);
                }
                return shorter;
            };
            ExplainOptions options;
            options.methods = {AttributionMethod::Attention, AttributionMethod::Occlusion};
            options.removal = StepRemoval::Delete;
            options.faithfulnessSteps = 2;
            options.randomDraws = 0;
            const Explanation deleted = explainExample(model, example, options);
            QVERIFY(deleted.removal == StepRemoval::Delete);
            const size_t output = deleted.predictedClass >= 0 ? static_cast<size_t>(deleted.predictedClass) : 0;
            const auto scoreOf = [&](const std::vector<size_t>& kept) {
                return static_cast<double>(predictExample(model, keeping(kept)).output.at(output));
            };
            const std::vector<double>& drops = *deleted.scores(AttributionMethod::Occlusion);
            QCOMPARE(drops.size(), steps);
            for (size_t t = 0; t < steps; ++t) {
                std::vector<size_t> kept;
                for (size_t u = 0; u < steps; ++u)
                    if (u != t)
                        kept.push_back(u);
                QVERIFY2(std::abs(drops[t] - (deleted.score - scoreOf(kept))) < 1e-4, qPrintable(QString::number(t)));
            }
            const std::vector<size_t> ranking = topSteps(*deleted.scores(AttributionMethod::Attention), steps);
            const FaithfulnessCurve& attention = deleted.faithfulness.front();
            QCOMPARE(attention.ranking, QStringLiteral("attention"));
            std::vector<size_t> withoutTop(ranking.begin() + 1, ranking.end());
            std::sort(withoutTop.begin(), withoutTop.end());
            QVERIFY(std::abs(attention.comprehensiveness[0] - (deleted.score - scoreOf(withoutTop))) < 1e-4);
            std::vector<size_t> topTwo(ranking.begin(), ranking.begin() + 2);
            std::sort(topTwo.begin(), topTwo.end());
            QVERIFY(std::abs(attention.sufficiency[1] - (deleted.score - scoreOf(topTwo))) < 1e-4);

            options.removal = StepRemoval::Replace;
            const Explanation replaced = explainExample(model, example, options);
            double difference = 0.0;
            for (size_t t = 0; t < steps; ++t)
                difference = std::max(difference, std::abs(drops[t] - (*replaced.scores(AttributionMethod::Occlusion))[t]));
            QVERIFY2(difference > 1e-3, qPrintable(QString::number(difference)));
        }
        // One step cannot be deleted and leave something to read: replaced instead, and said so.
        const ModelConfig config = tokenConfig(HeadKind::Binary, false);
        AttentionModel model = testing::modelWithSpreadWeights(config, 3, 0.6);
        ExplainOptions options;
        options.removal = StepRemoval::Delete;
        const Explanation single = explainExample(model, testing::randomExample(config, 1, 2, 1.0F), options);
        QVERIFY(single.removal == StepRemoval::Replace);
        QVERIFY(single.notes.join(QLatin1Char(' ')).contains(QStringLiteral("not deleted")));
    }

    void refusesAPathOfNoPoints()
    {
        const ModelConfig config = tokenConfig(HeadKind::Binary, false);
        AttentionModel model = testing::modelWithSpreadWeights(config, 1, 0.3);
        ExplainOptions options;
        options.integratedGradientsSteps = 0;
        QVERIFY_THROWS_EXCEPTION(StudioError, explainExample(model, testing::randomExample(config, 3, 1, 1.0F), options));
    }
};

QTEST_GUILESS_MAIN(StepAttributionTest)
#include "tst_step_attribution.moc"
