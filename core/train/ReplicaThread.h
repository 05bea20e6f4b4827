#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace studio {

// A thread that lives as long as the training run and runs one job at a time for it. Kept rather
// than started per step: what a thread sets up for itself (oneDNN's stream and scratchpad, torch's
// thread settings) is then set up once, and a step costs a wake-up, not a thread start.
class ReplicaThread {
public:
    ReplicaThread();
    ~ReplicaThread();
    ReplicaThread(const ReplicaThread&) = delete;
    ReplicaThread& operator=(const ReplicaThread&) = delete;

    // Hands `job` to the thread; returns at once. One job at a time: wait() before the next.
    void start(std::function<void()> job);
    // Blocks until the job has finished; rethrows what it threw.
    void wait();

private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::function<void()> m_job;
    bool m_busy = false;
    bool m_stopping = false;
    std::exception_ptr m_failure;
    std::thread m_thread;  // last: starts once the members above exist
};

} // namespace studio
