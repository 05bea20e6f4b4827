// Every attention variant (and the no-attention baseline) learns the built-in tasks, and with a
// bidirectional encoder the attention lands on the step that decides the label. Where that is not
// to be expected (binary labels, unidirectional encoders) the figures are printed, not asserted:
// they are what the app shows students.

#include "TorchTestSetup.h"
#include "analysis/AttentionRelevance.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QStandardPaths>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr double kRequiredAccuracy = 0.95;
constexpr double kRequiredTopIsRelevant = 0.80;
constexpr double kRequiredOverUniform = 5.0;

struct LearningRun {
    QString failure;  // why training did not complete; empty when it did
    double accuracy = 0.0;
    bool measuredRelevance = false;
    RelevanceStats relevance;                // over all examples with a deciding step
    std::vector<RelevanceStats> perClass;    // the same, per class
};

LearningRun trainOnTaskOrThrow(const QString& task, AttentionKind attention, bool bidirectional, bool neutralClass)
{
    TaskOptions options;
    options.count = 2000;
    options.length = task == QLatin1String("keyword") ? 20 : 30;
    options.seed = 5;
    options.neutralClass = neutralClass;
    Dataset data = makeBuiltinTask(task, options);

    ModelConfig model = fittingModelConfig(data);
    model.embeddingDim = 16;
    model.hiddenSize = 16;
    model.bidirectional = bidirectional;
    model.attention = attention;

    TrainingConfig training;
    training.learningRate = 0.01;
    training.epochs = 12;
    training.batchSize = 32;
    training.validationFraction = 0.25;
    training.seed = 3;

    Trainer trainer(std::move(data), model, training);
    TrainingControl control;
    const TrainingResult result = trainer.run(control);
    LearningRun run;
    if (result.status != TrainingStatus::Completed) {
        run.failure = QStringLiteral("training did not complete: %1").arg(result.message);
        return run;
    }
    run.accuracy = result.history.back().validationMetric;
    if (hasSingleDistribution(attention)) {
        AttentionModel trained = trainer.model();
        const Dataset& trainedOn = trainer.data();
        run.relevance = measureRelevance(trained, trainedOn, trainer.validationIndices());
        for (int label = 0; label < trainedOn.labels.size(); ++label) {
            std::vector<int64_t> ofClass;
            for (int64_t index : trainer.validationIndices())
                if (trainedOn.examples[static_cast<size_t>(index)].target[0] == static_cast<float>(label))
                    ofClass.push_back(index);
            run.perClass.push_back(measureRelevance(trained, trainedOn, ofClass));
        }
        run.measuredRelevance = true;
    }
    return run;
}

// A row that cannot train (an error, an incomplete run) fails alone: its test checks `failure`
// first, and the rows after it still run.
LearningRun trainOnTask(const QString& task, AttentionKind attention, bool bidirectional, bool neutralClass)
{
    LearningRun failed;
    try {
        return trainOnTaskOrThrow(task, attention, bidirectional, neutralClass);
    } catch (const StudioError& error) {
        failed.failure = error.message();
    } catch (const std::exception& error) {
        failed.failure = QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0);
    }
    return failed;
}

// Which rows a test function trains: all of them by default. The sanitizer run (ASan + UBSan, about
// 2.5x slower here) sets STUDIO_TEST_COVERING_ROWS=1 (tests/CMakeLists.txt) and trains a smaller set
// that still drives every code path of trainOnTask: with `EveryKind` the two tasks take turns over
// the attention kinds, so every kind is trained once and both tasks are generated; with `OnePerTask`
// the first row of each task is kept. docs/RELIABILITY.md, "Sanitizers", gives the figures.
enum class Covering { EveryKind, OnePerTask };

void addRows(bool singleDistributionOnly, Covering covering)
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("attention");
    const bool everyRow = !qEnvironmentVariableIsSet("STUDIO_TEST_COVERING_ROWS");
    const QStringList tasks{QStringLiteral("keyword"), QStringLiteral("spike")};
    const QStringList attentions = allAttentionNames();
    for (const QString& task : tasks) {
        bool taskHasRow = false;
        for (qsizetype i = 0; i < attentions.size(); ++i) {
            AttentionKind kind{};
            parseAttentionKind(attentions.at(i), &kind);
            if (singleDistributionOnly && !hasSingleDistribution(kind))
                continue;
            const bool covers = covering == Covering::EveryKind ? tasks.at(i % tasks.size()) == task : !taskHasRow;
            if (!everyRow && !covers)
                continue;
            taskHasRow = true;
            QTest::newRow(qPrintable(task + QLatin1Char('/') + attentions.at(i))) << task << attentions.at(i);
        }
    }
}

