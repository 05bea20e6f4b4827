#pragma once

// Explains inputs of one model on its own thread (issue 13), with its own session of the model's
// file: typing never waits behind an explanation, because the model that answers keystrokes
// (InferenceWorker) is another object on another thread. LiveExplanation owns it.

#include "common/Explanation.h"
#include "common/ValueTypes.h"
#include "session/ModelSession.h"  // SessionOptions; torch-free

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace studio {

class ExplainWorker : public QObject {
    Q_OBJECT
public:
    // `newest`: the id of the newest request the owner wants. A run whose id is older stops at its
    // next stage (ExplainOptions::progress), so newer input cancels older work.
    explicit ExplainWorker(std::shared_ptr<const std::atomic<quint64>> newest);
    ~ExplainWorker() override;

    void open(const QString& path, const studio::SessionOptions& options);
    // Every stage's partial answer goes out as `progressed` while the run is the newest; the run
    // always ends with `finished` (its answer partial when newer input stopped it) or `failed`.
    void explain(quint64 requestId, const studio::InferenceRequest& request, const studio::ExplainOptions& options);

    // For tests only: called on the worker thread after each stage of every run (before it is
    // decided whether the run goes on), with the request and the stage's partial answer. A test
    // blocks in it to hold a run between stages while newer input arrives. Empty: never called.
    using StageHook = std::function<void(const InferenceRequest& request, const Explanation& partial)>;
    static void setStageHookForTests(StageHook hook);

Q_SIGNALS:
    void opened(const studio::ModelSummary& summary);
    void openFailed(const QString& message);
    void progressed(quint64 requestId, const studio::Explanation& partial);
    void finished(quint64 requestId, const studio::Explanation& explanation);
    void failed(quint64 requestId, const QString& message);

private:
    std::shared_ptr<const std::atomic<quint64>> m_newest;
    std::unique_ptr<ModelSession> m_session;
};

} // namespace studio
