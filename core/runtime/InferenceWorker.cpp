#include "runtime/InferenceWorker.h"

#include "common/StudioError.h"
#include "runtime/WorkerSession.h"
#include "session/ModelSession.h"


#include <QMutex>
#include <QMutexLocker>

#include <exception>

namespace studio {
namespace {

// Set from the test's thread, read on every worker: guarded, and copied out before it is called
// so a hook that blocks does not hold the lock.
QMutex g_runHookMutex;
std::function<void(const InferenceRequest&)> g_runHook;

} // namespace

void InferenceWorker::setRunHook(std::function<void(const InferenceRequest&)> hook)
{
    const QMutexLocker lock(&g_runHookMutex);
    g_runHook = std::move(hook);
}

InferenceWorker::InferenceWorker() = default;
InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::open(const QString& path, const SessionOptions& options)
{
    QString error;
    std::unique_ptr<ModelSession> session = openOnWorkerThread(path, options, &error);
    if (!session) {
        Q_EMIT openFailed(error);  // the model opened before, if any, stays
        return;
    }
    m_session = std::move(session);
    Q_EMIT opened(m_session->summary());
}

void InferenceWorker::run(quint64 requestId, const InferenceRequest& request)
{
    std::function<void(const InferenceRequest&)> hook;
    {
        const QMutexLocker lock(&g_runHookMutex);
        hook = g_runHook;
    }
    if (hook)
        hook(request);
    if (!m_session) {
        Q_EMIT failed(requestId, QStringLiteral("No model is open."));
        return;
    }
    try {
        Q_EMIT finished(requestId, m_session->run(request));
    } catch (const StudioError& error) {
        Q_EMIT failed(requestId, error.message());
    } catch (const std::exception& error) {
        Q_EMIT failed(requestId, QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace studio
