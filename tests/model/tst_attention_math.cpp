// The mathematics of every attention variant: gradients agree with finite differences in double
// precision, weights are distributions over the right axis, and padding is invisible.

#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "model/AttentionModel.h"

#include <torch/autograd.h>

#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int64_t kBatch = 3;
constexpr int64_t kSteps = 6;
constexpr int64_t kFeatures = 2;
const std::vector<int64_t> kLengths{6, 4, 1};  // one full, one padded, one single-step sequence

ModelConfig seriesConfig(AttentionKind attention, bool bidirectional, RecurrentCell cell = RecurrentCell::Lstm,
                         int layers = 1)
{
    ModelConfig config;
    config.cell = cell;
    config.layers = layers;
    config.input = InputKind::Series;
    config.inputFeatures = kFeatures;
    config.hiddenSize = 3;
    config.bidirectional = bidirectional;
    config.attention = attention;
    config.attentionDim = 4;
    config.maxLength = kSteps;
    config.head = HeadKind::Regression;
    config.outputs = 2;
    return config;
}

torch::Tensor lengthMask(const std::vector<int64_t>& lengths, int64_t steps)
{
    auto mask = torch::zeros({static_cast<int64_t>(lengths.size()), steps}, torch::kBool);
    for (size_t b = 0; b < lengths.size(); ++b)
        mask[static_cast<int64_t>(b)].slice(0, 0, lengths[b]).fill_(true);
    return mask;
}

// A scalar that depends on every output and every weight, with fixed random coefficients, so one
// gradient check covers them all.
torch::Tensor probe(AttentionModel& model, const torch::Tensor& input, const torch::Tensor& mask,
                    const torch::Tensor& outputCoefficients, const torch::Tensor& weightCoefficients)
{
    const ModelOutput output = model->forward(input, mask);
    auto value = (output.prediction * outputCoefficients).sum();
    if (output.attention.defined())
        value = value + (output.attention * weightCoefficients.slice(0, 0, output.attention.numel()).view_as(output.attention)).sum();
    return value;
}

AttentionKind kindFromRow(const QString& name)
{
    AttentionKind kind{};
    if (!parseAttentionKind(name, &kind))
        qFatal("unknown attention %s", qPrintable(name));
    return kind;
}

// Every variant over a uni- and a bidirectional LSTM, plus other encoders under one variant.
void addVariants()
{
    QTest::addColumn<QString>("attention");
    QTest::addColumn<bool>("bidirectional");
    QTest::addColumn<int>("cell");
    QTest::addColumn<int>("layers");
    const int lstm = static_cast<int>(RecurrentCell::Lstm);
    const int gru = static_cast<int>(RecurrentCell::Gru);
    for (const QString& name : allAttentionNames()) {
        for (bool bidirectional : {false, true}) {
            const QByteArray row = (name + (bidirectional ? QStringLiteral("/bi") : QStringLiteral("/uni"))).toUtf8();
            QTest::newRow(row.constData()) << name << bidirectional << lstm << 1;
        }
    }
    QTest::newRow("additive/bi-gru") << QStringLiteral("additive") << true << gru << 1;
    QTest::newRow("none/bi-gru") << QStringLiteral("none") << true << gru << 1;
    QTest::newRow("additive/2-layer-bi") << QStringLiteral("additive") << true << lstm << 2;
}

// The configuration of the current data row of addVariants().
ModelConfig configFromRow()
{
    QFETCH(QString, attention);
    QFETCH(bool, bidirectional);
    QFETCH(int, cell);
    QFETCH(int, layers);
    return seriesConfig(kindFromRow(attention), bidirectional, static_cast<RecurrentCell>(cell), layers);
}

} // namespace

class AttentionMathTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
    }

    void gradientsMatchFiniteDifferences_data() { addVariants(); }
    void gradientsMatchFiniteDifferences()
    {
        torch::manual_seed(11);
        AttentionModel model = buildModel(configFromRow());
        model->to(torch::kDouble);
        model->eval();
        const auto input = torch::randn({kBatch, kSteps, kFeatures}, torch::kDouble).requires_grad_(true);
        const auto mask = lengthMask(kLengths, kSteps);
        const auto outputCoefficients = torch::randn({kBatch, 2}, torch::kDouble);
        const auto weightCoefficients = torch::randn({kBatch * kSteps * kSteps * 8}, torch::kDouble);

        std::vector<torch::Tensor> leaves{input};
        for (const auto& parameter : model->parameters())
            leaves.push_back(parameter);
        const auto value = probe(model, input, mask, outputCoefficients, weightCoefficients);
        const auto analytic = torch::autograd::grad({value}, leaves, {}, /*retain_graph=*/false, /*create_graph=*/false,
                                                    /*allow_unused=*/true);

        constexpr double kStep = 1e-6;
        constexpr double kTolerance = 1e-6;
        torch::NoGradGuard noGrad;
        int checked = 0;
        for (size_t leaf = 0; leaf < leaves.size(); ++leaf) {
            auto flat = leaves[leaf].view({-1});
            const auto gradient = analytic[leaf].defined() ? analytic[leaf].reshape({-1}) : torch::zeros_like(flat);
            for (int64_t i = 0; i < flat.numel(); ++i) {
                const double original = flat[i].item<double>();
                flat[i] = original + kStep;
                const double up = probe(model, input, mask, outputCoefficients, weightCoefficients).item<double>();
                flat[i] = original - kStep;
                const double down = probe(model, input, mask, outputCoefficients, weightCoefficients).item<double>();
                flat[i] = original;
                const double numeric = (up - down) / (2 * kStep);
                const double expected = gradient[i].item<double>();
                if (std::abs(numeric - expected) > kTolerance * std::max(1.0, std::abs(numeric)))
                    QFAIL(qPrintable(QStringLiteral("leaf %1 element %2: autograd %3, finite difference %4")
                                         .arg(leaf)
                                         .arg(i)
                                         .arg(expected, 0, 'g', 12)
                                         .arg(numeric, 0, 'g', 12)));
                ++checked;
            }
        }
        QVERIFY(checked > 100);
    }

    void weightsAreDistributionsWithZeroOnPadding_data() { addVariants(); }
    void weightsAreDistributionsWithZeroOnPadding()
    {
        const ModelConfig config = configFromRow();
        const AttentionKind kind = config.attention;
        AttentionModel model = buildModel(config);
        model->eval();
        const auto mask = lengthMask(kLengths, kSteps);
        const auto input = torch::randn({kBatch, kSteps, kFeatures});
        const auto weights = model->forward(input, mask).attention;
        if (kind == AttentionKind::None) {
            QVERIFY(!weights.defined());
            return;
        }
        QVERIFY(weights.ge(0).all().item<bool>());
        const auto padding = mask.logical_not();
        if (hasSingleDistribution(kind)) {
            QCOMPARE(weights.sizes().vec(), (std::vector<int64_t>{kBatch, kSteps}));
            QVERIFY(torch::allclose(weights.sum(1), torch::ones({kBatch}), 1e-6, 1e-6));
            QVERIFY(weights.masked_select(padding).eq(0).all().item<bool>());
        } else if (mapsStepToStep(kind)) {
            QCOMPARE(weights.sizes().vec(), (std::vector<int64_t>{kBatch, kSteps, kSteps}));
            const auto rowSums = weights.sum(2);  // over keys
            QVERIFY(torch::allclose(rowSums.masked_select(mask), torch::ones({mask.sum().item<int64_t>()}), 1e-6, 1e-6));
            QVERIFY(rowSums.masked_select(padding).eq(0).all().item<bool>());  // padded queries
            QVERIFY(weights.masked_select(padding.unsqueeze(1).expand_as(weights)).eq(0).all().item<bool>());  // padded keys
        } else {
            const int64_t width = config.encoderWidth();
            QCOMPARE(weights.sizes().vec(), (std::vector<int64_t>{kBatch, kSteps, width}));
            QVERIFY(torch::allclose(weights.sum(1), torch::ones({kBatch, width}), 1e-6, 1e-6));  // over time, per unit
            QVERIFY(weights.masked_select(padding.unsqueeze(2).expand_as(weights)).eq(0).all().item<bool>());
        }
    }

    // A sequence gives the same output and attention alone as when batched with longer ones.
    void paddingDoesNotChangeTheResult_data() { addVariants(); }
    void paddingDoesNotChangeTheResult()
    {
        ModelConfig config = configFromRow();
        config.input = InputKind::Tokens;
        config.vocabularySize = 20;
        config.embeddingDim = 5;
        AttentionModel model = buildModel(config);
        model->eval();
        torch::NoGradGuard noGrad;
        const auto shortIds = torch::tensor({{4, 9, 3}}, torch::kLong);
        const auto batchIds = torch::tensor({{4, 9, 3, 0, 0, 0}, {5, 6, 7, 8, 9, 10}}, torch::kLong);
        const ModelOutput alone = model->forward(shortIds, tokenMask(shortIds));
        const ModelOutput batched = model->forward(batchIds, tokenMask(batchIds));
        QVERIFY(torch::allclose(alone.prediction[0], batched.prediction[0], 1e-5, 1e-6));
        if (!alone.attention.defined())
            return;
        auto realPart = batched.attention[0].slice(0, 0, 3);
        if (alone.attention.dim() == 3 && mapsStepToStep(config.attention))
            realPart = realPart.slice(1, 0, 3);
        QVERIFY(torch::allclose(alone.attention[0], realPart, 1e-5, 1e-6));
    }

    void positionalBiasRefusesLongerInput()
    {
        AttentionModel model = buildModel(seriesConfig(AttentionKind::PositionalBias, false));
        const auto input = torch::randn({1, kSteps + 1, kFeatures});
        QVERIFY_THROWS_EXCEPTION(StudioError, model->forward(input, torch::ones({1, kSteps + 1}, torch::kBool)));
    }
};

QTEST_GUILESS_MAIN(AttentionMathTest)
#include "tst_attention_math.moc"
