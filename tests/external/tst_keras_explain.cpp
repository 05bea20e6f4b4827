// Keras models explained (issue 13) through external/keras/KerasExplainedInput and
// KerasSession::explain, each figure against an independent computation: gradients against
// central finite differences of a float64 copy of the model, the float32 path against that copy,
// forward(stepInputs()) against run() and the numpy reference, replaced steps and occlusion against
// reruns of the session with the id set to 0 (zeros for a series), integrated gradients' expected
// difference against run() on all-pad ids, and the interventions against the Dense head computed
// by hand from the file's weights. The models (tests/external/keras/make_explain_fixtures.py): the
// tutorials' Embedding + Bi-LSTM + custom attention + Dense softmax with its tokenizer, the same
// with mask_zero and a linear one-output head, and tutorial 000's series model.

#include "TorchTestSetup.h"
#include "analysis/StepAttribution.h"
#include "common/StudioError.h"
#include "external/keras/KerasArchive.h"
#include "external/keras/KerasExplainedInput.h"
#include "external/keras/KerasModel.h"
#include "session/ModelSession.h"

#include <torch/autograd.h>
#include <torch/types.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>

using namespace studio;

Q_DECLARE_METATYPE(studio::ScoreKind)

namespace {

constexpr int kFixtureTimeoutMs = 5 * 60 * 1000;  // numpy on a busy 2-core machine
// Central differences in float64 with h = 1e-6: truncation error ~h²·f''' ≈ 1e-12 and rounding
// ~1e-16/h ≈ 1e-10 for scores of order 1, so 1e-7 leaves room and still catches any wrong term.
constexpr double kFiniteStep = 1e-6;
constexpr double kFiniteTolerance = 1e-7;
// float32 LibTorch loop against the float64 copy: eight recurrent steps of float32 rounding.
constexpr double kFloat32Tolerance = 1e-4;
constexpr double kRunTolerance = 1e-6;       // the same float32 arithmetic, batched differently
constexpr double kReferenceTolerance = 1e-5; // numpy float64 against float32 (tst_keras_models)

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

double valueOf(const torch::Tensor& tensor) { return tensor.item<double>(); }

// The explained column: the largest output for several outputs, else the one output.
int64_t explainedColumn(const torch::Tensor& prediction) { return prediction.size(1) > 1 ? prediction[0].argmax().item<int64_t>() : 0; }

} // namespace

class TestKerasExplain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gradientMatchesFiniteDifferences_data() { models(); }
    void gradientMatchesFiniteDifferences();
    void forwardMatchesRun_data() { models(); }
    void forwardMatchesRun();
    void baselineIsThePadEmbedding();
    void replacedStepsMatchReruns_data() { models(); }
    void replacedStepsMatchReruns();
    void interventionsReweightTheLayer_data() { models(); }
    void interventionsReweightTheLayer();
    void sessionExplains_data() { models(); }
    void sessionExplains();

private:
    void models();
    QString path(const QString& name) const { return QDir(m_dir.path()).filePath(name); }
    // The first case of a fixture: its ids (token models) or its series.
    InferenceRequest request(const QString& name, int index = 0) const;
    std::unique_ptr<keras::KerasExplainedInput> explained(const keras::KerasModel& model, const QString& name) const;

    QTemporaryDir m_dir;
};

void TestKerasExplain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
    studio::testing::setUpTorch();
    QVERIFY(m_dir.isValid());
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(STUDIO_SOURCE_DIR "/tests/external/keras/make_explain_fixtures.py"), m_dir.path()});
    QVERIFY2(python.waitForFinished(kFixtureTimeoutMs), "make_explain_fixtures.py did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAll().constData());
}

void TestKerasExplain::models()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ScoreKind>("kind");
    QTest::newRow("bilstm-softmax") << QStringLiteral("explain_bilstm_attention_tfkeras") << ScoreKind::ClassLogits;
    QTest::newRow("masked-bilstm-linear") << QStringLiteral("explain_masked_bilstm_tfkeras") << ScoreKind::BinaryLogit;
    QTest::newRow("series") << QStringLiteral("explain_series_attention_tfkeras") << ScoreKind::Value;
}

