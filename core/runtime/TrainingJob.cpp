#include "runtime/TrainingJob.h"

#include "common/StudioError.h"
#include "runtime/TrainingWorker.h"
#include "train/Trainer.h"

#include <QFileInfo>
#include <QTimer>

namespace studio {

TrainingJob::TrainingJob(QObject* parent)
    : QObject(parent)
    , m_control(std::make_shared<TrainingControl>())
    , m_runsFolder(defaultRunsFolder())
{
    qRegisterMetaType<studio::TrainingSetup>();
    qRegisterMetaType<studio::TrainingOutcome>();
    qRegisterMetaType<studio::TrainingRunRecord>();
    qRegisterMetaType<QList<studio::TrainingRunRecord>>();
    qRegisterMetaType<studio::TrainingProgress>();
    qRegisterMetaType<studio::AttentionSnapshot>();
    qRegisterMetaType<studio::ModelSummary>();
    m_worker = new TrainingWorker(m_control);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::started, this, &TrainingJob::started);
    connect(m_worker, &TrainingWorker::progress, this, &TrainingJob::progress);
    connect(m_worker, &TrainingWorker::importProgress, this, &TrainingJob::importProgress);
    connect(m_worker, &TrainingWorker::attentionRecorded, this, &TrainingJob::attentionRecorded);
    connect(m_worker, &TrainingWorker::interruptedRunsFound, this, &TrainingJob::interruptedRunsFound);
    connect(m_worker, &TrainingWorker::finished, this, [this](const TrainingOutcome& outcome) {
        m_running = false;
        Q_EMIT finished(outcome);
    });
    m_thread.setObjectName(QStringLiteral("training"));
    m_thread.start();
}

TrainingJob::~TrainingJob()
{
    m_control->cancel = true;
    m_control->pause = false;
    m_thread.quit();
    m_thread.wait();
}

bool TrainingJob::beginRun(const TrainingSetup& setup)
{
    if (m_running)
        return false;
    m_running = true;
    m_control->cancel = false;
    m_control->pause = false;
    m_runSetup = setup;
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
            folder = createRunFolder(m_runsFolder, setup);
        } catch (const StudioError& error) {
            m_runName.clear();
            failLater(setup, error.message());
            return true;
        }
        m_runName = QFileInfo(folder).fileName();
    } else {
        m_runName = QFileInfo(setup.checkpointPath).completeBaseName();
    }
    QMetaObject::invokeMethod(m_worker, "run", Qt::QueuedConnection, Q_ARG(studio::TrainingSetup, setup),
                              Q_ARG(QString, folder));
    return true;
}

bool TrainingJob::continueRun(const TrainingRunRecord& run)
{
    if (!beginRun(run.setup))
        return false;
    m_runName = run.name;
    QMetaObject::invokeMethod(m_worker, "continueRun", Qt::QueuedConnection, Q_ARG(QString, run.folder));
    return true;
}

void TrainingJob::findInterruptedRuns()
{
    QMetaObject::invokeMethod(m_worker, "findInterruptedRuns", Qt::QueuedConnection, Q_ARG(QString, m_runsFolder));
}

void TrainingJob::failLater(const TrainingSetup& setup, const QString& message)
{
    TrainingOutcome outcome;
    outcome.status = TrainingStatus::Failed;
    outcome.message = message;
    outcome.setup = setup;
    // As every outcome arrives: after start() has returned.
    QTimer::singleShot(0, this, [this, outcome] {
        m_running = false;
        Q_EMIT finished(outcome);
    });
}

void TrainingJob::pause() { m_control->pause = true; }
void TrainingJob::resume() { m_control->pause = false; }
bool TrainingJob::isPaused() const { return m_control->pause.load(); }
bool TrainingJob::isHeld() const { return m_control->held.load(); }

void TrainingJob::stop()
{
    m_control->cancel = true;
    m_control->pause = false;
}

} // namespace studio
