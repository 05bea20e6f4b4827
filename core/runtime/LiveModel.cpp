#include "runtime/LiveModel.h"

#include "runtime/InferenceWorker.h"
#include "runtime/RetiredThreads.h"

#include <algorithm>

namespace studio {

LiveModel::LiveModel(QObject* parent)
    : QObject(parent)
    , thread_(new QThread)
    , worker_(new InferenceWorker)
{
    qRegisterMetaType<studio::InferenceRequest>();
    qRegisterMetaType<studio::InferenceResult>();
    qRegisterMetaType<studio::ModelSummary>();
    worker_->moveToThread(thread_);
    // Deleted on its own thread as that thread ends (QThread runs deferred deletes when it finishes).
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    // The worker answers opens in the order they were sent; only the answer to the newest counts.
    connect(worker_, &InferenceWorker::opened, this, [this](const ModelSummary& summary) {
        held_ = openings_.front();
        openings_.pop_front();
        if (!openings_.empty())
            return;  // a newer open is on its way
        summary_ = summary;
        Q_EMIT opened(summary);
        rerun();  // a reopened model answers the newest input at once
    });
    connect(worker_, &InferenceWorker::openFailed, this, [this](const QString& message) {
        openings_.pop_front();
        if (!openings_.empty())
            return;
        if (held_) {
            // The worker kept the model it had: it goes on answering, with its own options.
            path_ = held_->path;
            options_ = held_->options;
        }
        Q_EMIT openFailed(message);
        rerun();
    });
    connect(worker_, &InferenceWorker::finished, this, &LiveModel::onFinished);
    connect(worker_, &InferenceWorker::failed, this, &LiveModel::onFailed);
    thread_->setObjectName(QStringLiteral("inference"));
    thread_->start();
}

LiveModel::~LiveModel()
{
    // The worker's signals to this object are disconnected by QObject's destructor, and answers
    // already queued are discarded with it: nothing reaches a deleted LiveModel.
    retireWorkerThread(thread_);
}

void LiveModel::open(const QString& path, const SessionOptions& options)
{
    Q_ASSERT(QThread::currentThread() == thread());
    path_ = path;
    options_ = options;
    openings_.push_back(Opening{path, options});
    ++lastSent_;  // an answer still on its way comes from the model being replaced: not shown
    InferenceWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, path, options] { worker->open(path, options); }, Qt::QueuedConnection);
}

void LiveModel::setRunHookForTests(RunHook hook)
{
    InferenceWorker::setRunHook(std::move(hook));
}

void LiveModel::request(const InferenceRequest& request)
{
    Q_ASSERT(QThread::currentThread() == thread());
    latest_ = request;
    pending_ = request;
    dispatch();
}

void LiveModel::setLayout(SequenceLayout layout)
{
    if (layout == layout_)
        return;
    layout_ = layout;
    rerun();
}

void LiveModel::setCandidate(int candidate)
{
    candidate = std::max(-1, candidate);
    if (candidate == candidate_)
        return;
    candidate_ = candidate;
    rerun();
}

void LiveModel::rerun()
{
    if (latest_) {
        pending_ = latest_;
        dispatch();
    }
}

void LiveModel::dispatch()
{
    // Requests wait while a run is on the worker and while a model is being opened.
    if (running_ || !isOpen() || !pending_)
        return;
    running_ = true;
    const quint64 id = ++lastSent_;
    // The model's own choices fill in what the request leaves open.
    InferenceRequest request = std::move(*pending_);
    pending_.reset();
    if (request.layout == SequenceLayout::Auto)
        request.layout = layout_;
    if (request.candidate < 0)
        request.candidate = candidate_;
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(quint64, id),
                              Q_ARG(studio::InferenceRequest, request));
}

void LiveModel::onFinished(quint64 requestId, const InferenceResult& result)
{
    running_ = false;
    // A newer request is waiting: this answer is already out of date, so it is not shown.
    if (requestId == lastSent_ && !pending_)
        Q_EMIT resultReady(result);
    dispatch();
}

void LiveModel::onFailed(quint64 requestId, const QString& message)
{
    running_ = false;
    if (requestId == lastSent_ && !pending_)
        Q_EMIT requestFailed(message);
    dispatch();
}

} // namespace studio