InferenceRequest TestKerasExplain::request(const QString& name, int index) const
{
    const QJsonObject input = readJson(path(name + QStringLiteral(".expected.json")))
                                  .value(QStringLiteral("cases")).toArray().at(index).toObject()
                                  .value(QStringLiteral("input")).toObject();
    InferenceRequest request;
    for (const QJsonValue& id : input.value(QStringLiteral("ids")).toArray())
        request.ids.push_back(id.toInteger());
    for (const QJsonValue& row : input.value(QStringLiteral("series")).toArray()) {
        request.features = static_cast<int>(row.toArray().size());
        for (const QJsonValue& cell : row.toArray())
            request.series.push_back(static_cast<float>(cell.toDouble()));
    }
    return request;
}

std::unique_ptr<keras::KerasExplainedInput> TestKerasExplain::explained(const keras::KerasModel& model, const QString& name) const
{
    const InferenceRequest input = request(name);
    // Candidate 0: the custom attention layer, the first softmax in every fixture (as run() picks).
    return std::make_unique<keras::KerasExplainedInput>(model, input.ids, input.series, input.features, /*candidate=*/0);
}

// ∂score/∂eₜ,d by autograd (LibTorch's recurrent step loop) against central differences, every
// step and dimension, on a float64 copy; then the float32 model's gradient against it.
void TestKerasExplain::gradientMatchesFiniteDifferences()
{
    QFETCH(QString, name);
    const keras::KerasArchive archive = keras::readKerasFile(path(name + QStringLiteral(".h5")));
    const keras::KerasModel precise(archive, {}, keras::KerasPrecision::Float64);
    const auto input = explained(precise, name);
    const torch::Tensor e = input->stepInputs();
    QCOMPARE(e.scalar_type(), torch::kDouble);
    const torch::Tensor variable = e.clone().requires_grad_(true);
    const torch::Tensor prediction = input->forward(variable).prediction;
    QVERIFY2(prediction.requires_grad(), "the pass recorded no graph (the fused no-gradient loop ran)");
    const int64_t column = explainedColumn(prediction);
    const torch::Tensor gradient = torch::autograd::grad({prediction[0][column]}, {variable})[0];

    torch::NoGradGuard noGradients;
    double largest = 0.0;
    for (int64_t t = 0; t < e.size(1); ++t)
        for (int64_t d = 0; d < e.size(2); ++d) {
            torch::Tensor up = e.clone();
            torch::Tensor down = e.clone();
            up[0][t][d] += kFiniteStep;
            down[0][t][d] -= kFiniteStep;
            const double numeric = (valueOf(input->forward(up).prediction[0][column]) - valueOf(input->forward(down).prediction[0][column]))
                                   / (2.0 * kFiniteStep);
            const double analytic = valueOf(gradient[0][t][d]);
            largest = std::max(largest, std::abs(analytic));
            QVERIFY2(std::abs(numeric - analytic) <= kFiniteTolerance,
                     qPrintable(QStringLiteral("step %1, dim %2: autograd %3, finite differences %4").arg(t).arg(d).arg(analytic).arg(numeric)));
        }
    QVERIFY2(largest > 1e-3, "the score hardly depends on the input: the check would prove nothing");

    // The float32 model the session runs, through its own LibTorch loop, against the float64 copy.
    torch::AutoGradMode gradients(/*enabled=*/true);
    const keras::KerasModel single(archive, {});
    const auto input32 = explained(single, name);
    QCOMPARE(input32->stepInputs().scalar_type(), torch::kFloat);
    const torch::Tensor variable32 = input32->stepInputs().requires_grad_(true);
    const torch::Tensor gradient32 = torch::autograd::grad({input32->forward(variable32).prediction[0][column]}, {variable32})[0];
    const double difference = (gradient32.to(torch::kDouble) - gradient).abs().max().item<double>();
    QVERIFY2(difference <= kFloat32Tolerance, qPrintable(QStringLiteral("float32 gradient off by %1").arg(difference)));
}

