#pragma once

// The worker side of TrainingJob: builds the data and the model, runs the Trainer, keeps the run's
// folder up to date, and reports.

#include "common/ValueTypes.h"
#include "runtime/TrainingJob.h"

#include <QList>
#include <QObject>

#include <memory>

namespace studio {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(std::shared_ptr<TrainingControl> control);

public Q_SLOTS:
    // `runFolder`: the run's new folder (TrainingJob made it), or empty for setup.checkpointPath.
    void run(const studio::TrainingSetup& setup, const QString& runFolder);
    void continueRun(const QString& runFolder);
    void findInterruptedRuns(const QString& runsFolder);

Q_SIGNALS:
    void started(const studio::ModelSummary& model, int epochs);
    void progress(const studio::TrainingProgress& progress);
    void importProgress(qint64 bytesDone, qint64 bytesTotal);  // reading a data file, before training
    void attentionRecorded(const studio::AttentionSnapshot& snapshot);
    void finished(const studio::TrainingOutcome& outcome);
    void interruptedRunsFound(const QList<studio::TrainingRunRecord>& runs);

private:
    void train(const TrainingSetup& setup, const QString& runFolder, bool resuming);

    std::shared_ptr<TrainingControl> m_control;
};

} // namespace studio
