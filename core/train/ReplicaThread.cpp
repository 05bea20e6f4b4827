#include "train/ReplicaThread.h"

#include <utility>

namespace studio {

ReplicaThread::ReplicaThread()
    : m_thread([this] { loop(); })
{
}

ReplicaThread::~ReplicaThread()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ReplicaThread::start(std::function<void()> job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_job = std::move(job);
        m_busy = true;
        m_failure = nullptr;
    }
    m_changed.notify_all();
}

void ReplicaThread::wait()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_busy; });
    if (m_failure)
        std::rethrow_exception(std::exchange(m_failure, nullptr));
}

void ReplicaThread::loop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_busy || m_stopping; });
        if (!m_busy)
            return;  // stopping with nothing to do
        std::function<void()> job = std::move(m_job);
        lock.unlock();
        std::exception_ptr failure;
        try {
            job();
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        m_failure = failure;
        m_busy = false;
        m_changed.notify_all();
    }
}

} // namespace studio