// The differentiable pass from eₜ gives what the session's run() gives, and both the reference.
void TestKerasExplain::forwardMatchesRun()
{
    QFETCH(QString, name);
    QFETCH(ScoreKind, kind);
    const keras::KerasArchive archive = keras::readKerasFile(path(name + QStringLiteral(".h5")));
    const keras::KerasModel model(archive, {});
    const auto input = explained(model, name);
    QCOMPARE(input->scoreKind(), kind);
    QCOMPARE(input->isSeries(), kind == ScoreKind::Value);
    const ExplainedPass pass = input->forward(input->stepInputs());
    const std::unique_ptr<ModelSession> session = ModelSession::open(path(name + QStringLiteral(".h5")));
    const InferenceResult run = session->run(request(name));
    QCOMPARE(run.chosenCandidate, 0);
    const QJsonObject reference = readJson(path(name + QStringLiteral(".expected.json"))).value(QStringLiteral("cases")).toArray().at(0).toObject();
    const QJsonArray expectedPrediction = reference.value(QStringLiteral("prediction")).toArray();
    QCOMPARE(pass.prediction.size(1), static_cast<int64_t>(run.prediction.size()));
    for (size_t i = 0; i < run.prediction.size(); ++i) {
        const double value = valueOf(pass.prediction[0][static_cast<int64_t>(i)]);
        QVERIFY2(std::abs(value - run.prediction[i]) <= kRunTolerance, qPrintable(QStringLiteral("output %1: %2 against run's %3").arg(i).arg(value).arg(run.prediction[i])));
        QVERIFY(std::abs(value - expectedPrediction.at(static_cast<int>(i)).toDouble()) <= kReferenceTolerance);
    }
    QVERIFY(pass.weights.defined());
    QCOMPARE(pass.weights.sizes().vec(), (std::vector<int64_t>{1, static_cast<int64_t>(run.attention.values.size())}));
    for (size_t t = 0; t < run.attention.values.size(); ++t)
        QVERIFY(std::abs(valueOf(pass.weights[0][static_cast<int64_t>(t)]) - run.attention.values[t]) <= kRunTolerance);
    QVERIFY(pass.states.defined());  // the custom layer's input, which the interventions re-weigh
    QCOMPARE(pass.states.size(1), pass.weights.size(1));
}

// The integrated-gradients baseline is id 0's embedding at every step: the row the Embedding gives
// the input's own padding (its first steps are pad_sequences' zeros).
void TestKerasExplain::baselineIsThePadEmbedding()
{
    const QString name = QStringLiteral("explain_bilstm_attention_tfkeras");
    const keras::KerasModel model(keras::readKerasFile(path(name + QStringLiteral(".h5"))), {});
    const auto input = explained(model, name);
    QCOMPARE(request(name).ids.front(), int64_t{0});
    const torch::Tensor e = input->stepInputs();
    const torch::Tensor baseline = input->baseline();
    QCOMPARE(baseline.sizes(), e.sizes());
    for (int64_t t = 0; t < e.size(1); ++t)
        QVERIFY(torch::equal(baseline[0][t], e[0][0]));
    QVERIFY(!torch::equal(e[0][0], e[0][e.size(1) - 1]));  // a word's row differs from the pad's
    QCOMPARE(input->scoreKind(), ScoreKind::ClassLogits);
    QVERIFY(input->interventionsUnavailable().isEmpty());
}

// Copies with steps replaced give what the session gives when the ids hold 0 there (zeros for a
// series), one step and several at once, in one batch.
void TestKerasExplain::replacedStepsMatchReruns()
{
    QFETCH(QString, name);
    const keras::KerasModel model(keras::readKerasFile(path(name + QStringLiteral(".h5"))), {});
    const auto input = explained(model, name);
    const std::unique_ptr<ModelSession> session = ModelSession::open(path(name + QStringLiteral(".h5")));
    const InferenceRequest original = request(name);
    const std::vector<std::vector<size_t>> replacements{{5}, {0, 2, 5}, {}, {1, 3}};
    const torch::Tensor predictions = input->predictWithStepsReplaced(replacements);
    QCOMPARE(predictions.size(0), static_cast<int64_t>(replacements.size()));
    for (size_t row = 0; row < replacements.size(); ++row) {
        InferenceRequest altered = original;
        for (size_t step : replacements[row]) {
            if (!altered.ids.empty())
                altered.ids[step] = 0;
            else
                for (int f = 0; f < altered.features; ++f)
                    altered.series[step * static_cast<size_t>(altered.features) + static_cast<size_t>(f)] = 0.0F;
        }
        const InferenceResult rerun = session->run(altered);
        for (size_t i = 0; i < rerun.prediction.size(); ++i)
            QVERIFY2(std::abs(valueOf(predictions[static_cast<int64_t>(row)][static_cast<int64_t>(i)]) - rerun.prediction[i]) <= kRunTolerance,
                     qPrintable(QStringLiteral("row %1 output %2").arg(row).arg(i)));
    }
    QVERIFY(!torch::allclose(predictions[0], predictions[2]));  // replacing a step changed something
}

