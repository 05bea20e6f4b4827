// The sample browser's evaluation: a small keyword model trained here with fixed seeds, then
// every example scored on the worker thread. The rows must agree with core's own evaluation
// (accuracy exactly, mean loss to float rounding), with the run's validation split, and with
// each other (correct ⇔ predicted == true, loss = −log p(true)); cancel stops early; data the
// model cannot read comes back as one sentence naming it.

#include "data/CsvWriter.h"
#include "TorchTestSetup.h"
#include "data/BuiltinTasks.h"
#include "data/DataSplit.h"
#include "runtime/SampleEvaluation.h"
#include "train/Evaluation.h"
#include "train/ModelFile.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <cmath>
#include <numeric>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 60'000;

// The data the model trains on: variable lengths, so batches are padded and every example's
// attention must be cut back to its own steps.
TaskOptions trainingTask()
{
    TaskOptions options;
    options.count = 400;
    options.length = 12;
    options.variableLength = true;
    options.seed = 5;
    return options;
}

// Fresh examples the model never saw.
TaskOptions heldOutTask(int count = 600)
{
    TaskOptions options = trainingTask();
    options.count = count;
    options.seed = 77;
    return options;
}

// Waits for the one answer of an evaluation; fails the test on an error.
SampleEvaluationResult evaluate(SampleEvaluation& evaluation, const QString& modelPath, const SampleSource& source)
{
    QSignalSpy finished(&evaluation, &SampleEvaluation::finished);
    QSignalSpy failed(&evaluation, &SampleEvaluation::failed);
    evaluation.start(modelPath, source);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, kTimeoutMs); }();
    if (finished.isEmpty()) {  // the caller's checks on the rows then fail
        if (!failed.isEmpty())
            qWarning("%s", qPrintable(failed.first().at(0).toString()));
        return {};
    }
    return finished.first().at(0).value<SampleEvaluationResult>();
}

double meanLossWhere(const SampleEvaluationResult& result, bool correct)
{
    double total = 0.0;
    int count = 0;
    for (const SampleRow& row : result.rows)
        if (row.correct == correct) {
            total += row.loss;
            ++count;
        }
    return count > 0 ? total / count : std::nan("");
}

} // namespace

class SampleEvaluationTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_modelPath;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
        QVERIFY(m_dir.isValid());
        // Two short epochs: good enough to be right most of the time, not always, so there are
        // wrong rows to compare with the right ones.
        Dataset data = makeKeywordTask(trainingTask());
        ModelConfig model = fittingModelConfig(data);
        model.embeddingDim = 8;
        model.hiddenSize = 8;
        model.bidirectional = true;
        model.attention = AttentionKind::Additive;
        TrainingConfig training;
        training.epochs = 2;
        training.learningRate = 0.01;
        training.batchSize = 16;
        training.validationFraction = 0.25;
        training.seed = 21;
        m_modelPath = m_dir.filePath(QStringLiteral("keyword.asmodel"));
        Trainer trainer(std::move(data), model, training);
        trainer.setCheckpointPath(m_modelPath);
        TrainingControl control;
        QVERIFY(trainer.run(control).status == TrainingStatus::Completed);
    }

    void rowsAgreeWithCoreEvaluation()
    {
        SampleEvaluation evaluation;
        QSignalSpy progress(&evaluation, &SampleEvaluation::progress);
        const SampleEvaluationResult result
            = evaluate(evaluation, m_modelPath, SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask()));
        QCOMPARE(result.rows.size(), size_t(600));
        QCOMPARE(result.available, 600);
        QCOMPARE(result.planned, 600);
        QVERIFY(!result.cancelled);
        QVERIFY(result.classification);
        QCOMPARE(result.labels, (QStringList{QStringLiteral("negative"), QStringLiteral("positive")}));
        QCOMPARE(progress.last().at(0).toLongLong(), 600);  // the last report says all were done
        QCOMPARE(progress.last().at(1).toLongLong(), 600);

        const Dataset data = makeKeywordTask(heldOutTask());
        for (size_t i = 0; i < result.rows.size(); ++i) {
            const SampleRow& row = result.rows[i];
            QCOMPARE(row.index, static_cast<int64_t>(i));  // data order
            QCOMPARE(row.correct, row.predictedLabel == row.trueLabel);
            QVERIFY(row.loss >= 0.0 && std::isfinite(row.loss));
            QVERIFY(row.confidence >= 0.5 && row.confidence <= 1.0);  // binary: the likelier class
            // The loss is the cross-entropy of the true class, and a right answer is the confident one.
            QVERIFY(std::abs(row.loss + std::log(row.trueProbability)) < 1e-6);
            QCOMPARE(row.correct, std::abs(row.trueProbability - row.confidence) < 1e-12);
            // The attention of this example alone: one weight per token, summing to one.
            const Example& example = data.examples[i];
            QVERIFY(row.attentionKept);
            QCOMPARE(row.attention.shape, (std::vector<int64_t>{static_cast<int64_t>(example.tokens.size())}));
            QCOMPARE(row.attention.tokens.size(), qsizetype(example.tokens.size()));
            QCOMPARE(row.attention.tokens.join(QLatin1Char(' ')), row.text);
            const double sum = std::accumulate(row.attention.values.begin(), row.attention.values.end(), 0.0);
            QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
        }

        const int64_t correct = result.correctCount();
        QVERIFY2(correct > 0 && correct < 600, "the model must be right on some rows and wrong on others");
        QVERIFY2(meanLossWhere(result, false) > meanLossWhere(result, true),
                 qPrintable(QStringLiteral("wrong %1, right %2").arg(meanLossWhere(result, false)).arg(meanLossWhere(result, true))));

        // Core's batched evaluation of the same examples: the same accuracy, the same mean loss.
        LoadedModelFile loaded = loadModelFile(m_modelPath);
        const EvaluationResult reference = evaluateModel(loaded.model, data, /*indices=*/{});
        QVERIFY2(std::abs(result.accuracy() - reference.metric) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(result.accuracy()).arg(reference.metric)));
        QVERIFY2(std::abs(result.meanLoss() - reference.loss) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(result.meanLoss()).arg(reference.loss)));
    }

    void validationSplitIsTheRunsOwn()
    {
        SampleEvaluation evaluation;
        const SampleSource source = SampleSource::builtinTask(QStringLiteral("keyword"), trainingTask()).validationSplit();
        const SampleEvaluationResult result = evaluate(evaluation, m_modelPath, source);
        QVERIFY(result.source.contains(QStringLiteral("validation split")));

        LoadedModelFile loaded = loadModelFile(m_modelPath);
        const Dataset data = makeKeywordTask(trainingTask());
        std::vector<int64_t> validation = splitDataset(data, loaded.state.training.splitPlan()).validation;
        std::sort(validation.begin(), validation.end());
        QCOMPARE(validation.size(), size_t(100));
        QCOMPARE(result.rows.size(), validation.size());
        for (size_t i = 0; i < validation.size(); ++i)
            QCOMPARE(result.rows[i].index, validation[i]);
        // The accuracy the run itself recorded on its validation data after the last epoch.
        QVERIFY(std::abs(result.accuracy() - loaded.state.history.back().validationMetric) < 1e-9);
    }

    void maximumCapsTheRows()
    {
        SampleEvaluation evaluation;
        SampleSource source = SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask());
        source.maxExamples = 50;
        const SampleEvaluationResult result = evaluate(evaluation, m_modelPath, source);
        QCOMPARE(result.rows.size(), size_t(50));
        QCOMPARE(result.available, 600);
        QCOMPARE(result.planned, 50);
        QCOMPARE(result.rows.back().index, 49);
    }

    void textFileIsPreparedAsTrainingWas()
    {
        const QString csv = m_dir.filePath(QStringLiteral("reviews.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("text,label\n"
                   "The movie was GREAT,positive\n"
                   "a boring plot and a dull actor,negative\n"
                   "it is superb,positive\n");
        file.close();
        SampleEvaluation evaluation;
        const SampleEvaluationResult result = evaluate(evaluation, m_modelPath, SampleSource::textFile(csv));
        QCOMPARE(result.rows.size(), size_t(3));
        // Lower-cased and tokenized as the keyword task's words. "dull" is not in its vocabulary:
        // the model read <unk>, the row still shows the word.
        QCOMPARE(result.rows[0].text, QStringLiteral("the movie was great"));
        QCOMPARE(result.rows[1].text, QStringLiteral("a boring plot and a dull actor"));
        QCOMPARE(result.rows[1].tokenIds.size(), size_t(7));
        QCOMPARE(result.rows[1].tokenIds[5], 1);  // Vocabulary::kUnkId
        QVERIFY(result.rows[1].tokenIds[4] > 1);
        QCOMPARE(result.rows[0].trueLabel, QStringLiteral("positive"));
        QCOMPARE(result.rows[1].trueLabel, QStringLiteral("negative"));
        QCOMPARE(result.rows[2].attention.tokens, (QStringList{QStringLiteral("it"), QStringLiteral("is"), QStringLiteral("superb")}));

        // A map computed again on request shows the same words.
        evaluation.setAttentionBudget(0);
        QVERIFY(evaluate(evaluation, m_modelPath, SampleSource::textFile(csv)).rows.size() == 3);
        QSignalSpy ready(&evaluation, &SampleEvaluation::attentionReady);
        evaluation.requestAttention(1);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
        QCOMPARE(ready.first().at(1).value<AttentionMap>().tokens, result.rows[1].attention.tokens);
    }

    void cancelStopsEarly()
    {
        SampleEvaluation evaluation;
        QSignalSpy progress(&evaluation, &SampleEvaluation::progress);
        QSignalSpy finished(&evaluation, &SampleEvaluation::finished);
        SampleSource source = SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(60'000));
        source.maxExamples = 60'000;
        evaluation.start(m_modelPath, source);
        QVERIFY(evaluation.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, kTimeoutMs);
        evaluation.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
        QVERIFY(!evaluation.isRunning());
        const auto result = finished.first().at(0).value<SampleEvaluationResult>();
        QVERIFY(result.cancelled);
        QCOMPARE(result.planned, 60'000);
        QVERIFY2(!result.rows.empty() && result.rows.size() < size_t(60'000), qPrintable(QString::number(result.rows.size())));
        QCOMPARE(result.rows.back().index, static_cast<int64_t>(result.rows.size()) - 1);  // the rows done, in order
    }

    // A newer start() replaces a running one; only the newer one answers.
    void newerStartWins()
    {
        SampleEvaluation evaluation;
        QSignalSpy finished(&evaluation, &SampleEvaluation::finished);
        QSignalSpy failed(&evaluation, &SampleEvaluation::failed);
        SampleSource slow = SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(20'000));
        slow.maxExamples = 20'000;
        evaluation.start(m_modelPath, slow);
        evaluation.start(m_modelPath, SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(30)));
        // One worker runs both in order: the older run's answer ("cancelled before it started", or
        // a partial result) reaches this thread before the newer one's, so by the time an answer
        // is shown the older one has been handled, and it must not have been shown.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
        QCOMPARE(finished.first().at(0).value<SampleEvaluationResult>().rows.size(), size_t(30));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
    }

    // Past the attention budget the maps are not kept; asking computes the same map again.
    void attentionBeyondTheBudgetIsComputedOnRequest()
    {
        SampleEvaluation evaluation;
        const SampleSource source = SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(40));
        const SampleEvaluationResult kept = evaluate(evaluation, m_modelPath, source);
        evaluation.setAttentionBudget(0);
        const SampleEvaluationResult dropped = evaluate(evaluation, m_modelPath, source);
        QCOMPARE(dropped.rows.size(), kept.rows.size());
        QVERIFY(!dropped.rows[7].attentionKept);
        QVERIFY(dropped.rows[7].attention.isEmpty());

        QSignalSpy ready(&evaluation, &SampleEvaluation::attentionReady);
        evaluation.requestAttention(dropped.rows[7].index);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
        QCOMPARE(ready.first().at(0).toLongLong(), 7);
        const auto map = ready.first().at(1).value<AttentionMap>();
        const AttentionMap& expected = kept.rows[7].attention;
        QCOMPARE(map.shape, expected.shape);
        QCOMPARE(map.tokens, expected.tokens);
        for (size_t t = 0; t < map.values.size(); ++t)
            QVERIFY(std::abs(map.values[t] - expected.values[t]) < 1e-5F);  // one example alone vs. in a padded batch
    }

    // Series input, three classes, regression, and 2-D attention maps cut out of padded batches.
    void otherHeadsAndAttentionShapes_data()
    {
        QTest::addColumn<QString>("task");
        QTest::addColumn<bool>("neutralClass");
        QTest::addColumn<QString>("attention");
        QTest::addColumn<QString>("preview");
        QTest::newRow("spike, 3 classes, per-feature") << QStringLiteral("spike") << true << QStringLiteral("per-feature")
                                                       << QStringLiteral("series of %1 steps");
        QTest::newRow("keyword, self-attention") << QStringLiteral("keyword") << false << QStringLiteral("self") << QString();
        QTest::newRow("keyword, query-dot") << QStringLiteral("keyword") << false << QStringLiteral("query-dot") << QString();
        QTest::newRow("adding, regression, dot") << QStringLiteral("adding") << false << QStringLiteral("dot")
                                                 << QStringLiteral("series of %1 steps × 2 features");
    }

    void otherHeadsAndAttentionShapes()
    {
        QFETCH(QString, task);
        QFETCH(bool, neutralClass);
        QFETCH(QString, attention);
        QFETCH(QString, preview);
        TaskOptions options;
        options.count = 240;
        options.length = 10;
        options.variableLength = true;  // lengths 5..10: every batch is padded
        options.neutralClass = neutralClass;
        options.seed = 4;
        Dataset training = makeBuiltinTask(task, options);
        ModelConfig config = fittingModelConfig(training);
        config.embeddingDim = 8;
        config.hiddenSize = 8;
        QVERIFY(parseAttentionKind(attention, &config.attention));
        TrainingConfig settings;
        settings.epochs = 1;
        settings.batchSize = 16;
        settings.seed = 2;
        const QString path = m_dir.filePath(QStringLiteral("%1-%2.asmodel").arg(task, attention));
        Trainer trainer(std::move(training), config, settings);
        trainer.setCheckpointPath(path);
        TrainingControl control;
        QVERIFY(trainer.run(control).status == TrainingStatus::Completed);

        options.seed = 99;
        options.count = 120;
        const SampleSource source = SampleSource::builtinTask(task, options);
        SampleEvaluation evaluation;
        const SampleEvaluationResult kept = evaluate(evaluation, path, source);
        QCOMPARE(kept.rows.size(), size_t(120));
        const Dataset data = makeBuiltinTask(task, options);
        LoadedModelFile loaded = loadModelFile(path);
        const EvaluationResult reference = evaluateModel(loaded.model, data, /*indices=*/{});
        QVERIFY2(std::abs(kept.meanLoss() - reference.loss) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(kept.meanLoss()).arg(reference.loss)));
        const bool regression = config.head == HeadKind::Regression;
        QCOMPARE(kept.classification, !regression);
        if (regression) {
            QVERIFY(std::isnan(kept.accuracy()));
            for (const SampleRow& row : kept.rows) {
                QVERIFY(!row.correct && std::isnan(row.confidence));
                // One output: the loss is the squared difference of the two values shown, which
                // are rounded to 4 significant digits (each off by up to 5e-4 of itself).
                const double predicted = row.predictedLabel.toDouble();
                const double target = row.trueLabel.toDouble();
                const double error = predicted - target;
                const double rounding = 5e-4 * (std::abs(predicted) + std::abs(target));
                QVERIFY2(std::abs(row.loss - error * error) <= 2.0 * std::abs(error) * rounding + rounding * rounding + 1e-9,
                         qPrintable(QStringLiteral("%1: %2 vs %3").arg(row.loss).arg(row.predictedLabel, row.trueLabel)));
            }
        } else {
            QVERIFY(std::abs(kept.accuracy() - reference.metric) < 1e-9);
            for (const SampleRow& row : kept.rows)
                QVERIFY(std::abs(row.loss + std::log(row.trueProbability)) < 1e-6);
        }
        for (const SampleRow& row : kept.rows) {
            const int64_t steps = data.length(data.examples[size_t(row.index)]);
            if (!preview.isEmpty())
                QCOMPARE(row.text, preview.arg(steps));
            const std::vector<int64_t> shape = hasSingleDistribution(config.attention) ? std::vector<int64_t>{steps}
                : mapsStepToStep(config.attention) ? std::vector<int64_t>{steps, steps}
                                                          : std::vector<int64_t>{steps, config.encoderWidth()};
            QCOMPARE(row.attention.shape, shape);
        }

        // The same maps, one example at a time without padding, as a click past the budget gets them.
        evaluation.setAttentionBudget(0);
        const SampleEvaluationResult dropped = evaluate(evaluation, path, source);
        QSignalSpy ready(&evaluation, &SampleEvaluation::attentionReady);
        for (int64_t index = 0; index < 6; ++index)
            evaluation.requestAttention(index);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 6, kTimeoutMs);
        for (const auto& arguments : ready) {
            const AttentionMap& expected = kept.rows[size_t(arguments.at(0).toLongLong())].attention;
            const auto map = arguments.at(1).value<AttentionMap>();
            QCOMPARE(map.shape, expected.shape);
            for (size_t i = 0; i < map.values.size(); ++i)
                QVERIFY(std::abs(map.values[i] - expected.values[i]) < 1e-5F);
        }
    }

    void dataThatDoesNotFitIsNamed_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<SampleSource>("source");
        QTest::addColumn<QString>("named");

        const QString model = QStringLiteral("keyword.asmodel");
        QTest::newRow("missing model") << QStringLiteral("nowhere.asmodel")
                                       << SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(10))
                                       << QStringLiteral("nowhere.asmodel");
        QTest::newRow("series task") << model << SampleSource::builtinTask(QStringLiteral("spike"), heldOutTask(10))
                                     << QStringLiteral("\"spike\"");
        QTest::newRow("other classes") << model << SampleSource::textFile(QStringLiteral("pets.csv"))
                                       << QStringLiteral("pets.csv");
        QTest::newRow("missing data file") << model << SampleSource::textFile(QStringLiteral("absent.csv"))
                                           << QStringLiteral("absent.csv");
    }

    void dataThatDoesNotFitIsNamed()
    {
        QFETCH(QString, model);
        QFETCH(SampleSource, source);
        QFETCH(QString, named);
        QFile pets(m_dir.filePath(QStringLiteral("pets.csv")));
        QVERIFY(pets.open(QIODevice::WriteOnly));
        pets.write("text,label\nthe cat sat,cat\nthe dog ran,dog\n");
        pets.close();
        if (source.kind == SampleSource::Kind::TextFile)
            source.path = m_dir.filePath(source.path);

        SampleEvaluation evaluation;
        QSignalSpy finished(&evaluation, &SampleEvaluation::finished);
        QSignalSpy failed(&evaluation, &SampleEvaluation::failed);
        evaluation.start(m_dir.filePath(model), source);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QCOMPARE(finished.count(), 0);
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));  // one sentence, no backtrace
        QVERIFY(!evaluation.isRunning());
    }

    // A Keras model (tests/external/keras fixtures, written now with python3-h5py) in the sample
    // browser: each text through ModelSession. Texts labelled with the class the reference says the
    // model predicts are all right; flipped labels all wrong, with the loss −log p(true); a map
    // beyond the budget is computed again on request and equals the kept one.
    void kerasModelIsScoredOneTextAtATime()
    {
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(STUDIO_SOURCE_DIR "/tests/external/keras/make_keras_fixtures.py"), m_dir.filePath(QStringLiteral("keras"))});
        QVERIFY(python.waitForFinished(kTimeoutMs * 5));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QString name = QStringLiteral("text_lstm_attention_tfkeras");
        QFile expectedFile(m_dir.filePath(QStringLiteral("keras/%1.expected.json").arg(name)));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(expectedFile.readAll()).object().value(QStringLiteral("cases")).toArray();
        QStringList agree{QStringLiteral("text,label")};
        QStringList flipped{QStringLiteral("text,label")};
        std::vector<double> positive;
        for (const QJsonValue& value : cases) {
            const QJsonObject item = value.toObject();
            const double p = item.value(QStringLiteral("prediction")).toArray().at(0).toDouble();  // a sigmoid output
            const QString text = item.value(QStringLiteral("input")).toObject().value(QStringLiteral("text")).toString();
            const QString quoted = csvField(text);  // the app's one CSV writer
            agree << QStringLiteral("%1,%2").arg(quoted).arg(p >= 0.5 ? 1 : 0);
            flipped << QStringLiteral("%1,%2").arg(quoted).arg(p >= 0.5 ? 0 : 1);
            positive.push_back(p);
        }
        const QString model = m_dir.filePath(QStringLiteral("keras/%1.h5").arg(name));
        for (const auto& [file, lines, right] : {std::tuple{QStringLiteral("agree.csv"), agree, true},
                                                 std::tuple{QStringLiteral("flipped.csv"), flipped, false}}) {
            QFile csv(m_dir.filePath(file));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
            csv.close();
            SampleEvaluation evaluation;
            evaluation.setAttentionBudget(right ? SampleEvaluation::kDefaultAttentionBudget : 0);
            const SampleEvaluationResult result = evaluate(evaluation, model, SampleSource::textFile(csv.fileName()));
            QCOMPARE(static_cast<qsizetype>(result.rows.size()), cases.size());
            QCOMPARE(result.accuracy(), right ? 1.0 : 0.0);
            for (size_t i = 0; i < result.rows.size(); ++i) {
                const SampleRow& row = result.rows[i];
                const double truth = right == (positive[i] >= 0.5) ? positive[i] : 1.0 - positive[i];
                QVERIFY(std::abs(row.trueProbability - truth) < 1e-5);
                QVERIFY(std::abs(row.loss + std::log(truth)) < 1e-4);
                QCOMPARE(row.attentionKept, right);
            }
            if (!right) {  // nothing kept: the map is computed again when asked for
                QSignalSpy ready(&evaluation, &SampleEvaluation::attentionReady);
                evaluation.requestAttention(0);
                QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
                const auto map = ready.first().at(1).value<AttentionMap>();
                QCOMPARE(static_cast<qsizetype>(map.values.size()),
                         cases.at(0).toObject().value(QStringLiteral("softmaxes")).toArray().at(0).toObject()
                             .value(QStringLiteral("values")).toArray().size());
            }
        }
        // Its training data is unknown: a built-in task is refused with a sentence naming the model.
        SampleEvaluation evaluation;
        QSignalSpy failed(&evaluation, &SampleEvaluation::failed);
        evaluation.start(model, SampleSource::builtinTask(QStringLiteral("keyword"), heldOutTask(10)));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        QVERIFY2(failed.first().at(0).toString().contains(name), qPrintable(failed.first().at(0).toString()));
    }
};

QTEST_GUILESS_MAIN(SampleEvaluationTest)
#include "tst_sample_evaluation.moc"
