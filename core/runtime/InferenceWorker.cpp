#include "runtime/InferenceWorker.h"

#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <ATen/Parallel.h>

#include <exception>

namespace studio {
namespace {

std::function<void()>& runStartHook()
{
    static std::function<void()> hook;
    return hook;
}

} // namespace

void InferenceWorker::setRunStartHook(std::function<void()> hook)
{
    runStartHook() = std::move(hook);
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
        session_ = ModelSession::open(path, options);
        Q_EMIT opened(session_->summary());
    } catch (const StudioError& error) {
        Q_EMIT openFailed(error.message());
    } catch (const std::exception& error) {
        Q_EMIT openFailed(QStringLiteral("%1 could not be opened: %2").arg(path, QString::fromLocal8Bit(error.what())));
    }
}

void InferenceWorker::run(quint64 requestId, const InferenceRequest& request)
{
    if (runStartHook())
        runStartHook()();
    if (!session_) {
        Q_EMIT failed(requestId, QStringLiteral("No model is open."));
        return;
    }
    try {
        Q_EMIT finished(requestId, session_->run(request));
    } catch (const StudioError& error) {
        Q_EMIT failed(requestId, error.message());
    } catch (const std::exception& error) {
        Q_EMIT failed(requestId, QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace studio
