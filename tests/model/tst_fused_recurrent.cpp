// The fused encoder (model/FusedRecurrent) against LibTorch's own LSTM and GRU: the same hidden
// states, and through predictExample (which runs it for one sequence) the same output and
// attention as AttentionModel::forward, to 1e-5, for every cell, direction, depth, input kind and
// attention variant. Weights are drawn far from their initial values so that every gate matters.

#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "model/AttentionModel.h"
#include "model/FusedRecurrent.h"
#include "model/Prediction.h"

#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int64_t kSteps = 9;

ModelConfig configOf(AttentionKind attention, bool tokens, RecurrentCell cell, bool bidirectional, int layers)
{
    ModelConfig config;
    config.input = tokens ? InputKind::Tokens : InputKind::Series;
    config.vocabularySize = 30;
    config.embeddingDim = 6;
    config.inputFeatures = 3;
    config.cell = cell;
    config.hiddenSize = 5;
    config.layers = layers;
    config.dropout = layers > 1 ? 0.3 : 0.0;  // between layers in training only: eval leaves it out
    config.bidirectional = bidirectional;
    config.attention = attention;
    config.maxLength = kSteps;
    return config;
}

torch::Tensor inputOf(const ModelConfig& config, const Example& example)
{
    if (config.input == InputKind::Tokens)
        return torch::tensor(example.tokens, torch::kLong).unsqueeze(0);
    return torch::tensor(example.values).reshape({1, kSteps, config.inputFeatures});
}

} // namespace

class FusedRecurrentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testing::setUpTorch(); }

    void sameAsLibTorch_data()
    {
        QTest::addColumn<int>("attention");
        QTest::addColumn<bool>("tokens");
        QTest::addColumn<int>("cell");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<int>("layers");
        const int lstm = static_cast<int>(RecurrentCell::Lstm);
        const int gru = static_cast<int>(RecurrentCell::Gru);
        for (const QString& name : allAttentionNames()) {
            AttentionKind kind{};
            parseAttentionKind(name, &kind);
            QTest::newRow(qPrintable(name + QStringLiteral(", tokens, Bi-LSTM"))) << static_cast<int>(kind) << true << lstm << true << 1;
            QTest::newRow(qPrintable(name + QStringLiteral(", series, GRU"))) << static_cast<int>(kind) << false << gru << false << 1;
        }
        const int additive = static_cast<int>(AttentionKind::Additive);
        QTest::newRow("additive, tokens, 2-layer Bi-GRU") << additive << true << gru << true << 2;
        QTest::newRow("additive, series, 3-layer LSTM") << additive << false << lstm << false << 3;
        QTest::newRow("additive, series, 2-layer Bi-LSTM") << additive << false << lstm << true << 2;
    }

    void sameAsLibTorch()
    {
        QFETCH(int, attention);
        QFETCH(bool, tokens);
        QFETCH(int, cell);
        QFETCH(bool, bidirectional);
        QFETCH(int, layers);
        const ModelConfig config = configOf(static_cast<AttentionKind>(attention), tokens, static_cast<RecurrentCell>(cell),
                                            bidirectional, layers);
        AttentionModel model = testing::modelWithSpreadWeights(config, 7, 0.9);
        model->eval();
        model->useRecurrentKernel(RecurrentKernel::LibTorch);  // the reference: torch's own LSTM and GRU
        const Example example = testing::randomExample(config, kSteps, 3, 1.5F);
        const torch::Tensor input = inputOf(config, example);
        const torch::Tensor mask = torch::ones({1, kSteps}, torch::kBool);

        torch::NoGradGuard noGradients;
        const ModelPass reference = model->forwardPass(input, mask);
        const FusedEncoderRun fused = runEncoderFused(model, input, /*keepGates=*/true);
        QCOMPARE(fused.states.sizes().vec(), reference.states.sizes().vec());
        const double statesOff = (fused.states - reference.states).abs().max().item<double>();
        QVERIFY2(statesOff < 1e-5, qPrintable(QString::number(statesOff)));
        const int64_t directions = bidirectional ? 2 : 1;
        const int64_t gates = config.cell == RecurrentCell::Lstm ? 4 : 3;
        QCOMPARE(fused.gates.size(), static_cast<size_t>(directions * kSteps * gates * config.hiddenSize));
        QCOMPARE(fused.cells.size(), config.cell == RecurrentCell::Lstm ? static_cast<size_t>(directions * kSteps * config.hiddenSize) : size_t{0});

        // predictExample takes the fused path; its answer is forward's.
        const Prediction prediction = predictExample(model, example);
        const torch::Tensor output = reference.prediction.reshape({-1});
        QCOMPARE(prediction.output.size(), static_cast<size_t>(output.numel()));
        for (int64_t k = 0; k < output.numel(); ++k)
            QVERIFY(std::abs(prediction.output[static_cast<size_t>(k)] - output[k].item<float>()) < 1e-5F);
        if (reference.attention.weights.defined()) {
            const torch::Tensor weights = reference.attention.weights.reshape({-1});
            QCOMPARE(prediction.attention.values.size(), static_cast<size_t>(weights.numel()));
            for (int64_t k = 0; k < weights.numel(); ++k)
                QVERIFY(std::abs(prediction.attention.values[static_cast<size_t>(k)] - weights[k].item<float>()) < 1e-5F);
        }
    }
};

QTEST_MAIN(FusedRecurrentTest)
#include "tst_fused_recurrent.moc"
