#include "runtime/BackgroundQueue.h"

namespace studio {

BackgroundQueue::BackgroundQueue(const QString& threadName)
    : m_worker(new QObject)
    , m_home(new QObject)
{
    m_thread.setObjectName(threadName);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

BackgroundQueue::~BackgroundQueue()
{
    m_cancelled = true;
    m_thread.quit();   // jobs not started yet are not run
    m_thread.wait();   // a job under way sees the flag and stops early
    delete m_worker;   // its thread has finished: nothing runs on it any more
    delete m_home;     // with it go the deliveries still queued
}

} // namespace studio
