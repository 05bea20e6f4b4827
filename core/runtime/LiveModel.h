#pragma once

// A model answering as the user types: requests go to a worker thread, and only the newest answer
// is shown. While the worker runs one request, newer ones replace each other in a single pending
// slot, so a burst of keystrokes costs at most one extra run, never a queue. Lives on the GUI thread.

#include "common/ValueTypes.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <optional>

namespace studio {

class InferenceWorker;

class LiveModel : public QObject {
    Q_OBJECT
public:
    explicit LiveModel(QObject* parent = nullptr);
    ~LiveModel() override;  // stops the worker thread and waits for it

    void open(const QString& path);
    // Latest wins: replaces any request not yet started.
    void request(const InferenceRequest& request);

    bool isOpen() const { return open_; }
    const ModelSummary& summary() const { return summary_; }

Q_SIGNALS:
    void opened(const studio::ModelSummary& summary);
    void openFailed(const QString& message);
    void resultReady(const studio::InferenceResult& result);
    void requestFailed(const QString& message);

private:
    void dispatch();
    void onFinished(quint64 requestId, const studio::InferenceResult& result);
    void onFailed(quint64 requestId, const QString& message);

    QThread thread_;
    InferenceWorker* worker_ = nullptr;  // owned by thread_ (deleteLater on finish)
    ModelSummary summary_;
    bool open_ = false;
    bool busy_ = false;
    std::optional<InferenceRequest> pending_;
    quint64 lastSent_ = 0;
};

} // namespace studio
