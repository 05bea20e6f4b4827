// The training loop under control: progress reports, cancel and pause flags, and a clean stop
// with a message when the loss stops being finite.

#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "train/EarlyStopping.h"
#include "train/ModelFile.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <random>
#include <thread>

using namespace studio;

namespace {

Dataset spikeTask(int count = 200)
{
    TaskOptions options;
    options.count = count;
    options.length = 10;
    return makeSpikeTask(options);
}

ModelConfig smallModel(const Dataset& data)
{
    ModelConfig model = fittingModelConfig(data);
    model.hiddenSize = 6;
    return model;
}

TrainingConfig training(int epochs)
{
    TrainingConfig config;
    config.epochs = epochs;
    config.batchSize = 20;
    return config;
}

} // namespace

class TrainerControlTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
    }

    void progressIsReportedPerStepAndEpoch()
    {
        Dataset data = spikeTask();
        Trainer trainer(data, smallModel(data), training(2));
        std::vector<TrainingProgress> reports;
        trainer.setProgressCallback([&](const TrainingProgress& progress) { reports.push_back(progress); });
        TrainingControl control;
        const TrainingResult result = trainer.run(control);
        QCOMPARE(toString(result.status), toString(TrainingStatus::Completed));
        const int64_t stepsPerEpoch = (160 + 19) / 20;  // 80% of 200 for training
        QCOMPARE(static_cast<int64_t>(reports.size()), 2 * stepsPerEpoch + 2);
        QCOMPARE(reports.front().step, 1);
        QCOMPARE(reports.front().stepsPerEpoch, stepsPerEpoch);
        QVERIFY(reports.front().samplesPerSecond > 0);
        QVERIFY(std::isnan(reports.front().validationLoss));
        const TrainingProgress& last = reports.back();
        QVERIFY(last.epochEnd);
        QCOMPARE(last.epoch, 2);
        QCOMPARE(last.step, 2 * stepsPerEpoch);
        QVERIFY(std::isfinite(last.validationLoss));
        QVERIFY(last.validationMetric >= 0.0 && last.validationMetric <= 1.0);
    }

    void cancelStopsWithinAStep()
    {
        Dataset data = spikeTask();
        Trainer trainer(data, smallModel(data), training(5));
        TrainingControl control;
        int64_t lastStep = 0;
        trainer.setProgressCallback([&](const TrainingProgress& progress) {
            lastStep = progress.step;
            if (progress.step == 3)
                control.cancel = true;
        });
        const TrainingResult result = trainer.run(control);
        QCOMPARE(toString(result.status), toString(TrainingStatus::Cancelled));
        QCOMPARE(lastStep, 3);
        QCOMPARE(result.epochsCompleted, 0);
        QVERIFY(result.message.contains(QStringLiteral("Cancelled")));
    }

    void pauseHoldsTheLoopUntilReleased()
    {
        Dataset data = spikeTask();
        Trainer trainer(data, smallModel(data), training(1));
        TrainingControl control;
        std::atomic<int64_t> lastStep{0};
        trainer.setProgressCallback([&](const TrainingProgress& progress) {
            lastStep = progress.step;
            if (progress.step == 2)
                control.pause = true;
        });
        TrainingResult result;
        std::thread worker([&] { result = trainer.run(control); });
        // The loop holds before step 3: it never starts it while paused.
        QTRY_VERIFY_WITH_TIMEOUT(control.held.load(), 10000);
        QCOMPARE(lastStep.load(), int64_t{2});
        control.pause = false;
        worker.join();
        QCOMPARE(toString(result.status), toString(TrainingStatus::Completed));
        QVERIFY(lastStep.load() > 2);
        QVERIFY(!control.held.load());
    }

    void nonFiniteLossStopsCleanly_data()
    {
        QTest::addColumn<bool>("nan");
        QTest::newRow("NaN input") << true;
        QTest::newRow("infinite target") << false;
    }
    void nonFiniteLossStopsCleanly()
    {
        QFETCH(bool, nan);
        QTemporaryDir dir;
        Dataset data;
        if (nan) {
            data = spikeTask();
            for (Example& example : data.examples)
                example.values[0] = std::numeric_limits<float>::quiet_NaN();
        } else {
            TaskOptions options;
            options.count = 100;
            options.length = 6;
            data = makeAddingTask(options);
            for (Example& example : data.examples)
                example.target[0] = 1e30f;  // squared error overflows float
        }
        Trainer trainer(data, smallModel(data), training(3));
        const QString path = dir.filePath(QStringLiteral("run.asmodel"));
        trainer.setCheckpointPath(path);
        TrainingControl control;
        const TrainingResult result = trainer.run(control);
        QCOMPARE(toString(result.status), toString(TrainingStatus::Diverged));
        QVERIFY2(result.message.contains(nan ? QStringLiteral("NaN") : QStringLiteral("infinite")), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("learning rate")));
        QCOMPARE(result.epochsCompleted, 0);
        QVERIFY(!QFile::exists(path));  // no checkpoint of a broken epoch
    }

    void stallIsDetectedAfterPatienceEpochs()
    {
        const auto history = [](std::initializer_list<double> losses) {
            std::vector<EpochMetrics> metrics;
            for (double loss : losses) {
                EpochMetrics entry;
                entry.validationLoss = loss;
                metrics.push_back(entry);
            }
            return metrics;
        };
        QVERIFY(!validationHasStalled(history({0.5, 0.4, 0.3}), 1));
        QVERIFY(validationHasStalled(history({0.5, 0.4, 0.45}), 1));
        QVERIFY(!validationHasStalled(history({0.5, 0.4, 0.45}), 2));
        QVERIFY(validationHasStalled(history({0.5, 0.4, 0.45, 0.41}), 2));
        QVERIFY(validationHasStalled(history({0.4, 0.4, 0.4}), 2));  // equal is not better
        QVERIFY(!validationHasStalled(history({0.5, 0.6, 0.7}), 0));  // 0 turns it off
        const double noValidation = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!validationHasStalled(history({noValidation, noValidation, noValidation}), 1));
    }

    // Labels that are pure noise: the model can only memorise, so the validation loss rises
    // after the first epochs and the run stops early.
    void earlyStoppingEndsARunThatOverfits()
    {
        Dataset data = spikeTask(300);
        std::mt19937 random(4);
        for (Example& example : data.examples)
            example.target[0] = static_cast<float>(random() % 2);
        ModelConfig model = smallModel(data);
        model.hiddenSize = 32;
        TrainingConfig config = training(40);
        config.learningRate = 0.02;
        config.earlyStoppingPatience = 3;
        Trainer trainer(data, model, config);
        TrainingControl control;
        const TrainingResult result = trainer.run(control);
        QCOMPARE(toString(result.status), toString(TrainingStatus::EarlyStopped));
        QVERIFY(result.epochsCompleted < 40);
        QVERIFY(validationHasStalled(result.history, 3));
        QVERIFY(result.message.contains(QStringLiteral("validation loss")));
    }

    void dataThatDoesNotFitTheModelIsRefused()
    {
        Dataset series = spikeTask();
        TaskOptions options;
        options.count = 50;
        const Dataset tokens = makeKeywordTask(options);
        QVERIFY_THROWS_EXCEPTION(StudioError, Trainer(series, fittingModelConfig(tokens), training(1)));
        TrainingConfig bad = training(1);
        bad.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(StudioError, Trainer(series, smallModel(series), bad));
    }
};

QTEST_GUILESS_MAIN(TrainerControlTest)
#include "tst_trainer_control.moc"
