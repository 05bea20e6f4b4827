#include "runtime/TrainingJob.h"

#include "common/StudioError.h"
#include "runtime/TrainingWorker.h"
#include "train/Trainer.h"

#include <QFileInfo>
#include <QTimer>

namespace studio {

TrainingJob::TrainingJob(QObject* parent)
    : QObject(parent)
    , control_(std::make_shared<TrainingControl>())
    , runsFolder_(defaultRunsFolder())
{
    qRegisterMetaType<studio::TrainingSetup>();
    qRegisterMetaType<studio::TrainingOutcome>();
    qRegisterMetaType<studio::TrainingRunRecord>();
    qRegisterMetaType<QList<studio::TrainingRunRecord>>();
    qRegisterMetaType<studio::TrainingProgress>();
    qRegisterMetaType<studio::AttentionSnapshot>();
    qRegisterMetaType<studio::ModelSummary>();
    worker_ = new TrainingWorker(control_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &TrainingWorker::started, this, &TrainingJob::started);
    connect(worker_, &TrainingWorker::progress, this, &TrainingJob::progress);
    connect(worker_, &TrainingWorker::importProgress, this, &TrainingJob::importProgress);
    connect(worker_, &TrainingWorker::attentionRecorded, this, &TrainingJob::attentionRecorded);
    connect(worker_, &TrainingWorker::interruptedRunsFound, this, &TrainingJob::interruptedRunsFound);
    connect(worker_, &TrainingWorker::finished, this, [this](const TrainingOutcome& outcome) {
        running_ = false;
        Q_EMIT finished(outcome);
    });
    thread_.setObjectName(QStringLiteral("training"));
    thread_.start();
}

TrainingJob::~TrainingJob()
{
    control_->cancel = true;
    control_->pause = false;
    thread_.quit();
    thread_.wait();
}

bool TrainingJob::beginRun(const TrainingSetup& setup)
{
    if (running_)
        return false;
    running_ = true;
    control_->cancel = false;
    control_->pause = false;
    runSetup_ = setup;
    return true;
}

bool TrainingJob::start(const TrainingSetup& setup)
{
    if (!beginRun(setup))
        return false;
    QString folder;
    if (setup.checkpointPath.isEmpty()) {
        try {
            // Named here, on the caller's thread, so the run's name is known before it starts.
            folder = createRunFolder(runsFolder_, setup);
        } catch (const StudioError& error) {
            runName_.clear();
            failLater(setup, error.message());
            return true;
        }
        runName_ = QFileInfo(folder).fileName();
    } else {
        runName_ = QFileInfo(setup.checkpointPath).completeBaseName();
    }
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(studio::TrainingSetup, setup),
                              Q_ARG(QString, folder));
    return true;
}

bool TrainingJob::continueRun(const TrainingRunRecord& run)
{
    if (!beginRun(run.setup))
        return false;
    runName_ = run.name;
    QMetaObject::invokeMethod(worker_, "continueRun", Qt::QueuedConnection, Q_ARG(QString, run.folder));
    return true;
}

void TrainingJob::findInterruptedRuns()
{
    QMetaObject::invokeMethod(worker_, "findInterruptedRuns", Qt::QueuedConnection, Q_ARG(QString, runsFolder_));
}

void TrainingJob::failLater(const TrainingSetup& setup, const QString& message)
{
    TrainingOutcome outcome;
    outcome.status = TrainingStatus::Failed;
    outcome.message = message;
    outcome.setup = setup;
    // As every outcome arrives: after start() has returned.
    QTimer::singleShot(0, this, [this, outcome] {
        running_ = false;
        Q_EMIT finished(outcome);
    });
}

void TrainingJob::pause() { control_->pause = true; }
void TrainingJob::resume() { control_->pause = false; }
bool TrainingJob::isPaused() const { return control_->pause.load(); }
bool TrainingJob::isHeld() const { return control_->held.load(); }

void TrainingJob::stop()
{
    control_->cancel = true;
    control_->pause = false;
}

} // namespace studio
