// Training that survives a crash: a run started as the window starts it keeps its model file
// (rewritten atomically after every epoch) and its setup in a run folder named by data, variant
// and number; a real training process killed with SIGKILL loses at most the epoch it was in, its
// run is found as interrupted (no live process holds its lock), and resuming it finishes the run
// exactly as an uninterrupted run of the same seed does.

#include "KilledRun.h"
#include "TorchTestSetup.h"
#include "common/StudioError.h"
#include "runtime/TrainingJob.h"
#include "runtime/TrainingRunFolder.h"
#include "train/ModelFile.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 300'000;
constexpr int kEpochs = 8;
constexpr int kKillAfterEpoch = 2;

// Big enough that an epoch takes a noticeable moment (the killer reacts long before the run could
// end), small enough for the whole test to take seconds. Dropout makes the resumed run depend on
// the per-epoch random streams being restored too.
TrainingSetup keywordRun()
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 1500;
    setup.taskOptions.length = 16;
    setup.taskOptions.seed = 5;
    setup.model.hiddenSize = 12;
    setup.model.embeddingDim = 8;
    setup.model.dropout = 0.2;
    setup.model.bidirectional = true;
    setup.training.epochs = kEpochs;
    setup.training.batchSize = 16;
    setup.training.learningRate = 0.003;
    setup.training.seed = 5;
    setup.probeCount = 2;
    return setup;
}

TrainingOutcome runToEnd(TrainingJob& job, const std::function<bool()>& begin)
{
    QSignalSpy finished(&job, &TrainingJob::finished);
    if (!begin())
        return {};
    if (!finished.wait(kTimeoutMs) && finished.isEmpty())
        return {};
    return finished.first().at(0).value<TrainingOutcome>();
}

void verifySameHistory(const std::vector<EpochMetrics>& a, const std::vector<EpochMetrics>& b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].epoch, b[i].epoch);
        QCOMPARE(a[i].trainLoss, b[i].trainLoss);
        QCOMPARE(a[i].validationLoss, b[i].validationLoss);
        QCOMPARE(a[i].validationMetric, b[i].validationMetric);
    }
}

} // namespace

class RunRecoveryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        testing::setUpTorch();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void runFoldersAreNamedByDataVariantAndNumber()
    {
        const QString runs = m_dir.filePath(QStringLiteral("named"));
        TrainingSetup keyword = keywordRun();
        QCOMPARE(QFileInfo(createRunFolder(runs, keyword)).fileName(), QStringLiteral("keyword-additive-1"));
        QCOMPARE(QFileInfo(createRunFolder(runs, keyword)).fileName(), QStringLiteral("keyword-additive-2"));
        keyword.model.attention = AttentionKind::Dot;
        QCOMPARE(QFileInfo(createRunFolder(runs, keyword)).fileName(), QStringLiteral("keyword-dot-1"));
        TrainingSetup series = keyword;
        series.dataFile = QStringLiteral("/data/My Sunspots.csv");
        series.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        QCOMPARE(QFileInfo(createRunFolder(runs, series)).fileName(), QStringLiteral("my-sunspots-dot-1"));
        // The window's runs folder is in the app's data location, which tests keep apart.
        QVERIFY(defaultRunsFolder().startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void setupSurvivesItsRecord()
    {
        TrainingSetup setup = keywordRun();
        setup.dataFile = QStringLiteral("/x/sunspots.csv");
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        setup.forecast.inputColumns = {QStringLiteral("SUNACTIVITY"), QStringLiteral("other")};
        setup.forecast.window = 11;
        setup.taskOptions.seed = (uint64_t{1} << 60) + 3;  // a seed a JSON double would round
        setup.probeEverySteps = 7;
        const TrainingSetup back = TrainingSetup::fromJson(setup.toJson());
        QCOMPARE(back.toJson(), setup.toJson());
        QCOMPARE(back.taskOptions.seed, setup.taskOptions.seed);
        QVERIFY_THROWS_EXCEPTION(StudioError, TrainingSetup::fromJson(QJsonObject{}));
    }

    // A run in progress is not interrupted; a finished one says how it ended.
    void onlyRunsNoProcessHoldsAreInterrupted()
    {
        const QString runs = m_dir.filePath(QStringLiteral("live"));
        TrainingJob job;
        job.setRunsFolder(runs);
        TrainingSetup setup = keywordRun();
        setup.taskOptions.count = 300;
        setup.training.epochs = 2;
        QSignalSpy progress(&job, &TrainingJob::progress);
        QSignalSpy finished(&job, &TrainingJob::finished);
        QVERIFY(job.start(setup));
        // Held at its first step boundary, whatever the machine's speed (waiting for progress first
        // let a fast run finish before the pause): the record says running, and this process holds the lock.
        job.pause();
        QTRY_VERIFY_WITH_TIMEOUT(job.isHeld(), kTimeoutMs);
        const TrainingRunRecord running = readRunRecord(QDir(runs).filePath(job.runName()));
        QVERIFY(running.running);
        QVERIFY(findInterruptedRuns(runs).isEmpty());
        QVERIFY_THROWS_EXCEPTION(StudioError, lockRun(running.folder));  // a second trainer is refused
        job.resume();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);

        const auto outcome = finished.first().at(0).value<TrainingOutcome>();
        QCOMPARE(toString(outcome.status), toString(TrainingStatus::Completed));
        QCOMPARE(outcome.runFolder, running.folder);
        QCOMPARE(outcome.modelPath, running.modelPath());
        QCOMPARE(QFileInfo(outcome.modelPath).fileName(), QStringLiteral("keyword-additive-1.asmodel"));
        const TrainingRunRecord done = readRunRecord(running.folder);
        QVERIFY(!done.running);
        QCOMPARE(toString(done.status), toString(TrainingStatus::Completed));
        QCOMPARE(done.epochsCompleted, 2);
        QVERIFY(findInterruptedRuns(runs).isEmpty());
    }

    void killedRunResumesAsIfNeverInterrupted()
    {
        const TrainingSetup setup = keywordRun();

        // The reference: the same run, never interrupted.
        TrainingJob reference;
        reference.setRunsFolder(m_dir.filePath(QStringLiteral("reference")));
        const TrainingOutcome uninterrupted = runToEnd(reference, [&] { return reference.start(setup); });
        QVERIFY2(uninterrupted.status == TrainingStatus::Completed, qPrintable(uninterrupted.message));

        // The same run in a process of its own, killed once epoch 2 is saved.
        const QString runs = m_dir.filePath(QStringLiteral("crashed"));
        const testing::KilledRun killed = testing::trainAndKill(QStringLiteral(TRAIN_IN_RUN_FOLDER_PATH), runs, setup,
                                                                kKillAfterEpoch, kTimeoutMs);
        QVERIFY2(killed.error.isEmpty(), qPrintable(killed.error));
        QVERIFY(killed.savedEpochs >= kKillAfterEpoch);

        // At most the epoch in progress is lost: every epoch the process finished is in the model
        // file, and the epoch it was in is the one after them.
        const QList<TrainingRunRecord> interrupted = findInterruptedRuns(runs);
        QCOMPARE(interrupted.size(), 1);
        const TrainingRunRecord& run = interrupted.front();
        QCOMPARE(run.name, QStringLiteral("keyword-additive-1"));
        QVERIFY(run.running);
        const int saved = loadModelFile(run.modelPath()).state.epochsCompleted;
        qInfo("killed in epoch %d; the record said %d saved, the model file holds %d", killed.lastEpochStarted,
              killed.savedEpochs, saved);
        QVERIFY2(saved < kEpochs, "the run ended before it was killed: make its epochs longer");
        QVERIFY2(saved >= killed.lastEpochEnded, qPrintable(QStringLiteral("saved %1, ended %2").arg(saved).arg(killed.lastEpochEnded)));
        QVERIFY2(killed.lastEpochStarted - saved <= 1,
                 qPrintable(QStringLiteral("saved %1, in epoch %2").arg(saved).arg(killed.lastEpochStarted)));
        QVERIFY(run.epochsCompleted <= saved);  // the record never claims more than the model file holds

        // Resumed in this process, as the window resumes it.
        TrainingJob resumer;
        resumer.setRunsFolder(runs);
        QSignalSpy progress(&resumer, &TrainingJob::progress);
        const TrainingOutcome resumed = runToEnd(resumer, [&] { return resumer.continueRun(run); });
        QVERIFY2(resumed.status == TrainingStatus::Completed, qPrintable(resumed.message));
        QCOMPARE(resumed.epochsCompleted, kEpochs);
        QCOMPARE(resumed.runFolder, run.folder);
        // The saved epochs are reported again (the curves show the whole run), then training goes
        // on from the first unsaved epoch, not from the start.
        int firstTrained = 0;
        int replayedEnds = 0;
        for (const QList<QVariant>& arguments : progress) {
            const auto report = arguments.at(0).value<TrainingProgress>();
            if (report.samplesPerSecond > 0.0 && firstTrained == 0)
                firstTrained = report.epoch;
            if (firstTrained == 0 && report.epochEnd)
                ++replayedEnds;
        }
        QCOMPARE(replayedEnds, saved);
        QCOMPARE(firstTrained, saved + 1);
        const TrainingRunRecord after = readRunRecord(run.folder);
        QVERIFY(!after.running);
        QCOMPARE(after.epochsCompleted, kEpochs);
        QVERIFY(findInterruptedRuns(runs).isEmpty());

        // Bit for bit the uninterrupted run: the same binary on one thread, every epoch's shuffle
        // and dropout seeded from the run's seed and the epoch number, and Adam's moments and step
        // counts saved in full float precision leave nothing to differ, so no tolerance is allowed.
        LoadedModelFile a = loadModelFile(uninterrupted.modelPath);
        LoadedModelFile b = loadModelFile(resumed.modelPath);
        QCOMPARE(b.state.epochsCompleted, kEpochs);
        verifySameHistory(a.state.history, b.state.history);
        const auto left = a.model->named_parameters();
        const auto right = b.model->named_parameters();
        QCOMPARE(left.size(), right.size());
        for (const auto& item : left) {
            const torch::Tensor* other = right.find(item.key());
            QVERIFY2(other, item.key().c_str());
            QVERIFY2(torch::equal(item.value(), *other), item.key().c_str());
        }
    }

    // A run whose process died before its first epoch ended starts again from its setup.
    void runKilledBeforeItsFirstEpochStartsOver()
    {
        const QString runs = m_dir.filePath(QStringLiteral("early"));
        TrainingSetup setup = keywordRun();
        setup.taskOptions.count = 200;
        setup.training.epochs = 1;
        const QString folder = createRunFolder(runs, setup);
        TrainingRunRecord record;
        record.folder = folder;
        record.name = QFileInfo(folder).fileName();
        record.setup = setup;
        writeRunRecord(record);  // as the worker writes it before training: running, no epoch yet
        const QList<TrainingRunRecord> interrupted = findInterruptedRuns(runs);
        QCOMPARE(interrupted.size(), 1);
        QVERIFY(!QFileInfo::exists(interrupted.front().modelPath()));
        TrainingJob job;
        const TrainingOutcome outcome = runToEnd(job, [&] { return job.continueRun(interrupted.front()); });
        QVERIFY2(outcome.status == TrainingStatus::Completed, qPrintable(outcome.message));
        QCOMPARE(loadModelFile(outcome.modelPath).state.epochsCompleted, 1);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(RunRecoveryTest)
#include "tst_run_recovery.moc"
