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
    , m_worker(new SampleEvaluationWorker)
{
    qRegisterMetaType<studio::SampleEvaluationResult>();
    qRegisterMetaType<studio::AttentionMap>();
    qRegisterMetaType<studio::DatasetExplanation>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Every signal of a run that is no longer the newest is dropped here.
    connect(m_worker, &SampleEvaluationWorker::progress, this, [this](quint64 runId, qint64 done, qint64 total) {
        if (runId == m_lastRun)
            Q_EMIT progress(done, total);
    });
    connect(m_worker, &SampleEvaluationWorker::finished, this,
            [this](quint64 runId, const SampleEvaluationResult& result) {
                if (runId != m_lastRun)
                    return;
                m_running = false;
                m_deliveredRun = runId;
                Q_EMIT finished(result);
            });
    connect(m_worker, &SampleEvaluationWorker::failed, this, [this](quint64 runId, const QString& message) {
        if (runId != m_lastRun)
            return;
        m_running = false;
        Q_EMIT failed(message);
    });
    connect(m_worker, &SampleEvaluationWorker::attentionReady, this,
            [this](quint64 runId, qint64 exampleIndex, const AttentionMap& attention) {
                if (runId == m_deliveredRun && runId == m_lastRun)
                    Q_EMIT attentionReady(exampleIndex, attention);
            });
    connect(m_worker, &SampleEvaluationWorker::attentionFailed, this,
            [this](quint64 runId, qint64 exampleIndex, const QString& message) {
                if (runId == m_deliveredRun && runId == m_lastRun)
                    Q_EMIT attentionFailed(exampleIndex, message);
            });
    connect(m_worker, &SampleEvaluationWorker::explanationProgress, this, [this](quint64 explainId, qint64 done, qint64 total) {
        if (explainId == m_lastExplain)
            Q_EMIT explanationProgress(done, total);
    });
    connect(m_worker, &SampleEvaluationWorker::explained, this, [this](quint64 explainId, const DatasetExplanation& result) {
        if (explainId != m_lastExplain)
            return;
        m_explaining = false;
        Q_EMIT explained(result);
    });
    connect(m_worker, &SampleEvaluationWorker::explanationFailed, this, [this](quint64 explainId, const QString& message) {
        if (explainId != m_lastExplain)
            return;
        m_explaining = false;
        Q_EMIT explanationFailed(message);
    });
    m_thread.setObjectName(QStringLiteral("sample-evaluation"));
    m_thread.start();
}

SampleEvaluation::~SampleEvaluation()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void SampleEvaluation::start(const QString& modelPath, const SampleSource& source)
{
    cancel();  // the older run (and an explanation of its rows) stops at its next batch; its answer is dropped by id
    ++m_lastExplain;
    m_explaining = false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    const quint64 runId = ++m_lastRun;
    // A functor call: the arguments are copied into the event, no metatype registration needed.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, runId, modelPath, source, budget = m_attentionBudget,
                                        flag = m_cancel] { worker->evaluate(runId, modelPath, source, budget, flag); },
                              Qt::QueuedConnection);
}

void SampleEvaluation::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_explainCancel)
        m_explainCancel->store(true);
}

void SampleEvaluation::explain(const std::vector<int64_t>& exampleIndices, const ExplainOptions& options)
{
    if (m_explainCancel)
        m_explainCancel->store(true);  // an older explanation stops at its next stage; dropped by id
    m_explainCancel = std::make_shared<std::atomic<bool>>(false);
    m_explaining = true;
    const quint64 explainId = ++m_lastExplain;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, explainId, runId = m_deliveredRun, exampleIndices, options,
                                        flag = m_explainCancel] { worker->explain(explainId, runId, exampleIndices, options, flag); },
                              Qt::QueuedConnection);
}

void SampleEvaluation::requestAttention(int64_t exampleIndex)
{
    const quint64 runId = m_deliveredRun;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, runId, exampleIndex] {
        worker->computeAttention(runId, exampleIndex);
    }, Qt::QueuedConnection);
}

} // namespace studio