// The attention layer given other weights: its output Σₜ αₜ·hₜ through the file's Dense head,
// computed here from the archive's kernel and bias, for uniform and one-hot weights; and the
// layer's own weights give back the model's prediction.
void TestKerasExplain::interventionsReweightTheLayer()
{
    QFETCH(QString, name);
    const keras::KerasArchive archive = keras::readKerasFile(path(name + QStringLiteral(".h5")));
    const keras::KerasModel model(archive, {}, keras::KerasPrecision::Float64);
    const auto input = explained(model, name);
    QVERIFY2(input->interventionsUnavailable().isEmpty(), qPrintable(input->interventionsUnavailable()));
    torch::NoGradGuard noGradients;
    const ExplainedPass pass = input->forward(input->stepInputs());
    const int64_t steps = pass.weights.size(1);
    const torch::Tensor same = input->predictionWithWeights(pass.states, pass.weights);
    QVERIFY(torch::allclose(same, pass.prediction, /*rtol=*/0.0, /*atol=*/1e-12));

    const std::vector<keras::WeightArray>& dense = archive.layerWeights.at(QStringLiteral("dense"));
    const auto tensorOf = [](const keras::WeightArray& array) {
        return torch::tensor(at::ArrayRef<float>(array.values), torch::kFloat).reshape(array.shape).to(torch::kDouble);
    };
    const torch::Tensor kernel = tensorOf(dense.at(0));
    const torch::Tensor bias = tensorOf(dense.at(1));
    const QString activation = model.outputActivation();
    const auto head = [&](const torch::Tensor& context) {
        const torch::Tensor z = torch::matmul(context, kernel) + bias;
        return activation == QLatin1String("softmax") ? torch::softmax(z, -1) : activation == QLatin1String("sigmoid") ? torch::sigmoid(z) : z;
    };
    torch::Tensor weights = torch::full({steps + 1, steps}, 1.0 / static_cast<double>(steps), torch::kDouble);
    for (int64_t t = 0; t < steps; ++t) {
        weights[t + 1].zero_();
        weights[t + 1][t] = 1.0;
    }
    const torch::Tensor states = pass.states.expand({steps + 1, -1, -1});
    const torch::Tensor expected = head((states * weights.unsqueeze(-1)).sum(1));
    const torch::Tensor actual = input->predictionWithWeights(pass.states, weights);
    QVERIFY2(torch::allclose(actual, expected, /*rtol=*/0.0, /*atol=*/1e-12),
             qPrintable(QStringLiteral("off by %1").arg((actual - expected).abs().max().item<double>())));
    QVERIFY(!torch::allclose(actual[0], pass.prediction[0]));  // uniform weights change the prediction
}

