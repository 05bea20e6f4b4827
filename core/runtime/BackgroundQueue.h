#pragma once

// One worker thread that reads files for an object on the GUI thread, so that thread never waits
// on a disk or parses: jobs run one after another, and each job's result comes back to the
// owner's thread as a plain value. Torch-free (ui/ uses it).
//
// Lifetime: the owner holds the queue as a member. Destroying it sets the cancel flag jobs poll
// (ImportControl::cancel), joins the thread (a reader stops within a megabyte) and drops the
// results not yet delivered, so a delivery never reaches a destroyed owner. Which results are
// stale (an older request overtaken by a newer one) is the owner's call: give each request an id.

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <utility>

namespace studio {

class BackgroundQueue {
public:
    explicit BackgroundQueue(const QString& threadName);
    ~BackgroundQueue();
    BackgroundQueue(const BackgroundQueue&) = delete;
    BackgroundQueue& operator=(const BackgroundQueue&) = delete;

    // Runs `job()` on the worker thread, then `deliver(result)` on the thread that made the queue.
    // Both are copied across threads: capture values (and `this` of the owner), never references.
    template <typename Job, typename Deliver>
    void post(Job job, Deliver deliver)
    {
        QObject* home = m_home;
        QMetaObject::invokeMethod(
            m_worker,
            [job = std::move(job), deliver = std::move(deliver), home]() mutable {
                auto result = job();
                QMetaObject::invokeMethod(
                    home, [deliver = std::move(deliver), result = std::move(result)]() mutable { deliver(std::move(result)); },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Set when the queue is being destroyed: a long job passes it as ImportControl::cancel.
    const std::atomic<bool>* cancelFlag() const { return &m_cancelled; }
    QThread* thread() { return &m_thread; }

private:
    QThread m_thread;
    QObject* m_worker = nullptr;  // lives on m_thread: jobs run through its event queue
    QObject* m_home = nullptr;    // lives on the owner's thread: results arrive through it
    std::atomic<bool> m_cancelled{false};
};

} // namespace studio
