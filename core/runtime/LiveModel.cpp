#include "runtime/LiveModel.h"

#include "runtime/InferenceWorker.h"
#include "runtime/RetiredThreads.h"

#include <algorithm>

namespace studio {

LiveModel::LiveModel(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new InferenceWorker)
{
    qRegisterMetaType<studio::InferenceRequest>();
    qRegisterMetaType<studio::InferenceResult>();
    qRegisterMetaType<studio::ModelSummary>();
    m_worker->moveToThread(m_thread);
    // Deleted on its own thread as that thread ends (QThread runs deferred deletes when it finishes).
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // The worker answers opens in the order they were sent; only the answer to the newest counts.
    connect(m_worker, &InferenceWorker::opened, this, [this](const ModelSummary& summary) {
        m_held = m_openings.front();
        m_openings.pop_front();
        if (!m_openings.empty())
            return;  // a newer open is on its way
        m_summary = summary;
        Q_EMIT opened(summary);
        rerun();  // a reopened model answers the newest input at once
    });
    connect(m_worker, &InferenceWorker::openFailed, this, [this](const QString& message) {
        m_openings.pop_front();
        if (!m_openings.empty())
            return;
        if (m_held) {
            // The worker kept the model it had: it goes on answering, with its own options.
            m_path = m_held->path;
            m_options = m_held->options;
        }
        Q_EMIT openFailed(message);
        rerun();
    });
    connect(m_worker, &InferenceWorker::finished, this, &LiveModel::onFinished);
    connect(m_worker, &InferenceWorker::failed, this, &LiveModel::onFailed);
    m_thread->setObjectName(QStringLiteral("inference"));
    m_thread->start();
}

LiveModel::~LiveModel()
{
    // The worker's signals to this object are disconnected by QObject's destructor, and answers
    // already queued are discarded with it: nothing reaches a deleted LiveModel.
    retireWorkerThread(m_thread);
}

void LiveModel::open(const QString& path, const SessionOptions& options)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_path = path;
    m_options = options;
    m_openings.push_back(Opening{path, options});
    ++m_lastSent;  // an answer still on its way comes from the model being replaced: not shown
    InferenceWorker* worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker, path, options] { worker->open(path, options); }, Qt::QueuedConnection);
}

void LiveModel::setRunHookForTests(RunHook hook)
{
    InferenceWorker::setRunHook(std::move(hook));
}

void LiveModel::request(const InferenceRequest& request)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_latest = request;
    m_pending = request;
    dispatch();
}

void LiveModel::setLayout(SequenceLayout layout)
{
    if (layout == m_layout)
        return;
    m_layout = layout;
    rerun();
}

void LiveModel::setCandidate(int candidate)
{
    candidate = std::max(-1, candidate);
    if (candidate == m_candidate)
        return;
    m_candidate = candidate;
    rerun();
}

void LiveModel::rerun()
{
    if (m_latest) {
        m_pending = m_latest;
        dispatch();
    }
}

void LiveModel::dispatch()
{
    // Requests wait while a run is on the worker and while a model is being opened.
    if (m_running || !isOpen() || !m_pending)
        return;
    m_running = true;
    const quint64 id = ++m_lastSent;
    // The model's own choices fill in what the request leaves open.
    InferenceRequest request = std::move(*m_pending);
    m_pending.reset();
    if (request.layout == SequenceLayout::Auto)
        request.layout = m_layout;
    if (request.candidate < 0)
        request.candidate = m_candidate;
    QMetaObject::invokeMethod(m_worker, "run", Qt::QueuedConnection, Q_ARG(quint64, id),
                              Q_ARG(studio::InferenceRequest, request));
}

void LiveModel::onFinished(quint64 requestId, const InferenceResult& result)
{
    m_running = false;
    // A newer request is waiting: this answer is already out of date, so it is not shown.
    if (requestId == m_lastSent && !m_pending)
        Q_EMIT resultReady(result);
    dispatch();
}

void LiveModel::onFailed(quint64 requestId, const QString& message)
{
    m_running = false;
    if (requestId == m_lastSent && !m_pending)
        Q_EMIT requestFailed(message);
    dispatch();
}

} // namespace studio
