#include "runtime/LiveModel.h"

#include "runtime/InferenceWorker.h"

namespace studio {

LiveModel::LiveModel(QObject* parent)
    : QObject(parent)
    , worker_(new InferenceWorker)
{
    qRegisterMetaType<studio::InferenceRequest>();
    qRegisterMetaType<studio::InferenceResult>();
    qRegisterMetaType<studio::ModelSummary>();
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &InferenceWorker::opened, this, [this](const ModelSummary& summary) {
        summary_ = summary;
        open_ = true;
        busy_ = false;
        Q_EMIT opened(summary);
        dispatch();
    });
    connect(worker_, &InferenceWorker::openFailed, this, [this](const QString& message) {
        busy_ = false;
        Q_EMIT openFailed(message);
    });
    connect(worker_, &InferenceWorker::finished, this, &LiveModel::onFinished);
    connect(worker_, &InferenceWorker::failed, this, &LiveModel::onFailed);
    thread_.setObjectName(QStringLiteral("inference"));
    thread_.start();
}

LiveModel::~LiveModel()
{
    thread_.quit();
    thread_.wait();
}

void LiveModel::open(const QString& path)
{
    open_ = false;
    busy_ = true;  // requests wait until the model is open
    QMetaObject::invokeMethod(worker_, "open", Qt::QueuedConnection, Q_ARG(QString, path));
}

void LiveModel::request(const InferenceRequest& request)
{
    pending_ = request;
    dispatch();
}

void LiveModel::dispatch()
{
    if (busy_ || !open_ || !pending_)
        return;
    busy_ = true;
    const quint64 id = ++lastSent_;
    QMetaObject::invokeMethod(worker_, "run", Qt::QueuedConnection, Q_ARG(quint64, id),
                              Q_ARG(studio::InferenceRequest, *pending_));
    pending_.reset();
}

void LiveModel::onFinished(quint64 requestId, const InferenceResult& result)
{
    busy_ = false;
    // A newer request is waiting: this answer is already out of date, so it is not shown.
    if (requestId == lastSent_ && !pending_)
        Q_EMIT resultReady(result);
    dispatch();
}

void LiveModel::onFailed(quint64 requestId, const QString& message)
{
    busy_ = false;
    if (requestId == lastSent_ && !pending_)
        Q_EMIT requestFailed(message);
    dispatch();
}

} // namespace studio