AttentionKind kindOf(const QString& name)
{
    AttentionKind kind{};
    parseAttentionKind(name, &kind);
    return kind;
}

QString describe(const QString& label, const LearningRun& run)
{
    QString line = QStringLiteral("%1: validation accuracy %2").arg(label).arg(run.accuracy, 0, 'f', 3);
    if (!run.measuredRelevance)
        return line;
    line += QStringLiteral("; deciding step most attended in %1 of examples, mass on it %2 = %3x uniform")
                .arg(run.relevance.topIsRelevant, 0, 'f', 3)
                .arg(run.relevance.relevantMass, 0, 'f', 3)
                .arg(run.relevance.overUniform, 0, 'f', 1);
    for (size_t label = 0; label < run.perClass.size(); ++label)
        if (run.perClass[label].examples > 0)
            line += QStringLiteral("; class %1: most attended %2").arg(label).arg(run.perClass[label].topIsRelevant, 0, 'f', 3);
    return line;
}

} // namespace

class LearningTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings, caches and data in ~/.qttest, never the user's
        testing::setUpTorch();
    }

    // The tasks with a neutral class: every variant, the `none` baseline included, learns them,
    // and a bidirectional encoder's attention finds the deciding step.
    void bidirectionalFindsTheDecidingStep_data() { addRows(/*singleDistributionOnly=*/false, Covering::EveryKind); }
    void bidirectionalFindsTheDecidingStep()
    {
        QFETCH(QString, task);
        QFETCH(QString, attention);
        const LearningRun run = trainOnTask(task, kindOf(attention), /*bidirectional=*/true, /*neutralClass=*/true);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        qInfo().noquote() << describe(QStringLiteral("bi-LSTM, neutral class, ") + task + QLatin1Char('/') + attention, run);
        QVERIFY2(run.accuracy >= kRequiredAccuracy, qPrintable(QString::number(run.accuracy)));
        if (run.measuredRelevance) {
            QVERIFY2(run.relevance.topIsRelevant >= kRequiredTopIsRelevant, qPrintable(QString::number(run.relevance.topIsRelevant)));
            QVERIFY2(run.relevance.overUniform >= kRequiredOverUniform, qPrintable(QString::number(run.relevance.overUniform)));
        }
    }

    // Binary tasks: learned by every variant; the attention is measured and printed, not
    // asserted. Typically one class's deciding step is found and the other class is read from
    // its absence, so the per-class figures differ widely.
    void bidirectionalBinaryIsMeasured_data() { addRows(/*singleDistributionOnly=*/false, Covering::OnePerTask); }
    void bidirectionalBinaryIsMeasured()
    {
        QFETCH(QString, task);
        QFETCH(QString, attention);
        const LearningRun run = trainOnTask(task, kindOf(attention), /*bidirectional=*/true, /*neutralClass=*/false);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        qInfo().noquote() << describe(QStringLiteral("bi-LSTM, binary, ") + task + QLatin1Char('/') + attention, run);
        QVERIFY2(run.accuracy >= kRequiredAccuracy, qPrintable(QString::number(run.accuracy)));
    }

    // A unidirectional LSTM carries the deciding step forward to every later step, so its
    // attention need not point at it: measured and printed only.
    void unidirectionalIsMeasured_data() { addRows(/*singleDistributionOnly=*/true, Covering::OnePerTask); }
    void unidirectionalIsMeasured()
    {
        QFETCH(QString, task);
        QFETCH(QString, attention);
        const LearningRun run = trainOnTask(task, kindOf(attention), /*bidirectional=*/false, /*neutralClass=*/false);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        qInfo().noquote() << describe(QStringLiteral("uni-LSTM, binary, ") + task + QLatin1Char('/') + attention, run);
        QVERIFY2(run.accuracy >= kRequiredAccuracy, qPrintable(QString::number(run.accuracy)));
    }
};

QTEST_GUILESS_MAIN(LearningTest)
#include "tst_learning.moc"
