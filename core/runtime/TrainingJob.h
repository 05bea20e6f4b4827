#pragma once

// Training from the window: the run goes on a worker thread; progress, epoch metrics and the
// attention of a few fixed probe examples come back as value types. Pause, resume and stop set
// atomic flags the training loop polls. Lives on the GUI thread; no torch header here.

#include "common/ValueTypes.h"
#include "data/BuiltinTasks.h"
#include "data/ForecastDataset.h"
#include "model/ModelConfig.h"
#include "train/TrainingConfig.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace studio {

struct TrainingControl;
class TrainingWorker;

struct TrainingSetup {
    QString task = QStringLiteral("keyword");  // a built-in task, used when dataFile is empty
    TaskOptions taskOptions;
    QString dataFile;         // text to classify: CSV, TSV, JSON, JSONL or a folder per class; or,
                              // when forecast.targetColumn is set, a series CSV to forecast
    ForecastSpec forecast;    // series: target, inputs, window and horizon (fractions: from training)
    ModelConfig model;        // input, vocabulary and head are fitted to the data; the rest as given
    TrainingConfig training;
    QString checkpointPath;   // written after every epoch; empty: a file in the temporary folder
    int probeCount = 4;       // validation examples whose attention is recorded
    int probeEverySteps = 0;  // also record every N steps; 0: at epoch ends only
};

// Where a finished (or stopped) run left its model.
struct TrainingOutcome {
    QString status;   // "completed", "early-stopped", "cancelled", "diverged", "failed"
    QString message;  // one sentence for the person who started it
    QString modelPath;
};

class TrainingJob : public QObject {
    Q_OBJECT
public:
    explicit TrainingJob(QObject* parent = nullptr);
    ~TrainingJob() override;  // stops a running job and waits for its thread

    // Starts a run; returns false (and does nothing) while one is running.
    bool start(const TrainingSetup& setup);
    void pause();
    void resume();
    void stop();
    bool isRunning() const { return running_; }
    bool isPaused() const;
    // Paused, and the step that was running has ended: nothing moves until resume() or stop().
    bool isHeld() const;

Q_SIGNALS:
    void started(const studio::ModelSummary& model, int epochs);
    void progress(const studio::TrainingProgress& progress);
    void importProgress(qint64 bytesDone, qint64 bytesTotal);  // reading a data file, before training
    void attentionRecorded(const studio::AttentionSnapshot& snapshot);
    void finished(const QString& status, const QString& message, const QString& modelPath);

private:
    QThread thread_;
    TrainingWorker* worker_ = nullptr;
    std::shared_ptr<TrainingControl> control_;
    bool running_ = false;
};

} // namespace studio

Q_DECLARE_METATYPE(studio::TrainingSetup)
