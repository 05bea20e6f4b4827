#pragma once

// The worker side of TrainingJob: builds the data and the model, runs the Trainer, and reports.

#include "common/ValueTypes.h"
#include "runtime/TrainingJob.h"

#include <QObject>

#include <memory>

namespace studio {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(std::shared_ptr<TrainingControl> control);

public Q_SLOTS:
    void run(const studio::TrainingSetup& setup);

Q_SIGNALS:
    void started(const studio::ModelSummary& model, int epochs);
    void progress(const studio::TrainingProgress& progress);
    void importProgress(qint64 bytesDone, qint64 bytesTotal);  // reading a data file, before training
    void attentionRecorded(const studio::AttentionSnapshot& snapshot);
    void finished(const QString& status, const QString& message, const QString& modelPath);

private:
    std::shared_ptr<TrainingControl> control_;
};

} // namespace studio
