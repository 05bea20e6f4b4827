#pragma once

// The worker side of SampleEvaluation: loads the model and the data, checks that they fit,
// evaluates the examples in batches and scores each one. It keeps the model and data of its last
// run so an attention map that was not kept can be computed again. Lives on its own thread.

#include "analysis/DatasetExplanation.h"
#include "common/ValueTypes.h"
#include "runtime/SampleEvaluation.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace studio {

struct LoadedSamples;  // the model and data of the last run (torch inside)

class SampleEvaluationWorker : public QObject {
    Q_OBJECT
public:
    SampleEvaluationWorker();
    ~SampleEvaluationWorker() override;

    // Called through queued invocations from SampleEvaluation, on this object's thread.
    void evaluate(quint64 runId, const QString& modelPath, const studio::SampleSource& source, qint64 attentionBudget,
                  const std::shared_ptr<std::atomic<bool>>& cancel);
    void computeAttention(quint64 runId, qint64 exampleIndex);
    // Explains the examples `indices` of run `runId` (the one loaded) with `options`.
    void explain(quint64 explainId, quint64 runId, const std::vector<int64_t>& indices, const studio::ExplainOptions& options,
                 const std::shared_ptr<std::atomic<bool>>& cancel);

Q_SIGNALS:
    void progress(quint64 runId, qint64 done, qint64 total);
    void finished(quint64 runId, const studio::SampleEvaluationResult& result);
    void failed(quint64 runId, const QString& message);
    void attentionReady(quint64 runId, qint64 exampleIndex, const studio::AttentionMap& attention);
    void attentionFailed(quint64 runId, qint64 exampleIndex, const QString& message);
    void explanationProgress(quint64 explainId, qint64 done, qint64 total);
    void explained(quint64 explainId, const studio::DatasetExplanation& result);
    void explanationFailed(quint64 explainId, const QString& message);

private:
    std::unique_ptr<LoadedSamples> m_loaded;
    quint64 m_loadedRun = 0;
};

} // namespace studio
