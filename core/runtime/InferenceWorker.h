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

    // LiveModel::setRunHookForTests: one hook for every worker, called before each run.
    static void setRunHook(std::function<void(const InferenceRequest&)> hook);

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
    std::unique_ptr<ModelSession> m_session;
};

} // namespace studio
