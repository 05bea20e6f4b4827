#include "runtime/SampleEvaluation.h"

#include "runtime/SampleEvaluationWorker.h"

#include <QFileInfo>

namespace studio {

SampleSource SampleSource::builtinTask(const QString& name, const TaskOptions& options)
{
    SampleSource source;
    source.kind = Kind::BuiltinTask;
    source.task = name;
    source.taskOptions = options;
    return source;
}

SampleSource SampleSource::textFile(const QString& path)
{
    SampleSource source;
    source.kind = Kind::TextFile;
    source.path = path;
    return source;
}

SampleSource SampleSource::validationSplit() const
{
    SampleSource source = *this;
    source.validationOnly = true;
    return source;
}

QString SampleSource::describe() const
{
    const QString data = kind == Kind::BuiltinTask ? QStringLiteral("the \"%1\" task").arg(task)
                                                   : QFileInfo(path).fileName();
    return validationOnly ? QStringLiteral("the validation split of %1").arg(data) : data;
}

int64_t SampleEvaluationResult::correctCount() const
{
    int64_t count = 0;
    for (const SampleRow& row : rows)
        count += row.correct ? 1 : 0;
    return count;
}

double SampleEvaluationResult::accuracy() const
{
    if (!classification || rows.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(correctCount()) / static_cast<double>(rows.size());
}

double SampleEvaluationResult::meanLoss() const
{
    if (rows.empty())
        return std::numeric_limits<double>::quiet_NaN();
    double total = 0.0;
    for (const SampleRow& row : rows)
        total += row.loss;
    return total / static_cast<double>(rows.size());
}

SampleEvaluation::SampleEvaluation(QObject* parent)
    : QObject(parent)
    , worker_(new SampleEvaluationWorker)
{
    qRegisterMetaType<studio::SampleEvaluationResult>();
    qRegisterMetaType<studio::AttentionMap>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    // Every signal of a run that is no longer the newest is dropped here.
    connect(worker_, &SampleEvaluationWorker::progress, this, [this](quint64 runId, qint64 done, qint64 total) {
        if (runId == lastRun_)
            Q_EMIT progress(done, total);
    });
    connect(worker_, &SampleEvaluationWorker::finished, this,
            [this](quint64 runId, const SampleEvaluationResult& result) {
                if (runId != lastRun_)
                    return;
                running_ = false;
                deliveredRun_ = runId;
                Q_EMIT finished(result);
            });
    connect(worker_, &SampleEvaluationWorker::failed, this, [this](quint64 runId, const QString& message) {
        if (runId != lastRun_)
            return;
        running_ = false;
        Q_EMIT failed(message);
    });
    connect(worker_, &SampleEvaluationWorker::attentionReady, this,
            [this](quint64 runId, qint64 exampleIndex, const AttentionMap& attention) {
                if (runId == deliveredRun_ && runId == lastRun_)
                    Q_EMIT attentionReady(exampleIndex, attention);
            });
    connect(worker_, &SampleEvaluationWorker::attentionFailed, this,
            [this](quint64 runId, qint64 exampleIndex, const QString& message) {
                if (runId == deliveredRun_ && runId == lastRun_)
                    Q_EMIT attentionFailed(exampleIndex, message);
            });
    thread_.setObjectName(QStringLiteral("sample-evaluation"));
    thread_.start();
}

SampleEvaluation::~SampleEvaluation()
{
    if (cancel_)
        cancel_->store(true);
    thread_.quit();
    thread_.wait();
}

void SampleEvaluation::start(const QString& modelPath, const SampleSource& source)
{
    cancel();  // the older run stops at its next batch; its answer is dropped by id
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    running_ = true;
    const quint64 runId = ++lastRun_;
    // A functor call: the arguments are copied into the event, no metatype registration needed.
    QMetaObject::invokeMethod(worker_, [worker = worker_, runId, modelPath, source, budget = attentionBudget_,
                                        flag = cancel_] { worker->evaluate(runId, modelPath, source, budget, flag); },
                              Qt::QueuedConnection);
}

void SampleEvaluation::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

void SampleEvaluation::requestAttention(int64_t exampleIndex)
{
    const quint64 runId = deliveredRun_;
    QMetaObject::invokeMethod(worker_, [worker = worker_, runId, exampleIndex] {
        worker->computeAttention(runId, exampleIndex);
    }, Qt::QueuedConnection);
}

} // namespace studio
