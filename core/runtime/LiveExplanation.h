#pragma once

// The explanation of the newest input, kept up to date as the user types (issue 13). Opens its own
// copy of the model on its own thread (runtime/ExplainWorker), so the model answering keystrokes
// never waits behind it. The answer arrives in stages, cheapest first; a newer input, newer
// options or another model stops the work in flight at its next stage and only the newest input
// is explained next. Lives on the GUI thread; idle while inactive (its panel hidden).

#include "common/Explanation.h"
#include "common/ValueTypes.h"
#include "session/ModelSession.h"  // SessionOptions; torch-free

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace studio {

class ExplainWorker;

class LiveExplanation : public QObject {
    Q_OBJECT
public:
    explicit LiveExplanation(QObject* parent = nullptr);
    // Does not wait for a run in flight (it stops at its next stage; see retireWorkerThread).
    ~LiveExplanation() override;

    // Opens `path` on the worker; the newest input is explained once it has opened. An empty path
    // closes the model.
    void open(const QString& path, const SessionOptions& options = {});
    const QString& path() const { return m_path; }
    void setInput(const InferenceRequest& input);
    void setOptions(const ExplainOptions& options);  // the progress callback is the worker's own
    const ExplainOptions& options() const { return m_options; }
    // Inactive: nothing new starts and the run in flight stops at its next stage. Becoming active
    // explains the newest input.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // A run or an open is on the worker.
    bool isBusy() const { return m_running || m_opening > 0; }

Q_SIGNALS:
    void opened(const studio::ModelSummary& summary);
    void openFailed(const QString& message);
    // Each stage's answer for the newest input, partial (complete false) then whole.
    void updated(const studio::Explanation& explanation);
    void failed(const QString& message);

private:
    void restart();   // the answer in flight (if any) is out of date: stop it and explain anew
    void dispatch();

    QThread* m_thread = nullptr;            // no parent: it outlives this object while a run stops
    ExplainWorker* m_worker = nullptr;      // owned by m_thread
    std::shared_ptr<std::atomic<quint64>> m_newest;  // the id a run must have to go on
    QString m_path;
    bool m_open = false;
    int m_opening = 0;                      // opens sent and not answered
    bool m_active = false;
    bool m_running = false;
    bool m_wanted = false;                  // the newest input has not been explained yet
    quint64 m_lastSent = 0;
    std::optional<InferenceRequest> m_input;
    ExplainOptions m_options;
};

} // namespace studio
