#include "runtime/WorkerSession.h"

#include "common/StudioError.h"

#include <ATen/Parallel.h>

#include <exception>

namespace studio {

std::unique_ptr<ModelSession> openOnWorkerThread(const QString& path, const SessionOptions& options, QString* error)
{
    // Torch's intra-op thread count is thread-local in effect for OpenMP: one per worker, as the
    // benchmarks chose (docs/BENCHMARKS.md).
    at::set_num_threads(1);
    try {
        return ModelSession::open(path, options);
    } catch (const StudioError& failure) {
        *error = failure.message();
    } catch (const std::exception& failure) {
        *error = QStringLiteral("%1 could not be opened: %2").arg(path, QString::fromLocal8Bit(failure.what()));
    }
    return nullptr;
}

} // namespace studio
