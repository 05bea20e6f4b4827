// Explaining TorchScript models (issue 13) against PyTorch's own autograd: make_explain_fixtures.py,
// run now with Debian's python3-torch, writes small PyTorch models (tokens with a word and a
// positional embedding; two written for one example, one with a binary logit; a time-major series
// regression with meta.json scaling) and computes on the same float32 modules the score, the
// gradient norm, gradient × input, integrated gradients (the midpoint rule from the pad embedding
// or zeros) and occlusion. The app's explanation of each, through the session, must agree with
// every number to 1e-4 (absolute below 1, relative above). Also: the differentiable pass gives
// run()'s prediction and attention; a batch gives what its rows give alone, whether the model runs
// batches or must be run row by row (it fails on a batch, or mixes the examples of one); a token
// model without an embedding is refused by name.

#include "TorchTestSetup.h"
#include "analysis/ExplainedInput.h"
#include "common/StudioError.h"
#include "external/TorchScriptExplainedInput.h"
#include "external/TorchScriptModel.h"
#include "session/ModelSession.h"

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

namespace {

constexpr double kTolerance = 1e-4;               // the contract with PyTorch's autograd
constexpr int kIntegratedGradientsSteps = 16;     // the same on both sides
constexpr int kFixtureTimeoutMs = 5 * 60 * 1000;  // importing torch on a busy 2-core machine is slow

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<double> numbers(const QJsonValue& value)
{
    std::vector<double> out;
    for (const QJsonValue& v : value.toArray())
        out.push_back(v.toDouble());
    return out;
}

std::vector<double> numbers(const torch::Tensor& t)
{
    const torch::Tensor flat = t.detach().to(torch::kDouble).contiguous().reshape({-1});
    return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
}

// The largest |a − b| / (1 + |b|): absolute for small numbers, relative for large; infinity when
// the lengths differ.
double worstDifference(const std::vector<double>& got, const std::vector<double>& want)
{
    if (got.size() != want.size())
        return INFINITY;
    double worst = 0.0;
    for (size_t i = 0; i < got.size(); ++i)
        worst = std::max(worst, std::abs(got[i] - want[i]) / (1.0 + std::abs(want[i])));
    return worst;
}

ExternalInput externalInput(const QJsonObject& input)
{
    ExternalInput in;
    for (const QJsonValue& v : input.value(QStringLiteral("ids")).toArray())
        in.tokenIds.push_back(v.toInteger());
    for (const QJsonValue& row : input.value(QStringLiteral("series")).toArray()) {
        in.featureCount = row.toArray().size();
        for (const QJsonValue& cell : row.toArray())
            in.series.push_back(static_cast<float>(cell.toDouble()));
    }
    return in;
}

void modelRows()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"explain_tokens", "explain_batch_one", "explain_mixing", "explain_series"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

InferenceRequest requestOf(const ExternalInput& in)
{
    InferenceRequest request;
    request.ids = in.tokenIds;
    request.series = in.series;
    request.features = static_cast<int>(in.featureCount);
    return request;
}

} // namespace

class TorchScriptExplainTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    double m_worst = 0.0;  // over every number compared with PyTorch

    QString fixture(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
        QVERIFY(m_dir.isValid());
        // /usr/bin/python3 is Debian's, with python3-torch; the python3 on PATH may lack torch.
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(STUDIO_TESTS_DIR "/external/torchscript/make_explain_fixtures.py"), m_dir.path(),
                      QString::number(kIntegratedGradientsSteps)});
        QVERIFY2(python.waitForFinished(kFixtureTimeoutMs), "make_explain_fixtures.py did not finish");
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 python.readAllStandardError().constData());
    }

    void cleanupTestCase() { qInfo("largest difference from PyTorch: %.3g (of %.0e allowed)", m_worst, kTolerance); }

    void explanationMatchesPyTorch_data() { modelRows(); }
    void explanationMatchesPyTorch()
    {
        QFETCH(QString, name);
        const QJsonObject ref = readJson(fixture(name + QStringLiteral(".json")));
        QVERIFY(!ref.isEmpty());
        const std::unique_ptr<ModelSession> session = ModelSession::open(fixture(name + QStringLiteral(".pt")));
        ExplainOptions options;
        options.integratedGradientsSteps = kIntegratedGradientsSteps;
        const Explanation explanation = session->explain(requestOf(externalInput(ref.value(QStringLiteral("input")).toObject())), options);

        QCOMPARE(explanation.predictedClass, ref.value(QStringLiteral("class")).isNull() ? -1 : ref.value(QStringLiteral("class")).toInt());
        const auto check = [&](const char* what, const std::vector<double>& got, const std::vector<double>& want) {
            const double worst = worstDifference(got, want);
            m_worst = std::max(m_worst, worst);
            if (!(worst <= kTolerance))
                qWarning("%s differs from PyTorch by %g", what, worst);
            return worst <= kTolerance;
        };
        QVERIFY(check("score", {explanation.score}, {ref.value(QStringLiteral("score")).toDouble()}));
        const std::pair<AttributionMethod, const char*> methods[] = {
            {AttributionMethod::Attention, "attention"},
            {AttributionMethod::Gradient, "gradient"},
            {AttributionMethod::GradientTimesInput, "grad_input"},
            {AttributionMethod::IntegratedGradients, "integrated_gradients"},
            {AttributionMethod::Occlusion, "occlusion"},
        };
        for (const auto& [method, key] : methods) {
            const std::vector<double>* got = explanation.scores(method);
            QVERIFY2(got, key);
            QVERIFY2(check(key, *got, numbers(ref.value(QLatin1String(key)))), key);
        }
        QVERIFY(explanation.integratedGradients.has_value());
        QVERIFY(check("integrated gradients' expected sum", {explanation.integratedGradients->expected},
                      {ref.value(QStringLiteral("ig_expected")).toDouble()}));
        QCOMPARE(explanation.steps.size(), static_cast<qsizetype>(numbers(ref.value(QStringLiteral("attention"))).size()));
        QVERIFY(!explanation.interventions.available);
        QVERIFY2(explanation.interventions.reason.contains(QStringLiteral("inside its own graph")),
                 qPrintable(explanation.interventions.reason));
    }

    // The pass from eₜ is the model: its prediction and attention are run()'s, eₜ and the baseline
    // are PyTorch's embedding outputs (or the scaled series and zeros).
    void passMatchesRun_data() { modelRows(); }
    void passMatchesRun()
    {
        QFETCH(QString, name);
        const QJsonObject ref = readJson(fixture(name + QStringLiteral(".json")));
        const TorchScriptModel model(fixture(name + QStringLiteral(".pt")));
        ExternalResult ran;
        const std::unique_ptr<ExplainedInput> input =
            model.explainedInput(externalInput(ref.value(QStringLiteral("input")).toObject()), &ran);
        torch::NoGradGuard noGradients;
        const torch::Tensor e = input->stepInputs();
        QVERIFY(worstDifference(numbers(e), numbers(ref.value(QStringLiteral("step_inputs")))) <= 1e-6);
        QVERIFY(worstDifference(numbers(input->baseline()), numbers(ref.value(QStringLiteral("baseline")))) <= 1e-6);
        const ExplainedPass pass = input->forward(e);
        QCOMPARE(pass.prediction.size(0), 1);
        const std::vector<double> runPrediction(ran.prediction.begin(), ran.prediction.end());
        QVERIFY(worstDifference(numbers(pass.prediction), runPrediction) <= 1e-6);
        QVERIFY(pass.weights.defined());
        QCOMPARE(pass.weights.sizes(), (std::vector<int64_t>{1, e.size(1)}));
        const std::vector<double> runAttention(ran.attention.values.begin(), ran.attention.values.end());
        QVERIFY(worstDifference(numbers(pass.weights), runAttention) <= 1e-6);
        QVERIFY(!pass.states.defined());
    }

    // Three different step inputs at once give what each gives alone, and three replaced copies
    // what each gives alone: the tokens model runs them as one batch; the model written for one
    // example fails on a batch and is run row by row.
    void batchesMatchRows_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("rowByRow");
        QTest::newRow("tokens") << QStringLiteral("explain_tokens") << false;
        QTest::newRow("batch of one") << QStringLiteral("explain_batch_one") << true;
        QTest::newRow("mixes a batch") << QStringLiteral("explain_mixing") << true;
        QTest::newRow("series, time-major") << QStringLiteral("explain_series") << false;
    }
    void batchesMatchRows()
    {
        QFETCH(QString, name);
        QFETCH(bool, rowByRow);
        const QJsonObject ref = readJson(fixture(name + QStringLiteral(".json")));
        const TorchScriptModel model(fixture(name + QStringLiteral(".pt")));
        const std::unique_ptr<ExplainedInput> input = model.explainedInput(externalInput(ref.value(QStringLiteral("input")).toObject()));
        torch::NoGradGuard noGradients;
        const torch::Tensor e = input->stepInputs();
        const torch::Tensor b = input->baseline();
        const torch::Tensor rows = torch::cat({e, b, 0.3 * e + 0.7 * b});
        const ExplainedPass batch = input->forward(rows);
        QCOMPARE(batch.prediction.size(0), 3);
        for (int64_t row = 0; row < 3; ++row) {
            const ExplainedPass one = input->forward(rows.narrow(0, row, 1));
            QVERIFY(worstDifference(numbers(batch.prediction[row]), numbers(one.prediction[0])) <= 1e-5);
            QVERIFY(worstDifference(numbers(batch.weights[row]), numbers(one.weights[0])) <= 1e-5);
        }
        const torch::Tensor replaced = input->predictWithStepsReplaced({{0}, {1, 2}, {}});
        const torch::Tensor unchanged = input->predictWithStepsReplaced({{}});
        QVERIFY(worstDifference(numbers(replaced[2]), numbers(unchanged[0])) <= 1e-5);
        QVERIFY(worstDifference(numbers(replaced[2]), numbers(input->forward(e).prediction[0])) <= 1e-5);
        QVERIFY(worstDifference(numbers(replaced[1]), numbers(input->predictWithStepsReplaced({{1, 2}})[0])) <= 1e-5);
        QVERIFY(worstDifference(numbers(replaced[0]), numbers(replaced[2])) > 1e-6);  // the replacement changes something
        const auto* script = dynamic_cast<const TorchScriptExplainedInput*>(input.get());
        QVERIFY(script);
        QCOMPARE(script->runsRowByRow(), rowByRow);
    }

    void tokenModelWithoutEmbeddingIsRefused()
    {
        const std::unique_ptr<ModelSession> session = ModelSession::open(fixture(QStringLiteral("explain_one_hot.pt")));
        InferenceRequest request;
        request.ids = {2, 3, 4};
        QString message;
        try {
            session->explain(request, ExplainOptions());
        } catch (const StudioError& error) {
            message = error.message();
        }
        QVERIFY2(message.contains(QStringLiteral("explain_one_hot.pt")) && message.contains(QStringLiteral("aten::embedding"))
                     && message.contains(QStringLiteral("nn.Embedding")),
                 qPrintable(message));
        QCOMPARE(session->run(request).prediction.size(), size_t{2});  // the model itself still runs
    }
};

QTEST_GUILESS_MAIN(TorchScriptExplainTest)
#include "tst_torchscript_explain.moc"
