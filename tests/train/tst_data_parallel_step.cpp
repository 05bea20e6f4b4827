// Training on both cores (train/DataParallelStep): a batch shared out over replicas on threads of
// their own gives the whole batch's loss and gradient (against the same step on one thread), the
// copies follow the optimizer's updates, a copy's failure reaches the caller, and a run is the
// same bit for bit for a seed and thread count, dropout included.

#include "SmallModels.h"
#include "TorchTestSetup.h"
#include "data/BuiltinTasks.h"
#include "train/DataParallelStep.h"
#include "train/FittingModelConfig.h"
#include "train/Objective.h"
#include "train/Trainer.h"

#include <torch/optim/sgd.h>

#include <QJsonObject>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

ModelConfig tokenModel(RecurrentCell cell, bool bidirectional, double dropout)
{
    ModelConfig config;
    config.input = InputKind::Tokens;
    config.vocabularySize = 30;
    config.embeddingDim = 5;
    config.hiddenSize = 6;
    config.layers = 2;
    config.cell = cell;
    config.bidirectional = bidirectional;
    config.dropout = dropout;
    config.attention = AttentionKind::Additive;
    config.head = HeadKind::MultiClass;
    config.outputs = 3;
    return config;
}

// `size` examples of random tokens, lengths 1..9 (padded), classes 0..2.
Batch randomBatch(const ModelConfig& config, int64_t size, unsigned seed)
{
    Dataset data;
    data.input = InputKind::Tokens;
    std::vector<int64_t> indices;
    std::mt19937 random(seed);
    for (int64_t i = 0; i < size; ++i) {
        Example example = testing::randomExample(config, 1 + static_cast<int64_t>(random() % 9), seed + static_cast<unsigned>(i), 1.0F);
        example.target = {static_cast<float>(random() % 3)};
        data.examples.push_back(example);
        indices.push_back(i);
    }
    data.head = HeadKind::MultiClass;
    data.outputs = 3;
    return makeBatch(data, indices);
}

std::vector<torch::Tensor> gradients(const AttentionModel& model)
{
    std::vector<torch::Tensor> all;
    for (const torch::Tensor& parameter : model->parameters())
        all.push_back(parameter.grad().defined() ? parameter.grad().clone() : torch::zeros_like(parameter));
    return all;
}

double largestDifference(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b)
{
    double largest = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        largest = std::max(largest, (a[i] - b[i]).abs().max().item<double>());
    return largest;
}

void zeroGradients(const AttentionModel& model)
{
    for (const torch::Tensor& parameter : model->parameters())
        if (parameter.grad().defined())
            parameter.mutable_grad().zero_();
}

Dataset spikeTask()
{
    TaskOptions options;
    options.count = 120;
    options.length = 8;
    return makeSpikeTask(options);
}

} // namespace

class DataParallelStepTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        testing::setUpTorch();
    }

    void sharedBatchGivesTheWholeBatchGradient_data()
    {
        QTest::addColumn<int>("cell");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<int>("replicas");
        QTest::addColumn<int>("batch");
        QTest::newRow("lstm, 2 replicas, odd batch") << int(RecurrentCell::Lstm) << false << 2 << 7;
        QTest::newRow("bi-gru, 2 replicas") << int(RecurrentCell::Gru) << true << 2 << 10;
        QTest::newRow("bi-lstm, 3 replicas, 8 examples") << int(RecurrentCell::Lstm) << true << 3 << 8;
        QTest::newRow("lstm, 2 replicas, 1 example (a copy sits out)") << int(RecurrentCell::Lstm) << false << 2 << 1;
    }

    // Without dropout, the shared step's loss, metric and every gradient are the one-thread
    // step's, up to the order of float sums.
    void sharedBatchGivesTheWholeBatchGradient()
    {
        QFETCH(int, cell);
        QFETCH(bool, bidirectional);
        QFETCH(int, replicas);
        QFETCH(int, batch);
        const ModelConfig config = tokenModel(static_cast<RecurrentCell>(cell), bidirectional, 0.0);
        AttentionModel model = testing::modelWithSpreadWeights(config, 11, 0.5);
        const Batch examples = randomBatch(config, batch, 5);

        // The reference: the whole batch through the model, as a one-thread training step does it.
        model->train();
        const ModelOutput output = model->forward(examples.input, examples.mask);
        const torch::Tensor loss = headLoss(config.head, output.prediction, examples.target);
        loss.backward();
        StepLoss alone;
        alone.loss = loss.item<double>();
        alone.metricSum = headMetricSum(config.head, output.prediction.detach(), examples.target);
        const std::vector<torch::Tensor> expected = gradients(model);
        zeroGradients(model);
        DataParallelStep shared(model, replicas);
        QCOMPARE(shared.replicas(), replicas);
        const StepLoss together = shared.run(examples, config.head);
        QVERIFY2(std::abs(together.loss - alone.loss) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(together.loss).arg(alone.loss)));
        QCOMPARE(together.metricSum, alone.metricSum);
        const double difference = largestDifference(gradients(model), expected);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
        // The gradient is not zero: the comparison compared something.
        double largest = 0.0;
        for (const torch::Tensor& g : expected)
            largest = std::max(largest, g.abs().max().item<double>());
        QVERIFY(largest > 1e-3);
    }

    // The copies read the model's own weights: after optimizer steps on the summed gradient, a
    // 2-replica run and a 1-replica run hold the same weights (a copy left on the initial weights
    // would give the second step a different gradient).
    void copiesFollowTheOptimizersUpdates()
    {
        const ModelConfig config = tokenModel(RecurrentCell::Lstm, true, 0.0);
        std::vector<std::vector<torch::Tensor>> finalWeights;
        for (const int replicas : {1, 2}) {
            AttentionModel model = testing::modelWithSpreadWeights(config, 3, 0.4);
            // SGD: Adam would blow float-order noise in near-zero gradients up to whole steps.
            torch::optim::SGD optimizer(model->parameters(), torch::optim::SGDOptions(0.2));
            DataParallelStep step(model, replicas);
            for (unsigned i = 0; i < 4; ++i) {
                optimizer.zero_grad();
                step.run(randomBatch(config, 9, 20 + i), config.head);
                optimizer.step();
            }
            std::vector<torch::Tensor> weights;
            for (const torch::Tensor& parameter : model->parameters())
                weights.push_back(parameter.detach().clone());
            finalWeights.push_back(weights);
        }
        const double difference = largestDifference(finalWeights[0], finalWeights[1]);
        QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
    }

    // A share whose loss is not finite (a NaN in the copy's share of a series batch): the batch's
    // loss is not finite, and the model is left with no gradient, not the other share's half.
    void lossThatIsNotFiniteLeavesNoHalfGradient()
    {
        ModelConfig config;
        config.input = InputKind::Series;
        config.inputFeatures = 1;
        config.hiddenSize = 5;
        config.attention = AttentionKind::Additive;
        config.head = HeadKind::Regression;
        config.outputs = 1;
        AttentionModel model = testing::modelWithSpreadWeights(config, 4, 0.5);
        Batch batch{torch::randn({6, 7, 1}), torch::ones({6, 7}, torch::kBool), torch::randn({6, 1})};
        batch.input[4][2][0] = std::numeric_limits<float>::quiet_NaN();  // in the copy's share (3..5)
        DataParallelStep step(model, 2);
        const StepLoss result = step.run(batch, config.head);
        QVERIFY(!std::isfinite(result.loss));
        for (const torch::Tensor& parameter : model->parameters())
            QVERIFY(!parameter.grad().defined() || parameter.grad().abs().max().item<double>() == 0.0);
        // The same batch without the NaN leaves a gradient: the check above could have failed.
        batch.input[4][2][0] = 0.5F;
        QVERIFY(std::isfinite(step.run(batch, config.head).loss));
        double largest = 0.0;
        for (const torch::Tensor& parameter : model->parameters())
            largest = std::max(largest, parameter.grad().abs().max().item<double>());
        QVERIFY(largest > 0.0);
    }

    // A failure on a copy's thread (a token id past the vocabulary, in the second share) reaches
    // the caller as an exception, and the step can run again afterwards.
    void copysFailureReachesTheCaller()
    {
        const ModelConfig config = tokenModel(RecurrentCell::Gru, false, 0.0);
        AttentionModel model = testing::modelWithSpreadWeights(config, 2, 0.3);
        DataParallelStep step(model, 2);
        Batch bad = randomBatch(config, 6, 9);
        bad.input[5][0] = config.vocabularySize + 7;  // in the copy's share (examples 3..5)
        QVERIFY_THROWS_EXCEPTION(std::exception, step.run(bad, config.head));
        const StepLoss good = step.run(randomBatch(config, 6, 10), config.head);
        QVERIFY(std::isfinite(good.loss));
    }

    // The reproducibility: the same seed and thread count give the same weights bit for
    // bit, with dropout drawn on both threads; another thread count shares the batch differently.
    void runIsBitReproducibleForSeedAndThreads()
    {
        const Dataset data = spikeTask();
        ModelConfig model = fittingModelConfig(data);
        model.hiddenSize = 6;
        model.layers = 2;
        model.dropout = 0.3;
        TrainingConfig training;
        training.epochs = 2;
        training.batchSize = 16;
        training.seed = 21;
        training.threads = 2;
        const auto trainedWeights = [&](const TrainingConfig& config) {
            Trainer trainer(data, model, config);
            TrainingControl control;
            const TrainingResult result = trainer.run(control);
            if (result.status != TrainingStatus::Completed || trainer.state().training.threads != config.threads)
                throw std::runtime_error("the run did not complete with the threads it was given");
            std::vector<torch::Tensor> weights;
            for (const torch::Tensor& parameter : trainer.model()->parameters())
                weights.push_back(parameter.detach().clone());
            return weights;
        };
        const auto first = trainedWeights(training);
        const auto second = trainedWeights(training);
        for (size_t i = 0; i < first.size(); ++i)
            QVERIFY2(torch::equal(first[i], second[i]), qPrintable(QStringLiteral("parameter %1 differs").arg(i)));
        TrainingConfig oneThread = training;
        oneThread.threads = 1;
        QVERIFY(largestDifference(trainedWeights(oneThread), first) > 0.0);
    }

    // "Automatic" (0) becomes a number when the run starts, saved with it: one per core while each
    // share keeps 8 examples.
    void automaticThreadsAreFixedWhenTheRunStarts()
    {
        const Dataset data = spikeTask();
        TrainingConfig training;
        training.batchSize = 16;
        Trainer trainer(data, fittingModelConfig(data), training);
        const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        QCOMPARE(trainer.state().training.threads, std::min(cores, 2));
        QCOMPARE(defaultReplicaCount(4), 1);
        QCOMPARE(TrainingConfig::fromJson(trainer.state().training.toJson()).threads, trainer.state().training.threads);
        training.threads = kMaximumTrainingThreads + 1;
        QVERIFY(!training.validate().isEmpty());
        // A run saved before threads were recorded trained on one.
        QJsonObject old = trainer.state().training.toJson();
        old.remove(QStringLiteral("threads"));
        QCOMPARE(TrainingConfig::fromJson(old).threads, 1);
    }
};

QTEST_GUILESS_MAIN(DataParallelStepTest)
#include "tst_data_parallel_step.moc"
