#include "runtime/InferenceWorker.h"

#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <ATen/Parallel.h>

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
    // Torch's intra-op thread count is thread-local in effect for OpenMP: one per worker, as the
    // benchmarks chose (docs/BENCHMARKS.md).
    at::set_num_threads(1);
    try {
        // Assigned only once opened: a failed reopen leaves the previous session in place.
        m_session = ModelSession::open(path, options);
        Q_EMIT opened(m_session->summary());
    } catch (const StudioError& error) {
        Q_EMIT openFailed(error.message());
    } catch (const std::exception& error) {
        Q_EMIT openFailed(QStringLiteral("%1 could not be opened: %2").arg(path, QString::fromLocal8Bit(error.what())));
    }
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
