#pragma once

// The sample browser for models from other frameworks (TorchScript, Keras): every labelled text
// of a file through the one model interface (ModelSession), one run per text, scored as
// `attention-cli evaluate --data` scores it (LabelledScore). Native models take the batched path
// of SampleEvaluationWorker instead. Runs on the worker thread; no torch here.

#include "data/TextCorpus.h"
#include "runtime/SampleEvaluation.h"
#include "session/ModelSession.h"

#include <atomic>
#include <functional>
#include <memory>

namespace studio {

struct SessionSamples {
    std::unique_ptr<ModelSession> session;
    std::optional<TextCorpus> corpus;
};

// Opens the model, reads the labelled texts and scores up to source.maxExamples of them;
// `progress(done, total)` is called after each text (the caller rate-limits). Throws StudioError
// naming the model or the file.
SampleEvaluationResult scoreWithSession(SessionSamples& samples, const QString& modelPath, const SampleSource& source,
                                        qint64 attentionBudget, const std::atomic<bool>& cancel,
                                        const std::function<void(qint64, qint64)>& progress);

// The attention of one text again (a map that was not kept within the budget).
AttentionMap sessionAttention(SessionSamples& samples, int64_t index);

} // namespace studio
