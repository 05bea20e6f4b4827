#pragma once

// Opening a model on a worker thread, the same for every worker that holds one (InferenceWorker,
// ExplainWorker): one intra-op thread, and any failure turned into a sentence naming the file.

#include "session/ModelSession.h"

#include <QString>

#include <memory>

namespace studio {

// The session, or null with *error set. Call on the worker's own thread.
std::unique_ptr<ModelSession> openOnWorkerThread(const QString& path, const SessionOptions& options, QString* error);

} // namespace studio
