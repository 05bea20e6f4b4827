// A series' attributions per step and per feature (issue 13: "for series over input values, per
// step and per feature"), each against an independent computation: the signed gradient and
// gradient × input against central finite differences of a float64 copy, the per-step rows as the
// per-feature values summed over the features (and the gradient norm as their length), and
// occlusion of one value against the app's own answers to the altered inputs.

#include "AttributionTestModels.h"
#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "analysis/StepAttribution.h"
#include "model/Prediction.h"
#include "train/Batch.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;
using testing::scoresOf;

namespace {

constexpr int kFeatures = 3;
constexpr int64_t kSteps = 6;

ModelConfig seriesConfig(int features)
{
    ModelConfig config;
    config.input = InputKind::Series;
    config.inputFeatures = features;
    config.hiddenSize = 5;
    config.cell = RecurrentCell::Lstm;
    config.attention = AttentionKind::Additive;
    config.head = HeadKind::MultiClass;
    config.outputs = 2;
    return config;
}

const FeatureScores& featureScoresOf(const Explanation& explanation, AttributionMethod method)
{
    const FeatureScores* scores = explanation.featureScores(method);
    if (!scores)
        throw std::runtime_error("per-feature method missing: " + toString(method).toStdString());
    return *scores;
}

QString mismatch(size_t t, size_t f, double a, double b)
{
    return QStringLiteral("step %1, feature %2: %3 vs %4").arg(t).arg(f).arg(a, 0, 'g', 12).arg(b, 0, 'g', 12);
}

} // namespace

class FeatureAttributionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        testing::setUpTorch();
    }

    // ∂score/∂xₜ,f by central differences (float64, h = 1e-6), signed, and times xₜ,f.
    void gradientPerFeatureMatchesFiniteDifferences()
    {
        const ModelConfig config = seriesConfig(kFeatures);
        AttentionModel model = testing::doubleCopy(config, 4);
        const Example example = testing::randomExample(config, kSteps, 4, 1.0F);
        ExplainOptions options;
        options.methods = {AttributionMethod::Gradient, AttributionMethod::GradientTimesInput};
        const Explanation explanation = explainExample(model, example, options);
        const FeatureScores& gradient = featureScoresOf(explanation, AttributionMethod::Gradient);
        const FeatureScores& timesInput = featureScoresOf(explanation, AttributionMethod::GradientTimesInput);
        QCOMPARE(gradient.features, kFeatures);
        QCOMPARE(gradient.steps(), size_t(kSteps));

        Batch single = makeSingleInput(config, example);
        const torch::Tensor inputs = single.input.to(torch::kDouble);  // a series' eₜ is its values
        const int64_t output = explanation.predictedClass;
        QCOMPARE(testing::scoreAt(model, inputs, single.mask, output), explanation.score);
        constexpr double kStep = 1e-6;
        bool negative = false;
        bool positive = false;
        for (int64_t t = 0; t < kSteps; ++t) {
            for (int64_t f = 0; f < kFeatures; ++f) {
                torch::Tensor up = inputs.clone();
                torch::Tensor down = inputs.clone();
                up[0][t][f] += kStep;
                down[0][t][f] -= kStep;
                const double derivative =
                    (testing::scoreAt(model, up, single.mask, output) - testing::scoreAt(model, down, single.mask, output)) / (2 * kStep);
                const auto st = static_cast<size_t>(t);
                const auto sf = static_cast<size_t>(f);
                QVERIFY2(std::abs(gradient.at(st, sf) - derivative) < 1e-6, qPrintable(mismatch(st, sf, gradient.at(st, sf), derivative)));
                const double expected = derivative * inputs[0][t][f].item<double>();
                QVERIFY2(std::abs(timesInput.at(st, sf) - expected) < 1e-6, qPrintable(mismatch(st, sf, timesInput.at(st, sf), expected)));
                negative = negative || derivative < -1e-4;
                positive = positive || derivative > 1e-4;
            }
        }
        QVERIFY(negative && positive);  // signed values, not magnitudes, are what is compared
    }

    // The per-step rows are the per-feature values summed over the features (gradient × input,
    // integrated gradients), and the gradient norm their Euclidean length; token models get none.
    void perFeatureValuesAddUpToTheStepRows()
    {
        const ModelConfig config = seriesConfig(kFeatures);
        AttentionModel model = testing::modelWithSpreadWeights(config, 9, 0.6);
        const Example example = testing::randomExample(config, kSteps, 2, 1.0F);
        ExplainOptions options;
        options.integratedGradientsSteps = 8;
        const Explanation explanation = explainExample(model, example, options);
        QCOMPARE(explanation.perFeature.size(), size_t(4));  // gradient, grad_input, occlusion, integrated_gradients
        for (AttributionMethod method : {AttributionMethod::GradientTimesInput, AttributionMethod::IntegratedGradients}) {
            const FeatureScores& cells = featureScoresOf(explanation, method);
            const std::vector<double>& steps = scoresOf(explanation, method);
            QCOMPARE(cells.steps(), steps.size());
            for (size_t t = 0; t < steps.size(); ++t) {
                double sum = 0.0;
                for (size_t f = 0; f < kFeatures; ++f)
                    sum += cells.at(t, f);
                QVERIFY2(std::abs(sum - steps[t]) < 1e-5, qPrintable(QStringLiteral("%1, step %2: %3 vs %4")
                                                                         .arg(toString(method)).arg(t).arg(sum).arg(steps[t])));
            }
        }
        const FeatureScores& gradient = featureScoresOf(explanation, AttributionMethod::Gradient);
        const std::vector<double>& norms = scoresOf(explanation, AttributionMethod::Gradient);
        for (size_t t = 0; t < norms.size(); ++t) {
            double squares = 0.0;
            for (size_t f = 0; f < kFeatures; ++f)
                squares += gradient.at(t, f) * gradient.at(t, f);
            QVERIFY(std::abs(std::sqrt(squares) - norms[t]) < 1e-5);
        }

        ModelConfig tokens;
        tokens.input = InputKind::Tokens;
        tokens.vocabularySize = 12;
        tokens.embeddingDim = 4;
        tokens.hiddenSize = 5;
        tokens.attention = AttentionKind::Additive;
        tokens.head = HeadKind::Binary;
        tokens.outputs = 1;
        AttentionModel tokenModel = testing::modelWithSpreadWeights(tokens, 9, 0.6);
        QVERIFY(explainExample(tokenModel, testing::randomExample(tokens, 5, 2, 1.0F), options).perFeature.empty());
    }

    // score(x) − score(x with the one value xₜ,f set to 0), against the app's own answers to the
    // altered inputs; with one feature, the per-step occlusion itself.
    void occlusionPerFeatureMatchesDirectReruns()
    {
        for (int features : {kFeatures, 1}) {
            const ModelConfig config = seriesConfig(features);
            AttentionModel model = testing::modelWithSpreadWeights(config, 14, 0.6);
            const Example example = testing::randomExample(config, kSteps, 6, 1.0F);
            ExplainOptions options;
            options.methods = {AttributionMethod::Occlusion};
            const Explanation explanation = explainExample(model, example, options);
            const FeatureScores& drops = featureScoresOf(explanation, AttributionMethod::Occlusion);
            QCOMPARE(drops.values.size(), size_t(kSteps) * static_cast<size_t>(features));
            const auto output = static_cast<size_t>(explanation.predictedClass);
            const double score = predictExample(model, example).output.at(output);
            QVERIFY(std::abs(score - explanation.score) < 1e-5);
            for (size_t t = 0; t < size_t(kSteps); ++t) {
                for (size_t f = 0; f < static_cast<size_t>(features); ++f) {
                    Example altered = example;
                    altered.values[t * static_cast<size_t>(features) + f] = 0.0F;
                    const double expected = score - predictExample(model, altered).output.at(output);
                    QVERIFY2(std::abs(drops.at(t, f) - expected) < 1e-5, qPrintable(mismatch(t, f, drops.at(t, f), expected)));
                }
            }
            if (features == 1)
                QCOMPARE(drops.values, scoresOf(explanation, AttributionMethod::Occlusion));
        }
    }

    // A partial answer after the gradients already holds their per-feature values, and only those.
    void partialAnswersCarryTheirPerFeatureValues()
    {
        const ModelConfig config = seriesConfig(kFeatures);
        AttentionModel model = testing::modelWithSpreadWeights(config, 3, 0.6);
        const Example example = testing::randomExample(config, kSteps, 1, 1.0F);
        std::vector<size_t> seen;
        ExplainOptions options;
        options.progress = [&](const Explanation& partial) {
            seen.push_back(partial.perFeature.size());
            return seen.size() < 2;
        };
        const Explanation partial = explainExample(model, example, options);
        QCOMPARE(seen, (std::vector<size_t>{0, 2}));  // attention, then gradient and grad_input
        QVERIFY(!partial.complete);
        QVERIFY(partial.featureScores(AttributionMethod::Gradient));
        QVERIFY(!partial.featureScores(AttributionMethod::Occlusion));
    }
};

QTEST_GUILESS_MAIN(FeatureAttributionTest)
#include "tst_feature_attribution.moc"
