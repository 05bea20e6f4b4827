#pragma once

// Runs one ModelSession on its own thread. LiveModel owns it; nothing else talks to it.

#include "common/ValueTypes.h"
#include "session/ModelSession.h"  // SessionOptions; torch-free

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace studio {

class InferenceWorker : public QObject {
    Q_OBJECT
public:
    InferenceWorker();
    ~InferenceWorker() override;

    // For tests: runs on the worker thread as each request starts, e.g. to hold a run in flight
    // while the test closes the model. Set it before the requests it should see are made.
    static void setRunStartHook(std::function<void()> hook);

public Q_SLOTS:
    // Opens `path` with `options` (a Keras formula, tokenizer, ...). When it cannot, the model
    // opened before, if any, stays and goes on answering.
    void open(const QString& path, const studio::SessionOptions& options);
    void run(quint64 requestId, const studio::InferenceRequest& request);

Q_SIGNALS:
    void opened(const studio::ModelSummary& summary);
    void openFailed(const QString& message);
    void finished(quint64 requestId, const studio::InferenceResult& result);
    void failed(quint64 requestId, const QString& message);

private:
    std::unique_ptr<ModelSession> session_;
};

} // namespace studio
