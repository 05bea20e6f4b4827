#pragma once

// A model answering as the user types: requests go to a worker thread, and only the newest answer
// is shown. While the worker runs one request, newer ones replace each other in a single pending
// slot, so a burst of keystrokes costs at most one extra run, never a queue. Lives on the GUI thread.
//
// The person's choices for this one model travel with every request it runs (the sequence layout
// and the softmax candidate, for requests that leave them open) or in the options it is opened
// with (a Keras custom layer's formula): changing one re-runs the newest input on this model only.

#include "common/ValueTypes.h"
#include "session/ModelSession.h"  // SessionOptions; torch-free

#include <QObject>
#include <QString>
#include <QThread>

#include <deque>
#include <functional>
#include <optional>

namespace studio {

class InferenceWorker;

class LiveModel : public QObject {
    Q_OBJECT
public:
    explicit LiveModel(QObject* parent = nullptr);
    // Does not wait: a run in flight finishes on the worker thread, its answer goes nowhere, and
    // then the thread deletes the worker (with its model) and itself. Requests not started are
    // dropped. At application exit, workers still running are waited for (retireWorkerThread).
    ~LiveModel() override;

    // Opens `path` on the worker (the GUI thread never reads the file). Opening again — the same
    // file with other options, such as a Keras formula — replaces the model once the new one has
    // opened, and the newest input runs on it; if the new one cannot be opened, openFailed follows
    // and the previous model keeps answering.
    void open(const QString& path, const SessionOptions& options = {});
    // Latest wins: replaces any request not yet started.
    void request(const InferenceRequest& request);

    // Applied to every request that leaves them open (layout Auto, candidate -1); each change
    // re-runs the newest request.
    void setLayout(SequenceLayout layout);
    void setCandidate(int candidate);  // 0-based softmax index; -1: the first that fits
    SequenceLayout layout() const { return m_layout; }
    int candidate() const { return m_candidate; }

    // A model is open and no reopen is on its way.
    bool isOpen() const { return m_held.has_value() && m_openings.empty(); }
    const ModelSummary& summary() const { return m_summary; }
    // The file and options asked for last (those of the model answering, once it has opened).
    const QString& path() const { return m_path; }
    const SessionOptions& options() const { return m_options; }

    // For tests only: called on the worker thread just before each run of every LiveModel, with
    // the request as it will run. A test blocks in it to hold the worker while more requests
    // arrive (so stale answers and merged bursts can be driven without sleeps), and counts the
    // runs. An empty hook (the default) is never called; set it before the models run and clear
    // it before the test's gate goes away.
    using RunHook = std::function<void(const InferenceRequest& request)>;
    static void setRunHookForTests(RunHook hook);

Q_SIGNALS:
    void opened(const studio::ModelSummary& summary);
    void openFailed(const QString& message);
    void resultReady(const studio::InferenceResult& result);
    void requestFailed(const QString& message);

private:
    void rerun();
    void dispatch();
    void onFinished(quint64 requestId, const studio::InferenceResult& result);
    void onFailed(quint64 requestId, const QString& message);

    QThread* m_thread = nullptr;          // no parent: it outlives this object while a run finishes
    InferenceWorker* m_worker = nullptr;  // owned by m_thread (deleted when it finishes)
    ModelSummary m_summary;
    QString m_path;
    SessionOptions m_options;
    struct Opening {
        QString path;
        SessionOptions options;
    };
    std::deque<Opening> m_openings;     // opens sent to the worker and not answered yet, oldest first
    std::optional<Opening> m_held;      // the model the worker holds (kept when a reopen fails)
    bool m_running = false;             // a request is on the worker
    SequenceLayout m_layout = SequenceLayout::Auto;
    int m_candidate = -1;
    std::optional<InferenceRequest> m_pending;
    std::optional<InferenceRequest> m_latest;  // the newest request given, to re-run on a change
    quint64 m_lastSent = 0;
};

} // namespace studio
