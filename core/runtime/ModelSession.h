#pragma once

// One open model, native (.asmodel) or TorchScript, that answers inputs as a person gives them:
// text is tokenized as the model was trained (or as its meta.json says), series are scaled. The
// views and the CLI see only value types; no torch header here.
// Not thread-safe: one worker thread owns a session and runs it.

#include "common/ValueTypes.h"

#include <QString>

#include <memory>

namespace studio {

class ModelSession {
public:
    // Opens either kind of file; throws StudioError with a sentence naming the file.
    static std::unique_ptr<ModelSession> open(const QString& path);
    virtual ~ModelSession() = default;

    virtual ModelSummary summary() const = 0;
    // Runs the model on one input. Empty text gives an empty result. Throws StudioError when the
    // input does not fit the model.
    virtual InferenceResult run(const InferenceRequest& request) = 0;
};

} // namespace studio
