#pragma once

// Training from the window: the run goes on a worker thread; progress, epoch metrics and the
// attention of a few fixed probe examples come back as value types. Pause, resume and stop set
// atomic flags the training loop polls. Each run keeps its model file (rewritten after every
// epoch) and its setup in a folder of its own under the runs folder (TrainingRunFolder.h), so a
// run cut short by a crash can be found and continued. Lives on the GUI thread; no torch header here.

#include "common/ValueTypes.h"
#include "runtime/TrainingRunFolder.h"
#include "runtime/TrainingSetup.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace studio {

struct TrainingControl;
class TrainingWorker;

class TrainingJob : public QObject {
    Q_OBJECT
public:
    explicit TrainingJob(QObject* parent = nullptr);
    ~TrainingJob() override;  // stops a running job and waits for its thread

    // Where runs without a checkpointPath get their folders; defaultRunsFolder() unless set.
    void setRunsFolder(const QString& folder) { m_runsFolder = folder; }
    const QString& runsFolder() const { return m_runsFolder; }

    // Starts a run; returns false (and does nothing) while one is running. Without
    // setup.checkpointPath, the run gets a new folder under runsFolder() (named at once: runName()).
    bool start(const TrainingSetup& setup);
    // Continues an interrupted run (findInterruptedRuns) from its last saved epoch, with the
    // optimizer state and data order an uninterrupted run would have had. False while one is running.
    bool continueRun(const TrainingRunRecord& run);
    // Looks for interrupted runs under runsFolder() on the worker thread: interruptedRunsFound.
    void findInterruptedRuns();
    void pause();
    void resume();
    void stop();
    bool isRunning() const { return m_running; }
    bool isPaused() const;
    // Paused, and the step that was running has ended: nothing moves until resume() or stop().
    bool isHeld() const;
    // The run in progress, or the last one: its name (the run folder's, or the model file's) and setup.
    const QString& runName() const { return m_runName; }
    const TrainingSetup& runSetup() const { return m_runSetup; }

Q_SIGNALS:
    void started(const studio::ModelSummary& model, int epochs);
    void progress(const studio::TrainingProgress& progress);
    void importProgress(qint64 bytesDone, qint64 bytesTotal);  // reading a data file, before training
    void attentionRecorded(const studio::AttentionSnapshot& snapshot);
    void finished(const studio::TrainingOutcome& outcome);
    void interruptedRunsFound(const QList<studio::TrainingRunRecord>& runs);

private:
    // False while a run goes on; otherwise claims the job for `setup`'s run with fresh flags.
    bool beginRun(const TrainingSetup& setup);
    void failLater(const TrainingSetup& setup, const QString& message);

    QThread m_thread;
    TrainingWorker* m_worker = nullptr;
    std::shared_ptr<TrainingControl> m_control;
    QString m_runsFolder;
    QString m_runName;
    TrainingSetup m_runSetup;
    bool m_running = false;
};

} // namespace studio
