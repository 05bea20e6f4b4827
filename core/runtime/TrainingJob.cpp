#include "runtime/TrainingJob.h"

#include "runtime/TrainingWorker.h"
#include "train/Trainer.h"

namespace studio {

TrainingJob::TrainingJob(QObject* parent)
    : QObject(parent)
    , control_(std::make_shared<TrainingControl>())
{
    qRegisterMetaType<studio::TrainingSetup>();
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
    connect(worker_, &TrainingWorker::finished, this,
            [this](const QString& status, const QString& message, const QString& modelPath) {
                running_ = false;
                Q_EMIT finished(status, message, modelPath);
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

bool TrainingJob::start(const TrainingSetup& setup)
{
    if (running_)
        return false;
    running_ = true;
    control_->cancel = false;
    control_->pause = false;
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(studio::TrainingSetup, setup));
    return true;
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
