// The workers behind the window: a LiveModel shows only the newest answer to a burst of inputs;
// a TrainingJob trains on its own thread, reports progress and the probes' attention every epoch,
// pauses, resumes and stops. Everything arrives as queued signals on this (the "GUI") thread.

#include "runtime/LiveModel.h"
#include "runtime/TrainingJob.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace studio;

namespace {

constexpr int kTrainingTimeoutMs = 120'000;

TrainingSetup smallKeywordRun(const QString& path, int epochs)
{
    TrainingSetup setup;
    setup.task = QStringLiteral("keyword");
    setup.taskOptions.count = 240;
    setup.taskOptions.length = 12;
    setup.model.hiddenSize = 8;
    setup.model.embeddingDim = 8;
    setup.model.bidirectional = true;
    setup.training.epochs = epochs;
    setup.training.batchSize = 16;
    setup.checkpointPath = path;
    setup.probeCount = 3;
    return setup;
}

} // namespace

class RuntimeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void trainingReportsAndFinishes()
    {
        TrainingJob job;
        QSignalSpy started(&job, &TrainingJob::started);
        QSignalSpy progress(&job, &TrainingJob::progress);
        QSignalSpy attention(&job, &TrainingJob::attentionRecorded);
        QSignalSpy finished(&job, &TrainingJob::finished);
        const QString path = m_dir.filePath(QStringLiteral("live.asmodel"));
        QVERIFY(job.start(smallKeywordRun(path, 3)));
        QVERIFY(!job.start(smallKeywordRun(path, 3)));  // one run at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTrainingTimeoutMs);

        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("completed"));
        QCOMPARE(finished.first().at(2).toString(), path);
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().at(1).toInt(), 3);
        // One snapshot before training and one per epoch, each with the three probes' attention.
        QCOMPARE(attention.count(), 4);
        for (int i = 0; i < attention.count(); ++i) {
            const auto snapshot = attention.at(i).at(0).value<AttentionSnapshot>();
            QCOMPARE(snapshot.epoch, i);
            QCOMPARE(snapshot.probes.size(), size_t(3));
            QCOMPARE(snapshot.probes.front().tokens.size(), qsizetype(snapshot.probes.front().values.size()));
        }
        // The attention changed while the model learned.
        const auto first = attention.first().at(0).value<AttentionSnapshot>();
        const auto last = attention.last().at(0).value<AttentionSnapshot>();
        QVERIFY(first.probes.front().values != last.probes.front().values);
        // Epoch ends always reach the window; steps in between are merged.
        int epochEnds = 0;
        for (const auto& arguments : progress)
            epochEnds += arguments.at(0).value<TrainingProgress>().epochEnd ? 1 : 0;
        QCOMPARE(epochEnds, 3);
        QVERIFY(!job.isRunning());
    }

    void pauseResumeAndStop()
    {
        TrainingJob job;
        QSignalSpy progress(&job, &TrainingJob::progress);
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup = smallKeywordRun(m_dir.filePath(QStringLiteral("stopped.asmodel")), 200);
        setup.taskOptions.count = 2000;
        QVERIFY(job.start(setup));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, kTrainingTimeoutMs);
        job.pause();
        QVERIFY(job.isPaused());
        QTest::qWait(300);  // let a step in flight finish
        const qsizetype whilePaused = progress.count();
        QTest::qWait(500);
        QCOMPARE(progress.count(), whilePaused);  // nothing moves while paused
        job.resume();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > whilePaused, kTrainingTimeoutMs);
        job.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTrainingTimeoutMs);
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cancelled"));
    }

    // A series CSV from the window: windows of the past W steps forecast the next value, and the
    // probes' attention spreads over those W steps.
    void forecastingFromASeriesFile()
    {
        TrainingJob job;
        QSignalSpy started(&job, &TrainingJob::started);
        QSignalSpy attention(&job, &TrainingJob::attentionRecorded);
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup = smallKeywordRun(m_dir.filePath(QStringLiteral("sunspots.asmodel")), 2);
        setup.dataFile = QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/sunspots.csv");
        setup.forecast.targetColumn = QStringLiteral("SUNACTIVITY");
        setup.forecast.window = 8;
        QVERIFY(job.start(setup));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTrainingTimeoutMs);
        QVERIFY2(finished.first().at(0).toString() == QStringLiteral("completed"), qPrintable(finished.first().at(1).toString()));
        const auto summary = started.first().at(0).value<ModelSummary>();
        QVERIFY(summary.input == ModelInputKind::Series);
        QVERIFY(summary.labels.isEmpty());  // a regression: the window shows MAE, not accuracy
        const auto last = attention.last().at(0).value<AttentionSnapshot>();
        QCOMPARE(last.probes.front().shape, std::vector<int64_t>{8});

        setup.forecast.targetColumn = QStringLiteral("NOT_A_COLUMN");
        QVERIFY(job.start(setup));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTrainingTimeoutMs);
        QCOMPARE(finished.last().at(0).toString(), QStringLiteral("failed"));
        QVERIFY2(finished.last().at(1).toString().contains(QStringLiteral("NOT_A_COLUMN")), qPrintable(finished.last().at(1).toString()));
    }

    void badSetupIsReported()
    {
        TrainingJob job;
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup = smallKeywordRun(m_dir.filePath(QStringLiteral("bad.asmodel")), 2);
        setup.dataFile = m_dir.filePath(QStringLiteral("missing.csv"));
        QVERIFY(job.start(setup));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTrainingTimeoutMs);
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("failed"));
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("missing.csv")),
                 qPrintable(finished.first().at(1).toString()));
    }

    // A burst of keystrokes: only the newest text's answer is shown.
    void liveModelShowsOnlyTheNewestAnswer()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.asmodel"));
        QVERIFY2(QFileInfo::exists(path), "trainingReportsAndFinishes writes the model");
        LiveModel model;
        QSignalSpy opened(&model, &LiveModel::opened);
        QSignalSpy results(&model, &LiveModel::resultReady);
        model.open(path);
        const QStringList typed{QStringLiteral("t"), QStringLiteral("th"), QStringLiteral("the"),
                                QStringLiteral("the film"), QStringLiteral("the film was great")};
        for (const QString& text : typed)
            model.request(InferenceRequest{text});
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(results.count() >= 1, 30'000);
        QTest::qWait(200);  // nothing older may arrive after the newest
        QCOMPARE(results.count(), 1);
        const auto result = results.last().at(0).value<InferenceResult>();
        QCOMPARE(result.attention.tokens, QStringList({QStringLiteral("the"), QStringLiteral("film"), QStringLiteral("was"),
                                                       QStringLiteral("great")}));
        QCOMPARE(result.attention.shape, std::vector<int64_t>{4});
        QVERIFY(!result.label.isEmpty());
    }

    void liveModelReportsABadFile()
    {
        LiveModel model;
        QSignalSpy failed(&model, &LiveModel::openFailed);
        model.open(m_dir.filePath(QStringLiteral("nothing.pt")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30'000);
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("nothing.pt")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(RuntimeTest)
#include "tst_runtime.moc"
