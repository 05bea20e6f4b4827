// Model files (checkpoints): a bit-exact round trip, resumed runs identical to uninterrupted ones,
// and damaged files refused with a message that names them.

#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "model/Prediction.h"
#include "train/ModelFile.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

Dataset smallKeywordTask()
{
    TaskOptions options;
    options.count = 300;
    options.length = 12;
    options.variableLength = true;
    options.seed = 9;
    return makeKeywordTask(options);
}

ModelConfig smallModel(const Dataset& data)
{
    ModelConfig model = fittingModelConfig(data);
    model.embeddingDim = 8;
    model.hiddenSize = 8;
    model.bidirectional = true;
    model.dropout = 0.3;  // dropout makes the resume test depend on the random streams being restored
    model.attention = AttentionKind::Additive;
    return model;
}

TrainingConfig smallTraining(int epochs)
{
    TrainingConfig training;
    training.epochs = epochs;
    training.learningRate = 0.01;
    training.batchSize = 16;
    training.seed = 21;
    return training;
}

void verifySameParameters(AttentionModel& a, AttentionModel& b)
{
    const auto left = a->named_parameters();
    const auto right = b->named_parameters();
    QCOMPARE(left.size(), right.size());
    for (const auto& item : left) {
        const torch::Tensor* other = right.find(item.key());
        QVERIFY2(other, item.key().c_str());
        QVERIFY2(torch::equal(item.value(), *other), item.key().c_str());
    }
}

void verifySameHistory(const std::vector<EpochMetrics>& a, const std::vector<EpochMetrics>& b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].trainLoss, b[i].trainLoss);  // exact: same arithmetic in the same order
        QCOMPARE(a[i].validationLoss, b[i].validationLoss);
        QCOMPARE(a[i].validationMetric, b[i].validationMetric);
    }
}

QString expectFailure(const QString& path)
{
    try {
        loadModelFile(path);
    } catch (const StudioError& error) {
        return error.message();
    }
    return {};
}

} // namespace

class ModelFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
    }

    void roundTripIsBitExact()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.asmodel"));
        Dataset data = smallKeywordTask();
        Trainer trainer(data, smallModel(data), smallTraining(2));
        trainer.setCheckpointPath(path);
        TrainingControl control;
        trainer.run(control);

        LoadedModelFile loaded = loadModelFile(path);
        AttentionModel original = trainer.model();
        verifySameParameters(original, loaded.model);
        QCOMPARE(loaded.state.model.toJson(), trainer.state().model.toJson());
        QCOMPARE(loaded.state.training.toJson(), trainer.state().training.toJson());
        QCOMPARE(loaded.state.vocabulary.toJson(), data.vocabulary.toJson());
        QCOMPARE(loaded.state.labels, data.labels);
        QCOMPARE(loaded.state.epochsCompleted, 2);
        verifySameHistory(loaded.state.history, trainer.state().history);
        QVERIFY(loaded.optimizerState != nullptr);

        const Example& example = data.examples.front();
        const Prediction before = predictExample(original, example, &data.vocabulary);
        const Prediction after = predictExample(loaded.model, example, &loaded.state.vocabulary);
        QCOMPARE(after.output, before.output);
        QCOMPARE(after.attention.values, before.attention.values);
        QCOMPARE(after.attention.tokens, before.attention.tokens);
        QCOMPARE(after.attention.shape, (std::vector<int64_t>{static_cast<int64_t>(example.tokens.size())}));
        // The atomic write leaves no temporary file behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("model.asmodel")});
    }

    void resumedRunEqualsUninterruptedRun_data()
    {
        QTest::addColumn<int>("optimizer");
        QTest::newRow("adam") << static_cast<int>(OptimizerKind::Adam);
        QTest::newRow("sgd") << static_cast<int>(OptimizerKind::Sgd);
    }
    void resumedRunEqualsUninterruptedRun()
    {
        QFETCH(int, optimizer);
        QTemporaryDir dir;
        Dataset data = smallKeywordTask();
        TrainingConfig training = smallTraining(4);
        training.optimizer = static_cast<OptimizerKind>(optimizer);
        TrainingControl control;

        Trainer uninterrupted(data, smallModel(data), training);
        uninterrupted.run(control);

        const QString path = dir.filePath(QStringLiteral("half.asmodel"));
        training.epochs = 2;
        Trainer firstHalf(data, smallModel(data), training);
        firstHalf.setCheckpointPath(path);
        firstHalf.run(control);

        torch::manual_seed(12345);  // whatever the global generator holds must not matter
        Trainer secondHalf = Trainer::resume(path, data, /*epochs=*/4);
        const TrainingResult result = secondHalf.run(control);
        QCOMPARE(result.epochsCompleted, 4);
        AttentionModel a = uninterrupted.model();
        AttentionModel b = secondHalf.model();
        verifySameParameters(a, b);
        verifySameHistory(uninterrupted.state().history, secondHalf.state().history);
    }

    void damagedFilesAreRefusedByName()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.asmodel"));
        QVERIFY(expectFailure(missing).contains(missing));

        const QString empty = dir.filePath(QStringLiteral("empty.asmodel"));
        QFile(empty).open(QIODevice::WriteOnly);
        QVERIFY(expectFailure(empty).contains(empty));

        const QString text = dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("this is not a model\n");
        }
        QVERIFY(expectFailure(text).contains(text));

        // A real model file cut in half, as after a failed copy.
        const QString good = dir.filePath(QStringLiteral("good.asmodel"));
        Dataset data = smallKeywordTask();
        Trainer trainer(data, smallModel(data), smallTraining(1));
        trainer.setCheckpointPath(good);
        TrainingControl control;
        trainer.run(control);
        QFile source(good);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();
        const QString truncated = dir.filePath(QStringLiteral("truncated.asmodel"));
        {
            QFile file(truncated);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes.left(bytes.size() / 2));
        }
        const QString message = expectFailure(truncated);
        QVERIFY2(message.contains(truncated), qPrintable(message));

        // A torch archive that is not ours.
        const QString foreign = dir.filePath(QStringLiteral("foreign.pt"));
        torch::serialize::OutputArchive archive;
        archive.write("weights", torch::ones({2}));
        archive.save_to(foreign.toStdString());
        QVERIFY(expectFailure(foreign).contains(QStringLiteral("not an Attention Studio model file")));
    }

    void saveIntoMissingFolderFailsClearly()
    {
        Dataset data = smallKeywordTask();
        AttentionModel model = buildModel(smallModel(data));
        RunState state;
        state.model = model->config();
        const QString path = QStringLiteral("/nonexistent-folder/model.asmodel");
        try {
            saveModelFile(path, state, model, nullptr);
            QFAIL("saving into a missing folder succeeded");
        } catch (const StudioError& error) {
            QVERIFY(error.message().contains(path));
        }
    }
};

QTEST_GUILESS_MAIN(ModelFileTest)
#include "tst_model_file.moc"
