// The GUI thread never waits on a file or a model: a run folder is read on a worker thread and
// its records arrive later, as signals (an older folder's are dropped); closing a model while it
// runs returns at once, and the run finishes on its own thread, which is then cleaned up.
// No clocks: "returned before the work was done" is checked by a signal that has not come yet
// when the call returns, or by a run held in flight until the test lets it go.

#include "runtime/InferenceWorker.h"
#include "runtime/LiveModel.h"
#include "runtime/RetiredThreads.h"
#include "runtime/RunWatcher.h"
#include "runtime/TrainingJob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>

using namespace studio;

namespace {

constexpr int kTimeoutMs = 120'000;
// How long a run is held in flight at most: only a broken build (a close that waits) reaches it.
constexpr int kHoldMs = 30'000;

void append(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

std::vector<double> losses(const QSignalSpy& records)
{
    std::vector<double> values;
    for (const QList<QVariant>& arguments : records)
        for (const MetricRecord& record : arguments.at(0).value<std::vector<MetricRecord>>())
            values.push_back(record.value(QStringLiteral("loss")));
    return values;
}

} // namespace

class OffGuiThreadTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void runFolderIsReadOnTheWorker()
    {
        QTemporaryDir run;
        const QString metrics = QDir(run.path()).filePath(QStringLiteral("metrics.jsonl"));
        append(metrics, "{\"step\": 1, \"loss\": 0.9}\n{\"step\": 2, \"loss\": 0.8}\n");
        RunWatcher watcher;
        QSignalSpy records(&watcher, &RunWatcher::recordsArrived);
        QCOMPARE(watcher.watch(run.path()), QString());
        QCOMPARE(records.count(), 0);  // watch() has read nothing itself
        QTRY_COMPARE_WITH_TIMEOUT(records.count(), 1, kTimeoutMs);
        QCOMPARE(losses(records), (std::vector<double>{0.9, 0.8}));

        append(metrics, "{\"step\": 3, \"loss\": 0.7}\n");
        watcher.pollNow();
        QCOMPARE(records.count(), 1);  // nor does pollNow()
        QTRY_COMPARE_WITH_TIMEOUT(records.count(), 2, kTimeoutMs);
        QCOMPARE(losses(records).back(), 0.7);
    }

    // A folder watched instead of another before its first read came back: only the new one's
    // records arrive.
    void anOlderFoldersReadIsDropped()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        append(QDir(first.path()).filePath(QStringLiteral("metrics.jsonl")), "{\"step\": 1, \"loss\": 1.5}\n");
        append(QDir(second.path()).filePath(QStringLiteral("metrics.jsonl")), "{\"step\": 1, \"loss\": 0.25}\n");
        RunWatcher watcher;
        QSignalSpy records(&watcher, &RunWatcher::recordsArrived);
        QCOMPARE(watcher.watch(first.path()), QString());
        QCOMPARE(watcher.watch(second.path()), QString());
        // Reads come back in the order they were asked for: the first folder's has come and gone.
        QTRY_COMPARE_WITH_TIMEOUT(records.count(), 1, kTimeoutMs);
        QCOMPARE(losses(records), std::vector<double>{0.25});
        QCOMPARE(watcher.folder(), QDir(second.path()).absolutePath());
    }

    void closingAModelDoesNotWaitForItsRun()
    {
        const QString path = trainModel();
        QVERIFY(!path.isEmpty());

        QSemaphore started;
        QSemaphore release;
        std::atomic<bool> runLetGo{false};
        std::atomic<QThread*> workerThread{nullptr};
        LiveModel::setRunHookForTests([&](const InferenceRequest&) {
            workerThread = QThread::currentThread();
            started.release();
            release.tryAcquire(1, kHoldMs);
            runLetGo = true;
        });
        auto* model = new LiveModel;
        QSignalSpy opened(model, &LiveModel::opened);
        model->open(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kTimeoutMs);
        model->request(InferenceRequest{QStringLiteral("the film was great")});
        QVERIFY(started.tryAcquire(1, kTimeoutMs));  // the run is on the worker now
        QPointer<QThread> thread(workerThread.load());
        QVERIFY(thread);

        delete model;       // returns while the run is held in flight
        QVERIFY(!runLetGo);
        QCOMPARE(retiredThreadsRunning(), 1);

        release.release();  // the run finishes, its answer goes nowhere, the thread is cleaned up
        QTRY_VERIFY_WITH_TIMEOUT(thread.isNull(), kTimeoutMs);
        QVERIFY(runLetGo);
        QCOMPARE(retiredThreadsRunning(), 0);
        LiveModel::setRunHookForTests({});
    }

private:
    QString trainModel()
    {
        TrainingJob job;
        QSignalSpy finished(&job, &TrainingJob::finished);
        TrainingSetup setup;
        setup.task = QStringLiteral("keyword");
        setup.taskOptions.count = 120;
        setup.taskOptions.length = 8;
        setup.model.hiddenSize = 4;
        setup.model.embeddingDim = 4;
        setup.training.epochs = 1;
        setup.training.batchSize = 16;
        setup.checkpointPath = m_dir.filePath(QStringLiteral("model.asmodel"));
        if (!job.start(setup))
            return {};
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeoutMs))
            return {};
        return QFileInfo::exists(setup.checkpointPath) ? setup.checkpointPath : QString();
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(OffGuiThreadTest)
#include "tst_off_gui_thread.moc"