// KerasSession::explain end to end: the steps run() shows, the score and class of run()'s
// prediction, the attention row of run(), occlusion equal to reruns with the step set to 0, and
// integrated gradients summing to score(x) − score(baseline), within the error reported, which is
// small.
void TestKerasExplain::sessionExplains()
{
    QFETCH(QString, name);
    const std::unique_ptr<ModelSession> session = ModelSession::open(path(name + QStringLiteral(".h5")));
    const InferenceRequest original = request(name, 1);
    const InferenceResult run = session->run(original);
    ExplainOptions options;
    options.integratedGradientsSteps = 64;
    const Explanation explanation = session->explain(original, options);

    const bool series = original.ids.empty();
    const auto steps = static_cast<size_t>(series ? original.series.size() / static_cast<size_t>(original.features) : original.ids.size());
    QCOMPARE(static_cast<size_t>(explanation.steps.size()), steps);
    if (!series)
        QCOMPARE(explanation.steps, run.attention.tokens);
    const size_t column = run.prediction.size() > 1
        ? static_cast<size_t>(std::max_element(run.prediction.begin(), run.prediction.end()) - run.prediction.begin())
        : 0;
    QCOMPARE(explanation.predictedClass, run.prediction.size() > 1 ? static_cast<int>(column) : -1);
    QVERIFY(std::abs(explanation.score - run.prediction[column]) <= kRunTolerance);

    const std::vector<double>* attention = explanation.scores(AttributionMethod::Attention);
    QVERIFY(attention);
    for (size_t t = 0; t < steps; ++t)
        QVERIFY(std::abs((*attention)[t] - run.attention.values[t]) <= kRunTolerance);

    const std::vector<double>* occlusion = explanation.scores(AttributionMethod::Occlusion);
    QVERIFY(occlusion);
    QCOMPARE(occlusion->size(), steps);
    for (size_t t = 0; t < steps; ++t) {
        InferenceRequest altered = original;
        if (!series)
            altered.ids[t] = 0;
        else
            for (int f = 0; f < altered.features; ++f)
                altered.series[t * static_cast<size_t>(altered.features) + static_cast<size_t>(f)] = 0.0F;
        const double drop = run.prediction[column] - session->run(altered).prediction[column];
        QVERIFY2(std::abs((*occlusion)[t] - drop) <= kRunTolerance,
                 qPrintable(QStringLiteral("step %1: occlusion %2, rerun %3").arg(t).arg((*occlusion)[t]).arg(drop)));
    }

    QVERIFY(explanation.integratedGradients.has_value());
    const IntegratedGradientsCompleteness& completeness = *explanation.integratedGradients;
    // The baseline is id 0's embedding at every step (zeros for a series): run() on all-pad ids,
    // except where mask_zero masks id 0: the path keeps the input's own mask (a mask cannot be
    // interpolated), so there the baseline is read through the differentiable pass instead.
    double baselineScore = 0.0;
    if (name.contains(QLatin1String("masked"))) {
        const keras::KerasModel model(keras::readKerasFile(path(name + QStringLiteral(".h5"))), {});
        keras::KerasExplainedInput input(model, original.ids, original.series, original.features, /*candidate=*/0);
        torch::NoGradGuard noGradients;
        baselineScore = valueOf(input.forward(input.baseline()).prediction[0][static_cast<int64_t>(column)]);
    } else {
        InferenceRequest padding = original;
        std::fill(padding.ids.begin(), padding.ids.end(), int64_t{0});
        std::fill(padding.series.begin(), padding.series.end(), 0.0F);
        baselineScore = session->run(padding).prediction[column];
    }
    const double expected = run.prediction[column] - baselineScore;
    QVERIFY2(std::abs(completeness.expected - expected) <= kRunTolerance,
             qPrintable(QStringLiteral("expected %1, run() gives %2").arg(completeness.expected).arg(expected)));
    const std::vector<double>* integrated = explanation.scores(AttributionMethod::IntegratedGradients);
    QVERIFY(integrated);
    double sum = 0.0;
    for (double value : *integrated)
        sum += value;
    QVERIFY(std::abs(sum - completeness.sum) <= 1e-9);
    QVERIFY(std::abs(std::abs(sum - expected) - completeness.error) <= kRunTolerance);
    // The midpoint rule at 64 points on these smooth paths: within 1% of the difference explained.
    QVERIFY2(completeness.error <= 0.01 * std::abs(expected) + 1e-5,
             qPrintable(QStringLiteral("IG sums to %1, expected %2").arg(sum).arg(expected)));

    QVERIFY(explanation.interventions.available);
    QVERIFY(!explanation.faithfulness.empty());
}

QTEST_GUILESS_MAIN(TestKerasExplain)
#include "tst_keras_explain.moc"
