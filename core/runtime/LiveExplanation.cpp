#include "runtime/LiveExplanation.h"

#include "runtime/ExplainWorker.h"
#include "runtime/RetiredThreads.h"

#include <QThread>

namespace studio {

LiveExplanation::LiveExplanation(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_newest(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<studio::Explanation>();
    qRegisterMetaType<studio::InferenceRequest>();
    qRegisterMetaType<studio::ModelSummary>();
    m_worker = new ExplainWorker(m_newest);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ExplainWorker::opened, this, [this](const ModelSummary& summary) {
        if (--m_opening > 0)
            return;  // a newer open is on its way
        m_open = true;
        Q_EMIT opened(summary);
        dispatch();
    });
    connect(m_worker, &ExplainWorker::openFailed, this, [this](const QString& message) {
        if (--m_opening > 0)
            return;
        m_open = false;
        Q_EMIT openFailed(message);
    });
    // Partial answers of a run that has gone stale may still be queued: only the newest id counts.
    connect(m_worker, &ExplainWorker::progressed, this, [this](quint64 id, const Explanation& partial) {
        if (id == m_lastSent && !m_wanted)
            Q_EMIT updated(partial);
    });
    connect(m_worker, &ExplainWorker::finished, this, [this](quint64 id, const Explanation& explanation) {
        m_running = false;
        if (id == m_lastSent && !m_wanted)
            Q_EMIT updated(explanation);
        dispatch();
    });
    connect(m_worker, &ExplainWorker::failed, this, [this](quint64 id, const QString& message) {
        m_running = false;
        if (id == m_lastSent && !m_wanted)
            Q_EMIT failed(message);
        dispatch();
    });
    m_thread->setObjectName(QStringLiteral("explain"));
    m_thread->start();
}

LiveExplanation::~LiveExplanation()
{
    m_newest->store(m_lastSent + 1);  // the run in flight stops at its next stage
    retireWorkerThread(m_thread);
}

void LiveExplanation::open(const QString& path, const SessionOptions& options)
{
    m_path = path;
    m_open = false;
    restart();
    if (path.isEmpty())
        return;
    ++m_opening;
    ExplainWorker* worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, path, options] { worker->open(path, options); }, Qt::QueuedConnection);
}

void LiveExplanation::setInput(const InferenceRequest& input)
{
    m_input = input;
    restart();
}

void LiveExplanation::setOptions(const ExplainOptions& options)
{
    m_options = options;
    m_options.progress = nullptr;
    restart();
}

void LiveExplanation::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        dispatch();
        return;
    }
    // Stop what runs; the input it explained is explained again on return.
    if (m_running)
        m_wanted = true;
    m_newest->store(m_lastSent + 1);
}

void LiveExplanation::restart()
{
    m_wanted = true;
    m_newest->store(m_lastSent + 1);
    dispatch();
}

void LiveExplanation::dispatch()
{
    // One run at a time: a stale one stops at its next stage and then the newest input goes.
    if (m_running || !m_active || !m_open || m_opening > 0 || !m_wanted || !m_input)
        return;
    m_running = true;
    m_wanted = false;
    const quint64 id = ++m_lastSent;
    m_newest->store(id);
    ExplainWorker* worker = m_worker;
    const InferenceRequest request = *m_input;
    const ExplainOptions options = m_options;
    QMetaObject::invokeMethod(
        m_worker, [worker, id, request, options] { worker->explain(id, request, options); }, Qt::QueuedConnection);
}

} // namespace studio
