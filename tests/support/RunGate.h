#pragma once

// Holds every LiveModel run at its start, on the worker thread, until the test lets it go
// (through LiveModel::setRunHookForTests). Requests given while a run is held arrive during that
// run, deterministically and without sleeps; the texts of the runs are recorded in order.
//
// Declare the gate after the models (or the window) it holds, so it is destroyed first: its
// destructor opens the gate, and a model can then stop its worker. The hook shares its state,
// so a worker that picked the hook up just before it was cleared still finds it alive.

#include "runtime/LiveModel.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QStringList>

#include <atomic>
#include <memory>

namespace studio::testing {

class RunGate {
public:
    RunGate()
        : state_(std::make_shared<State>())
    {
        LiveModel::setRunHookForTests([state = state_](const InferenceRequest& request) {
            {
                const QMutexLocker lock(&state->mutex);
                state->runs << request.text;
            }
            if (!state->open.load())
                state->proceed.acquire();
        });
    }
    ~RunGate()
    {
        LiveModel::setRunHookForTests({});
        open();
    }
    RunGate(const RunGate&) = delete;
    RunGate& operator=(const RunGate&) = delete;

    // How many runs have reached the gate: wait for one with QTRY_COMPARE (the GUI thread must
    // go on handling events, since it starts the next run when the previous one answers).
    int arrivals() const { return static_cast<int>(runs().size()); }
    // The held run goes on; the next one will be held again.
    void letOneRunGo() { state_->proceed.release(); }
    // No run is held any more (those held now go on).
    void open()
    {
        state_->open = true;
        state_->proceed.release(kManyRuns);
    }
    // The text of every run that reached the gate, oldest first.
    QStringList runs() const
    {
        const QMutexLocker lock(&state_->mutex);
        return state_->runs;
    }

private:
    static constexpr int kManyRuns = 1 << 20;  // more than any test asks for
    struct State {
        QMutex mutex;
        QStringList runs;
        QSemaphore proceed;
        std::atomic<bool> open{false};
    };
    std::shared_ptr<State> state_;
};

} // namespace studio::testing
